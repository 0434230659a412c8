"""Does the classifier learn from a seller's corrections? A simulation on complaints_labelled.

Each product category of ../shared/data/complaints_labelled.jsonl plays one shop. The seller works
through the shop's reviews in file order and corrects every wrong type until 20 corrections are
made; then accuracy on that shop's remaining reviews is measured with and without those 20
corrections. Nothing is tuned on these rows: the figures are measurement only.

Usage: python bench/corrections.py [--n 20]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from companion.classifier import classify  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20, help="corrections per shop")
    args = ap.parse_args(argv)
    d = Path(os.environ.get("REVIEW_GUARD_DATA") or REPO.parent / "shared" / "data")
    path = d / "complaints_labelled.jsonl"
    if not path.exists():
        print(f"{path} not found (set REVIEW_GUARD_DATA). Nothing to do.")
        return 0
    shops: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            shops[r.get("product_category") or "?"].append(r)
    print(f"{'shop':24s} {'n rest':>6s} {'before':>7s} {'after':>7s}  corrections used")
    tot_before = tot_after = tot_n = 0
    for shop, rows in sorted(shops.items()):
        corrections: list[dict] = []
        k = 0
        while k < len(rows) and len(corrections) < args.n:
            r = rows[k]
            if classify(r["text"], corrections=corrections).primary != r["primary"]:
                corrections.append({"text": r["text"], "primary": r["primary"]})
            k += 1
        rest = rows[k:]
        if not rest:
            continue
        before = sum(classify(r["text"]).primary == r["primary"] for r in rest)
        after = sum(classify(r["text"], corrections=corrections).primary == r["primary"] for r in rest)
        tot_before += before
        tot_after += after
        tot_n += len(rest)
        print(f"{shop:24s} {len(rest):6d} {before / len(rest):7.3f} {after / len(rest):7.3f}  {len(corrections)} "
              f"(after {k} reviews)")
    if tot_n:
        print(f"{'all shops':24s} {tot_n:6d} {tot_before / tot_n:7.3f} {tot_after / tot_n:7.3f}")
        print(json.dumps({"corrections_before": tot_before / tot_n, "corrections_after": tot_after / tot_n, "n": tot_n}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
