"""Draft texts for one negative review: public reply, private message and appeal statement.

Everything platform-specific is data: limits and policies in `companion/rules/*.json`
(see `rules.py`), wording in `templates/{zh,en}.json`. Drafts are assembled from template slots
(thanks / apology / solution / invitation …) so each required element is always present, and are
linted with `lint_draft` before they are returned.

Guarantees (tested across every complaint type × platform × region × language × variant):
- no lint *errors* on the drafts we generate;
- no review text, no buyer nickname and nothing hostile from the capture is echoed (fields that
  look like markup or spreadsheet formulas are replaced by generic wording);
- every number in a draft comes from the inputs (order id, times, product title, evidence ids);
- drafts are grounded in what the capture holds (see `situation.py`): no first public reply under a
  review that already has a seller reply (an addition only where the platform allows more than one
  reply, else none, with a notice), no refund offered again once the after-sales record shows it
  done, a pending exchange is chased, no "has it arrived?" when the review says it arrived (broken)
  or tracking already answers it, no "what went wrong?" when the review states the fault, and a
  review with a confident ad/irrelevant/abuse/extortion flag gets a short neutral reply, no apology
  and no coupon (the appeal is the answer);
- no draft ever combines a benefit (coupon, refund, gift, cash …) with a review-change request
  (lint `benefit_with_review_request` is an error): the private message offers remedies and never
  mentions the review; the review-update ask is a separate `review_update_request` draft, made only
  once the case is resolved (`case_status="resolved"`), only where the platform/region allows asking
  (rules `ask_review_update`; never TikTok Shop US) and never with any benefit;
- the appeal statement is produced only when `appeal_advice` says an appeal is worth it
  (pass `include_unadvised_appeal=True` to get it anyway, flagged with a `not_advised` info).

The package's public interface is this module: callers outside drafting import from `companion.drafting`
(the time helpers `parse_time`, `shown_tz`, `days_between` included), never from its private `_text`.
This module is over 350 lines because the three drafts are assembled here from shared slot helpers;
splitting them apart would scatter one template grammar over several files.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from string import Template
from typing import Any

from companion.models import Classification, Draft

from ._text import aware_now, clean_field, clean_id, days_between, parse_time, shown_tz
from .advice import appeal_advice, as_classification, as_dict, choose_reason, draft_lang, templates
from .evidence import evidence_checklist, to_checklist_id, vocabulary
from .lint import limit_for, lint_draft
from .rules import load_rules, rule_source, rules_view
from .situation import ABNORMAL_FLAGS, confident_flags, situation

__all__ = [
    "make_drafts",
    "review_update_request",
    "lint_draft",
    "draft_facts",
    "appeal_advice",
    "evidence_checklist",
    "load_rules",
    "rule_source",
    "N_VARIANTS",
    "draft_lang",
    "templates",
    "parse_time",
    "shown_tz",
    "days_between",
]

N_VARIANTS = 3  # each template slot holds this many alternatives


def _pick(options: list[str] | str, variant: int) -> str:
    if isinstance(options, str):
        return options
    return options[variant % len(options)]


def _sub(tpl: str, **kw: Any) -> str:
    # substitute (not safe_substitute): a placeholder without a value is a bug, not a draft.
    return Template(tpl).substitute(**kw)


def default_variant(review: dict) -> int:
    """Stable variant for a review: the same review (text + order id) always gets the same draft."""
    key = f"{review.get('text') or ''}|{review.get('order_id') or ''}".encode("utf-8")
    return int(hashlib.sha256(key).hexdigest(), 16) % N_VARIANTS


def draft_facts(review: dict, order: dict | None, evidence: list[dict] | None, extra: dict[str, str] | None = None) -> dict[str, str]:
    """String facts the lint may find numbers in: capture fields, evidence ids, cleaned refs."""
    facts: dict[str, str] = {}
    for key in ("order_id", "product_title", "sku", "review_time", "rating", "buyer_nick"):
        if review.get(key) is not None:
            facts[f"review.{key}" if key != "buyer_nick" else "buyer_nick"] = str(review[key])
    for key, value in (order or {}).items():
        if value is not None and not isinstance(value, (dict, list)):
            facts[f"order.{key}"] = str(value)
    for i, item in enumerate(evidence or []):
        facts[f"evidence.{i}"] = " ".join(str(item.get(k)) for k in ("id", "sha256") if item.get(k) is not None)
    facts.update({k: v for k, v in (extra or {}).items() if v})
    return facts


def _refs(t: dict, review: dict, order: dict | None, lang: str) -> dict[str, str]:
    """Placeholder values built from (cleaned) capture fields; empty strings when unknown."""
    order = order or {}
    max_title = 30 if lang == "zh" else 60
    title = clean_field(review.get("product_title") or order.get("product_title"), max_title)
    sku = _plain_sku(clean_field(review.get("sku") or order.get("sku"), 30), lang)
    order_id = clean_id(review.get("order_id") or order.get("order_id"))
    carrier = clean_field(order.get("carrier"), 20)
    r = t["refs"]
    return {
        "product": _sub(r["product"], title=title) if title else r["product_generic"],
        "sku": _sub(r["sku"], sku=sku) if sku else "",
        "order": _sub(r["order"], order_id=order_id) if order_id else "",
        "carrier": _sub(r["carrier"], carrier=carrier) if carrier else "",
        "_title": title or "",
        "_sku": sku or "",
        "_order_id": order_id or "",
    }


def _plain_sku(sku: str | None, lang: str) -> str | None:
    """"颜色:象牙白;规格:双杯套装" → "象牙白，双杯套装" ("Color: Black" → "Black"): the values as a buyer says them."""
    if not sku:
        return sku
    import re

    values = [re.sub(r"^[^:：]{1,8}[:：]\s*", "", part).strip() for part in re.split(r"[;；]", sku)]
    values = [v for v in values if v]
    return ("，" if lang == "zh" else ", ").join(values) or sku


def _note(code: str, severity: str, message: str) -> dict[str, str]:
    return {"code": code, "severity": severity, "message": message}


def _public_reply(t: dict, primary: str, refs: dict, dm: str, v: int, sit: dict | None = None) -> str:
    p = t["public_reply"]
    sit = sit or {}
    if sit.get("abnormal"):
        # Spam, abuse, extortion, off-topic: no apology about the product; the appeal is the answer.
        return _sub(_pick(p["neutral"], v), dm=dm)
    solutions = p["solution"].get(primary) or p["solution"]["other"]
    state = _after_sales_state(sit, public=True)
    if state and primary not in ("malicious_or_unfounded",):
        solutions = p["solution_state"][state]
    else:
        state = None
    parts = [
        _pick(p["thanks"], v),
        _pick(p["apology"], v),
        _sub(_pick(solutions, v), product=refs["product"], sku=refs["sku"], carrier=refs["carrier"]),
        # Under an after-sales state the solution already says what happens next: only promise updates.
        _sub(_pick(p["invite_state"] if state else p["invite"], v), dm=dm),
    ]
    return _join(parts, t)


def _after_sales_state(sit: dict, public: bool = False) -> str | None:
    """Which after-sales wording applies: refund done, exchange pending, both, refund pending or none."""
    if sit.get("refund_done") and sit.get("exchange_pending"):
        return "exchange_pending" if public else "refund_done_exchange_pending"
    for key in ("refund_done", "exchange_pending", "refund_pending"):
        if sit.get(key):
            return key
    return None


def _question(p: dict, primary: str, sit: dict, v: int, sign_clause: str) -> str:
    """The question slot: never ask what the review, tracking or after-sales record already says."""
    generic = p["questions"].get(primary) or p["questions"]["other"]
    stated = p["questions_stated"].get(primary)
    if primary == "logistics" or (sit.get("not_received") and primary not in ("malicious_or_unfounded", "other")):
        ql = p["questions_logistics"]
        if sit.get("not_received"):
            if sit.get("delivery") == "delivered":
                return _sub(_pick(ql["signed_not_received"], v), sign_clause=sign_clause)
            if sit.get("delivery") == "in_transit":
                return _pick(ql["in_transit"], v)
            return _pick(ql["not_received_unknown"], v)
        if sit.get("damaged"):
            return _pick(ql["damaged"], v)
        if sit.get("arrived"):
            return _pick(p["questions_stated"]["logistics"], v)
        if sit.get("delivery") == "in_transit":
            return _pick(ql["in_transit"], v)
        if sit.get("fault_stated") or sit.get("delivery") == "delivered":
            return _pick(p["questions_stated"]["logistics"], v)
        return _pick(generic, v)
    if stated and (sit.get("fault_stated") or sit.get("damaged")):
        return _pick(stated, v)
    return _pick(generic, v)


def _join(parts: list[str], t: dict) -> str:
    # Chinese sentences run on without spaces; English ones are separated by one.
    return t["joiner"].join(p for p in parts if p)


def _private_message(t: dict, primary: str, refs: dict, v: int, sit: dict | None = None,
                     sign_clause: str = "") -> str:
    p = t["private_message"]
    sit = sit or {}
    kw = dict(product=refs["product"], sku=refs["sku"], order=refs["order"], carrier=refs["carrier"])
    if sit.get("abnormal"):
        # No apology, no coupon, no remedy promised: a neutral door for a real problem, if any.
        return _join([_pick(p["greeting"], v) + t["greeting_joiner"] + _sub(_pick(p["abnormal"], v), **kw),
                      _pick(p["closing"], v)], t)
    state = _after_sales_state(sit)
    remedy = p["remedy_state"][state] if state else (p["remedy"].get(primary) or p["remedy"]["other"])
    parts = [
        _pick(p["greeting"], v) + t["greeting_joiner"] + _pick(p["apology"], v),
        _sub(_pick(p["context"], v), **kw),
        # Refunded or sent back for an exchange: the item is no longer with the buyer, so no photos are
        # asked for; the remedy line says where things stand.
        None if state in AFTER_SALES_UNDER_WAY else _question(p, primary, sit, v, sign_clause),
        _pick(remedy, v),
    ]
    # A coupon is an apology for a real problem; for an unfounded review it would read as a bribe, and
    # next to a refund or an exchange still under way it reads as a way to close the matter: none then.
    # The first message never mentions the review itself (see review_update_request).
    if offers_coupon(primary, sit):
        parts.append(_pick(p["apology_coupon"], v))
    parts.append(_pick(p["closing"], v))
    return _join(parts, t)


# After-sales states in which the buyer has already been refunded or has sent the item back.
AFTER_SALES_UNDER_WAY = ("refund_done", "exchange_pending", "refund_done_exchange_pending")


def offers_coupon(primary: str, sit: dict) -> bool:
    """Whether the first private message offers a shop coupon as an apology (never with a review ask)."""
    return (primary not in ("malicious_or_unfounded", "other") and not sit.get("abnormal")
            and _after_sales_state(sit) is None)


def _evidence_refs(evidence: list[dict] | None, reason: dict | None, primary: str, max_files: int | None) -> list[tuple[str, str]]:
    """(citable id, checklist id) for evidence items, most relevant to the reason first."""
    ranked: list[tuple[int, int, str, str]] = []
    wanted = list((reason or {}).get("evidence") or [])
    from .evidence import checklist_ids

    listed = checklist_ids(primary)
    for pos, item in enumerate(evidence or []):
        cid = to_checklist_id(item)
        ident = item.get("id")
        ident = clean_id(ident) if ident is not None else clean_id((item.get("sha256") or "")[:12])
        if not cid or not ident:
            continue
        rank = wanted.index(cid) if cid in wanted else (len(wanted) + listed.index(cid) if cid in listed else 99)
        ranked.append((rank, pos, ident, cid))
    ranked.sort()
    out = [(ident, cid) for _, _, ident, cid in ranked]
    return out[:max_files] if max_files else out


def _appeal_statement(t: dict, lang: str, advice: dict, reason: dict | None, refs: dict,
                      review: dict, order: dict | None, ev: list[tuple[str, str]], limit: int | None, v: int) -> str:
    a = t["appeal_statement"]
    vocab = vocabulary()
    label = (reason or {}).get("label_zh" if lang == "zh" else "label_en") or a["reason_generic"]
    basis = advice.get("basis") or "malicious_or_unfounded"
    order = order or {}

    rt_raw = clean_field(review.get("review_time"), 25) or ""
    st_raw = clean_field(order.get("sign_time") or order.get("delivery_time"), 25) or ""
    rt, st = parse_time(rt_raw), parse_time(st_raw)
    times = dict(
        review_time=rt_raw, sign_time=st_raw,
        review_date=rt.date().isoformat() if rt else rt_raw, sign_date=st.date().isoformat() if st else st_raw,
    )
    sign_clause = _sub(a["sign_clause"], sign_date=times["sign_date"]) if st_raw else ""

    def basis_text(short: bool) -> str:
        table = a["basis_short"] if short and basis in a["basis_short"] else a["basis"]
        options = table.get(basis) or a["basis"]["malicious_or_unfounded"]
        return _sub(_pick(options, v), sign_clause=sign_clause, **times)

    def evidence_text(short: bool) -> str:
        if not ev:
            return ""
        item_tpl = a["evidence_item_short"] if short else a["evidence_item"]
        lab = "short_zh" if lang == "zh" else "short_en"
        items = a["evidence_sep"].join(_sub(item_tpl, id=i, label=vocab[c][lab]) for i, c in ev)
        return _sub(a["evidence"], items=items)

    reason_s = _sub(_pick(a["reason"], v), reason=label)
    order_s = _sub(a["order"], order_id=refs["_order_id"]) if refs["_order_id"] else ""
    closing = _pick(a["closing"], v)
    # Most complete first; each step drops the least useful part until the platform limit fits
    # (Douyin: ~100 chars, and the report is already tied to the order by the picker).
    attempts = [
        [reason_s, basis_text(False), order_s, evidence_text(False), closing],
        [reason_s, basis_text(False), order_s, evidence_text(False)],
        [reason_s, basis_text(True), order_s, evidence_text(False)],
        [reason_s, basis_text(True), order_s, evidence_text(True)],
        [reason_s, basis_text(True), evidence_text(True)],
        [reason_s, evidence_text(True)],
        [reason_s],
    ]
    text = ""
    for parts in attempts:
        text = _join(parts, t)
        if limit is None or len(text) <= limit:
            return text
    return text[:limit]


def make_drafts(
    review: dict,
    classification: Classification | dict,
    *,
    platform: str,
    region: str | None = None,
    order: dict | None = None,
    evidence: list[dict] | None = None,
    variant: int | None = None,
    now: datetime | None = None,
    include_unadvised_appeal: bool = False,
    case_status: str | None = None,
    after_sales: dict | None = None,
    advice: dict | None = None,
) -> list[Draft]:
    """Draft the seller's texts for one review, each with its lint findings.

    `review`: text, rating, buyer_nick, product_title, sku, order_id, review_time, lang, follow_up,
    seller_reply. `order`: OrderFacts-like dict (status, sign_time, carrier, tracking_no,
    tracking_events …). `after_sales`: the after-sales record (aftersale_type, aftersale_status,
    timeline) when one was captured. `evidence`: captured items
    `{id, kind, sha256[, page_kind, checklist_id]}`. `variant`: picks among the template
    alternatives (default: stable hash of review text + order id). Language = classification.lang.

    Returns [public_reply, private_message] plus appeal_statement when `appeal_advice` says an
    appeal is worth it, plus review_update_request when `case_status` is "resolved" and the
    platform/region allows the ask (see `review_update_request`). Platform notes (TikTok one reply per rating, Taobao explanation not
    allowed after a follow-up or after 30 days, escalation risk …) arrive as lint findings.
    `advice`: an `appeal_advice` result already computed for this assessment (the companion computes
    it once and stores it with the drafts); computed here when not given.
    """
    classification = as_classification(classification)
    review = as_dict(review)
    order = as_dict(order) if order is not None else None
    evidence = [as_dict(e) for e in evidence or []]
    lang = draft_lang(classification.lang)
    t = templates(lang)
    rules = rules_view(platform, region)
    v = (default_variant(review) if variant is None else int(variant)) % N_VARIANTS
    primary = classification.primary
    notes = t["notes"]

    refs = _refs(t, review, order, lang)
    extra = {"_draft_title": refs["_title"], "_draft_sku": refs["_sku"], "_draft_order": refs["_order_id"]}
    facts = draft_facts(review, order, evidence, extra)
    dm = (rules.get("dm_channel") or {}).get(lang) or ("私信" if lang == "zh" else "message")

    drafts: list[Draft] = []
    sit = situation(review, classification, order, as_dict(after_sales) if after_sales else None)
    flag_labels = notes["flag_labels"]
    appeal_note = _note("appeal_instead", "info", _sub(notes["appeal_instead"], flags=(
        "、" if lang == "zh" else ", ").join(flag_labels.get(f, f) for f in sit["abnormal"]))) if sit["abnormal"] else None
    pm_notes: list[dict] = []

    # --- public reply; a long product title must not push it over the platform limit, so fall
    # back to the generic product wording when needed. Under an existing seller reply: an
    # addition only where the platform takes more than one reply, else no public draft at all.
    reply_limit = limit_for("public_reply", rules)
    now_a = aware_now(now)
    if sit["replied"] and rules.get("reply_once"):
        pm_notes.append(_note("already_replied", "warning", notes["already_replied_once"]))
        text = None
    elif sit["replied"]:
        text = _sub(_pick(t["public_reply"]["addition"], v), dm=dm)
    else:
        text = _public_reply(t, primary, refs, dm, v, sit)
        if reply_limit is not None and len(text) > reply_limit:
            text = _public_reply(t, primary, _refs(t, {}, None, lang), dm, v, sit)
    if text is not None:
        _add_public_reply(drafts, text, t, sit, rules, review, now_a, appeal_note, platform=platform, region=region,
                          lang=lang, facts=facts, reply_limit=reply_limit, v=v)

    # --- private message
    sign_clause = ""
    st = parse_time(clean_field(sit.get("sign_time"), 25))
    if st is not None:
        sign_clause = _sub(t["private_message"]["sign_clause"], sign_date=st.date().isoformat())
    text = _private_message(t, primary, refs, v, sit, sign_clause)
    lint = lint_draft(text, kind="private_message", platform=platform, region=region, lang=lang, facts=facts)
    lint += pm_notes
    if sit["refund_done"] and not sit["abnormal"]:
        lint.append(_note("refund_done", "info", notes["refund_done"]))
    if sit["exchange_pending"] and not sit["abnormal"]:
        lint.append(_note("exchange_pending", "info", notes["exchange_pending"]))
    if offers_coupon(primary, sit):
        lint.append(_note("coupon_not_conditional", "info", notes["coupon_not_conditional"]))
    if classification.escalation_risk:
        lint.append(_note("escalation_risk", "warning", notes["escalation"]))
    drafts.append(Draft(kind="private_message", text=text, lang=lang, max_chars=limit_for("private_message", rules),
                        variant=v, lint=lint))
    return _with_appeal(drafts, review, classification, platform=platform, region=region, order=order, evidence=evidence,
                        now=now, include_unadvised_appeal=include_unadvised_appeal, case_status=case_status, v=v,
                        facts=facts, primary=primary, advice=advice)


def _add_public_reply(drafts: list[Draft], text: str, t: dict, sit: dict, rules: dict, review: dict, now_a: datetime,
                      appeal_note: dict | None, *, platform: str, region: str | None, lang: str, facts: dict,
                      reply_limit: int | None, v: int) -> None:
    notes = t["notes"]
    lint = lint_draft(text, kind="public_reply", platform=platform, region=region, lang=lang, facts=facts)
    if sit["replied"]:
        lint.append(_note("already_replied", "warning", notes["already_replied_addition"]))
    if appeal_note:
        lint.append(appeal_note)
    if rules.get("reply_blocked_after_follow_up") and _has_follow_up(review):
        lint.append(_note("reply_not_allowed", "warning", notes["reply_not_allowed_follow_up"]))
    rt = parse_time(review.get("review_time"), tz=shown_tz(rules, now_a.tzinfo))
    window = rules.get("reply_window_days")
    if window and rt is not None and now_a - rt > timedelta(days=window):
        lint.append(_note("reply_not_allowed", "warning", _sub(notes["reply_not_allowed_age"], days=window)))
    drafts.append(Draft(kind="public_reply", text=text, lang=lang, max_chars=reply_limit,
                        variant=v, lint=lint))


def _with_appeal(drafts: list[Draft], review: dict, classification: Classification, *, platform: str,
                 region: str | None, order: dict | None, evidence: list[dict], now: datetime | None,
                 include_unadvised_appeal: bool, case_status: str | None, v: int, facts: dict,
                 primary: str, advice: dict | None = None) -> list[Draft]:
    lang = draft_lang(classification.lang)
    rules = rules_view(platform, region)
    # --- appeal statement (only when advised, unless asked for)
    if advice is None:
        advice = appeal_advice(classification, review, platform=platform, region=region, order=order,
                               evidence=evidence, now=now)
    if advice["worth_appealing"] or include_unadvised_appeal:
        appeal_lang = rules.get("appeal_lang") or lang
        ta = templates(appeal_lang)
        reason, _ = choose_reason(classification, review, rules, order)
        limit = limit_for("appeal_statement", rules)
        ev = _evidence_refs(evidence, reason, primary, rules.get("evidence_max_files"))
        a_refs = _refs(ta, review, order, appeal_lang)
        text = _appeal_statement(ta, appeal_lang, advice, reason, a_refs, review, order, ev, limit, v)
        lint = lint_draft(text, kind="appeal_statement", platform=platform, region=region, lang=appeal_lang, facts=facts)
        tn = ta["notes"]
        if not advice["worth_appealing"]:
            lint.append(_note("not_advised", "info", _sub(tn["not_advised"], why=advice["why"])))
        if not ev:
            lint.append(_note("no_evidence", "warning", tn["no_evidence"]))
        drafts.append(Draft(kind="appeal_statement", text=text, lang=appeal_lang, max_chars=limit,
                            variant=v, lint=lint))

    # --- the optional review-update ask: its own message, only once the case is resolved
    if case_status == "resolved":
        ask = review_update_request(review, classification, platform=platform, region=region, order=order,
                                    evidence=evidence, variant=v)
        if ask is not None:
            drafts.append(ask)
    return drafts


def review_update_request(
    review: dict,
    classification: Classification | dict,
    *,
    platform: str,
    region: str | None = None,
    order: dict | None = None,
    evidence: list[dict] | None = None,
    variant: int | None = None,
) -> Draft | None:
    """The optional "would you consider updating your review" message, or None where it must not exist.

    Call it only once the case is resolved. None when the platform/region forbids asking (rules
    `ask_review_update` = forbidden, e.g. TikTok Shop US) or has no known policy, and for reviews
    that are unfounded or abnormal (spam, abuse, extortion …): those are appealed, not courted.
    The text carries no benefit of any kind (lint `benefit_with_review_request` guards it).
    """
    classification = as_classification(classification)
    review = as_dict(review)
    order = as_dict(order) if order is not None else None
    lang = draft_lang(classification.lang)
    t = templates(lang)
    rules = rules_view(platform, region)
    policy = rules.get("ask_review_update")
    r = t["review_update_request"]
    if policy not in r["ask"]:
        return None
    if classification.primary == "malicious_or_unfounded" or set(confident_flags(classification)) & set(ABNORMAL_FLAGS):
        return None
    v = (default_variant(review) if variant is None else int(variant)) % N_VARIANTS
    refs = _refs(t, review, order, lang)
    facts = draft_facts(review, order, [as_dict(e) for e in evidence or []],
                        {"_draft_title": refs["_title"], "_draft_sku": refs["_sku"], "_draft_order": refs["_order_id"]})
    text = _join([
        _pick(r["greeting"], v) + t["greeting_joiner"] + _sub(_pick(r["thanks"], v), product=refs["product"]),
        _pick(r["ask"][policy], v),
        _pick(r["closing"], v),
    ], t)
    lint = lint_draft(text, kind="review_update_request", platform=platform, region=region, lang=lang, facts=facts)
    lint.append(_note("update_ask_after_resolution", "info", t["notes"]["update_ask_after_resolution"]))
    return Draft(kind="review_update_request", text=text, lang=lang, max_chars=limit_for("review_update_request", rules),
                 variant=v, lint=lint)


def _has_follow_up(review: dict) -> bool:
    fu = review.get("follow_up")
    if not fu:
        return False
    if isinstance(fu, dict):
        return bool((fu.get("text") or "").strip() or fu.get("time"))
    return bool(str(fu).strip())
