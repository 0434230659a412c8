"""A case's facts in time order, in the platform's shown time zone with its offset.

One list for `timeline.txt` (export.zip) and the PDF report (appeal-package.zip): the order's times,
tracking events, chat messages, after-sales steps, the review and its follow-up, every capture (of
every page kind), the seller's actions on the case (drafts copied, status changes) and appeals.

Times the seller center shows (`2026/11/13 11:20:03`) are in the platform's own zone (抖店/千牛
Beijing time, rules `shown_time_utc_offset_hours`); times the companion or the extension stamped
(`captured_at`, `created_at`) are UTC ISO 8601. Every row is printed the same way,
`2026-11-13 11:20:03 +08:00`; a time that cannot be read (`刚刚`) is kept, as shown, at the end.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime, timezone, tzinfo

from sqlite_utils import Database

from .drafting import parse_time
from .services.deadlines import platform_tz

ORDER_LABELS = {
    "order_time": ("下单", "order placed"),
    "pay_time": ("付款", "paid"),
    "ship_time": ("发货", "shipped"),
    "delivery_time": ("送达", "delivered"),
    "sign_time": ("签收", "signed for"),
}
PAGE_LABELS = {
    "review": ("评价页", "review page"),
    "order": ("订单详情页", "order detail page"),
    "chat": ("聊天记录页", "chat page"),
    "logistics": ("物流详情页", "logistics page"),
    "after_sales": ("售后详情页", "after-sales page"),
}
SENDER_LABELS = {"buyer": ("买家", "buyer"), "seller": ("商家", "seller"), "system": ("系统", "system")}


_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\"}
# Bidirectional overrides and isolates: they reorder what a reader sees on the line.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def one_line(value) -> str:
    """`value` as one field of one line: tabs, newlines, other control characters, line/paragraph separators and
    bidi overrides escaped (`\\t`, `\\n`, `\\u2028`), so text from a page can never start a line or a column of its own."""
    out = []
    for ch in str(value):
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch in _BIDI or unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def case_region(db: Database, case_id: int) -> str | None:
    row = db.execute("select region from captures where case_id = ? and region is not null order by received_at desc limit 1",
                     [case_id]).fetchone()
    return row[0] if row else None


def fmt(dt: datetime, tz: tzinfo) -> str:
    """`2026-11-13 11:20:03 +08:00`."""
    local = dt.astimezone(tz)
    off = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} {off[:3]}:{off[3:]}"


def _when(value, tz: tzinfo) -> datetime | None:
    """A shown time (naive: the platform's zone) or a stamped one (with Z/offset) as an aware datetime."""
    try:
        dt = parse_time(value, tz=tz)
        return dt.astimezone(timezone.utc) if dt else None
    except (ValueError, OverflowError, TypeError):
        return None


def timeline_rows(db: Database, result: dict, lang: str = "zh") -> tuple[list[tuple[str, str]], tzinfo]:
    """`([(time as printed, what), …], zone)`, sorted; rows whose time cannot be read come last."""
    case = result["case"]
    platform = case["platform"]
    tz = platform_tz(platform, case_region(db, case["id"]))
    zh = lang == "zh"
    L = (lambda pair: pair[0] if zh else pair[1])  # noqa: E731
    rows: list[tuple[datetime | None, str, str]] = []  # (instant, raw time, text)

    def add(value, text: str) -> None:
        if value in (None, ""):
            return
        rows.append((_when(value, tz), one_line(value), one_line(" ".join(str(text).split()))))

    order = result.get("order") or {}
    for key, pair in ORDER_LABELS.items():
        add(order.get(key), L(pair))
    review = result.get("review") or {}
    add(review.get("review_time"), (f"买家评价（{review.get('rating') or '?'}星）：" if zh else f"review posted ({review.get('rating') or '?'}★): ")
        + (review.get("text") or ""))
    add(review.get("follow_up_time"), ("追评：" if zh else "follow-up review: ") + (review.get("follow_up_text") or ""))
    seen_tracking: set[tuple] = set()
    for cap in db.query("select page_kind, page_url, captured_at, record_json from captures where case_id = ? order by received_at",
                        [case["id"]]):
        add(cap["captured_at"], (f"采集{L(PAGE_LABELS.get(cap['page_kind'], (cap['page_kind'],) * 2))} " if zh
                                  else f"captured {L(PAGE_LABELS.get(cap['page_kind'], (cap['page_kind'],) * 2))} ") + (cap["page_url"] or ""))
        try:
            rec = (json.loads(cap["record_json"]) or {}).get("record") or {}
        except ValueError:
            rec = {}
        for ev in rec.get("tracking_events") or []:
            key = (ev.get("time"), ev.get("text"))
            if key in seen_tracking:  # the order page and the logistics page show the same trace
                continue
            seen_tracking.add(key)
            add(ev.get("time"), ("物流：" if zh else "tracking: ") + (ev.get("text") or "") + (f"（{ev['location']}）" if ev.get("location") else ""))
        for m in rec.get("messages") or []:
            who = L(SENDER_LABELS.get(m.get("sender"), ("未知", "unknown")))
            add(m.get("time"), (f"聊天·{who}：" if zh else f"chat · {who}: ") + (m.get("text") or ""))
        for ev in rec.get("timeline") or []:
            add(ev.get("time"), ("售后：" if zh else "after-sales: ") + (ev.get("text") or ""))
    for ev in result.get("events") or []:
        if ev.get("kind") == "draft_copied":
            edited = ("（已修改）" if zh else " (edited)") if ev.get("edited") else ""
            add(ev.get("created_at"), (f"复制草稿 {ev.get('draft_kind')}{edited} SHA-256 {ev.get('text_sha256') or ''}" if zh
                                       else f"draft copied {ev.get('draft_kind')}{edited} SHA-256 {ev.get('text_sha256') or ''}"))
        else:
            add(ev.get("created_at"), (f"案件状态 → {ev.get('status')}" if zh else f"case status → {ev.get('status')}"))
    for ap in result.get("appeals") or []:
        add(ap.get("submitted_at"), (f"提交申诉 {ap.get('reason_code')}" if zh else f"appeal submitted {ap.get('reason_code')}"))
        if ap.get("decided_at"):
            add(ap.get("decided_at"), (f"申诉结果 {ap.get('outcome')}" if zh else f"appeal outcome {ap.get('outcome')}"))
    known = sorted((r for r in rows if r[0] is not None), key=lambda r: r[0])
    unknown = [r for r in rows if r[0] is None]
    out = [(fmt(dt, tz), text) for dt, _raw, text in known]
    out += [(f"{raw}（时间无法识别）" if zh else f"{raw} (time not understood)", text) for _dt, raw, text in unknown]
    return out, tz


def timeline_text(db: Database, result: dict, lang: str = "en") -> str:
    """`timeline.txt`: a header naming the zone, then one `time<TAB>what` line per fact, in time order."""
    rows, tz = timeline_rows(db, result, lang)
    case = result["case"]
    now = datetime.now(timezone.utc)
    head = [f"Case {case['id']} · {one_line(case['platform'])} · order {one_line(case['order_id'] or '-')}",
            f"Times in the seller center's time zone (UTC{fmt(now, tz)[-6:]}), sorted.", ""]
    return "\n".join(head + [f"{t}\t{what}" for t, what in rows]) + "\n"
