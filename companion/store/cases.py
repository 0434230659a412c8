"""Every SQL read and write of cases, captures, reviews, evidence rows, assessments, drafts and events.

The services call these functions with a store handle (`db`, a sqlite_utils Database from
companion/store/sqlite.py); nothing above this package writes SQL for them. A PostgreSQL store would be
a second module with the same functions (see companion/store/__init__.py).
"""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database

from .. import evidence as ev
from ..models import Capture
from .sqlite import dict_rows, table_missing

# The cases–reviews join, written once: a case and the review it was opened for.
CASE_REVIEW_JOIN = "cases c left join reviews r on r.platform = c.platform and r.review_id = c.review_id"


# ---------------------------------------------------------------------------------- captures

def capture_case(db: Database, capture_id: str) -> tuple[int, str] | None:
    """(case_id, received_at) of a stored capture, or None."""
    row = db.execute("select case_id, received_at from captures where capture_id = ?", [capture_id]).fetchone()
    return (row[0], row[1]) if row else None


def case_id_for_key(db: Database, key: str) -> int | None:
    row = db.execute("select id from cases where case_key = ?", [key]).fetchone()
    return row[0] if row else None


def insert_capture(db: Database, capture: Capture, case_id: int, now_s: str, captured_at: str,
                   record_json: str | None = None) -> None:
    """The capture's full record as received (evidence bytes aside); `record_json` when the caller has it."""
    if record_json is None:
        record_json = json.dumps(capture.model_dump(mode="json", exclude={"evidence"}), ensure_ascii=False)
    db.execute(
        "insert into captures (capture_id, case_id, platform, page_kind, page_url, page_title, region, shop_id,"
        " captured_at, received_at, extension_version, record_json) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [capture.capture_id, case_id, capture.platform, capture.page_kind, capture.page_url, capture.page_title,
         capture.region, capture.shop.id if capture.shop else None, captured_at, now_s, capture.extension_version,
         record_json])


def update_columns(db: Database, table: str, row_id: int, fields: dict) -> None:
    """`update <table> set <fields> where id = ?` (the column names are ours, never the client's)."""
    if fields:
        assert table in ("cases", "appeals") and all(k.isidentifier() for k in fields)
        db.execute(f"update {table} set {', '.join(f'{k} = ?' for k in fields)} where id = ?", [*fields.values(), row_id])


