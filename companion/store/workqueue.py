"""SQL of the work queue and the reply counts (companion/services/workqueue.py decides what is urgent).

Times are `store.clock.iso` text (UTC, milliseconds, Z), so they compare as text.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..models import DONE_STATUSES
from .cases import CASE_REVIEW_JOIN as JOIN

# A reply is pending: not done by status, and no seller reply on the page.
PENDING = (f"c.status not in ({', '.join('?' * len(DONE_STATUSES))}) and c.reply_due_at is not null "
           "and coalesce(r.seller_reply, '') = ''")


def due_counts(db: Database, now_s: str, day_end_s: str) -> tuple[int, int]:
    """(overdue, due before `day_end_s`) pending public replies."""
    row = db.execute(
        f"""select sum(case when c.reply_due_at <= ? then 1 else 0 end),
                   sum(case when c.reply_due_at > ? and c.reply_due_at <= ? then 1 else 0 end)
            from {JOIN} where {PENDING}""",
        [now_s, now_s, day_end_s, *DONE_STATUSES],
    ).fetchone()
    return row[0] or 0, row[1] or 0


def due_rows(db: Database, now_s: str, day_end_s: str, which: str, limit: int) -> list[dict]:
    """Pending-reply case rows with their review's fields, most urgent first. `which`: overdue | today | all."""
    cond = {"overdue": "c.reply_due_at <= ?", "today": "c.reply_due_at > ? and c.reply_due_at <= ?",
            "all": "c.reply_due_at <= ?"}[which]
    params = {"overdue": [now_s], "today": [now_s, day_end_s], "all": [day_end_s]}[which]
    return list(db.query(
        f"""select c.*, r.seller_reply as seller_reply, r.text as review_text, r.product_title as product_title,
                   r.buyer_nick as buyer_nick, r.rating as rating
            from {JOIN} where {PENDING} and {cond} order by c.reply_due_at asc, c.id asc limit ?""",
        [*DONE_STATUSES, *params, limit],
    ))


def open_count(db: Database) -> int:
    return db.execute("select count(*) from cases where status not in ('resolved', 'closed')").fetchone()[0]


def open_case_rows(db: Database) -> list[dict]:
    """Every open case with its review's fields, evidence count and newest assessment's advice."""
    return list(db.query(
        f"""select c.*, r.text as review_text, r.rating as rating, r.product_title as product_title,
                   r.buyer_nick as buyer_nick, r.seller_reply as seller_reply,
                   (select count(*) from evidence e where e.case_id = c.id) as evidence_count,
                   (select a.advice_json from assessments a where a.case_id = c.id order by a.version desc limit 1) as advice_json
            from {JOIN} where c.status not in ('resolved', 'closed')"""))
