"""What the panel and the dashboard show of a case: its summary, its full view and the buyer/product history.

Reads only: the assessment is returned as stored (companion/services/assessment.py); the time-relative
fields (reply deadline, days left to appeal) are derived at read time from stored timestamps with one
`now` per answer.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from ..errors import not_found
from ..store import assessments as astore
from ..store import cases as store
from ..store import clock
from . import assessment


def evidence_item(row: dict) -> dict:
    """An evidence row as the API shows it."""
    return {
        "id": row["id"], "case_id": row["case_id"], "capture_id": row["capture_id"], "kind": row["kind"],
        "media_type": row["media_type"], "sha256": row["sha256"], "size": row["size"],
        "source_url": row["source_url"], "captured_at": row["captured_at"], "stored_at": row["stored_at"],
        "version": row["version"], "url": f"/api/v1/evidence/{row['id']}/file",
    }


def case_summary(row: dict, now: datetime | None = None) -> dict:
    """A cases row as the API shows it, with the reply deadline's derived fields (services/deadlines.py).

    `row` may carry the review's `seller_reply` (joined): a reply already on the page means the
    public reply is done.
    """
    from .deadlines import reply_deadline

    return {
        "id": row["id"],
        "platform": row["platform"],
        "order_id": row["order_id"],
        "review_id": row["review_id"],
        "shop_id": row["shop_id"],
        "status": row["status"],
        "primary": row["primary_type"],
        "escalation_risk": bool(row["escalation_risk"]),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "reply_due_at": row["reply_due_at"],
        **reply_deadline(row["reply_due_at"], platform=row["platform"], status=row["status"],
                         seller_replied=bool(row.get("seller_reply")), now=now or clock.utcnow()),
    }


def history(db: Database, case_id: int, review: dict | None = None) -> dict:
    """Earlier cases of the same buyer and the same product (same platform and shop)."""
    review = review if review is not None else store.review_of(db, case_id)
    out = {"buyer": {"count": 0, "cases": []}, "product": {"count": 0, "cases": [], "types": {}}}
    if not review:
        return out
    if review["buyer_nick"]:
        out["buyer"] = history_for(db, review["platform"], review["shop_id"], "buyer_nick", review["buyer_nick"], case_id)
    if review["product_id"]:
        out["product"] = history_for(db, review["platform"], review["shop_id"], "product_id", review["product_id"], case_id)
    return out


def history_for(db: Database, platform: str, shop_id: str | None, column: str, value: str, exclude_case: int | None) -> dict:
    """Other cases whose review has `column = value`, newest first, with a count per type."""
    rows = store.history_rows(db, platform, shop_id, column, value, exclude_case)
    types: dict[str, int] = {}
    for r in rows:
        types[r["primary_type"] or "other"] = types.get(r["primary_type"] or "other", 0) + 1
    return {
        "count": len(rows),
        "types": types,
        "cases": [
            {"case_id": r["id"], "order_id": r["order_id"], "primary": r["primary_type"], "status": r["status"],
             "rating": r["rating"], "review_time": r["review_time"], "text": (r["text"] or "")[:140]}
            for r in rows[:5]
        ],
    }


def require_case(db: Database, case_id: int) -> dict:
    """The cases row, or a 404 domain error."""
    row = store.get_case(db, case_id)
    if row is None:
        raise not_found("case", case_id, "case_id")
    return row


def case_result(db: Database, case_id: int, *, capture_id: str | None = None, duplicate: bool = False,
                fresh: dict | None = None) -> dict:
    """The full view of a case: what the panel and the dashboard show (the CaptureResult body).

    `fresh`: of a case the capture just opened, what would be read back, as written (services/ingest.py):
    its evidence rows, captures, capture records and assessment row."""
    row = require_case(db, case_id)
    if fresh is not None:
        evidence = [evidence_item(r) for r in fresh["evidence"]]
        captures, records = fresh["captures"], fresh["records"]
    else:
        evidence = [evidence_item(r) for r in store.evidence_rows(db, case_id)]
        captures = store.captures_of(db, case_id)
        records = store.capture_records(db, case_id)
    facts = assessment.order_facts_from(records)  # once per answer, passed down
    review = store.review_of(db, case_id)
    now = clock.utcnow()  # one clock for every derived number of this answer
    summary = case_summary({**row, "seller_reply": (review or {}).get("seller_reply")}, now)
    summary["corrected"] = store.is_corrected(db, case_id)
    stored = fresh["assessment"] if fresh is not None else astore.latest_assessment(db, case_id)
    classification = astore.latest_classification(db, case_id, stored)
    result = {
        "capture_id": capture_id or (captures[-1]["capture_id"] if captures else ""),
        "duplicate": duplicate,
        "case": summary,
        "review": review,
        "classification": classification,
        "drafts": astore.latest_drafts(db, case_id, stored),
        "evidence": evidence,
        "captures": captures,
        "order": facts,
        "history": history(db, case_id, review),
        "appeals": store.appeals_of(db, case_id),
        "events": store.case_events(db, case_id),
    }
    record = next((r for r in reversed(records) if r.get("review")), None)
    result["drafts"] += assessment.followup_drafts(row, classification, record, facts)
    if stored is not None:
        result.update(assessment.stored_extras(stored, result["drafts"], now))
    else:
        result.update(assessment.legacy_extras(db, row, classification, review, facts, now))
    return result
