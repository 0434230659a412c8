"""Appeal advice: is an appeal worth it, with which platform reason, by when, with what evidence.

Encodes DOMAIN.md step 4: appeal only abnormal/malicious reviews (appeal flags or a
malicious/unfounded primary type) or reviews the platform explicitly lets sellers report
(e.g. Douyin's "quality complaint before signing", "praise with a negative rating"); genuine
product/logistics complaints are resolved, not appealed. The reason is chosen from the platform's
own list (rules `appeal_reasons`, first matching trigger wins), the deadline from
`appeal_window_days` counted from the review time.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any

from ._text import aware_now, days_between, parse_time, shown_tz
from .evidence import checklist_ids, have_ids, vocabulary
from .rules import is_verified, lowered, rule_sources, rules_view, shared_view
from .situation import confident_flags, low_confidence_flags

# The evidence every appeal needs whatever the reason (evidence.json checklist source: order + review
# screenshot are always needed).
APPEAL_BASE_EVIDENCE = ("order", "review_screenshot")
VERDICTS = ("recommended", "not_recommended", "expired")

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

# Flags that by themselves justify an appeal (DOMAIN.md "appeal flags").
APPEAL_GROUND_TYPES = ("malicious_or_unfounded",)


def draft_lang(review_lang: str | None) -> str:
    """The language drafts are written in: Chinese for Chinese reviews, English for every other."""
    return "zh" if review_lang == "zh" else "en"


@lru_cache(maxsize=4)
def templates(lang: str) -> dict[str, Any]:
    """The template file for a language (`zh` or `en`; anything else falls back to `en`)."""
    name = "zh" if lang == "zh" else "en"
    with open(TEMPLATES_DIR / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def as_dict(obj: Any) -> dict:
    """Accept plain dicts or pydantic models (Review, OrderFacts, EvidenceItem …) alike."""
    if obj is None:
        return {}
    if hasattr(obj, "model_dump"):
        return obj.model_dump()
    return dict(obj)


def as_classification(obj: Any) -> Any:
    """A Classification model from a model or its dict form (as stored/returned by the API)."""
    from companion.models import Classification

    return obj if isinstance(obj, Classification) else Classification.model_validate(obj)


def _contains_any(text: str, terms: list[str]) -> bool:
    low = (text or "").lower()
    return any(t in low for t in lowered(terms))


def evaluate_conditions(classification: Any, review: dict, order: dict | None, rules: dict) -> dict[str, bool]:
    """Evaluate every named condition of `conditions.json` for one review.

    Text conditions look for the configured terms in the review text (and follow-up); they only
    choose a reason, nothing from the review text is ever copied into a draft.
    """
    cond = shared_view("conditions")
    text = (review.get("text") or "") + " " + str(_get(review.get("follow_up"), "text", "") or "")
    out: dict[str, bool] = {}
    for name, value in cond.items():
        if isinstance(value, list):
            out[name] = bool(text.strip()) and _contains_any(text, value)
    rating = review.get("rating")
    neg_max = rules.get("negative_rating_max") or 2
    out["praise_with_low_rating"] = (
        bool((review.get("text") or "").strip())
        and _get(classification, "sentiment") == cond["praise_with_low_rating"]["sentiment"]
        and isinstance(rating, int) and rating <= neg_max
    )
    rt = parse_time(review.get("review_time"))
    st = None
    for field in cond["review_before_sign"]["order_fields"]:
        st = st or parse_time((order or {}).get(field))
    if rt is not None and st is not None:
        # Compare like with like: if only one side carries a zone, drop it (both are shop-local).
        if (rt.tzinfo is None) != (st.tzinfo is None):
            rt, st = rt.replace(tzinfo=None), st.replace(tzinfo=None)
        out["review_before_sign"] = rt < st
    else:
        out["review_before_sign"] = False
    rep = cond["repeat_buyer_malicious"]
    try:
        count = int(review.get(rep["review_key"]) or 0)
    except (TypeError, ValueError):
        count = 0
    out["repeat_buyer_malicious"] = count >= rep["min"]
    return out


def _trigger_basis(trigger: dict, flags: list[str], labels: list[str], conds: dict[str, bool]) -> str | None:
    """The basis a trigger matched on (a flag, condition or type name), or None if it fails."""
    t_flags, t_types, t_when = trigger.get("flags") or [], trigger.get("types") or [], trigger.get("when") or []
    if not (t_flags or t_types or t_when):
        return None
    hit_flag = next((f for f in t_flags if f in flags), None)
    if t_flags and not hit_flag:
        return None
    hit_type = next((t for t in t_types if t in labels), None)
    if t_types and not hit_type:
        return None
    if not all(conds.get(w) for w in t_when):
        return None
    # The most specific part names the basis: a condition, then a flag, then a type.
    return t_when[0] if t_when else (hit_flag or hit_type)


def choose_reason(classification: Any, review: dict, rules: dict, order: dict | None = None) -> tuple[dict | None, str | None]:
    """First platform reason whose trigger matches, with the basis it matched on.

    Only confident flags count (conditions.json `min_flag_confidence`): a guess is no ground.
    """
    flags = confident_flags(classification)
    labels = list(_get(classification, "labels", []) or [])
    primary = _get(classification, "primary")
    if primary and primary not in labels:
        labels.insert(0, primary)
    conds = evaluate_conditions(classification, review, order, rules)
    for reason in rules.get("appeal_reasons") or []:
        for trigger in reason.get("triggers") or []:
            basis = _trigger_basis(trigger, flags, labels, conds)
            if basis:
                return reason, basis
    return None, None


def _fmt(tpl: str, **kw: Any) -> str:
    return Template(tpl).safe_substitute(**kw)


def appeal_advice(
    classification: Any,
    review: dict,
    *,
    platform: str,
    region: str | None = None,
    order: dict | None = None,
    evidence: list[dict] | None = None,
    now: datetime | None = None,
) -> dict:
    """Advise whether and how to appeal one review: one verdict, and a `why` that agrees with it.

    Returns `{verdict, worth_appealing, reason_code, reason_label, why, deadline, days_left,
    expired_on, evidence_needed, evidence_missing, evidence_have, limits, sources}` plus `basis`
    (what the reason matched on: a flag, condition or type; used to word the appeal statement),
    `grounds` (bool: the review is appealable in principle, ignoring deadline/empty-text blockers),
    `low_confidence_flags` and `lang`.

    `verdict` is "recommended", "not_recommended" or "expired" (grounds, but the window has passed);
    `worth_appealing` is `verdict == "recommended"`. `why` is in the review's language and starts
    with the verdict's own reason, so it never says "appeal" under a "don't appeal" heading.
    `deadline` is ISO 8601 (review time + the platform's appeal window); naive review times are
    taken in the platform's shown time zone, else `now`'s. `days_left` is None once expired (then
    `expired_on` is the deadline's date). `evidence_needed` follows the chosen appeal reason (its
    `evidence` list plus order and review screenshot) when there are grounds, else the complaint
    type's checklist. A flag below `min_flag_confidence` is never a ground.
    """
    classification = as_classification(classification)
    review = as_dict(review)
    order = as_dict(order) if order is not None else None
    evidence = [as_dict(e) for e in evidence or []]
    rules = rules_view(platform, region)
    lang = _get(classification, "lang") or "zh"
    t = templates(lang)["advice"]
    vocab = vocabulary()
    label_key = "label_zh" if lang == "zh" else "label_en"
    short = "short_zh" if lang == "zh" else "short_en"
    sep = "、" if lang == "zh" else ", "

    flags = confident_flags(classification)
    unsure = low_confidence_flags(classification)
    primary = _get(classification, "primary")
    reason, basis = choose_reason(classification, review, rules, order)
    grounds = bool(reason) or bool(flags) or primary in APPEAL_GROUND_TYPES
    if grounds and not basis:
        basis = flags[0] if flags else (primary or "malicious_or_unfounded")

    # --- deadline
    now_a = aware_now(now)
    window = rules.get("appeal_window_days")
    rt = parse_time(review.get("review_time"), tz=shown_tz(rules, now_a.tzinfo))
    deadline = days_left = expired_on = None
    if window is not None and rt is not None:
        dl = rt + timedelta(days=window)
        deadline = dl.isoformat()
        days_left = days_between(dl, now_a)
        if days_left < 0:
            days_left, expired_on = None, dl.date().isoformat()

    # --- one verdict, decided before any text is written
    empty = not (review.get("text") or "").strip()
    if not grounds:
        verdict = "not_recommended"
    elif expired_on:
        verdict = "expired"
    elif rules.get("empty_text_report_usually_rejected") and empty:
        verdict = "not_recommended"
    else:
        verdict = "recommended"

    why: list[str] = []
    if verdict == "expired":
        why.append(_fmt(t["expired"], date=expired_on, days=window))
    elif verdict == "not_recommended" and grounds:
        why.append(t["empty_text"])
    elif verdict == "not_recommended":
        why.append(t["low_confidence"] if unsure and not flags else t["genuine"])
    elif reason:
        why.append(_fmt(t["worth"], reason=reason[label_key]))
        if reason.get("note") and lang == "en":
            why.append(_fmt(t["reason_note"], note=reason["note"]))
    else:
        why.append(t["worth_no_reason"])
    if unsure:
        labels = templates(lang)["notes"].get("flag_labels", {})
        why.append(_fmt(t["low_confidence_flags"], flags=sep.join(labels.get(f, f) for f in unsure)))
    if verdict == "recommended":
        if rt is None:
            why.append(t["no_review_time"])
        if not is_verified(platform, "appeal_window_days", region):
            why.append(t["window_unverified"])
        if rules.get("reports_max") == 1:
            why.append(t["one_report_order"] if rules.get("reports_per") == "order" else t["one_report_review"])
    if _get(classification, "escalation_risk"):
        why.append(t["escalation"])

    # --- evidence: what the chosen reason needs when appealing, else the type's checklist
    if grounds and reason:
        wanted = set(APPEAL_BASE_EVIDENCE) | set(reason.get("evidence") or [])
    else:
        wanted = set(checklist_ids(primary or "other"))
    needed = [i for i in vocab if i in wanted]
    have = have_ids(evidence)
    missing = [i for i in needed if i not in have]
    if verdict == "recommended" and missing:
        why.append(_fmt(t["evidence_missing"], items=sep.join(vocab[i][short] for i in missing)))

    limit_keys = ("appeal_desc_max_chars", "evidence_max_files", "evidence_max_file_mb", "reports_per",
                  "reports_max", "appeal_window_days", "appeal_decision_business_days")
    limits = {k: list(v) if isinstance(v := rules.get(k), list) else v for k in limit_keys}  # no shared list out
    sources = rule_sources(platform, limit_keys + ("appeal_reasons", "empty_text_report_usually_rejected", "appeal_entry"),
                           region)

    return {
        "verdict": verdict,
        "worth_appealing": verdict == "recommended",
        "grounds": grounds,
        "reason_code": reason["code"] if reason else None,
        "reason_label": reason[label_key] if reason else None,
        "basis": basis,
        "why": (" " if lang == "en" else "").join(why),
        "deadline": deadline,
        "days_left": days_left,
        "expired_on": expired_on,
        "evidence_needed": needed,
        "evidence_missing": missing,
        "evidence_have": have,
        "limits": limits,
        "appeal_entry": (rules.get("appeal_entry") or {}).get(lang if lang in ("zh", "en") else "en"),
        "sources": sources,
        "low_confidence_flags": unsure,
        "lang": lang,
    }