def upsert_case(db: Database, key: str, platform: str, order_id: str | None, updates: dict, now_s: str) -> int:
    """Find or create the case with `key` and apply `updates` (None values leave a field as it is)."""
    case_id = case_id_for_key(db, key)
    if case_id is not None:
        update_columns(db, "cases", case_id, {k: v for k, v in updates.items() if v is not None})
        return case_id
    row = {"case_key": key, "platform": platform, "order_id": order_id, "status": "open", "created_at": now_s, **updates}
    assert all(k.isidentifier() for k in row)
    return db.execute(f"insert into cases ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                      list(row.values())).lastrowid


REVIEW_COLUMNS = ("platform", "review_id", "case_id", "shop_id", "order_id", "product_id", "product_title", "sku", "rating",
                  "text", "lang", "buyer_nick", "review_time", "follow_up_text", "follow_up_time", "seller_reply",
                  "tags_json", "images_json", "first_captured_at", "last_captured_at", "capture_count")
_UPSERT_REVIEW = (
    f"insert into reviews ({', '.join(REVIEW_COLUMNS)}) values ({', '.join('?' * len(REVIEW_COLUMNS))})"
    f" on conflict (platform, review_id) do update set {', '.join(f'{c} = excluded.{c}' for c in REVIEW_COLUMNS[2:])}")


_NO_PREV = object()


def review_seen(db: Database, platform: str, review_id: str) -> tuple | None:
    """(first_captured_at, capture_count) of a stored review, or None."""
    return db.execute("select first_captured_at, capture_count from reviews where platform = ? and review_id = ?",
                      [platform, review_id]).fetchone()


def upsert_review(db: Database, capture: Capture, case_id: int | None, now_s: str, prev=_NO_PREV) -> None:
    """Latest structured fields of the review; each capture's full record stays in `captures`.

    `prev`: `review_seen` of this review when the caller has read it. `case_id` None: a new review written
    before its new case (services/ingest.py), its case id set after by `set_review_case`."""
    r = capture.review
    if prev is _NO_PREV:
        prev = review_seen(db, capture.platform, r.review_id)
    db.execute(_UPSERT_REVIEW, [
        capture.platform, r.review_id, case_id, capture.shop.id if capture.shop else None, r.order_id,
        r.product_id, r.product_title, r.sku, r.rating, r.text, r.lang, r.buyer_nick, r.review_time,
        r.follow_up.text if r.follow_up else None, r.follow_up.time if r.follow_up else None, r.seller_reply,
        json.dumps(r.tags, ensure_ascii=False), json.dumps(r.images, ensure_ascii=False),
        prev[0] if prev else now_s, now_s, (prev[1] if prev else 0) + 1])


def set_review_case(db: Database, platform: str, review_id: str, case_id: int) -> None:
    """The case id of a review written before its case (no search trigger reads `reviews.case_id`)."""
    db.execute("update reviews set case_id = ? where platform = ? and review_id = ?", [case_id, platform, review_id])


EVIDENCE_COLUMNS = ("case_id", "capture_id", "kind", "media_type", "sha256", "size", "source_url", "captured_at",
                    "stored_at", "version", "path", "prev_chain", "chain")
_INSERT_EVIDENCE = f"insert into evidence ({', '.join(EVIDENCE_COLUMNS)}) values ({', '.join('?' * len(EVIDENCE_COLUMNS))})"


def append_evidence(db: Database, capture: Capture, case_id: int, files, now_s: str, captured_at: str) -> list[dict]:
    """Append a row per evidence file to the hash chain; `files`: (index in capture.evidence, size, sha256, path).

    The files themselves are written by the caller (companion/evidence.py `write_all`), durable before
    this transaction commits. Returns the rows as stored (with their ids).
    """
    last = db.execute("select chain from evidence order by id desc limit 1").fetchone()
    prev = last[0] if last else ev.GENESIS
    rows = []
    for i, size, sha, rel in files:
        item = capture.evidence[i]
        version = db.execute(
            "select count(*) from evidence where case_id = ? and kind = ?", [case_id, item.kind]
        ).fetchone()[0] + 1
        row = {
            "case_id": case_id, "capture_id": capture.capture_id, "kind": item.kind, "media_type": item.media_type,
            "sha256": sha, "size": size, "source_url": item.source_url or capture.page_url,
            "captured_at": captured_at, "stored_at": now_s, "version": version, "path": rel, "prev_chain": prev,
        }
        row["chain"] = ev.chain_hash(prev, row)
        row = {"id": db.execute(_INSERT_EVIDENCE, [row[c] for c in EVIDENCE_COLUMNS]).lastrowid, **row}
        rows.append(row)
        prev = row["chain"]
    return rows


def capture_records(db: Database, case_id: int) -> list[dict]:
    """Every capture record of the case as received, oldest first (with `page_kind` and `capture_id`)."""
    return [json.loads(r) for (r,) in db.execute(
        "select record_json from captures where case_id = ? order by received_at", [case_id])]


def captures_of(db: Database, case_id: int) -> list[dict]:
    return [
        {"capture_id": c["capture_id"], "page_kind": c["page_kind"], "page_url": c["page_url"],
         "captured_at": c["captured_at"], "received_at": c["received_at"]}
        for c in dict_rows(db, "select capture_id, page_kind, page_url, captured_at, received_at from captures"
                               " where case_id = ? order by received_at", [case_id])
    ]


def latest_region(db: Database, case_id: int) -> str | None:
    row = db.execute("select region from captures where case_id = ? and region is not null "
                     "order by received_at desc limit 1", [case_id]).fetchone()
    return row[0] if row else None


def page_kinds(db: Database, case_id: int) -> list[str]:
    """The distinct page kinds captured for the case."""
    return [k for (k,) in db.execute("select distinct page_kind from captures where case_id = ?", [case_id])]


# ---------------------------------------------------------------------------------- cases

def get_case(db: Database, case_id: int) -> dict | None:
    """The cases row, or None."""
    rows = dict_rows(db, "select * from cases where id = ?", [case_id])
    return rows[0] if rows else None


def update_case(db: Database, case_id: int, fields: dict) -> None:
    db["cases"].update(case_id, fields)


def review_of(db: Database, case_id: int) -> dict | None:
    """The case's review (latest fields)."""
    rows = dict_rows(db, "select * from reviews where case_id = ? order by last_captured_at desc limit 1", [case_id])
    if not rows:
        return None
    r = rows[0]
    r["tags"] = json.loads(r.pop("tags_json") or "[]")
    r["images"] = json.loads(r.pop("images_json") or "[]")
    return r


def history_rows(db: Database, platform: str, shop_id: str | None, column: str, value: str,
                 exclude_case: int | None) -> list[dict]:
    """Cases whose review has `column = value` (same platform and shop), newest first."""
    assert column in ("buyer_nick", "product_id", "order_id")
    return dict_rows(db,
        f"""select c.id, c.order_id, c.primary_type, c.status, r.rating, r.review_time, r.text
            from reviews r join cases c on c.id = r.case_id
            where r.platform = ? and r.{column} = ? and coalesce(r.shop_id, '') = coalesce(?, '')
              and c.id != coalesce(?, -1)
            order by r.last_captured_at desc""",
        [platform, value, shop_id, exclude_case],
    )


def cases_by_review_ids(db: Database, platform: str, review_ids: list[str]) -> list[dict]:
    """Cases with their review's capture count, seller reply and last capture time, by review id."""
    marks = ",".join("?" * len(review_ids))
    return dict_rows(db,
        f"""select r.review_id, r.capture_count, r.last_captured_at, r.seller_reply, c.*
            from reviews r join cases c on c.id = r.case_id
            where r.platform = ? and r.review_id in ({marks})""", [platform, *review_ids])


def cases_by_order_ids(db: Database, platform: str, order_ids: list[str]) -> list[dict]:
    marks = ",".join("?" * len(order_ids))
    return dict_rows(db, f"select * from cases where platform = ? and order_id in ({marks})", [platform, *order_ids])


def count_by(db: Database, table: str, column: str) -> dict:
    """`{value: rows}` of `table` grouped by `column` (the dashboard's at-a-glance counts)."""
    assert (table, column) in (("cases", "status"), ("appeals", "outcome"))
    return dict(db.execute(f"select {column}, count(*) from {table} group by {column}").fetchall())


def open_escalations(db: Database) -> int:
    return db.execute("select count(*) from cases where escalation_risk = 1 and status not in ('resolved', 'closed')"
                      ).fetchone()[0]


# ---------------------------------------------------------------------------------- evidence, appeals, events

def evidence_rows(db: Database, case_id: int) -> list[dict]:
    return dict_rows(db, "select * from evidence where case_id = ? order by id", [case_id])


def evidence_row(db: Database, evidence_id: int) -> dict | None:
    rows = dict_rows(db, "select * from evidence where id = ?", [evidence_id])
    return rows[0] if rows else None


def appeals_of(db: Database, case_id: int) -> list[dict]:
    return dict_rows(db, "select * from appeals where case_id = ? order by id", [case_id])


def appeal_row(db: Database, appeal_id: int) -> dict | None:
    rows = dict_rows(db, "select * from appeals where id = ?", [appeal_id])
    return rows[0] if rows else None


def insert_appeal(db: Database, row: dict) -> int:
    return db["appeals"].insert(row).last_pk


def update_appeal(db: Database, appeal_id: int, fields: dict) -> None:
    db["appeals"].update(appeal_id, fields)


def case_events(db: Database, case_id: int) -> list[dict]:
    """The seller's actions on the case (drafts copied, status changes), oldest first."""
    try:
        events = dict_rows(db, "select * from case_events where case_id = ? order by id", [case_id])
    except sqlite3.OperationalError as exc:
        if table_missing(exc):
            return []
        raise
    return [
        {"id": e["id"], "kind": e["kind"], "draft_kind": e["draft_kind"], "text_sha256": e["text_sha256"], "text": e["text"],
         "edited": None if e["edited"] is None else bool(e["edited"]), "status": e["status"], "created_at": e["created_at"]}
        for e in events
    ]


def insert_event(db: Database, row: dict) -> int:
    return db["case_events"].insert(row).last_pk


# ---------------------------------------------------------------------------------- corrections

def shop_corrections(db: Database, platform: str, shop_id: str | None) -> list[dict]:
    """The seller's own corrections for this shop, newest first (used to adapt the classifier)."""
    try:
        rows = db.execute(
            "select text, corrected_primary from corrections where platform = ? and coalesce(shop_id, '') = coalesce(?, '')"
            " order by id desc limit 500",
            [platform, shop_id],
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if table_missing(exc):
            return []
        raise
    return [{"text": t, "primary": p} for t, p in rows]


def is_corrected(db: Database, case_id: int) -> bool:
    return db.execute("select 1 from corrections where case_id = ? limit 1", [case_id]).fetchone() is not None


def insert_correction(db: Database, row: dict) -> None:
    db["corrections"].insert(row)
