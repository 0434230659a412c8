"""Checks of the review text against order facts (the `false_claim` appeal flag).

Order facts come from the seller center (order/logistics pages) and are the strongest appeal
evidence there is: "never arrived" against a signed delivery, or a quality verdict written before
the parcel was signed for (Douyin reason "订单签收前评价商品质量问题").
"""

from __future__ import annotations

import re
from datetime import datetime

_NOT_RECEIVED = re.compile(
    r"没收到|未收到|没有收到|还没收到|一直没收到|收不到|没到货|还没到|一直没到|没送到|没有送到|没见到货|货都没见"
    r"|\bnever (?:arrived|came|received|got (?:it|them|my))|\b(?:didn't|did not|haven't|have not|hasn't|has not) "
    r"(?:receive[d]?|arrive[d]?|get|got|come)\b|\bnot (?:been )?(?:delivered|received)\b|\bstill (?:hasn't|has not|haven't) (?:arrived|come)"
)
_NOT_SHIPPED = re.compile(r"没发货|不发货|还没发货|迟迟不发|未发货|\b(?:never|hasn't|has not|didn't|did not) (?:been )?ship(?:ped)?\b")
_DELIVERED_WORDS = re.compile(r"签收|已送达|已妥投|delivered|signed", re.I)
_FMT = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
        "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ")


def parse_time(v) -> datetime | None:
    """Parse the seller center's time strings; None for anything unparseable."""
    if not v or not isinstance(v, str):
        return None
    v = v.strip().replace("Z", "") if v.strip().endswith("Z") else v.strip()
    v = v.split("+")[0].split(".")[0]
    for f in _FMT:
        try:
            return datetime.strptime(v, f)
        except ValueError:
            continue
    return None


def received_time(order: dict) -> tuple[datetime | None, str | None]:
    """When the buyer got the parcel: sign_time, else delivery_time, else a signed tracking event."""
    for key in ("sign_time", "delivery_time"):
        t = parse_time(order.get(key))
        if t:
            return t, key
    for ev in order.get("tracking_events") or []:
        if isinstance(ev, dict) and _DELIVERED_WORDS.search(str(ev.get("text", ""))):
            return parse_time(ev.get("time")), "tracking_events"
    return None, None


def is_delivered(order: dict) -> bool:
    """True when any order fact says the parcel was delivered/signed."""
    t, src = received_time(order)
    if src:
        return True
    status = str(order.get("status") or "")
    return bool(_DELIVERED_WORDS.search(status) or re.search(r"已完成|交易成功|completed", status, re.I))


def check_order(norm: str, order: dict | None, quality_complaint: bool, lang: str) -> list[tuple[str, str]]:
    """Return [(flag, reason)] contradictions between the text and the order facts."""
    if not order:
        return []
    out: list[tuple[str, str]] = []
    zh = lang == "zh"
    got, src = received_time(order)
    if _NOT_RECEIVED.search(norm) and is_delivered(order):
        when = got.strftime("%Y-%m-%d %H:%M") if got else "—"
        out.append(("false_claim", f"称未收到货，但物流显示已签收（{when}）" if zh
                    else f"Says the item never arrived, but tracking shows it was delivered ({when})"))
    ship = parse_time(order.get("ship_time"))
    if _NOT_SHIPPED.search(norm) and ship:
        rt = parse_time(order.get("review_time"))
        if rt is None or rt >= ship:
            out.append(("false_claim", f"称未发货，但订单显示已于 {ship:%Y-%m-%d %H:%M} 发货" if zh
                        else f"Says the order was not shipped, but it shipped on {ship:%Y-%m-%d %H:%M}"))
    rt = parse_time(order.get("review_time"))
    if quality_complaint and rt is not None:
        # Without a sign/delivery time, only a status or ship time that exists but says "not yet
        # delivered" counts: a bare order id with no facts proves nothing.
        undelivered = got is None and not is_delivered(order) and bool(order.get("status") or order.get("ship_time"))
        before = (got is not None and rt < got) or undelivered
        if before:
            out.append(("false_claim", "订单签收前评价商品质量问题" if zh
                        else "Product-quality complaint written before the order was delivered (订单签收前评价商品质量问题)"))
    return out
