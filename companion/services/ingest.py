"""Turning a capture into a stored case: the capture, its review, evidence and the case's assessment.

All writes of one capture happen in one `BEGIN IMMEDIATE` transaction (companion/store/sqlite.py), so a
capture is either stored whole or not at all, and the evidence hash chain cannot fork under concurrent
requests. The order facts are computed once per capture and passed down to the classifier, the advice
and the drafts (companion/services/assessment.py).
"""

from __future__ import annotations

import binascii
import json
from pathlib import Path

from sqlite_utils import Database

from .. import caselog
from .. import evidence as ev
from ..errors import DomainError
from ..models import Capture
from ..store import cases as store
from ..store import clock
from ..store.sqlite import immediate
from . import assessment
from .deadlines import reply_due
from .views import case_result


def case_key(capture: Capture) -> str:
    """One case per order; a review without an order id is its own case."""
    order_id = (capture.order.order_id if capture.order else None) or (capture.review.order_id if capture.review else None)
    if order_id:
        return f"{capture.platform}:order:{order_id}"
    if capture.review:
        return f"{capture.platform}:review:{capture.review.review_id}"
    raise DomainError("missing_order_id", "A context-page capture needs order.order_id to link it to a case.",
                      field="order.order_id", status_hint=422)


def decode_evidence(capture: Capture) -> list[tuple[int, bytes, str]]:
    """Decode every upload before anything is written; a bad one rejects the whole capture. (index, bytes, sha256)."""
    out = []
    for i, item in enumerate(capture.evidence):
        field = f"evidence[{i}].data_base64"
        try:
            data = ev.decode_base64(item.data_base64)  # base64.b64decode(…, validate=True), faster
        except (binascii.Error, ValueError):
            raise DomainError("bad_base64", "Evidence data is not valid base64.", field=field) from None
        if not data:
            raise DomainError("empty_evidence", "Evidence file is empty.", field=field)
        sha = ev.sha256_hex(data)
        if item.sha256 and sha != item.sha256:
            raise DomainError("sha256_mismatch", "Evidence bytes do not match the sha256 sent with them.",
                              field=f"evidence[{i}].sha256")
        out.append((i, data, sha))
    return out


def known_facts(db: Database, record: dict, key: str) -> dict:
    """The order facts of the capture's case once this capture is stored: its earlier captures, then this one."""
    case_id = store.case_id_for_key(db, key)
    records = store.capture_records(db, case_id) if case_id is not None else []
    return assessment.order_facts_from([*records, record])


def ingest(db: Database, data_dir: Path, capture: Capture, *, record: dict | None = None) -> dict:
    """Store a capture and return the CaptureResult body. Idempotent on capture_id.

    `record`: `capture.model_dump(mode="json", exclude={"evidence"})` when the caller has made it already.

    Durable before it is acknowledged: the evidence files are written and fsync'd on a small thread pool
    (companion/evidence.py `write_all`) while this request classifies, drafts and writes its rows, and are
    waited for before the transaction that names them commits (WAL, synchronous=FULL: the commit is fsync'd).
    """
    existing = store.capture_case(db, capture.capture_id)
    if existing:
        return case_result(db, existing[0], capture_id=capture.capture_id, duplicate=True)

    files = decode_evidence(capture)
    key = case_key(capture)
    now_s = clock.iso(clock.utcnow())
    if record is None:
        record = capture.model_dump(mode="json", exclude={"evidence"})  # the record as received, serialised once
    names, pending = ev.write_all(data_dir, [(data, capture.evidence[i].media_type, sha) for i, data, sha in files])
    try:
        facts = known_facts(db, record, key)
        classification = None
        if capture.review is not None:
            shop_id = capture.shop.id if capture.shop else None
            classification = assessment.classify_review(db, capture.platform, shop_id, record["review"], facts)

        with immediate(db):
            # Checked again inside the lock: two deliveries of one queued capture may race.
            existing = store.capture_case(db, capture.capture_id)
            if existing:
                duplicate_case = existing[0]
            else:
                duplicate_case = None
                case_id = upsert_case(db, capture, key, now_s)
                captured_at = clock.iso(capture.captured_at) if capture.captured_at.tzinfo else capture.captured_at.isoformat()
                store.insert_capture(db, capture, case_id, now_s, captured_at, json.dumps(record, ensure_ascii=False))
                if capture.review is not None:
                    store.upsert_review(db, capture, case_id, now_s)
                store.append_evidence(db, capture, case_id, [(i, len(data), sha, rel) for (i, data, _), (sha, rel)
                                                             in zip(files, names)], now_s, captured_at)
                caselog.log_capture(db, capture.capture_id, now_s)  # the case's tamper log (issue 12)
                if capture.review is not None:
                    assessment.store_assessment(db, case_id, capture.capture_id, capture.platform, capture.region,
                                                record["review"], classification, now_s,
                                                cause="review_capture", facts=facts)
                else:
                    assessment.reassess(db, case_id, capture.capture_id, now_s, cause="context_capture")
            pending.wait()  # every evidence file durable before the rows naming them commit
    finally:
        pending.settle()
    if duplicate_case is not None:
        return case_result(db, duplicate_case, capture_id=capture.capture_id, duplicate=True)
    caselog.checkpoint(data_dir, db)  # committed: anchor the log's head outside the database (issue 12)
    return case_result(db, case_id, capture_id=capture.capture_id, duplicate=False)


def upsert_case(db: Database, capture: Capture, key: str, now_s: str) -> int:
    """Find or create the case for this capture's order and bring its summary up to date."""
    order_id = (capture.order.order_id if capture.order else None) or (capture.review.order_id if capture.review else None)
    updates = {"updated_at": now_s}
    if capture.shop:
        updates["shop_id"] = capture.shop.id
        updates["shop_name"] = capture.shop.name
    if capture.review is not None:
        updates["review_id"] = capture.review.review_id
        updates["reply_due_at"] = reply_due(capture)
    return store.upsert_case(db, key, capture.platform, order_id, updates, now_s)
