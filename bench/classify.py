"""Benchmark the rules classifier on the shared research data (never copied into the repo).

Size: one self-contained script (reading, halves, metrics, report) that anyone can run alone; ~420 lines.

Usage:  python3 bench/classify.py [--json] [--no-snownlp] [--errors | --all-errors] [--train-sentiment N]

Data: ../shared/data next to the repository, or $REVIEW_GUARD_DATA. Missing data → a message and
exit 0 (a fresh clone has no data).

Reports, on complaints_dev.jsonl without product_category == "mengniu_dairy" (Weibo posts, not
shop reviews):
  * primary accuracy and macro-F1 per language (over classes with ≥10 examples in that language,
    and over all classes present), next to the baseline "always product_quality";
  * per-class precision/recall/support, confusion matrix, appeal-flag precision/recall;
  * throughput.
And on sentiment_dev.jsonl (same exclusion): negative-detection accuracy of ours vs SnowNLP.

Held-out discipline: rules were only tuned by looking at dev rows with an EVEN 0-based line
index. Every figure is shown for the full dev set and for the ODD rows ("held-out half").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from companion.classifier import classify  # noqa: E402
from companion.models import APPEAL_FLAGS, COMPLAINT_TYPES  # noqa: E402

EXCLUDED = "mengniu_dairy"


def data_dir() -> Path:
    """Where the research data lives ($REVIEW_GUARD_DATA overrides ../shared/data)."""
    env = os.environ.get("REVIEW_GUARD_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def load(path: Path) -> list[dict]:
    """JSONL rows with their 0-based line index in `_i`."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip():
                r = json.loads(line)
                r["_i"] = i
                rows.append(r)
    return rows


def prf(gold: list[str], pred: list[str], classes) -> dict[str, dict]:
    """Per-class precision/recall/F1/support."""
    out = {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[c] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn, "predicted": tp + fp}
    return out


def summary(rows: list[dict], preds: list[str]) -> dict:
    """Accuracy and macro-F1 (≥10-support classes and all present classes) for one subset."""
    gold = [r["primary"] for r in rows]
    n = len(rows)
    if not n:
        return {"n": 0}
    acc = sum(g == p for g, p in zip(gold, preds)) / n
    sup = Counter(gold)
    classes = [c for c in COMPLAINT_TYPES if sup[c] or c in preds]
    per = prf(gold, preds, classes)
    big = [c for c in classes if sup[c] >= 10]
    present = [c for c in classes if sup[c] > 0]
    base = sum(g == "product_quality" for g in gold) / n
    base_per = prf(gold, ["product_quality"] * n, classes)
    return {
        "n": n,
        "accuracy": acc,
        "macro_f1_ge10": sum(per[c]["f1"] for c in big) / len(big) if big else None,
        "macro_f1_all": sum(per[c]["f1"] for c in present) / len(present) if present else None,
        "classes_ge10": big,
        "baseline_accuracy": base,
        "baseline_macro_f1_ge10": sum(base_per[c]["f1"] for c in big) / len(big) if big else None,
        "baseline_macro_f1_all": sum(base_per[c]["f1"] for c in present) / len(present) if present else None,
        "per_class": per,
    }


