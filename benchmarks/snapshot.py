"""Every finding on the English eval pages, as .txt and as .md, and its SHA-256 digest.

A refactoring that must not change behaviour compares the digest (or the JSON written with
``--output``) before and after; with ``--exact`` every rule runs exactly (no narrowing, as
``NEWSLINT_EXACT=1``), which must give the same digest. Reads ``../shared/eval`` (never copied
here).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_corpus import DEFAULT_EVAL, english_rows

import newslint
from newslint.config.project import Config


def snapshot(eval_dir: Path) -> list[dict[str, object]]:
    """The findings of every English page linted as a text file and as a Markdown file."""
    config = Config(None)
    rows: list[dict[str, object]] = []
    for name, row in english_rows(eval_dir, "snapshot.py"):
        for suffix in (".txt", ".md"):
            path = f"{name}/{row['id']}{suffix}"
            findings = newslint.lint_text(row["naive_text"], path=path, config=config)
            rows.append({"path": path, "findings": [f.to_dict() for f in findings]})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--output", type=Path, help="write the findings as JSON here")
    parser.add_argument("--exact", action="store_true", help="run every rule exactly")
    args = parser.parse_args()
    if args.exact:
        os.environ["NEWSLINT_EXACT"] = "1"
    rows = snapshot(args.eval_dir)
    blob = json.dumps(rows, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if args.output:
        args.output.write_bytes(blob)
    count = sum(len(r["findings"]) for r in rows)  # type: ignore[arg-type]
    print(f"{len(rows)} documents, {count} findings, sha256 {hashlib.sha256(blob).hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
