"""What the capture already tells us about one review, for choosing draft wording.

The drafts must not ask what the review already says, must not offer a refund that was already
paid, must not ask "has it arrived?" about a parcel the buyer says arrived broken, and must not
draft a first public reply under a review that already has one. This module reads those facts
from the review (text, follow-up 追评, existing seller reply), the order facts (status, sign time,
tracking events) and the after-sales record, using the term lists of `companion/rules/situation.json`.

It returns flags only: nothing from the review text is ever copied into a draft.
"""

from __future__ import annotations

from typing import Any

from ._text import cjk_ratio, parse_time
from .rules import lowered, shared_view

# Flags that make a review abnormal rather than a genuine complaint: no apology about the product,
# no review-update ask; the panel proposes the appeal instead.
ABNORMAL_FLAGS = ("ad_or_spam", "irrelevant_to_product", "abusive_language", "extortion")
CONCRETE_TYPES = ("product_quality", "logistics", "service_attitude", "description_mismatch", "after_sales", "price")


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _has(text: str, terms: list[str]) -> bool:
    low = (text or "").lower()
    return any(t in low for t in lowered(terms))


def min_flag_confidence() -> float:
    """Below this confidence an appeal flag is not trusted (rules `conditions.json` min_flag_confidence)."""
    value = shared_view("conditions").get("min_flag_confidence") or {}
    return float(value.get("min", 0.6))


def confident_flags(classification: Any) -> list[str]:
    """The appeal flags whose confidence reaches the threshold (a flag without a confidence counts)."""
    flags = list(_get(classification, "appeal_flags", []) or [])
    conf = _get(classification, "confidence", {}) or {}
    floor = min_flag_confidence()
    out = []
    for f in flags:
        c = conf.get(f)
        if c is None or not isinstance(c, (int, float)) or c >= floor:
            out.append(f)
    return out


def low_confidence_flags(classification: Any) -> list[str]:
    """Flags the classifier raised with too little confidence to act on."""
    keep = set(confident_flags(classification))
    return [f for f in (_get(classification, "appeal_flags", []) or []) if f not in keep]


def _follow_up_text(review: dict) -> str:
    fu = review.get("follow_up")
    if isinstance(fu, dict):
        return str(fu.get("text") or "")
    return str(fu or "") if fu else ""


def _fault_stated(text: str, primary: str | None, terms: dict) -> bool:
    if not text.strip():
        return False
    if _has(text, terms["fault_terms"]):
        return True
    if primary not in CONCRETE_TYPES:
        return False
    lengths = terms.get("fault_min_chars") or {"zh": 20, "en": 12}
    if cjk_ratio(text) > 0.3:
        return sum(1 for c in text if "\u4e00" <= c <= "\u9fff") >= lengths["zh"]
    return len(text.split()) >= lengths["en"]


def _delivery(order: dict, terms: dict) -> str | None:
    """"delivered", "in_transit" or None (unknown) from the order facts and tracking events."""
    status = str(order.get("status") or "")
    events = order.get("tracking_events") or []
    last = ""
    if isinstance(events, list) and events:
        # Seller centers list the newest event first; when times are given, take the latest one.
        timed = [(parse_time(_get(e, "time")), str(_get(e, "text", "") or "")) for e in events if isinstance(e, dict)]
        dated = [t for t in timed if t[0] is not None]
        if dated:
            try:
                last = max(dated, key=lambda t: t[0].replace(tzinfo=None))[1]
            except TypeError:
                last = timed[0][1]
        elif timed:
            last = timed[0][1]
    for text in (last, status):
        if text and _has(text, terms["not_delivered_status_terms"]):
            return "in_transit"
        if text and _has(text, terms["delivered_status_terms"]):
            return "delivered"
    if order.get("sign_time") or order.get("delivery_time"):
        return "delivered"
    if order.get("ship_time") or order.get("tracking_no"):
        return "in_transit"
    return None


def _after_sales(after_sales: dict | None, follow_up: str, terms: dict) -> dict[str, bool]:
    rec = after_sales or {}
    kind = str(rec.get("aftersale_type") or "")
    status = str(rec.get("aftersale_status") or "")
    steps = " ".join(str(_get(e, "text", "") or "") for e in (rec.get("timeline") or []) if isinstance(e, dict))
    record_text = " ".join((kind, status, steps))
    refund_done = _has(status + " " + steps, terms["refund_done_terms"]) or _has(follow_up, terms["refund_done_terms"])
    exchange_in_record = _has(kind, terms["exchange_terms"])
    exchange_pending = (exchange_in_record and not _has(status, terms["done_terms"])) or (
        _has(follow_up, terms["exchange_terms"]) and _has(follow_up, terms["pending_terms"])
    )
    refund_pending = (
        not refund_done and bool(record_text.strip()) and _has(kind + " " + status, terms["refund_terms"])
        and not _has(status, terms["done_terms"]) and not exchange_in_record
    )
    return {"refund_done": refund_done, "exchange_pending": exchange_pending, "refund_pending": refund_pending}


def situation(review: dict, classification: Any, order: dict | None = None, after_sales: dict | None = None) -> dict:
    """Facts for drafting, as flags.

    `replied` (a seller reply is already shown), `has_follow_up`, `fault_stated` (the review or its
    follow-up describes the fault: ask only for photos/order details), `arrived` (the review says the
    parcel came), `not_received` (the review says it never came), `damaged` (broken on arrival),
    `delivery` ("delivered" / "in_transit" / None from order facts and tracking), `refund_done`,
    `refund_pending`, `exchange_pending` (after-sales record and follow-up), `abnormal` (confident
    flags among ad_or_spam, irrelevant_to_product, abusive_language, extortion),
    `sign_time` (raw, for the wording of a signed-but-not-received message).
    """
    terms = shared_view("situation")
    order = order or {}
    text = str(review.get("text") or "")
    follow_up = _follow_up_text(review)
    both = f"{text}\n{follow_up}"
    primary = _get(classification, "primary")
    not_received = _has(both, terms["not_received_terms"])
    out = {
        "replied": bool(str(review.get("seller_reply") or "").strip()),
        "has_follow_up": bool(follow_up.strip()),
        "fault_stated": _fault_stated(text, primary, terms) or _fault_stated(follow_up, primary, terms),
        "not_received": not_received,
        "arrived": not not_received and _has(both, terms["arrived_terms"]),
        "damaged": not not_received and _has(both, terms["damage_terms"]),
        "delivery": _delivery(order, terms),
        "abnormal": [f for f in confident_flags(classification) if f in ABNORMAL_FLAGS],
        "sign_time": order.get("sign_time") or order.get("delivery_time"),
    }
    out.update(_after_sales(after_sales, follow_up, terms))
    # An after-sales request in progress or done: the shop already knows what the problem is.
    out["fault_stated"] = out["fault_stated"] or out["refund_done"] or out["exchange_pending"] or out["refund_pending"]
    return out