def flag_scores(rows: list[dict], outs) -> dict:
    """Appeal-flag precision/recall (flags from text only: the dev rows carry no order facts)."""
    res = {}
    for f in APPEAL_FLAGS:
        tp = sum(1 for r, o in zip(rows, outs) if f in r["appeal_flags"] and f in o.appeal_flags)
        fp = sum(1 for r, o in zip(rows, outs) if f not in r["appeal_flags"] and f in o.appeal_flags)
        fn = sum(1 for r, o in zip(rows, outs) if f in r["appeal_flags"] and f not in o.appeal_flags)
        res[f] = {"tp": tp, "fp": fp, "fn": fn,
                  "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None}
    return res


def run_complaints(d: Path) -> dict:
    """Classify the complaint dev set; return all figures."""
    rows = [r for r in load(d / "complaints_dev.jsonl") if r.get("product_category") != EXCLUDED]
    t0 = time.perf_counter()
    outs = [classify(r["text"], lang=None) for r in rows]
    dt = time.perf_counter() - t0
    preds = [o.primary for o in outs]
    res: dict = {"throughput_rps": len(rows) / dt if dt else None, "n": len(rows), "by_split": {}}
    for split, keep in (("full", lambda r: True), ("held_out_odd", lambda r: r["_i"] % 2 == 1),
                        ("tuning_even", lambda r: r["_i"] % 2 == 0)):
        res["by_split"][split] = {}
        for lang in ("zh", "en", "all"):
            idx = [k for k, r in enumerate(rows) if keep(r) and (lang == "all" or r["lang"] == lang)]
            res["by_split"][split][lang] = summary([rows[k] for k in idx], [preds[k] for k in idx])
    # Confusion matrix and flags on the full set.
    conf = defaultdict(Counter)
    for r, p in zip(rows, preds):
        conf[r["primary"]][p] += 1
    res["confusion"] = {g: dict(c) for g, c in conf.items()}
    res["flags"] = flag_scores(rows, outs)
    res["lang_detect_accuracy"] = sum(o.lang == r["lang"] for r, o in zip(rows, outs)) / len(rows)
    res["errors"] = [{"i": r["_i"], "lang": r["lang"], "gold": r["primary"], "pred": p, "secondary": r["secondary"],
                      "text": r["text"][:160].replace("\n", " ")}
                     for r, p in zip(rows, preds) if r["primary"] != p]
    for lang in ("zh", "en"):
        sub = [r["text"] for r in rows if r["lang"] == lang]
        t0 = time.perf_counter()
        for t in sub:
            classify(t)
        dt = time.perf_counter() - t0
        res[f"throughput_rps_{lang}"] = len(sub) / dt if dt else None
    return res


def labelled_half(row: dict) -> str:
    """complaints_labelled is cut in two halves by a hash of the row id: errors on the "inspect"
    half may be read (to learn what kinds of text the rules and corpus miss, then written anew in
    our own words); the "report" half is never read, and its figures are the honest ones."""
    return "inspect" if int(hashlib.sha256(row["id"].encode()).hexdigest(), 16) % 2 == 0 else "report"


def run_labelled(d: Path) -> dict:
    """complaints_labelled.jsonl: measurement only (never tuned on, never read row by row).

    Figures for all rows and for the rows labelled with `confidence: high`, per language, with the
    always-product_quality baseline; flag precision/recall on the same rows.
    """
    rows = load(d / "complaints_labelled.jsonl")
    t0 = time.perf_counter()
    outs = [classify(r["text"], lang=None) for r in rows]
    dt = time.perf_counter() - t0
    preds = [o.primary for o in outs]
    res: dict = {"n": len(rows), "throughput_rps": len(rows) / dt if dt else None, "by_split": {}}
    for split, keep in (("all", lambda r: True), ("high", lambda r: r.get("confidence") == "high"),
                        ("report", lambda r: labelled_half(r) == "report"), ("inspect", lambda r: labelled_half(r) == "inspect")):
        res["by_split"][split] = {}
        for lang in ("zh", "en"):
            idx = [k for k, r in enumerate(rows) if keep(r) and r["lang"] == lang]
            res["by_split"][split][lang] = summary([rows[k] for k in idx], [preds[k] for k in idx])
    res["flags"] = flag_scores(rows, outs)
    conf = defaultdict(Counter)
    for r, p in zip(rows, preds):
        conf[r["primary"]][p] += 1
    res["confusion"] = {g: dict(c) for g, c in conf.items()}
    # Reliability: is the stated confidence of the primary worth what it says?
    bins = defaultdict(lambda: [0, 0])
    for r, o in zip(rows, outs):
        c = o.confidence.get(o.primary, 0.0)
        b = min(9, int(c * 10))
        bins[b][0] += 1
        bins[b][1] += int(o.primary == r["primary"])
    res["reliability"] = {f"{b / 10:.1f}-{(b + 1) / 10:.1f}": {"n": n, "accuracy": ok / n} for b, (n, ok) in sorted(bins.items())}
    return res


def run_flag_suite(path: Path) -> dict:
    """Appeal flags on a hand-written suite of ours (training/flags/*.jsonl): per-flag P/R."""
    rows = load(path)
    outs = [classify(r["text"], rating=r.get("rating")) for r in rows]
    res = {}
    for f in APPEAL_FLAGS:
        tp = sum(1 for r, o in zip(rows, outs) if f in r["flags"] and f in o.appeal_flags)
        fp = sum(1 for r, o in zip(rows, outs) if f not in r["flags"] and f in o.appeal_flags)
        fn = sum(1 for r, o in zip(rows, outs) if f in r["flags"] and f not in o.appeal_flags)
        res[f] = {"tp": tp, "fp": fp, "fn": fn,
                  "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None}
    clean = [o for r, o in zip(rows, outs) if not r["flags"]]
    res["_hard_negatives"] = {"n": len(clean), "flagged": sum(1 for o in clean if o.appeal_flags),
                              "accused": sum(1 for o in clean if {"extortion", "false_claim"} & set(o.appeal_flags))}
    return res


def run_sentiment(d: Path, use_snownlp: bool) -> dict:
    """Negative detection on sentiment_dev (ours: sentiment == 'negative'; SnowNLP: score < 0.5)."""
    rows = [r for r in load(d / "sentiment_dev.jsonl") if r.get("product_category") != EXCLUDED]
    gold = [r["source_label"] == "negative" for r in rows]
    t0 = time.perf_counter()
    ours = [classify(r["text"]).sentiment == "negative" for r in rows]
    dt = time.perf_counter() - t0
    out = {"n": len(rows), "throughput_rps": len(rows) / dt if dt else None}

    def acc(pred, keep=lambda r: True):
        idx = [k for k, r in enumerate(rows) if keep(r)]
        return sum(pred[k] == gold[k] for k in idx) / len(idx) if idx else None

    odd = lambda r: r["_i"] % 2 == 1  # noqa: E731
    out["ours"] = {"full": acc(ours), "held_out_odd": acc(ours, odd)}
    if use_snownlp:
        try:
            from snownlp import SnowNLP
        except ImportError:
            out["snownlp"] = None
        else:
            snow = [SnowNLP(r["text"]).sentiments < 0.5 for r in rows]
            out["snownlp"] = {"full": acc(snow), "held_out_odd": acc(snow, odd)}
            out["ratio_ours_over_snownlp"] = {k: (out["ours"][k] / out["snownlp"][k]) if out["snownlp"][k] else None
                                              for k in ("full", "held_out_odd")}
    return out


def run_train_sentiment(d: Path, n: int, use_snownlp: bool) -> dict:
    """Negative detection on a sample of train_zh (read in place, never copied), balanced like
    sentiment_dev: the same number of rows per (product category, label), every k-th row."""
    rows = [r for r in load(d / "train_zh.jsonl") if r.get("product_category") != EXCLUDED]
    groups: dict = defaultdict(list)
    for r in rows:
        groups[(r["product_category"], r["source_label"])].append(r)
    per = max(1, n // len(groups))
    rows = []
    for key in sorted(groups):
        g = groups[key]
        step = max(1, len(g) // per)
        rows += g[::step][:per]
    gold = [r["source_label"] == "negative" for r in rows]
    ours = [classify(r["text"]).sentiment == "negative" for r in rows]
    out = {"n": len(rows), "ours": sum(p == g for p, g in zip(ours, gold)) / len(rows), "by_category": {}}
    snow = None
    if use_snownlp:
        try:
            from snownlp import SnowNLP
        except ImportError:
            snow = None
        else:
            snow = [SnowNLP(r["text"]).sentiments < 0.5 for r in rows]
            out["snownlp"] = sum(p == g for p, g in zip(snow, gold)) / len(rows)
    for cat in sorted({r["product_category"] for r in rows}):
        idx = [k for k, r in enumerate(rows) if r["product_category"] == cat]
        out["by_category"][cat] = {
            "ours": sum(ours[k] == gold[k] for k in idx) / len(idx),
            "snownlp": sum(snow[k] == gold[k] for k in idx) / len(idx) if snow else None}
    return out


def _fmt(x, pct=False):
    if x is None:
        return "–"
    return f"{x:.3f}"


def _per_class_table(title: str, pc: dict):
    from rich.table import Table

    t = Table(title=title)
    for col in ("class", "precision", "recall", "F1", "support", "predicted"):
        t.add_column(col)
    for k, v in pc.items():
        t.add_row(k, _fmt(v["precision"]), _fmt(v["recall"]), _fmt(v["f1"]), str(v["support"]), str(v["predicted"]))
    return t


def _flag_table(title: str, flags: dict):
    from rich.table import Table

    t = Table(title=title)
    for col in ("flag", "tp", "fp", "fn", "precision", "recall"):
        t.add_column(col)
    for f, v in flags.items():
        if not f.startswith("_"):
            t.add_row(f, str(v["tp"]), str(v["fp"]), str(v["fn"]), _fmt(v["precision"]), _fmt(v["recall"]))
    return t


def render(res: dict) -> None:
    """Pretty tables with rich."""
    from rich.console import Console
    from rich.table import Table

    con = Console(width=max(140, Console().width))
    c = res["complaints"]
    con.print(f"[bold]complaints_dev.jsonl[/] (n={c['n']}, {EXCLUDED} excluded) — rules were tuned on EVEN rows only; "
              "'held-out half' = ODD rows never looked at while tuning.")
    t = Table(title="Primary label: ours vs baseline 'always product_quality'")
    for col in ("split", "lang", "n", "accuracy", "base acc", "macro-F1 (≥10)", "base", "macro-F1 (all)", "base", "classes ≥10"):
        t.add_column(col)
    for split in ("full", "held_out_odd", "tuning_even"):
        for lang in ("zh", "en", "all"):
            s = c["by_split"][split][lang]
            if not s.get("n"):
                continue
            t.add_row(split, lang, str(s["n"]), _fmt(s["accuracy"]), _fmt(s["baseline_accuracy"]),
                      _fmt(s["macro_f1_ge10"]), _fmt(s["baseline_macro_f1_ge10"]), _fmt(s["macro_f1_all"]),
                      _fmt(s["baseline_macro_f1_all"]), ",".join(x[:6] for x in s["classes_ge10"]))
    con.print(t)
    for lang in ("zh", "en"):
        con.print(_per_class_table(f"Per class, full dev, {lang}", c["by_split"]["full"][lang]["per_class"]))
    t = Table(title="Confusion matrix, full dev (rows = gold, columns = predicted)")
    ab = {k: k[:8] for k in COMPLAINT_TYPES}
    t.add_column("gold \\ pred")
    for k in COMPLAINT_TYPES:
        t.add_column(ab[k])
    for g in COMPLAINT_TYPES:
        row = c["confusion"].get(g, {})
        t.add_row(g, *[str(row.get(p, 0) or "") for p in COMPLAINT_TYPES])
    con.print(t)
    con.print(_flag_table("Appeal flags from text, full dev (false_claim needs order facts: none in dev)", c["flags"]))
    con.print(f"language detection accuracy: {c['lang_detect_accuracy']:.3f}; throughput: {c['throughput_rps']:.0f} reviews/s "
              f"(zh {c['throughput_rps_zh']:.0f}/s, en {c['throughput_rps_en']:.0f}/s; one core, machine load included)")

    lab = res.get("labelled")
    if lab:
        t = Table(title=f"complaints_labelled.jsonl (n={lab['n']}) — never tuned on: primary vs 'always product_quality'")
        for col in ("rows", "lang", "n", "accuracy", "base acc", "macro-F1 (≥10)", "base", "macro-F1 (all)", "base"):
            t.add_column(col)
        for split in ("all", "high", "report", "inspect"):
            for lang in ("zh", "en"):
                s = lab["by_split"][split][lang]
                if s.get("n"):
                    t.add_row(split, lang, str(s["n"]), _fmt(s["accuracy"]), _fmt(s["baseline_accuracy"]),
                              _fmt(s["macro_f1_ge10"]), _fmt(s["baseline_macro_f1_ge10"]), _fmt(s["macro_f1_all"]),
                              _fmt(s["baseline_macro_f1_all"]))
        con.print(t)
        for lang in ("zh", "en"):
            con.print(_per_class_table(f"Per class, labelled (all rows), {lang}", lab["by_split"]["all"][lang]["per_class"]))
        con.print(_flag_table("Appeal flags, labelled", lab["flags"]))
        t = Table(title="Reliability of the primary's confidence, labelled")
        for col in ("confidence", "n", "accuracy"):
            t.add_column(col)
        for b, v in lab["reliability"].items():
            t.add_row(b, str(v["n"]), _fmt(v["accuracy"]))
        con.print(t)
    for name, fs in (res.get("flag_suites") or {}).items():
        con.print(_flag_table(f"Appeal flags on our hand-written suite {name}", fs))
        hn = fs["_hard_negatives"]
        con.print(f"  hard negatives: {hn['n']}, any flag on {hn['flagged']}, accused (extortion/false_claim) {hn['accused']}")

    s = res.get("sentiment")
    if s:
        t = Table(title=f"sentiment_dev.jsonl negative detection (n={s['n']}, {EXCLUDED} excluded)")
        for col in ("split", "ours", "SnowNLP", "ours / SnowNLP"):
            t.add_column(col)
        for split in ("full", "held_out_odd"):
            sn = (s.get("snownlp") or {}).get(split)
            ratio = (s.get("ratio_ours_over_snownlp") or {}).get(split)
            t.add_row(split, _fmt(s["ours"][split]), _fmt(sn), _fmt(ratio))
        con.print(t)
        con.print(f"sentiment throughput (ours): {s['throughput_rps']:.0f} reviews/s")
    ts = res.get("train_sentiment")
    if ts:
        con.print(f"train_zh sample negative detection (n={ts['n']}): ours {ts['ours']:.3f}, SnowNLP "
                  f"{_fmt(ts.get('snownlp'))} (SnowNLP's own training data overlaps this corpus)")
        for cat, v in ts["by_category"].items():
            con.print(f"  {cat:14s} ours {v['ours']:.3f}  SnowNLP {_fmt(v['snownlp'])}")


def main(argv=None) -> int:
    """Entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print machine-readable numbers")
    ap.add_argument("--no-snownlp", action="store_true", help="skip the (slow) SnowNLP comparison")
    ap.add_argument("--errors", action="store_true", help="list misclassified EVEN (tuning) rows only")
    ap.add_argument("--all-errors", action="store_true",
                    help="also list misclassified ODD (held-out) rows — looking at them spoils the held-out figures")
    ap.add_argument("--train-sentiment", type=int, default=0, metavar="N",
                    help="also measure negative detection on N rows of train_zh.jsonl (every k-th row, "
                         "mengniu_dairy excluded), ours vs SnowNLP: the place to check sentiment changes")
    args = ap.parse_args(argv)
    d = data_dir()
    if not (d / "complaints_dev.jsonl").exists():
        print(f"Benchmark data not found at {d} (set REVIEW_GUARD_DATA). Nothing to do.")
        return 0
    classify("预热 jieba")  # load the segmentation dictionary (jieba's words), model and language identifier outside the timed loop
    res = {"data_dir": str(d), "complaints": run_complaints(d)}
    if (d / "complaints_labelled.jsonl").exists():
        res["labelled"] = run_labelled(d)
    suites = sorted((REPO / "training" / "flags").glob("*.jsonl"))
    if suites:
        res["flag_suites"] = {p.name: run_flag_suite(p) for p in suites}
    if (d / "sentiment_dev.jsonl").exists():
        res["sentiment"] = run_sentiment(d, not args.no_snownlp)
    if args.train_sentiment and (d / "train_zh.jsonl").exists():
        res["train_sentiment"] = run_train_sentiment(d, args.train_sentiment, not args.no_snownlp)
    if args.errors or args.all_errors:
        for e in res["complaints"]["errors"]:
            if e["i"] % 2 == 0 or args.all_errors:
                print(e["i"], e["lang"], e["gold"], "->", e["pred"], e["secondary"], "|", e["text"])
    if args.json:
        out = dict(res)
        out["complaints"] = {k: v for k, v in res["complaints"].items() if k != "errors"}
        if "labelled" in out:
            out["labelled"] = {k: v for k, v in res["labelled"].items()}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        render(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
