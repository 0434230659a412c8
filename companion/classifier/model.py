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
from operator import add
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
    return sorted(feature_set(norm, lang, rules_labels))


def feature_set(norm: str, lang: str, rules_labels: list[str] | None = None) -> set[str]:
    """The features of `features`, unsorted."""
    out: set[str] = set()
    if lang == "zh":
        # Every 1-, 2- and 3-gram of each span, joined pairwise in C (`map(add, …)`), then "c" + each once.
        grams: set[str] = set()
        for span in _ZH_SPAN.findall(norm):
            grams.update(span)
            if len(span) > 1:
                pairs = list(map(add, span, span[1:]))
                grams.update(pairs)
                grams.update(map(add, pairs, span[2:]))
        out.update(map("c".__add__, grams))
    else:
        toks = _EN_TOKEN.findall(norm)
        out.update("w" + t for t in toks)
        out.update(f"b{a} {b}" for a, b in zip(toks, toks[1:]))
    if rules_labels:
        out.add("R=" + rules_labels[0])
        out.update("S=" + t for t in rules_labels[1:])
    return out


class TypeModel:
    """Multinomial logistic regression: classes, per-class bias, per-feature weight vectors."""

    def __init__(self, spec: dict):
        self.classes: list[str] = spec["classes"]
        self.bias: list[float] = spec["bias"]
        self.weights: dict[str, list[float]] = spec["weights"]
        self.meta: dict = spec.get("meta", {})

    def proba(self, feats: list[str]) -> dict[str, float]:
        """Class probabilities (softmax of bias + summed weights).

        The per-class sums run column-wise in C (`sum` over `zip`), adding in the same order as a
        loop over the features would: the same floats, about 2.5× faster than the loop.
        """
        get = self.weights.get
        rows = [w for w in map(get, feats) if w is not None]
        return self._softmax(rows)

    def proba_of_set(self, feats: set[str]) -> dict[str, float]:
        """`proba(sorted(feats))`: only the features the model knows are sorted (most n-grams of a
        review are unknown to it); the weights are added in the same order, so the same floats."""
        weights = self.weights
        get = weights.get
        rows = [w for w in map(get, sorted(filter(weights.__contains__, feats))) if w is not None]
        return self._softmax(rows)

    def _softmax(self, rows: list[list[float]]) -> dict[str, float]:
        z = list(map(sum, zip(self.bias, *rows))) if rows else list(self.bias)
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
    return m.proba_of_set(feature_set(norm, lang, rules_labels))


# --------------------------------------------------------------------------- per-shop adaptation

ADAPT_EPOCHS = 3
ADAPT_RATE = 0.1


@lru_cache(maxsize=32)
def _adapted(lang: str, corrections: tuple[tuple[tuple[str, ...], str], ...]) -> TypeModel | None:
    """The base model fine-tuned on one shop's corrections (a few epochs of logistic-regression
    gradient steps on the corrected reviews only). Cached per shop state: a shop's corrections
    change only when the seller corrects another review."""
    base = load().get(lang)
    if base is None or not corrections:
        return None
    classes = base.classes
    bias = list(base.bias)
    delta: dict[str, list[float]] = {}
    data = [(feats, classes.index(label)) for feats, label in corrections if label in classes]
    for _ in range(ADAPT_EPOCHS):
        for feats, y in data:
            z = list(bias)
            for f in feats:
                w = base.weights.get(f)
                d = delta.get(f)
                for i in range(len(z)):
                    z[i] += (w[i] if w else 0.0) + (d[i] if d else 0.0)
            m = max(z)
            e = [math.exp(v - m) for v in z]
            s = sum(e)
            grad = [v / s - (1.0 if i == y else 0.0) for i, v in enumerate(e)]
            for i, g in enumerate(grad):
                bias[i] -= ADAPT_RATE * g * 0.2
            for f in feats:
                d = delta.setdefault(f, [0.0] * len(classes))
                for i, g in enumerate(grad):
                    d[i] -= ADAPT_RATE * g
    weights = dict(base.weights)
    for f, d in delta.items():
        w = weights.get(f)
        weights[f] = [a + b for a, b in zip(w, d)] if w else d
    return TypeModel({"classes": classes, "bias": bias, "weights": weights, "meta": {"adapted": len(data)}})


@lru_cache(maxsize=8192)
def _text_features(norm: str, lang: str) -> tuple[str, ...]:
    return tuple(features(norm, lang))


def predict_for_shop(norm: str, lang: str, rules_labels: list[str], corrections: list[tuple[str, str]]
                     ) -> dict[str, float] | None:
    """Like `predict`, with the model adapted to the shop's corrections [(normalised text, label)].

    The adaptation learns from the corrected texts' n-grams (the rules' verdict on them is what the
    seller overruled, so it is left out)."""
    key = tuple((_text_features(n, lang), label) for n, label in corrections)
    m = _adapted(lang, key)
    if m is None:
        return predict(norm, lang, rules_labels)
    return m.proba_of_set(feature_set(norm, lang, rules_labels))
