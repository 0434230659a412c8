"""Checks of the review text against order facts (the `false_claim` appeal flag).

Order facts come from the seller center (order/logistics pages) and are the strongest appeal
evidence there is: "never arrived" against a signed delivery, or a quality verdict written before
the parcel was signed for (Douyin reason "订单签收前评价商品质量问题").
"""

from __future__ import annotations

import re
from datetime import datetime

_NOT_RECEIVED = re.compile(
    r"(?:没|未|还没|一直没|压根没|根本没|都没|始终没|至今没|到现在都没|到现在还没)(?:有)?(?:收到|见到|见着|拿到|到货|送到|送来|签收)"
    r"|收不到|没到货|还没到|一直没到|货都没见|连包裹都没|包裹呢|货呢[？?]"
    r"|\bnever (?:arrived|came|received|got (?:it|them|my|the))|\b(?:didn't|did not|haven't|have not|hasn't|has not|never) "
    r"(?:receive[d]?|arrive[d]?|get|got|come|show(?:n|ed)? up)\b|\bnot (?:been )?(?:delivered|received)\b"
    r"|\bstill (?:hasn't|has not|haven't|have not|not|waiting)"
)
_NOT_SHIPPED = re.compile(r"没发货|不发货|还没发货|迟迟不发|未发货|\b(?:never|hasn't|has not|didn't|did not) (?:been )?ship(?:ped)?\b")
# "Delivered" in a status or tracking line, unless the same line says it is not (yet): 未签收, 待签收,
# 派送中, "not delivered", "delivery attempted", "returned to sender" are the opposite of delivered.
_DELIVERED_WORDS = re.compile(r"签收|已送达|已妥投|妥投|已取件|已自提|\bdelivered\b|\bsigned\b|\bpicked up\b|已完成|交易成功|\bcompleted\b", re.I)
_NOT_DELIVERED = re.compile(
    r"未签收|待签收|暂未签收|没有签收|签收失败|拒签|拒收|派送中|派件中|配送中|运输中|在途|待派送|待取件|未妥投|妥投失败|退回|退件|返回寄件|转寄"
    r"|异常|滞留|丢失|\bnot (?:yet )?(?:delivered|signed|received)|\bundelivered|\bnon-?delivery|\bdelivery (?:failed|failure|attempt(?:ed)?|exception)"
    r"|\battempted\b|\bout for delivery\b|\bin transit\b|\breturn(?:ed|ing)? to sender\b|\bawaiting\b|\bpending\b|\blost\b"
    r"|\bto be delivered\b|\bexpected\b|\bscheduled\b",
    re.I,
)
_DISPUTES_TRACKING = re.compile(
    r"显示(?:已)?(?:签收|送达|妥投)|说(?:已)?签收|被(?:人)?(?:签收|代签|冒领)|代签|冒领|假(?:的)?物流|物流(?:信息)?(?:是)?假的|虚假(?:物流|签收)"
    r"|(?:shows?|says?|marked|listed) (?:as )?delivered|tracking (?:is|was) (?:fake|wrong|false)|fake tracking|someone else signed|stolen",
    re.I,
)
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


def says_delivered(line: str) -> bool:
    """True when a status or tracking line says delivered, and does not say "not (yet) delivered"."""
    return bool(line and _DELIVERED_WORDS.search(line) and not _NOT_DELIVERED.search(line))


def received_time(order: dict) -> tuple[datetime | None, str | None]:
    """When the buyer got the parcel: sign_time, else delivery_time, else a delivered tracking event.

    A parcel that was delivered and then went back (refused, returned to sender) was not received:
    a later tracking event that says so cancels the delivery.
    """
    for key in ("sign_time", "delivery_time"):
        t = parse_time(order.get(key))
        if t:
            return t, key
    events = [ev for ev in order.get("tracking_events") or [] if isinstance(ev, dict)]
    if any(re.search(r"退回|拒收|拒签|return(?:ed|ing)? to sender|refused", str(ev.get("text", "")), re.I) for ev in events):
        return None, None
    for ev in events:
        if says_delivered(str(ev.get("text", ""))):
            return parse_time(ev.get("time")), "tracking_events"
    return None, None


def is_delivered(order: dict) -> bool:
    """True when an order fact says the parcel was delivered/signed (pending states never count)."""
    t, src = received_time(order)
    if src:
        return True
    return says_delivered(str(order.get("status") or ""))


def check_order(norm: str, order: dict | None, quality_complaint: bool, lang: str) -> list[tuple[str, str]]:
    """Return [(flag, reason)] contradictions between the text and the order facts."""
    if not order:
        return []
    out: list[tuple[str, str]] = []
    zh = lang == "zh"
    got, src = received_time(order)
    # A buyer who says "tracking shows signed, but I never got it" disputes the delivery itself
    # (misdelivery, a neighbour or locker signed): the order facts do not contradict that.
    if _NOT_RECEIVED.search(norm) and is_delivered(order) and not _DISPUTES_TRACKING.search(norm):
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
        # Missing facts prove nothing: only a status that says "not delivered" counts.
        undelivered = got is None and bool(_NOT_DELIVERED.search(str(order.get("status") or ""))) and not _NOT_RECEIVED.search(norm)
        before = (got is not None and rt < got) or undelivered
        if before:
            out.append(("false_claim", "订单签收前评价商品质量问题" if zh
                        else "Product-quality complaint written before the order was delivered (订单签收前评价商品质量问题)"))
    return out
