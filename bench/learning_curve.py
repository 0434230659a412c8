"""Learning curve of the complaint-type model: how accuracy grows with the corpus we write.

Trains the model (training/train.py's `fit`) on 25/50/75/100 % of training/corpus (a fixed
shuffle) and measures the model alone and the product (rules + model as tie-breaker) on
complaints_dev and on the "report" half of complaints_labelled (never tuned on).

Usage: python bench/learning_curve.py        (needs scikit-learn: the `train` extra)
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))
sys.path.insert(0, str(REPO / "bench"))

import train as T  # noqa: E402
from classify import EXCLUDED, labelled_half, load  # noqa: E402

from companion.classifier import classify  # noqa: E402
from companion.classifier import model as M  # noqa: E402
from companion.classifier.text import normalize  # noqa: E402


def main() -> int:
    d = Path(os.environ.get("REVIEW_GUARD_DATA") or REPO.parent / "shared" / "data")
    if not (d / "complaints_labelled.jsonl").exists():
        print(f"Benchmark data not found at {d}. Nothing to do.")
        return 0
    dev = [r for r in load(d / "complaints_dev.jsonl") if r.get("product_category") != EXCLUDED]
    report = [r for r in load(d / "complaints_labelled.jsonl") if labelled_half(r) == "report"]
    evals = {"dev": dev, "labelled report half": report}
    rules = {id(r): classify(r["text"], use_model=False) for rows in evals.values() for r in rows}
    corpus = T.load_corpus()
    random.Random(7).shuffle(corpus)
    print(f"{'corpus share':>12s} {'lang':>4s} {'n train':>7s}  " + "  ".join(f"{k + ' model':>26s} {k + ' product':>28s}" for k in evals))
    saved = M.load()
    try:
        for share in (0.25, 0.5, 0.75, 1.0):
            sub = corpus[: int(len(corpus) * share)]
            models = {lang: M.TypeModel(T.fit([r for r in sub if r["lang"] == lang], lang)) for lang in ("zh", "en")}
            M.load = _fixed(models)  # the product's classify() now asks this model
            cells = []
            for lang in ("zh", "en"):
                line = []
                for rows in evals.values():
                    rs = [r for r in rows if r["lang"] == lang]
                    m_ok = sum(max((p := models[lang].proba(M.features(normalize(r["text"]), lang, rules[id(r)].labels))),
                                   key=p.get) == r["primary"] for r in rs)
                    p_ok = sum(classify(r["text"]).primary == r["primary"] for r in rs)
                    line.append(f"{m_ok / len(rs):26.3f} {p_ok / len(rs):28.3f}")
                n = sum(1 for r in sub if r["lang"] == lang)
                cells.append(f"{share:12.2f} {lang:>4s} {n:7d}  " + "  ".join(line))
            print("\n".join(cells))
    finally:
        M.load = _fixed(saved)
    return 0


def _fixed(models):
    def load():
        return models
    return load


if __name__ == "__main__":
    sys.exit(main())
