"""Write the rule documentation pages to docs/rules/ (one per built-in rule, and an index).

    python scripts/rule_docs.py           # write the pages (and delete pages of rules gone)
    python scripts/rule_docs.py --check   # exit 1 if a page is missing, stale or left over

The pages are generated from the packs in rules/ by newslint.report.rule_pages; edit the packs,
not the pages. tests/test_rule_docs.py fails when the pages are stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newslint.config.packs import builtin_packs, load_packs
from newslint.report.rule_pages import pages

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def expected() -> dict[str, str]:
    """The pages the built-in packs give, by file name."""
    return pages(load_packs(builtin_packs()))


def stale(folder: Path = DOCS) -> list[str]:
    """The file names in ``folder`` that are missing, differ from what they should be, or
    belong to no rule."""
    want = expected()
    have = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    wrong = [
        name
        for name, text in want.items()
        if name not in have or (folder / name).read_text(encoding="utf-8") != text
    ]
    return sorted(wrong + sorted(have - set(want)))


def write(folder: Path = DOCS) -> int:
    """Write every page; delete pages of rules that are gone; the number of files changed."""
    folder.mkdir(parents=True, exist_ok=True)
    want = expected()
    changed = stale(folder)
    for name in changed:
        path = folder / name
        if name in want:
            path.write_text(want[name], encoding="utf-8")
        else:
            path.unlink()
    return len(changed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether pages are stale")
    parser.add_argument("--dir", type=Path, default=DOCS, help=f"the pages' folder ({DOCS})")
    args = parser.parse_args()
    if args.check:
        wrong = stale(args.dir)
        for name in wrong:
            print(f"{args.dir / name} is stale (python scripts/rule_docs.py rewrites it)")
        return 1 if wrong else 0
    count = write(args.dir)
    print(f"{count} page{'s' * (count != 1)} written to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
