"""A small linear model over character/word n-grams and the rules' verdict, trained only on the
project's own corpus (training/corpus/, written by us; never on ../shared/data).

It does not replace the rules: the rules read negation, order facts, flags and the tie-break rules
of the labelling guide, which a few thousand examples cannot teach. The model is asked only where
the rules are unsure (a near tie, or a type inferred from no clear cue) and it is calibrated to
the natural class mix, so its probability is also what the panel shows as confidence.

`training/train.py` rebuilds `model/types.json` byte-for-byte from the corpus.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("model") / "types.json"

_ZH_SPAN = re.compile(r"[\u4e00-\u9fff0-9a-z]+")
_EN_TOKEN = re.compile(r"[a-z][a-z']*|\d+")


def features(norm: str, lang: str, rules_labels: list[str] | None = None) -> list[str]:
    """Sparse binary features of a normalised review: n-grams of its language plus the rules' labels.

    zh: character 1-3-grams inside runs of CJK/digits/Latin (never across punctuation).
    en: word unigrams and bigrams.
    rules: the rules' primary ("R=type") and secondary labels ("S=type").
    """
    out: set[str] = set()
    if lang == "zh":
        for span in _ZH_SPAN.findall(norm):
            n = len(span)
            for i in range(n):
                out.add("c" + span[i])
                if i + 1 < n:
                    out.add("c" + span[i:i + 2])
                if i + 2 < n:
                    out.add("c" + span[i:i + 3])
    else:
        toks = _EN_TOKEN.findall(norm)
        out.update("w" + t for t in toks)
        out.update(f"b{a} {b}" for a, b in zip(toks, toks[1:]))
    if rules_labels:
        out.add("R=" + rules_labels[0])
        out.update("S=" + t for t in rules_labels[1:])
    return sorted(out)


class TypeModel:
    """Multinomial logistic regression: classes, per-class bias, per-feature weight vectors."""

    def __init__(self, spec: dict):
        self.classes: list[str] = spec["classes"]
        self.bias: list[float] = spec["bias"]
        self.weights: dict[str, list[float]] = spec["weights"]
        self.meta: dict = spec.get("meta", {})

    def proba(self, feats: list[str]) -> dict[str, float]:
        """Class probabilities (softmax of bias + summed weights)."""
        z = list(self.bias)
        k = len(z)
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                for i in range(k):
                    z[i] += w[i]
        m = max(z)
        e = [math.exp(v - m) for v in z]
        s = sum(e)
        return {c: v / s for c, v in zip(self.classes, e)}


@lru_cache(maxsize=1)
def load() -> dict[str, TypeModel]:
    """The shipped models per language ({"zh": …, "en": …}); empty when the file is absent."""
    if not MODEL_FILE.exists():
        return {}
    with MODEL_FILE.open(encoding="utf-8") as fh:
        spec = json.load(fh)
    return {lang: TypeModel(m) for lang, m in spec["models"].items()}


def predict(norm: str, lang: str, rules_labels: list[str]) -> dict[str, float] | None:
    """Class probabilities for a review, or None when no model ships for its language."""
    m = load().get(lang)
    if m is None:
        return None
    return m.proba(features(norm, lang, rules_labels))
