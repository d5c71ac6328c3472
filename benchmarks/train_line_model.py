"""Train the learned line model (kind ``line_model``) on the tuning pages, reproducibly.

Reads the English pages of ``../shared/eval`` (never copied here). Each mode (``article``,
``paragraphs``) is one corpus: its corpus evidence is counted as ``check --corpus`` counts it,
and every line labelled ``boilerplate`` (1) or ``content``/``headline`` (0) gets the features of
:mod:`newslint.checks.line_features`. A logistic regression (L2, Newton's method, NumPy) is
fitted on standardised features; the score threshold is the lowest at which at most
``--max-fp`` of the content lines score above it. Prints five-fold cross-validated figures
(folds by page: the model never sees the page it scores) before the in-sample ones, and writes
the weights.

    .venv/bin/python benchmarks/train_line_model.py [--eval-dir DIR] [--output FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from eval_corpus import DEFAULT_EVAL, english_rows

from newslint.checks.line_features import FEATURES_VERSION, NAMES, line_features
from newslint.corpus.evidence import Evidence, SiteView
from newslint.corpus.units import UNITS_VERSION, document_keys

REPO = Path(__file__).resolve().parent.parent
POSITIVE, NEGATIVE = ("boilerplate",), ("content", "headline")


def page_rows(eval_dir: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels, page numbers and line lengths of every labelled line."""
    features, labels, pages, lengths = [], [], [], []
    page = 0
    for mode in ("article", "paragraphs"):
        names = [f"readability.{mode}", f"trafilatura.{mode}"]
        rows = [row for _, row in english_rows(eval_dir, "train_line_model.py", names)]
        rows = [row for row in rows if row["naive_text"]]
        evidence = Evidence()
        for row in rows:
            evidence.add("", document_keys(row["naive_text"], ""))
        for row in rows:
            text = row["naive_text"]
            kept = [
                (line.strip(), label)
                for line, label in zip(text.split("\n"), row["line_labels"], strict=True)
                if line.strip()
            ]
            view = SiteView(evidence, "", text)
            by_index = line_features([t for t, _ in kept], view)
            for values, (line, label) in zip(by_index.values(), kept, strict=True):
                if label in POSITIVE or label in NEGATIVE:
                    features.append(values)
                    labels.append(label in POSITIVE)
                    pages.append(page)
                    lengths.append(len(line))
            page += 1
    return (np.array(features), np.array(labels, dtype=float), np.array(pages), np.array(lengths))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Logistic regression weights and bias (Newton's method on the L2-penalised loss)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty * w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def threshold_for(scores: np.ndarray, y: np.ndarray, max_fp: float) -> float:
    """The lowest score threshold at which at most ``max_fp`` of the content lines score more."""
    content = np.sort(scores[y == 0])[::-1]
    allowed = int(max_fp * len(content))
    return float(content[allowed]) if allowed < len(content) else 0.0


def scores_of(
    x: np.ndarray, mean: np.ndarray, scale: np.ndarray, w: np.ndarray, b: float
) -> np.ndarray:
    return 1 / (1 + np.exp(-(((x - mean) / scale) @ w + b)))


def evaluate(name: str, scores: np.ndarray, y: np.ndarray, lengths: np.ndarray, cut: float) -> None:
    flagged = scores > cut
    bp, content = y == 1, y == 0
    short = bp & (lengths <= 100)
    print(
        f"{name}: boilerplate {flagged[bp].mean():.1%} (lines <= 100 chars"
        f" {flagged[short].mean():.1%}), content {flagged[content].mean():.2%}"
        f" ({int(flagged[content].sum())} of {int(content.sum())})"
    )


def train(x: np.ndarray, y: np.ndarray, max_fp: float) -> dict[str, object]:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    w, b = fit((x - mean) / scale, y)
    cut = threshold_for(scores_of(x, mean, scale, w, b), y, max_fp)
    return {"mean": mean, "scale": scale, "weights": w, "bias": b, "threshold": cut}


def cross_validate(x, y, pages, lengths, max_fp: float, folds: int = 5) -> None:
    scores = np.zeros(len(y))
    cuts = []
    for fold in range(folds):
        held = pages % folds == fold
        model = train(x[~held], y[~held], max_fp)
        scores[held] = scores_of(
            x[held], model["mean"], model["scale"], model["weights"], model["bias"]
        )
        cuts.append(model["threshold"])
    # each fold's lines are scored by a model that never saw their page, at that model's cut
    flagged = np.zeros(len(y), dtype=bool)
    for fold in range(folds):
        held = pages % folds == fold
        flagged[held] = scores[held] > cuts[fold]
    evaluate(f"{folds}-fold cross-validated", flagged.astype(float), y, lengths, 0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument(
        "--output", type=Path, default=REPO / "rules" / "models" / "chrome-lines.json"
    )
    parser.add_argument("--max-fp", type=float, default=0.002, help="share of content lines")
    args = parser.parse_args()
    x, y, pages, lengths = page_rows(args.eval_dir)
    print(f"{len(y)} labelled lines ({int(y.sum())} boilerplate) on {pages.max() + 1} pages")
    cross_validate(x, y, pages, lengths, args.max_fp)
    model = train(x, y, args.max_fp)
    scores = scores_of(x, model["mean"], model["scale"], model["weights"], model["bias"])
    evaluate("in-sample", scores, y, lengths, model["threshold"])
    data = {
        "format": "newslint-line-model",
        "features_version": FEATURES_VERSION,
        "units_version": UNITS_VERSION,
        "features": list(NAMES),
        "mean": [round(float(v), 6) for v in model["mean"]],
        "scale": [round(float(v), 6) for v in model["scale"]],
        "weights": [round(float(v), 6) for v in model["weights"]],
        "bias": round(float(model["bias"]), 6),
        "threshold": round(float(model["threshold"]), 6),
        "trained_on": "English tuning pages of ../shared/eval (readability and trafilatura,"
        " article and paragraphs modes, each mode one corpus)",
        "made_by": "benchmarks/train_line_model.py",
    }
    args.output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    for name, weight in sorted(zip(NAMES, data["weights"], strict=True), key=lambda t: -abs(t[1]))[
        :10
    ]:
        print(f"  {name:<22} {weight:+.3f}")
    print(f"threshold {data['threshold']:.4f}; wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
