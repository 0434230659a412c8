"""SQL of the work queue and the reply counts (companion/services/workqueue.py decides what is urgent).

Times are `store.clock.iso` text (UTC, milliseconds, Z), so they compare as text.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from ..models import CASE_STATUSES, DONE_STATUSES
from .cases import CASE_REVIEW_JOIN as JOIN

# A reply is pending: not done by status, and no seller reply on the page.
PENDING = (f"c.status not in ({', '.join('?' * len(DONE_STATUSES))}) and c.reply_due_at is not null "
           "and coalesce(r.seller_reply, '') = ''")

_OPEN = "c.status not in ('resolved', 'closed')"
# Open and a public reply still to write (not replied/resolved/closed).
PENDING_STATUSES = tuple(s for s in CASE_STATUSES if s not in DONE_STATUSES)
OPEN_STATUSES = tuple(s for s in CASE_STATUSES if s not in ("resolved", "closed"))


def due_counts(db: Database, now_s: str, day_end_s: str) -> tuple[int, int]:
    """(overdue, due before `day_end_s`) pending public replies.

    Counted as (cases of a pending status with a due time) minus (those whose review shows a seller
    reply): the first walks the (status, reply_due_at) index alone, the second the few replied reviews
    (idx_reviews_seller_replied) — no join per open case."""
    sums = ("sum(case when c.reply_due_at <= ? then 1 else 0 end),"
            " sum(case when c.reply_due_at > ? and c.reply_due_at <= ? then 1 else 0 end)")
    marks = ", ".join("?" * len(PENDING_STATUSES))
    scheduled = db.execute(
        f"select {sums} from cases c where c.status in ({marks}) and c.reply_due_at is not null",
        [now_s, now_s, day_end_s, *PENDING_STATUSES]).fetchone()
    replied = db.execute(
        f"""select {sums} from reviews r indexed by idx_reviews_seller_replied
            cross join cases c on c.platform = r.platform and c.review_id = r.review_id
            where coalesce(r.seller_reply, '') != '' and c.status in ({marks}) and c.reply_due_at is not null""",
        [now_s, now_s, day_end_s, *PENDING_STATUSES]).fetchone()
    return (scheduled[0] or 0) - (replied[0] or 0), (scheduled[1] or 0) - (replied[1] or 0)


def due_rows(db: Database, now_s: str, day_end_s: str, which: str, limit: int) -> list[dict]:
    """Pending-reply case rows with their review's fields, most urgent first. `which`: overdue | today | all.

    Per pending status, the first `limit` of the (status, reply_due_at) index range — already in
    (reply_due_at, id) order, no sort — then the first `limit` of those merged."""
    cond = {"overdue": "c.reply_due_at <= ?", "today": "c.reply_due_at > ? and c.reply_due_at <= ?",
            "all": "c.reply_due_at <= ?"}[which]
    params = {"overdue": [now_s], "today": [now_s, day_end_s], "all": [day_end_s]}[which]
    firsts: list[tuple[str, int]] = []
    for status in PENDING_STATUSES:
        firsts += db.execute(
            f"""select c.reply_due_at, c.id from {JOIN} where c.status = ? and c.reply_due_at is not null
                and coalesce(r.seller_reply, '') = '' and {cond} order by c.reply_due_at asc, c.id asc limit ?""",
            [status, *params, limit]).fetchall()
    ids = [case_id for _, case_id in sorted(firsts)[:limit]]
    if not ids:
        return []
    return list(db.query(
        f"""select c.*, r.seller_reply as seller_reply, r.text as review_text, r.product_title as product_title,
                   r.buyer_nick as buyer_nick, r.rating as rating
            from {JOIN} where c.id in (select value from json_each(?)) order by c.reply_due_at asc, c.id asc""",
        [json.dumps(ids)],
    ))


def open_count(db: Database) -> int:
    return db.execute("select count(*) from cases where status not in ('resolved', 'closed')").fetchone()[0]


_QUEUE_SELECT = f"""select c.*, r.text as review_text, r.rating as rating, r.product_title as product_title,
                   r.buyer_nick as buyer_nick, r.seller_reply as seller_reply,
                   (select count(*) from evidence e where e.case_id = c.id) as evidence_count,
                   (select a.advice_json from assessments a where a.case_id = c.id order by a.version desc limit 1) as advice_json
            from {JOIN}"""


def queue_candidate_rows(db: Database, now_s: str, closing_s: str, limit: int) -> list[dict]:
    """Open cases that can be among the `limit` most urgent (services/workqueue.py ranks them).

    Per urgency tier, the first `limit` rows of that tier in the tier's own order, from a condition that
    holds for every row of the tier and only for rows of that tier or a more urgent one: a row left out
    is preceded by `limit` rows that rank before it, so ranking the candidates ranks every open case.
    Each part walks an index (cases by status and reply due time, by escalation and activity; the
    assessments recommending an appeal by deadline) and stops after `limit` rows.

    overdue (pending reply past due, oldest due first) · escalation risk · appeal recommended with a
    deadline before `closing_s` (UTC ISO; the exact window is decided in Python) · reply due (pending,
    soonest first) · the rest (newest activity first)."""
    ids: set[int] = set()

    def take(sql: str, params: list) -> None:
        ids.update(r[0] for r in db.execute(sql, params))

    pending_reply = "c.reply_due_at is not null and coalesce(r.seller_reply, '') = ''"
    for status in PENDING_STATUSES:  # one index range per status: (status, reply_due_at) is in order
        take(f"select c.id from {JOIN} where c.status = ? and {pending_reply} and c.reply_due_at <= ?"
             " order by c.reply_due_at asc, c.id desc limit ?", [status, now_s, limit])
        take(f"select c.id from {JOIN} where c.status = ? and {pending_reply} and c.reply_due_at > ?"
             " order by c.reply_due_at asc, c.id desc limit ?", [status, now_s, limit])
    for status in OPEN_STATUSES:  # escalation risks: due time first (soonest), then the rest, newest id first
        take("select c.id from cases c where c.status = ? and c.escalation_risk = 1 and c.reply_due_at is not null"
             " order by c.reply_due_at asc, c.id desc limit ?", [status, limit])
        take("select c.id from cases c where c.status = ? and c.escalation_risk = 1 and c.reply_due_at is null"
             " order by c.id desc limit ?", [status, limit])
    for risk in (0, 1):  # newest activity first: (escalation_risk, updated_at, id) walked backwards
        take(f"select c.id from cases c where c.escalation_risk = ? and {_OPEN}"
             " order by c.updated_at desc, c.id desc limit ?", [risk, limit])
    take(f"""select c.id from assessments a join cases c on c.id = a.case_id
             where json_valid(a.advice_json) and json_extract(a.advice_json, '$.verdict') = 'recommended'
               and julianday(json_extract(a.advice_json, '$.deadline')) between julianday(?) - 1 and julianday(?) + 1
               and a.version = (select max(version) from assessments b where b.case_id = a.case_id) and {_OPEN}""",
         [now_s, closing_s])
    if not ids:
        return []
    return list(db.query(f"{_QUEUE_SELECT} where c.id in (select value from json_each(?))", [json.dumps(sorted(ids))]))
