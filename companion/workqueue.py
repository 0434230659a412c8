"""What is due: public replies overdue and due today (the toolbar badge, the popup, the dashboard queue).

A case's public reply is *pending* while the case is not replied/resolved/closed and the review page
showed no seller reply (`companion/deadlines.py`, `reply_state`). Pending replies are

* **overdue** when `reply_due_at` has passed, and
* **due today** when it falls between now and the end of the seller's day — midnight in the seller's
  time zone (`tz`, an IANA name the extension sends from the browser; else the companion machine's own,
  which is the seller's computer).

`reply_due_at` is stored as UTC ISO 8601 with milliseconds and a `Z` (cases.iso), so it compares as text.
Every function takes `now`: tests never read the clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from .deadlines import DONE_STATUSES, local_tz

JOIN = "cases c left join reviews r on r.platform = c.platform and r.review_id = c.review_id"
# A reply is pending: not done by status, and no seller reply on the page.
PENDING = (f"c.status not in ({', '.join('?' * len(DONE_STATUSES))}) and c.reply_due_at is not null "
           "and coalesce(r.seller_reply, '') = ''")


def _iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


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
    n, e = _iso(now), _iso(end_of_day(now, tz))
    row = db.execute(
        f"""select sum(case when c.reply_due_at <= ? then 1 else 0 end),
                   sum(case when c.reply_due_at > ? and c.reply_due_at <= ? then 1 else 0 end)
            from {JOIN} where {PENDING}""",
        [n, n, e, *DONE_STATUSES],
    ).fetchone()
    return {"overdue": row[0] or 0, "due_today": row[1] or 0}


def due_rows(db: Database, now: datetime, tz: tzinfo, which: str = "all", limit: int = 20) -> list[dict]:
    """Pending-reply cases rows (joined with their review's seller_reply), most urgent first:
    overdue (longest overdue first), then due today (soonest first). `which`: overdue | today | all."""
    n, e = _iso(now), _iso(end_of_day(now, tz))
    cond = {"overdue": "c.reply_due_at <= ?", "today": "c.reply_due_at > ? and c.reply_due_at <= ?",
            "all": "c.reply_due_at <= ?"}[which]
    params = {"overdue": [n], "today": [n, e], "all": [e]}[which]
    return list(db.query(
        f"""select c.*, r.seller_reply as seller_reply, r.text as review_text, r.product_title as product_title,
                   r.buyer_nick as buyer_nick, r.rating as rating
            from {JOIN} where {PENDING} and {cond} order by c.reply_due_at asc, c.id asc limit ?""",
        [*DONE_STATUSES, *params, limit],
    ))


def open_count(db: Database) -> int:
    return db.execute("select count(*) from cases where status not in ('resolved', 'closed')").fetchone()[0]
