"""The public-reply deadline as the seller acts on it: when, in which time zone, how long is left.

One instant is stored per case: `cases.reply_due_at`, UTC ISO 8601 with a `Z` (24 h after the review
as the platform shows it; `rules/*.json` `reply_deadline_hours` and `shown_time_utc_offset_hours`).
`reply_due` computes it once per capture; everything else derives from that instant and an explicit
`now` (the one function for "due in 3 h" at read time: `reply_deadline`), so tests never read the clock:

- `reply_due_shown`: the same instant in the platform's shown time zone, ISO 8601 with its offset
  (`2026-11-24T03:57:43+08:00` for 抖店/千牛, which show Beijing time); where a platform's zone is not
  known (TikTok Shop), the companion machine's own zone — it runs on the seller's computer.
- `reply_hours_left`: hours from `now` to the deadline, 2 decimals, negative once it has passed.
- `reply_state`: `due` | `overdue` | `done` (the case is replied/resolved/closed, or the page already
  shows a seller reply) | None (no deadline known).

Rounding for people (`left_label`): time left is rounded DOWN (23 h 59 min left says 23 h: never
promise more time than there is), under an hour it says minutes; time overdue is rounded down too
("Overdue by 3 h" from 3 h 0 min to 3 h 59 min), from 48 h on in whole days. The extension's panel
formats the same way (extension/content/panel-kit.js `deadlineText`).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo

from ..drafting import parse_time, shown_tz
from ..drafting.rules import rules_view  # cached rules, read only: no fresh copy per case row
from ..models import DONE_STATUSES
from ..store.clock import iso



def local_tz() -> tzinfo:
    """The companion machine's time zone (the seller's own computer)."""
    return datetime.now(timezone.utc).astimezone().tzinfo or timezone.utc


def platform_tz(platform: str | None, region: str | None = None) -> tzinfo:
    """The time zone the platform shows times in (rules), else the machine's own."""
    try:
        rules = rules_view(platform, region) if platform else {}
    except ValueError:
        rules = {}
    return shown_tz(rules, None) or local_tz()


def _aware(value) -> datetime | None:
    dt = parse_time(value, tz=timezone.utc) if value not in (None, "") else None
    return dt


def reply_deadline(due_at: str | None, *, platform: str | None, status: str | None = None,
                   seller_replied: bool = False, now: datetime, region: str | None = None) -> dict:
    """The deadline fields of a case summary (see the module docstring); `now` must be aware."""
    due = _aware(due_at)
    if due is None:
        return {"reply_due_shown": None, "reply_hours_left": None, "reply_state": None}
    try:
        left = (due - now) / timedelta(hours=1)
        shown = due.astimezone(platform_tz(platform, region))
    except OverflowError:  # stored before times were bounded (models.EARLIEST_TIME/LATEST_TIME): unknown
        return {"reply_due_shown": None, "reply_hours_left": None, "reply_state": None}
    if status in DONE_STATUSES or seller_replied:
        state = "done"
    else:
        state = "overdue" if left <= 0 else "due"
    return {
        "reply_due_shown": shown.isoformat(timespec="seconds"),
        "reply_hours_left": round(left, 2),
        "reply_state": state,
    }


def left_parts(hours_left: float) -> tuple[str, int, str]:
    """(`left`|`overdue`, amount, `min`|`h`|`d`) with the rounding described above."""
    minutes = int(abs(hours_left) * 60 + 1e-6)  # floor, robust to float noise at whole minutes
    kind = "left" if hours_left > 0 else "overdue"
    if minutes < 60:
        return kind, minutes, "min"
    hours = minutes // 60
    if kind == "overdue" and hours >= 48:
        return kind, hours // 24, "d"
    return kind, hours, "h"


_UNITS = {
    "zh": {"min": "分钟", "h": "小时", "d": "天"},
    "en": {"min": "min", "h": "h", "d": "d"},
}


def left_label(hours_left: float | None, state: str | None, lang: str = "zh") -> str:
    """"还剩 20 小时" / "已超时 3 小时" / "已回复"; English: "20 h left" / "Overdue by 3 h" / "Replied"."""
    if state is None or hours_left is None:
        return ""
    if state == "done":
        return "已处理" if lang == "zh" else "Handled"
    kind, n, unit = left_parts(hours_left)
    u = _UNITS["zh" if lang == "zh" else "en"][unit]
    if lang == "zh":
        return f"还剩 {n} {u}" if kind == "left" else f"已超时 {n} {u}"
    return f"{n} {u} left" if kind == "left" else f"Overdue by {n} {u}"


def format_local(value, platform: str | None = None, region: str | None = None) -> str:
    """`2026-11-23T19:57:43.000Z` → `2026-11-24 03:57 (UTC+8)` in the platform's shown time zone.

    The dashboard formats on the server (no script needed; its CSP allows none inline): times are
    shown in the zone of the seller center the case comes from, with the offset said, so they read
    exactly like the seller center itself. A value that is not a time comes back as it is.
    """
    dt = _aware(value)
    if dt is None:
        return "" if value is None else str(value)
    try:
        local = dt.astimezone(platform_tz(platform, region))
    except OverflowError:
        return str(value)
    off = local.utcoffset() or timedelta(0)
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    h, m = divmod(abs(mins), 60)
    zone = f"UTC{sign}{h}" + (f":{m:02d}" if m else "")
    return f"{local:%Y-%m-%d %H:%M} ({zone})"


def reply_due(capture, local=None) -> str | None:
    """The public reply is due 24 h after the review (or after the capture if no time is shown).

    A review time without a zone is read in the platform's shown time zone (抖店/千牛: UTC+8), else
    in the seller's own (`local`, default the companion machine's: TikTok's per-region zone is unknown).
    """
    rules = rules_view(capture.platform, capture.region)
    zone = shown_tz(rules, None) or local or local_tz()
    shown = parse_time(capture.review.review_time, tz=zone) if capture.review else None
    start = shown or capture.captured_at
    if start.tzinfo is None:
        start = start.replace(tzinfo=zone)
    return iso(start + timedelta(hours=reply_window_hours(rules)))


def reply_window_hours(rules: dict) -> float:
    """Hours the seller has to reply publicly, from the platform's rules (24 by default)."""
    for key in ("reply_deadline_hours", "reply_window_hours", "public_reply_hours"):
        if isinstance(rules.get(key), (int, float)):
            return float(rules[key])
    return 24.0
