"""What is due: public replies overdue and due today (the toolbar badge, the popup, the dashboard queue).

A case's public reply is *pending* while the case is not replied/resolved/closed and the review page
showed no seller reply (`companion/services/deadlines.py`, `reply_state`). Pending replies are

* **overdue** when `reply_due_at` has passed, and
* **due today** when it falls between now and the end of the seller's day — midnight in the seller's
  time zone (`tz`, an IANA name the extension sends from the browser; else the companion machine's own,
  which is the seller's computer).

`reply_due_at` is stored as UTC ISO 8601 with milliseconds and a `Z` (store/clock.iso), so it compares as text.
Every function takes `now`: tests never read the clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from ..store import workqueue as store
from ..store.clock import iso as _iso
from .deadlines import local_tz


def seller_tz(name: str | None) -> tzinfo:
    """The zone `name` (IANA, e.g. Asia/Shanghai), or the machine's own when empty. ValueError if unknown."""
    if not name:
        return local_tz()
    if len(name) > 64 or not all(ch.isalnum() or ch in "/_+-" for ch in name):
        raise ValueError(name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(name) from exc


def end_of_day(now: datetime, tz: tzinfo) -> datetime:
    """The next local midnight after `now` in `tz` (aware)."""
    local = now.astimezone(tz)
    midnight = datetime(local.year, local.month, local.day, tzinfo=tz) + timedelta(days=1)
    return midnight


def due_counts(db: Database, now: datetime, tz: tzinfo) -> dict:
    """{"overdue": n, "due_today": n} of pending public replies."""
    overdue, today = store.due_counts(db, _iso(now), _iso(end_of_day(now, tz)))
    return {"overdue": overdue, "due_today": today}


def due_rows(db: Database, now: datetime, tz: tzinfo, which: str = "all", limit: int = 20) -> list[dict]:
    """Pending-reply cases rows (joined with their review's seller_reply), most urgent first:
    overdue (longest overdue first), then due today (soonest first). `which`: overdue | today | all."""
    return store.due_rows(db, _iso(now), _iso(end_of_day(now, tz)), which, limit)


def open_count(db: Database) -> int:
    return store.open_count(db)


APPEAL_CLOSING_DAYS = 3
QUEUE_LIMIT = 200


def _appeal_deadline(advice_json: str | None) -> datetime | None:
    """The stored appeal advice's absolute deadline, when the advice says an appeal is worth it."""
    import json

    from ..drafting import parse_time

    if not advice_json:
        return None
    try:
        advice = json.loads(advice_json)
    except ValueError:
        return None
    if not isinstance(advice, dict) or advice.get("verdict") != "recommended" or not advice.get("deadline"):
        return None
    try:
        return parse_time(advice["deadline"], tz=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None


def work_queue(db: Database, now: datetime, limit: int = QUEUE_LIMIT) -> tuple[list[dict], int]:
    """Open cases (not resolved/closed), most urgent first, and how many there are.

    Tiers: 0 reply overdue (longest overdue first), 1 escalation risk, 2 appeal window closing (an appeal
    is recommended and its deadline is within APPEAL_CLOSING_DAYS; soonest first), 3 reply due (soonest
    first), 4 the rest (newest activity first). Each row carries `urgency` (overdue | escalation |
    appeal_closing | due | none) and `appeal_deadline` / `appeal_days_left` when an appeal is advised.

    Only the candidates that can rank among the first `limit` are read (store.queue_candidate_rows), so a
    store with a million open cases ranks a few hundred rows, not all of them.
    """
    from .views import case_summary

    closing = now + timedelta(days=APPEAL_CLOSING_DAYS)
    rows = store.queue_candidate_rows(db, _iso(now), _iso(closing), limit)
    far = datetime.max.replace(tzinfo=timezone.utc)
    keyed = []
    for row in rows:
        item = {**row, **case_summary(row, now)}
        deadline = _appeal_deadline(row.get("advice_json"))
        item["appeal_deadline"] = deadline.isoformat() if deadline else None
        item["appeal_days_left"] = (deadline - now).days if deadline and deadline > now else None
        due = datetime.fromisoformat(row["reply_due_at"].replace("Z", "+00:00")) if item.get("reply_state") else None
        if item.get("reply_state") == "overdue":
            tier, when = 0, due
        elif row["escalation_risk"]:
            tier, when = 1, due or far
        elif deadline and now < deadline <= closing:
            tier, when = 2, deadline
        elif item.get("reply_state") == "due":
            tier, when = 3, due
        else:
            tier, when = 4, None
        item["urgency"] = ("overdue", "escalation", "appeal_closing", "due", "none")[tier]
        # Tier 4: newest activity first (updated_at is ISO text: sort descending through a negated key below).
        keyed.append(((tier, when or far, "" if tier < 4 else _neg(row["updated_at"] or ""), -row["id"]), item))
    keyed.sort(key=lambda k: k[0])
    return [item for _, item in keyed[:limit]], store.open_count(db)


def _neg(text: str) -> str:
    """A string that sorts in the reverse order of `text` (for ISO timestamps: digits and separators)."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)
