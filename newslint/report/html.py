"""``--format html``: one self-contained page for editors.

Each article is shown with its findings highlighted in place (colour by category, message on
hover and listed beside), under a summary table and followed by the diff ``fix`` would apply.
"""

from __future__ import annotations

import difflib
from collections import Counter
from html import escape

from newslint.core.model import Finding, Severity
from newslint.report import FileReport
from newslint.version import __version__

COLORS = {
    "artifact": "#f6a5a5",
    "boilerplate": "#cdb8f6",
    "casing": "#ffe08a",
    "quotes": "#a9d9f2",
    "punctuation": "#bce7b3",
    "encoding": "#f8c9a0",
    "repetition": "#f5b6d8",
    "grammar": "#dcdca6",
    "readability": "#c5d7e0",
    "style": "#e3cdb0",
}
FALLBACK_COLOR = "#dddddd"
INLINE_DIFF_LIMIT = 20_000  # characters of a changed line pair worth a character-level diff

CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #222;
  padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; word-break: break-all; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .2rem .6rem; text-align: left; vertical-align: top; }
td.count { text-align: right; }
.swatch { display: inline-block; width: .9em; height: .9em; border: 1px solid #999;
  vertical-align: middle; margin-right: .3em; }
pre.article { white-space: pre-wrap; overflow-wrap: anywhere; font: 15px/1.7 Georgia, serif;
  background: #fcfcfa; border: 1px solid #ddd; padding: 1rem; }
mark.hl { color: inherit; border-bottom: 2px solid #888; padding: 0 1px; }
mark.hl.error { border-bottom-color: #c00; }
mark.hl.warning { border-bottom: 2px dashed #c60; }
mark.hl.info { border-bottom: 2px dotted #06c; }
mark.hl.overlap { outline: 1px solid #555; }
mark.hl.point::before { content: "\\2038"; color: #c00; font-weight: bold; }
mark.hl:hover { outline: 2px solid #000; }
ol.findings { padding-left: 1.5rem; } ol.findings li { margin: .3rem 0; }
.sev { font-size: .8em; font-weight: bold; text-transform: uppercase; }
.sev.error { color: #c00; } .sev.warning { color: #c60; } .sev.info { color: #06c; }
.fixnote { color: #555; font-style: italic; }
pre.diff { white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.5 monospace;
  border: 1px solid #ddd; padding: .5rem; }
pre.diff span { display: inline-block; width: 100%; }
pre.diff .add { background: #e6ffec; } pre.diff .del { background: #ffebe9; }
pre.diff .hunk { color: #6639ba; }
pre.diff ins { background: #abf2bc; text-decoration: none; }
pre.diff del { background: #ffc1bd; text-decoration: none; }
.clean { color: #080; }
"""


def _span_title(finding: Finding) -> str:
    return f"{finding.rule} {finding.name} ({finding.severity}): {finding.message}"


def _mark(text: str, covering: list[int], findings: list[Finding], ids: list[str]) -> str:
    """One highlighted piece: coloured by its most severe finding, titled with all of them."""
    lead = max(covering, key=lambda i: (findings[i].severity, -i))
    classes = ["hl", f"cat-{findings[lead].category}", str(findings[lead].severity)]
    if len(covering) > 1:
        classes.append("overlap")
    if not text:
        classes.append("point")
    first = [i for i in covering if ids[i]]
    anchor = ""
    if first:
        anchor = f' id="{ids[first[0]]}"'
        for i in first:
            ids[i] = ""
    title = "\n".join(_span_title(findings[i]) for i in covering)
    numbers = " ".join(str(i) for i in covering)
    return (
        f'<mark{anchor} class="{" ".join(classes)}" data-findings="{numbers}" '
        f'title="{escape(title)}">{escape(text)}</mark>'
    )


def highlight(text: str, findings: list[Finding], prefix: str) -> str:
    """``text`` escaped, with every finding's exact span inside ``<mark>`` elements.

    Overlapping spans are cut into pieces; each piece lists the findings covering it in
    ``data-findings`` (indexes into ``findings``), so a finding's text is the concatenation
    of its pieces. Empty spans become empty ``point`` marks.
    """
    ids = [f"{prefix}-{i}" for i in range(len(findings))]
    bounds = sorted({0, len(text)} | {f.start for f in findings} | {f.end for f in findings})
    out: list[str] = []
    for a, b in zip(bounds, [*bounds[1:], None], strict=True):
        points = [i for i, f in enumerate(findings) if f.start == f.end == a]
        out.extend(_mark("", [i], findings, ids) for i in points)
        if b is None:
            break
        covering = [
            i for i, f in enumerate(findings) if f.start <= a and b <= f.end and f.start < f.end
        ]
        piece = text[a:b]
        out.append(_mark(piece, covering, findings, ids) if covering else escape(piece))
    return "".join(out)


def _inline_pair(old: str, new: str) -> tuple[str, str]:
    """A removed and an added line with the changed characters wrapped in del/ins."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(escape(old[i1:i2]))
            right.append(escape(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(f"<del>{escape(old[i1:i2])}</del>")
        if j2 > j1:
            right.append(f"<ins>{escape(new[j1:j2])}</ins>")
    return "".join(left), "".join(right)


def diff_html(path: str, before: str, after: str) -> str:
    """A unified diff of ``before`` -> ``after`` as HTML, with changed characters marked."""
    lines = list(
        difflib.unified_diff(
            before.splitlines(),
            after.splitlines(),
            f"a/{path.lstrip('/')}",
            f"b/{path.lstrip('/')}",
            lineterm="",
        )
    )
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if (i < 2 and line.startswith(("---", "+++"))) or line.startswith("@@"):
            out.append(f'<span class="hunk">{escape(line)}</span>')
        elif line.startswith("-"):
            removed = []
            while i < len(lines) and lines[i].startswith("-"):
                removed.append(lines[i][1:])
                i += 1
            added = []
            while i < len(lines) and lines[i].startswith("+"):
                added.append(lines[i][1:])
                i += 1
            size = sum(map(len, removed)) + sum(map(len, added))
            if len(removed) == len(added) and size <= INLINE_DIFF_LIMIT:
                pairs = [_inline_pair(old, new) for old, new in zip(removed, added, strict=True)]
                olds, news = [p[0] for p in pairs], [p[1] for p in pairs]
            else:
                olds, news = [escape(x) for x in removed], [escape(x) for x in added]
            out.extend(f'<span class="del">-{x}</span>' for x in olds)
            out.extend(f'<span class="add">+{x}</span>' for x in news)
            continue
        elif line.startswith("+"):
            out.append(f'<span class="add">{escape(line)}</span>')
        else:
            out.append(escape(line))
        i += 1
    return "\n".join(out)


def _fix_section(report: FileReport) -> str:
    preview = report.preview
    if preview is None:
        return ""
    noun = "fix" if preview.fixes == 1 else "fixes"
    if report.fixed:
        head = f"Changes made by <code>newslint fix</code> ({preview.fixes} {noun})"
    else:
        head = f"What <code>newslint fix</code> would change ({preview.fixes} safe {noun})"
    if preview.before == preview.after:
        return f'<h3>{head}</h3>\n<p class="clean">No changes.</p>'
    diff = diff_html(report.path, preview.before, preview.after)
    return f'<h3>{head}</h3>\n<pre class="diff">{diff}</pre>'


def _finding_item(finding: Finding, anchor: str) -> str:
    fix = ""
    if finding.fix:
        fix = f' <span class="fixnote">fix ({finding.fix.applicability}): '
        fix += f"{escape(finding.fix.title)}</span>"
    return (
        f'<li><a href="#{anchor}">{finding.line}:{finding.column}</a> '
        f'<span class="sev {finding.severity}">{finding.severity}</span> '
        f'<span class="swatch cat-{finding.category}"></span><code>{finding.rule}</code> '
        f"{escape(finding.name)}: {escape(finding.message)}{fix}</li>"
    )


def _article(index: int, report: FileReport) -> str:
    prefix = f"f{index}"
    body = highlight(report.text, report.findings, prefix)
    count = len(report.findings)
    items = "\n".join(_finding_item(f, f"{prefix}-{i}") for i, f in enumerate(report.findings))
    listing = f'<ol class="findings">\n{items}\n</ol>' if items else '<p class="clean">Clean.</p>'
    return (
        f'<section class="file" id="file-{index}" data-path="{escape(report.path)}">\n'
        f"<h2>{escape(report.path)} ({count} finding{'' if count == 1 else 's'})</h2>\n"
        f'<pre class="article">{body}</pre>\n{listing}\n{_fix_section(report)}\n</section>'
    )


def _summary(reports: list[FileReport]) -> str:
    findings = [f for r in reports for f in r.findings]
    counts = Counter(f.rule for f in findings)
    first = {f.rule: f for f in reversed(findings)}
    rows = []
    for rule in sorted(counts, key=lambda r: (-counts[r], r)):
        f = first[rule]
        fixes = sorted({str(x.fix.applicability) for x in findings if x.rule == rule and x.fix})
        rows.append(
            f"<tr><td><code>{rule}</code></td><td>{escape(f.name)}</td>"
            f'<td><span class="swatch cat-{f.category}"></span>{escape(f.category)}</td>'
            f'<td><span class="sev {f.severity}">{f.severity}</span></td>'
            f'<td class="count">{counts[rule]}</td><td>{", ".join(fixes) or "-"}</td></tr>'
        )
    files = "\n".join(
        f'<tr><td><a href="#file-{i}">{escape(r.path)}</a></td>'
        f'<td class="count">{len(r.findings)}</td></tr>'
        for i, r in enumerate(reports)
    )
    rules_table = (
        "<table><thead><tr><th>Rule</th><th>Name</th><th>Category</th><th>Severity</th>"
        "<th>Count</th><th>Fix</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>"
        if rows
        else '<p class="clean">No findings.</p>'
    )
    return (
        f'<section id="summary"><h2>Summary</h2>\n{rules_table}\n'
        "<table><thead><tr><th>File</th><th>Findings</th></tr></thead>\n"
        f"<tbody>\n{files}\n</tbody></table></section>"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render(reports: list[FileReport], *, color: bool = False, quiet: bool = False) -> str:
    categories = "\n".join(
        f"mark.hl.cat-{name}, .swatch.cat-{name} {{ background: {value}; }}"
        for name, value in COLORS.items()
    )
    total = sum(len(r.findings) for r in reports)
    errors = sum(1 for r in reports for f in r.findings if f.severity == Severity.ERROR)
    articles = "\n".join(_article(i, r) for i, r in enumerate(reports))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newslint report: {_count(total, "finding")} in {_count(len(reports), "file")}</title>
<style>{CSS}
mark.hl, .swatch {{ background: {FALLBACK_COLOR}; }}
{categories}
</style>
</head>
<body>
<h1>newslint report</h1>
<p>{_count(total, "finding")} ({_count(errors, "error")}) in {_count(len(reports), "file")}.
newslint {__version__}.
Hover a highlight for its message; the list under each article gives every finding.</p>
{_summary(reports)}
{articles}
</body>
</html>
"""
