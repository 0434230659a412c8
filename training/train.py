"""Train the complaint-type model from the project's own corpus and write it where the product
loads it (companion/classifier/model/types.json). Deterministic: the same corpus gives the same
file, byte for byte (tests/test_model.py checks it).

Usage:
    python training/train.py                 # rebuild the shipped model
    python training/train.py --check         # exit 1 if the shipped file differs from a rebuild
    python training/train.py --curve         # learning curve on ../shared/data (measurement only)

Data: training/corpus/*.jsonl only — reviews written for this project (see training/README.md).
Never ../shared/data: that is read by --curve for measurement and never trained on.

The corpus is deliberately richer in the rarer complaint types than real shops are; the model's
bias is shifted to the natural class mix (the distribution table of shared/data/LABELING.md, the
published description of how often each type occurs), so its probabilities are calibrated for
real traffic.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from companion.classifier import classify  # noqa: E402
from companion.classifier.model import MODEL_FILE, features  # noqa: E402
from companion.classifier.text import normalize  # noqa: E402
from companion.models import COMPLAINT_TYPES  # noqa: E402

CORPUS = REPO / "training" / "corpus"
C = {"zh": 0.5, "en": 0.5}          # inverse L2 strength
MIN_DF = 2                          # a feature must occur in at least this many training reviews
DECIMALS = 4
# Natural class mix per language (LABELING.md's dev distribution table, smoothed by +1).
NATURAL = {
    "zh": {"product_quality": 134, "logistics": 19, "service_attitude": 3, "description_mismatch": 27, "after_sales": 8,
           "price": 14, "malicious_or_unfounded": 31, "other": 4},
    "en": {"product_quality": 52, "logistics": 0, "service_attitude": 1, "description_mismatch": 2, "after_sales": 2,
           "price": 3, "malicious_or_unfounded": 0, "other": 0},
}


def load_corpus() -> list[dict]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def featurise(rows: list[dict], lang: str) -> list[list[str]]:
    out = []
    for r in rows:
        norm = normalize(r["text"])
        rules = classify(r["text"], rating=r.get("rating"), lang=lang, use_model=False)
        out.append(features(norm, lang, rules.labels))
    return out


def fit(rows: list[dict], lang: str) -> dict:
    """One multinomial logistic regression for one language, as a JSON-able spec."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feats = featurise(rows, lang)
    df = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF or f.startswith(("R=", "S=")))
    index = {f: i for i, f in enumerate(vocab)}
    data, ind, ptr = [], [], [0]
    for fs in feats:
        cols = sorted(index[f] for f in fs if f in index)
        ind += cols
        data += [1.0] * len(cols)
        ptr.append(len(ind))
    X = csr_matrix((np.array(data), np.array(ind, dtype=np.int64), np.array(ptr)), shape=(len(feats), len(vocab)))
    y = [r["primary"] for r in rows]
    clf = LogisticRegression(C=C[lang], max_iter=3000, tol=1e-6)
    clf.fit(X, y)
    classes = list(clf.classes_)
    train_prior = Counter(y)
    natural = NATURAL[lang]
    tot_nat = sum(natural.values()) + len(natural)
    bias = []
    for i, c in enumerate(classes):
        shift = math.log((natural.get(c, 0) + 1) / tot_nat) - math.log(train_prior[c] / len(y))
        bias.append(round(float(clf.intercept_[i]) + shift, DECIMALS))
    weights = {}
    for j, f in enumerate(vocab):
        w = [round(float(clf.coef_[i, j]), DECIMALS) for i in range(len(classes))]
        if any(abs(v) >= 10 ** -DECIMALS for v in w):
            weights[f] = w
    return {"classes": classes, "bias": bias, "weights": weights,
            "meta": {"n_train": len(rows), "n_features": len(weights), "C": C[lang], "min_df": MIN_DF,
                     "train_mix": {c: train_prior[c] for c in classes}}}


def build(rows: list[dict] | None = None) -> str:
    rows = load_corpus() if rows is None else rows
    models = {}
    for lang in ("zh", "en"):
        sub = [r for r in rows if r["lang"] == lang and r["primary"] in COMPLAINT_TYPES]
        models[lang] = fit(sub, lang)
    return json.dumps({"version": 1, "models": models}, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare a rebuild with the shipped file")
    ap.add_argument("--curve", action="store_true", help="learning curve (needs ../shared/data)")
    args = ap.parse_args(argv)
    if args.curve:
        from bench_curve import curve  # noqa: PLC0415
        return curve()
    text = build()
    if args.check:
        same = MODEL_FILE.exists() and MODEL_FILE.read_text(encoding="utf-8") == text
        print("shipped model matches a rebuild" if same else "shipped model differs from a rebuild")
        return 0 if same else 1
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    MODEL_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(REPO)} ({len(text) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
