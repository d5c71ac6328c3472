"""newslint's version: one place, read by the package metadata (pyproject.toml) and the code."""

__version__ = "0.1.0"
