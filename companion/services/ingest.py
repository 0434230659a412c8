"""Turning a capture into a stored case: the capture, its review, evidence and the case's assessment.

All writes of one capture happen in one `BEGIN IMMEDIATE` transaction (companion/store/sqlite.py), so a
capture is either stored whole or not at all, and the evidence hash chain cannot fork under concurrent
requests. The order facts are computed once per capture and passed down to the classifier, the advice
and the drafts (companion/services/assessment.py).
"""

from __future__ import annotations

import base64
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
    fresh = None  # what case_result would read back of a case this capture opened
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
                review_first = False
                new_case = store.case_id_for_key(db, key) is None
                if capture.review is not None and new_case:
                    prev = store.review_seen(db, capture.platform, capture.review.review_id)
                    # A new review of a new case: the review row first, so the case's insert trigger (m006)
                    # indexes its whole search document once, instead of the order id alone and then again
                    # (delete and insert) by the review's trigger. Its case id is set once the case exists.
                    review_first = prev is None
                    if review_first:
                        store.upsert_review(db, capture, None, now_s, prev=None)
                case_id = upsert_case(db, capture, key, now_s)
                captured_at = clock.iso(capture.captured_at) if capture.captured_at.tzinfo else capture.captured_at.isoformat()
                record_json = json.dumps(record, ensure_ascii=False)
                store.insert_capture(db, capture, case_id, now_s, captured_at, record_json)
                if review_first:
                    store.set_review_case(db, capture.platform, capture.review.review_id, case_id)
                elif capture.review is not None:
                    store.upsert_review(db, capture, case_id, now_s)
                rows = store.append_evidence(db, capture, case_id, [(i, len(data), sha, rel) for (i, data, _), (sha, rel)
                                                                    in zip(files, names)], now_s, captured_at)
                caselog.log_capture(db, capture.capture_id, now_s)  # the case's tamper log (issue 12)
                if capture.review is not None:
                    # A case this capture opened holds only what was just written: its evidence rows, its one
                    # page kind, capture and record, and the assessment being stored (read as stored below).
                    stored = {} if new_case else None
                    assessment.store_assessment(db, case_id, capture.capture_id, capture.platform, capture.region,
                                                record["review"], classification, now_s,
                                                cause="review_capture", facts=facts, stored=stored,
                                                rows=rows if new_case else None,
                                                kinds=[capture.page_kind] if new_case else None)
                    if new_case:
                        fresh = {"evidence": rows, "records": [json.loads(record_json)], "assessment": stored,
                                 "captures": [{"capture_id": capture.capture_id, "page_kind": capture.page_kind,
                                               "page_url": capture.page_url, "captured_at": captured_at,
                                               "received_at": now_s}]}
                else:
                    assessment.reassess(db, case_id, capture.capture_id, now_s, cause="context_capture")
            pending.wait()  # every evidence file durable before the rows naming them commit
    finally:
        pending.settle()
    if duplicate_case is not None:
        return case_result(db, duplicate_case, capture_id=capture.capture_id, duplicate=True)
    caselog.checkpoint(data_dir, db)  # committed: anchor the log's head outside the database (issue 12)
    return case_result(db, case_id, capture_id=capture.capture_id, duplicate=False, fresh=fresh)


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


def warm_up() -> None:
    """Run a capture's CPU path once at server start, on a made-up capture and nothing stored: the body's parse,
    the base64 decoder, the evidence writers' threads, the rules, templates and lint patterns of every platform
    and language, so the seller's first capture costs what the next ones do (issue 11: first < 3x warm).
    Only a speed-up: a failure here is logged and the server starts all the same."""
    try:
        _warm_up()
    except Exception:  # noqa: BLE001 - never keep the companion from starting
        import logging

        logging.getLogger(__name__).warning("capture warm-up failed", exc_info=True)


def _warm_up() -> None:
    from ..classifier import classify
    from ..drafting import appeal_advice, make_drafts

    blob = bytes(range(256)) * 4  # 1 KB: long enough for decode_base64's fast path
    body = {
        "capture_id": "warm-up-capture", "platform": "douyin", "page_url": "https://example.invalid/comment",
        "captured_at": "2026-01-01T00:00:00Z", "shop": {"id": "warm-up", "name": "warm-up"},
        "review": {"review_id": "1", "order_id": "1", "rating": 1, "text": "预热：杯子漏水，快递也慢",
                   "review_time": "2026-01-01 08:00:00", "follow_up": {"text": "还没处理", "time": "2026-01-02 08:00:00"}},
        "order": {"order_id": "1", "status": "已签收", "sign_time": "2025-12-30 08:00:00"},
        "record": {"messages": [{"time": "2025-12-31 08:00:00", "sender": "buyer", "text": "漏水"}]},
        "evidence": [{"kind": "screenshot", "media_type": "image/png", "data_base64": base64.b64encode(blob).decode(),
                      "sha256": ev.sha256_hex(blob)}],
    }
    capture = Capture.model_validate_json(json.dumps(body, ensure_ascii=False))
    record = capture.model_dump(mode="json", exclude={"evidence"})
    json.dumps(record, ensure_ascii=False)
    decode_evidence(capture)
    ev.warm_writers()
    now = clock.utcnow()
    evidence = [{"id": 1, "kind": "screenshot", "sha256": "0" * 64}, {"id": None, "kind": "chat", "sha256": None}]
    for platform, region, text in (("douyin", None, "预热：杯子漏水，快递也慢"), ("taobao", None, "预热：不退款就差评"),
                                   ("tiktok", "US", "warm-up: the lid leaks, refund or 1 star"), ("tiktok", None, "warm-up")):
        review = {**record["review"], "text": text}
        facts = assessment.order_facts_from([record])
        classification = classify(text, rating=1, platform=platform, order={**facts, "review_time": review["review_time"]})
        advice = appeal_advice(classification, review, platform=platform, region=region, order=facts, evidence=evidence, now=now)
        assessment.case_checklist(classification, ["review_screenshot", "chat"], advice, platform)
        make_drafts(review, classification, platform=platform, region=region, order=facts, evidence=evidence,
                    after_sales={"aftersale_type": "退款", "aftersale_status": "退款成功"}, now=now, advice=advice,
                    case_status="resolved", include_unadvised_appeal=True)
