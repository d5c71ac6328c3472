"""Issue 11's attacks as black-box tests (a package, so that its conftest is not the suite's)."""
