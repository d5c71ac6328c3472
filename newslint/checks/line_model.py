"""Kind ``line_model``: page chrome scored by a learned line model, with corpus evidence.

Each line gets the features of :mod:`newslint.checks.line_features` (its shape, its place among the
page's prose, and how many other pages of its site hold it and its neighbours) and a logistic
score from the weights in ``model`` (a JSON file in the built-in ``rules/models/``, made by
``benchmarks/train_line_model.py``). Lines of at most ``max_length`` characters scoring above
``threshold`` (default: the model's own) are flagged, with an unsafe deletion: a model may be
wrong, so only a person applies it. Lines the site repeats on ``defer_min_documents`` other
pages and a ``defer_min_share`` of them are left to ``repeated_across_corpus``, whose evidence
is plain. Without corpus evidence the kind finds nothing.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newslint.checks.base import line_deletion
from newslint.checks.line_features import FEATURES_VERSION, NAMES, line_features
from newslint.config.validation import option
from newslint.core.blocks import Block
from newslint.core.data_files import builtin_pack_dir
from newslint.core.document import Document
from newslint.core.lines import text_lines
from newslint.core.model import Applicability, Hit
from newslint.core.site_evidence import SiteEvidence

CAN_FIX = True
MESSAGE_VALUES = ("score",)  # for messages, besides {match}
NEEDS_CORPUS = True  # finds nothing without corpus evidence (tests/test_corpus.py shows it)


@dataclass
class Options:
    model: str = option("chrome-lines.json", fullmatch=r"[\w-]+(?:\.[\w-]+)*\.json")
    threshold: float | None = None
    max_length: int = option(300, minimum=1)
    defer_min_documents: int = option(3, minimum=1)
    defer_min_share: float = option(0.1, minimum=0)


class LineModel:
    """Standardised features, weights and bias of a logistic line model."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != "newslint-line-model":
            raise ValueError("not a newslint line model")
        if data.get("features_version") != FEATURES_VERSION or data.get("features") != list(NAMES):
            raise ValueError("the model was trained on other features: train it again")
        self.mean = [float(v) for v in data["mean"]]
        self.scale = [float(v) or 1.0 for v in data["scale"]]
        self.weights = [float(v) for v in data["weights"]]
        self.bias = float(data["bias"])
        self.threshold = float(data["threshold"])

    @classmethod
    def builtin(cls, name: str) -> LineModel:
        path = builtin_pack_dir() / "models" / name
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")))
        except OSError:
            raise ValueError(f"key 'model': no built-in model {name!r}") from None
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"key 'model': {name!r} is no usable line model ({exc})") from None

    def score(self, features: list[float]) -> float:
        total = self.bias
        for value, mean, scale, weight in zip(
            features, self.mean, self.scale, self.weights, strict=True
        ):
            total += (value - mean) / scale * weight
        return 1 / (1 + math.exp(-max(-50.0, min(50.0, total))))


class Check:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.model = LineModel.builtin(options.model)
        self.threshold = self.model.threshold if options.threshold is None else options.threshold

    def run(self, doc: Document, blocks: list[Block]) -> Iterator[Hit]:
        view = doc.corpus
        if view is None or view.documents < 2 or not blocks:
            return
        text = doc.text
        spans = text_lines(text)
        texts = [text[s:e] for s, e in spans]
        wanted = self._candidates(spans, texts, blocks, view)
        for index, features in line_features(texts, view, wanted).items():
            score = self.model.score(features)
            if score > self.threshold:
                start, end = spans[index]
                edit = line_deletion(doc, *_line(doc, start, end))
                values = {"match": texts[index], "score": f"{score:.2f}"}
                yield Hit(start, end, values, (edit,), Applicability.UNSAFE)

    def _candidates(
        self,
        spans: list[tuple[int, int]],
        texts: list[str],
        blocks: list[Block],
        view: SiteEvidence,
    ) -> list[int]:
        """Indexes of the lines the model is asked about: short enough, inside the rule's
        blocks, and not left to ``repeated_across_corpus``."""
        starts = [block.start for block in blocks]
        return [
            index
            for index, (start, end) in enumerate(spans)
            if end - start <= self.options.max_length
            and _inside(blocks, starts, start, end)
            and not self._deferred(view, texts[index])
        ]

    def _deferred(self, view: SiteEvidence, line: str) -> bool:
        others = view.others(line)
        options = self.options
        return (
            others >= options.defer_min_documents and view.share(others) >= options.defer_min_share
        )


def _inside(blocks: list[Block], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and blocks[i].end >= end


def _line(doc: Document, start: int, end: int) -> tuple[int, int]:
    return doc.line_span(start)[0], doc.line_span(end)[1]
