"""Turning a capture into a stored case: classification, drafts, evidence, history.

All writes of one capture happen in one `BEGIN IMMEDIATE` transaction, so a capture is either
stored whole or not at all, and the evidence hash chain cannot fork under concurrent requests.
"""

from __future__ import annotations

import base64
import binascii
import json
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlite_utils import Database

from . import evidence as ev
from .api.errors import ApiError
from .models import Capture, Classification, Draft

def utcnow() -> datetime:
    """Now, in UTC (a function so tests can see one place that reads the clock)."""
    return datetime.now(timezone.utc)


def iso(dt: datetime) -> str:
    """UTC ISO-8601 with a Z, to the millisecond."""
    return dt.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@contextmanager
def immediate(db: Database):
    """A write transaction that takes the write lock up front."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def case_key(capture: Capture) -> str:
    """One case per order; a review without an order id is its own case."""
    order_id = (capture.order.order_id if capture.order else None) or (capture.review.order_id if capture.review else None)
    if order_id:
        return f"{capture.platform}:order:{order_id}"
    if capture.review:
        return f"{capture.platform}:review:{capture.review.review_id}"
    raise ApiError(422, "missing_order_id", "A context-page capture needs order.order_id to link it to a case.", field="order.order_id")


def decode_evidence(capture: Capture) -> list[tuple[int, bytes]]:
    """Decode every upload before anything is written; a bad one rejects the whole capture."""
    out = []
    for i, item in enumerate(capture.evidence):
        try:
            data = base64.b64decode(item.data_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(422, "bad_base64", "Evidence data is not valid base64.", field=f"evidence[{i}].data_base64") from None
        if not data:
            raise ApiError(422, "empty_evidence", "Evidence file is empty.", field=f"evidence[{i}].data_base64")
        if item.sha256 and ev.sha256_hex(data) != item.sha256:
            raise ApiError(422, "sha256_mismatch", "Evidence bytes do not match the sha256 sent with them.", field=f"evidence[{i}].sha256")
        out.append((i, data))
    return out


def ingest(db: Database, data_dir: Path, capture: Capture) -> dict:
    """Store a capture and return the CaptureResult body. Idempotent on capture_id."""
    existing = db.execute("select case_id from captures where capture_id = ?", [capture.capture_id]).fetchone()
    if existing:
        return case_result(db, existing[0], capture_id=capture.capture_id, duplicate=True)

    files = decode_evidence(capture)
    key = case_key(capture)
    now = utcnow()
    now_s = iso(now)
    classification = None
    shop_id = capture.shop.id if capture.shop else None
    if capture.review is not None:
        classification = classify_review(db, capture.platform, shop_id, capture.review.model_dump(), known_facts(db, capture))

    with immediate(db):
        # Checked again inside the lock: two deliveries of one queued capture may race.
        existing = db.execute("select case_id from captures where capture_id = ?", [capture.capture_id]).fetchone()
        if existing:
            duplicate_case = existing[0]
        else:
            duplicate_case = None
            case_id = upsert_case(db, capture, key, now_s)
            record = capture.model_dump(mode="json", exclude={"evidence"})
            db["captures"].insert(
                {
                    "capture_id": capture.capture_id,
                    "case_id": case_id,
                    "platform": capture.platform,
                    "page_kind": capture.page_kind,
                    "page_url": capture.page_url,
                    "page_title": capture.page_title,
                    "region": capture.region,
                    "shop_id": capture.shop.id if capture.shop else None,
                    "captured_at": iso(capture.captured_at) if capture.captured_at.tzinfo else capture.captured_at.isoformat(),
                    "received_at": now_s,
                    "extension_version": capture.extension_version,
                    "record_json": json.dumps(record, ensure_ascii=False),
                }
            )
            if capture.review is not None:
                upsert_review(db, capture, case_id, now_s)
            store_evidence(db, data_dir, capture, case_id, files, now_s)
            if capture.review is not None:
                store_assessment(db, case_id, capture.capture_id, capture.platform, capture.region,
                                 capture.review.model_dump(mode="json"), classification, now_s, cause="review_capture")
            else:
                reassess(db, case_id, capture.capture_id, now_s, cause="context_capture")
    if duplicate_case is not None:
        return case_result(db, duplicate_case, capture_id=capture.capture_id, duplicate=True)
    return case_result(db, case_id, capture_id=capture.capture_id, duplicate=False)


def reassess(db: Database, case_id: int, capture_id: str, now_s: str, cause: str = "context_capture") -> None:
    """A context page brought new order facts: classify the case's review again with them.

    E.g. "never arrived" becomes a false claim once the logistics page shows a signed delivery.
    The seller's correction of this review still wins (corrections are matched on its text).
    """
    record = latest_review_capture(db, case_id)
    if record is None:
        return
    shop_id = (record.get("shop") or {}).get("id")
    classification = classify_review(db, record["platform"], shop_id, record["review"], order_facts(db, case_id))
    store_assessment(db, case_id, capture_id, record["platform"], record.get("region"), record["review"], classification,
                     now_s, cause=cause)


def upsert_case(db: Database, capture: Capture, key: str, now_s: str) -> int:
    """Find or create the case for this capture's order and bring its summary up to date."""
    row = db.execute("select id from cases where case_key = ?", [key]).fetchone()
    order_id = (capture.order.order_id if capture.order else None) or (capture.review.order_id if capture.review else None)
    updates = {"updated_at": now_s}
    if capture.shop:
        updates["shop_id"] = capture.shop.id
        updates["shop_name"] = capture.shop.name
    if capture.review is not None:
        updates["review_id"] = capture.review.review_id
        updates["reply_due_at"] = reply_due(capture)
    if row:
        updates = {k: v for k, v in updates.items() if v is not None}
        db["cases"].update(row[0], updates)
        return row[0]
    return db["cases"].insert(
        {"case_key": key, "platform": capture.platform, "order_id": order_id, "status": "open", "created_at": now_s, **updates}
    ).last_pk


def reply_due(capture: Capture, local=None) -> str | None:
    """The public reply is due 24 h after the review (or after the capture if no time is shown).

    A review time without a zone is read in the platform's shown time zone (抖店/千牛: UTC+8), else
    in the seller's own (`local`, default the companion machine's: TikTok's per-region zone is unknown).
    """
    from .deadlines import local_tz
    from .drafting._text import parse_time, shown_tz
    from .drafting.rules import load_rules

    rules = load_rules(capture.platform, capture.region)
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


def upsert_review(db: Database, capture: Capture, case_id: int, now_s: str) -> None:
    """Latest structured fields of the review; each capture's full record stays in `captures`."""
    r = capture.review
    pk = (capture.platform, r.review_id)
    prev = db.execute(
        "select first_captured_at, capture_count from reviews where platform = ? and review_id = ?", list(pk)
    ).fetchone()
    db["reviews"].upsert(
        {
            "platform": capture.platform,
            "review_id": r.review_id,
            "case_id": case_id,
            "shop_id": capture.shop.id if capture.shop else None,
            "order_id": r.order_id,
            "product_id": r.product_id,
            "product_title": r.product_title,
            "sku": r.sku,
            "rating": r.rating,
            "text": r.text,
            "lang": r.lang,
            "buyer_nick": r.buyer_nick,
            "review_time": r.review_time,
            "follow_up_text": r.follow_up.text if r.follow_up else None,
            "follow_up_time": r.follow_up.time if r.follow_up else None,
            "seller_reply": r.seller_reply,
            "tags_json": json.dumps(r.tags, ensure_ascii=False),
            "images_json": json.dumps(r.images, ensure_ascii=False),
            "first_captured_at": prev[0] if prev else now_s,
            "last_captured_at": now_s,
            "capture_count": (prev[1] if prev else 0) + 1,
        },
        pk=("platform", "review_id"),
    )


def store_evidence(db: Database, data_dir: Path, capture: Capture, case_id: int, files, now_s: str) -> None:
    """Write each file under its hash and append its row to the hash chain."""
    captured_at = iso(capture.captured_at) if capture.captured_at.tzinfo else capture.captured_at.isoformat()
    last = db.execute("select chain from evidence order by id desc limit 1").fetchone()
    prev = last[0] if last else ev.GENESIS
    for i, data in files:
        item = capture.evidence[i]
        sha, rel = ev.write_once(data_dir, data, item.media_type)
        version = db.execute(
            "select count(*) from evidence where case_id = ? and kind = ?", [case_id, item.kind]
        ).fetchone()[0] + 1
        row = {
            "case_id": case_id,
            "capture_id": capture.capture_id,
            "kind": item.kind,
            "media_type": item.media_type,
            "sha256": sha,
            "size": len(data),
            "source_url": item.source_url or capture.page_url,
            "captured_at": captured_at,
            "stored_at": now_s,
            "version": version,
            "path": rel,
            "prev_chain": prev,
        }
        row["chain"] = ev.chain_hash(prev, row)
        db["evidence"].insert(row)
        prev = row["chain"]


def order_facts(db: Database, case_id: int) -> dict:
    """Everything known about the case's order, merged over all its captures (latest wins)."""
    facts: dict = {}
    for (record_json,) in db.execute("select record_json from captures where case_id = ? order by received_at", [case_id]):
        record = json.loads(record_json)
        for k, v in (record.get("order") or {}).items():
            if v not in (None, ""):
                facts[k] = v
        rec = record.get("record") or {}
        if isinstance(rec, dict) and rec.get("tracking_events"):
            facts["tracking_events"] = rec["tracking_events"]
    return facts


def classify_review(db: Database, platform: str, shop_id: str | None, review: dict, facts: dict) -> Classification:
    """Classify a review with the order facts known so far and the shop's corrections."""
    from .classifier import classify

    text = review.get("text") or ""
    follow_up = (review.get("follow_up") or {}).get("text")
    if follow_up:
        text = f"{text}\n{follow_up}" if text else follow_up
    return classify(
        text,
        rating=review.get("rating"),
        lang=review.get("lang"),
        platform=platform,
        order={**facts, "review_time": review.get("review_time")},
        corrections=shop_corrections(db, platform, shop_id),
    )


def known_facts(db: Database, capture: Capture) -> dict:
    """Order facts of the capture's case so far, plus the ones this capture brings."""
    row = db.execute("select id from cases where case_key = ?", [case_key(capture)]).fetchone()
    facts = order_facts(db, row[0]) if row else {}
    if capture.order:
        facts.update({k: v for k, v in capture.order.model_dump().items() if v is not None})
    if capture.record and capture.record.tracking_events:
        facts["tracking_events"] = [e.model_dump() for e in capture.record.tracking_events]
    return facts


def latest_review_capture(db: Database, case_id: int) -> dict | None:
    """The newest capture of the case that carried a review (its record as received)."""
    for (record_json,) in db.execute(
        "select record_json from captures where case_id = ? order by received_at desc, rowid desc", [case_id]
    ):
        record = json.loads(record_json)
        if record.get("review"):
            return record
    return None


def shop_corrections(db: Database, platform: str, shop_id: str | None) -> list[dict]:
    """The seller's own corrections for this shop, newest first (used to adapt the classifier)."""
    if "corrections" not in db.table_names():
        return []
    rows = db.execute(
        "select text, corrected_primary from corrections where platform = ? and coalesce(shop_id, '') = coalesce(?, '')"
        " order by id desc limit 500",
        [platform, shop_id],
    ).fetchall()
    return [{"text": t, "primary": p} for t, p in rows]


def build_drafts(db: Database, case_id: int, platform: str, region: str | None, review: dict,
                 classification: Classification, *, now: datetime | None = None, advice: dict | None = None) -> list[Draft]:
    """Public reply, private message and (when `advice` recommends it) the appeal statement."""
    from .drafting import make_drafts

    evidence = [
        {"id": r["id"], "kind": r["kind"], "sha256": r["sha256"]}
        for r in db.query("select id, kind, sha256 from evidence where case_id = ? order by id", [case_id])
    ]
    return make_drafts(
        review,
        classification,
        platform=platform,
        region=region,
        order=order_facts(db, case_id),
        evidence=evidence + page_kinds(db, case_id),
        after_sales=after_sales_record(db, case_id),
        now=now or utcnow(),  # the companion's one clock, not drafting's own
        advice=advice,
    )


def after_sales_record(db: Database, case_id: int) -> dict | None:
    """The newest after-sales record captured for the case (type, status, timeline), or None."""
    for (record_json,) in db.execute(
        "select record_json from captures where case_id = ? and page_kind = 'after_sales' order by received_at desc, rowid desc",
        [case_id],
    ):
        rec = json.loads(record_json).get("record") or {}
        if rec.get("aftersale_status") or rec.get("aftersale_type") or rec.get("timeline"):
            return {k: rec.get(k) for k in ("aftersale_type", "aftersale_status", "aftersale_reason", "timeline")}
    return None


def store_assessment(db: Database, case_id: int, capture_id: str, platform: str, region: str | None,
                     review: dict, classification: Classification, now_s: str, cause: str = "review_capture") -> int:
    """Assess the case once and store it as a new version: classification, advice, checklist, drafts.

    Everything is decided here with one clock (`now_s`) and one set of facts; reads return it as
    stored (see `stored_extras`), so the advice, its checklist and the drafts can never disagree.
    Old versions stay (the table is append-only). Returns the assessment id.
    """
    from .drafting import appeal_advice

    now = datetime.fromisoformat(now_s.replace("Z", "+00:00"))
    classification_id = db["classifications"].insert(
        {
            "case_id": case_id,
            "capture_id": capture_id,
            "platform": platform,
            "review_id": review["review_id"],
            "primary_type": classification.primary,
            "result_json": classification.model_dump_json(),
            "classifier_version": classification.classifier_version,
            "created_at": now_s,
        }
    ).last_pk
    db["cases"].update(case_id, {"primary_type": classification.primary,
                                 "escalation_risk": int(classification.escalation_risk)})
    order = order_facts(db, case_id)
    evidence, have = assessed_evidence(db, case_id)
    advice = appeal_advice(classification, review, platform=platform, region=region, order=order, evidence=evidence, now=now)
    expired_why = None
    if advice["grounds"] and advice["verdict"] != "expired" and advice.get("deadline"):
        # What the advice will say once its deadline has passed: written now, shown then.
        later = datetime.fromisoformat(advice["deadline"]) + timedelta(days=1)
        expired_why = appeal_advice(classification, review, platform=platform, region=region, order=order,
                                    evidence=evidence, now=later)["why"]
    checklist = case_checklist(classification, have, advice, platform)
    drafts = build_drafts(db, case_id, platform, region, review, classification, now=now, advice=advice)
    version = db.execute("select coalesce(max(version), 0) + 1 from assessments where case_id = ?", [case_id]).fetchone()[0]
    assessment_id = db["assessments"].insert(
        {
            "case_id": case_id,
            "version": version,
            "format": 1,
            "cause": cause,
            "capture_id": capture_id,
            "classification_id": classification_id,
            "assessed_at": now_s,
            "classification_json": classification.model_dump_json(),
            "advice_json": json.dumps(advice, ensure_ascii=False),
            "expired_why": expired_why,
            "checklist_json": json.dumps(checklist, ensure_ascii=False),
            "drafts_json": json.dumps([d.model_dump() for d in drafts], ensure_ascii=False),
        }
    ).last_pk
    for draft in drafts:
        db["drafts"].insert(
            {
                "case_id": case_id,
                "capture_id": capture_id,
                "assessment_id": assessment_id,
                "kind": draft.kind,
                "lang": draft.lang,
                "text": draft.text,
                "variant": draft.variant,
                "max_chars": draft.max_chars,
                "lint_json": json.dumps(draft.lint, ensure_ascii=False),
                "created_at": now_s,
            }
        )
    return assessment_id


def assessed_evidence(db: Database, case_id: int) -> tuple[list[dict], list[str]]:
    """The case's evidence in the checklist's vocabulary, for the advice, and the kinds held (`have`)."""
    rows = list(db.query("select id, kind, sha256 from evidence where case_id = ? order by id", [case_id]))
    pages = [k for (k,) in db.execute("select distinct page_kind from captures where case_id = ?", [case_id])]
    have = sorted({kind_to_evidence(r["kind"]) for r in rows} | set(pages) - {"review"})
    evidence = [{"id": r["id"], "kind": kind_to_evidence(r["kind"]), "sha256": r["sha256"]} for r in rows]
    evidence += [{"id": None, "kind": k, "sha256": None} for k in have if k not in {e["kind"] for e in evidence}]
    return evidence, have


def case_checklist(classification: Classification, have: list[str], advice: dict, platform: str) -> list[dict]:
    """The evidence checklist: the chosen appeal reason's evidence when appealing, else the type's."""
    from .drafting import evidence_checklist
    from .drafting.advice import draft_lang

    return evidence_checklist(classification.primary, have, draft_lang(classification.lang),
                              ids=advice.get("evidence_needed"), platform=platform)


def page_kinds(db: Database, case_id: int) -> list[dict]:
    """Context pages captured for the case, as pseudo-evidence kinds (order, chat, logistics…)."""
    return [
        {"id": None, "kind": k, "sha256": None}
        for (k,) in db.execute("select distinct page_kind from captures where case_id = ? and page_kind != 'review'", [case_id])
    ]


def evidence_item(row: dict) -> dict:
    """An evidence row as the API shows it."""
    return {
        "id": row["id"],
        "case_id": row["case_id"],
        "capture_id": row["capture_id"],
        "kind": row["kind"],
        "media_type": row["media_type"],
        "sha256": row["sha256"],
        "size": row["size"],
        "source_url": row["source_url"],
        "captured_at": row["captured_at"],
        "stored_at": row["stored_at"],
        "version": row["version"],
        "url": f"/api/v1/evidence/{row['id']}/file",
    }


def case_summary(row: dict, now: datetime | None = None) -> dict:
    """A cases row as the API shows it, with the reply deadline's derived fields (companion/deadlines.py).

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
                         seller_replied=bool(row.get("seller_reply")), now=now or utcnow()),
    }


def get_case(db: Database, case_id: int) -> dict | None:
    """The cases row, or None."""
    rows = list(db.query("select * from cases where id = ?", [case_id]))
    return rows[0] if rows else None


def latest_assessment(db: Database, case_id: int) -> dict | None:
    """The case's newest stored assessment row, or None (no review yet, or a case from before m005)."""
    rows = list(db.query("select * from assessments where case_id = ? order by version desc limit 1", [case_id]))
    return rows[0] if rows else None


def latest_classification(db: Database, case_id: int) -> dict | None:
    """The newest classification of the case's review (the one its newest assessment was made with)."""
    assessment = latest_assessment(db, case_id)
    if assessment is not None:
        return json.loads(assessment["classification_json"])
    row = db.execute(
        "select result_json from classifications where case_id = ? order by id desc limit 1", [case_id]
    ).fetchone()
    return json.loads(row[0]) if row else None


def latest_drafts(db: Database, case_id: int) -> list[dict]:
    """The drafts made for the case's newest assessment; a model rewrite replaces its template."""
    assessment = latest_assessment(db, case_id)
    if assessment is not None:
        by_kind = {d["kind"]: d for d in json.loads(assessment["drafts_json"])}
        for d in db.query("select * from drafts where assessment_id = ? and source = 'model' order by id", [assessment["id"]]):
            by_kind[d["kind"]] = {"kind": d["kind"], "text": d["text"], "lang": d["lang"], "max_chars": d["max_chars"],
                                  "variant": d["variant"], "source": d["source"], "lint": json.loads(d["lint_json"] or "[]")}
        return list(by_kind.values())
    # A case assessed before m005: its newest capture's drafts.
    row = db.execute("select capture_id from drafts where case_id = ? order by id desc limit 1", [case_id]).fetchone()
    if not row:
        return []
    by_kind: dict[str, dict] = {}
    for d in db.query("select * from drafts where case_id = ? and capture_id = ? order by id", [case_id, row[0]]):
        by_kind[d["kind"]] = {
            "kind": d["kind"],
            "text": d["text"],
            "lang": d["lang"],
            "max_chars": d["max_chars"],
            "variant": d["variant"],
            "source": d["source"],
            "lint": json.loads(d["lint_json"] or "[]"),
        }
    return list(by_kind.values())


def rewrite_drafts(db: Database, case_id: int) -> list[dict]:
    """Have the configured local model rewrite the latest drafts; store the accepted rewrites."""
    from .drafting import draft_facts
    from .llm import load_settings, rewrite

    llm = load_settings(db).llm
    if not llm.enabled:
        raise ApiError(409, "model_disabled", "The local model is off: enable it in settings (llm.enabled).", field="llm.enabled")
    drafts = latest_drafts(db, case_id)
    record = latest_review_capture(db, case_id)
    if not drafts or record is None:
        raise ApiError(409, "no_drafts", "This case has no captured review, so there is nothing to rewrite.", field="case_id")
    capture_id = db.execute("select capture_id from drafts where case_id = ? order by id desc limit 1", [case_id]).fetchone()[0]
    evidence = [dict(r) for r in db.query("select id, kind, sha256 from evidence where case_id = ?", [case_id])]
    facts = draft_facts(record["review"], order_facts(db, case_id), evidence)
    out = []
    for draft in drafts:
        if draft["kind"] in llm.kinds and draft["source"] == "template":
            draft = rewrite(llm, draft, platform=record["platform"], region=record.get("region"), facts=facts)
        out.append(draft)
    now_s = iso(utcnow())
    assessment = latest_assessment(db, case_id)
    with db.atomic():
        for d in out:
            if d["source"] == "model":
                db["drafts"].insert({"case_id": case_id, "capture_id": capture_id,
                                     "assessment_id": assessment["id"] if assessment else None,
                                     "kind": d["kind"], "lang": d["lang"],
                                     "text": d["text"], "variant": d["variant"], "max_chars": d["max_chars"],
                                     "source": "model", "lint_json": json.dumps(d["lint"], ensure_ascii=False),
                                     "created_at": now_s})
    return out


def review_of(db: Database, case_id: int) -> dict | None:
    """The case's review (latest fields)."""
    rows = list(db.query("select * from reviews where case_id = ? order by last_captured_at desc limit 1", [case_id]))
    if not rows:
        return None
    r = rows[0]
    r["tags"] = json.loads(r.pop("tags_json") or "[]")
    r["images"] = json.loads(r.pop("images_json") or "[]")
    return r


def history(db: Database, case_id: int) -> dict:
    """Earlier cases of the same buyer and the same product (same platform and shop)."""
    review = review_of(db, case_id)
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
    assert column in ("buyer_nick", "product_id", "order_id")
    rows = list(
        db.query(
            f"""select c.id, c.order_id, c.primary_type, c.status, r.rating, r.review_time, r.text
                from reviews r join cases c on c.id = r.case_id
                where r.platform = ? and r.{column} = ? and coalesce(r.shop_id, '') = coalesce(?, '')
                  and c.id != coalesce(?, -1)
                order by r.last_captured_at desc""",
            [platform, value, shop_id, exclude_case],
        )
    )
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


def case_result(db: Database, case_id: int, *, capture_id: str | None = None, duplicate: bool = False) -> dict:
    """The full view of a case: what the panel and the dashboard show."""
    row = get_case(db, case_id)
    if row is None:
        raise ApiError(404, "not_found", f"No case {case_id}.", field="case_id")
    evidence = [evidence_item(r) for r in db.query("select * from evidence where case_id = ? order by id", [case_id])]
    captures = [
        {"capture_id": c["capture_id"], "page_kind": c["page_kind"], "page_url": c["page_url"],
         "captured_at": c["captured_at"], "received_at": c["received_at"]}
        for c in db.query("select * from captures where case_id = ? order by received_at", [case_id])
    ]
    review = review_of(db, case_id)
    now = utcnow()  # one clock for every derived number of this answer
    summary = case_summary({**row, "seller_reply": (review or {}).get("seller_reply")}, now)
    summary["corrected"] = db.execute("select 1 from corrections where case_id = ? limit 1", [case_id]).fetchone() is not None
    result = {
        "capture_id": capture_id or (captures[-1]["capture_id"] if captures else ""),
        "duplicate": duplicate,
        "case": summary,
        "review": review,
        "classification": latest_classification(db, case_id),
        "drafts": latest_drafts(db, case_id),
        "evidence": evidence,
        "captures": captures,
        "order": order_facts(db, case_id),
        "history": history(db, case_id),
        "appeals": list(db.query("select * from appeals where case_id = ? order by id", [case_id])),
        "events": case_events(db, case_id),
    }
    assessment = latest_assessment(db, case_id)
    result["drafts"] += followup_drafts(db, row, result)
    if assessment is not None:
        result.update(stored_extras(assessment, result, now))
    else:
        result.update(case_extras(db, row, result))
    return result


def case_events(db: Database, case_id: int) -> list[dict]:
    """The seller's actions on the case (drafts copied, status changes), oldest first."""
    if "case_events" not in db.table_names():
        return []
    return [
        {"id": e["id"], "kind": e["kind"], "draft_kind": e["draft_kind"], "text_sha256": e["text_sha256"], "text": e["text"],
         "edited": None if e["edited"] is None else bool(e["edited"]), "status": e["status"], "created_at": e["created_at"]}
        for e in db.query("select * from case_events where case_id = ? order by id", [case_id])
    ]


def followup_drafts(db: Database, row: dict, result: dict) -> list[dict]:
    """The optional review-update ask: only once the case is resolved, never inside the first message."""
    if row["status"] != "resolved" or not result["classification"]:
        return []
    record = latest_review_capture(db, row["id"])
    if record is None:
        return []
    from .drafting import review_update_request

    draft = review_update_request(record["review"], result["classification"], platform=row["platform"],
                                  region=record.get("region"), order=result["order"])
    return [draft.model_dump()] if draft else []


def stored_extras(assessment: dict, result: dict, now: datetime) -> dict:
    """The advice and checklist of the newest assessment, as stored; only the time-relative numbers are live.

    `days_left` is counted from the stored absolute deadline to `now`; once that deadline has passed
    an appealable review reads as expired (verdict, `expired_on`, and the `why` written for that
    moment at assessment time), and a stored appeal statement gets a warning saying so.
    """
    from string import Template

    from .drafting.advice import templates

    advice = live_advice(json.loads(assessment["advice_json"]), assessment["expired_why"], now)
    if advice["verdict"] == "expired":
        for d in result["drafts"]:
            if d["kind"] == "appeal_statement" and not any(f.get("code") == "appeal_window_expired" for f in d["lint"]):
                msg = Template(templates(d["lang"])["notes"]["appeal_window_expired"]).safe_substitute(date=advice["expired_on"])
                d["lint"] = [*d["lint"], {"code": "appeal_window_expired", "severity": "warning", "message": msg}]
    assessed = {"id": assessment["id"], "version": assessment["version"], "assessed_at": assessment["assessed_at"],
                "cause": assessment["cause"]}
    return {"advice": advice, "checklist": json.loads(assessment["checklist_json"]), "assessment": assessed}


def live_advice(advice: dict, expired_why: str | None, now: datetime) -> dict:
    """Stored advice with `days_left` / `expired_on` counted at `now` from its absolute `deadline`."""
    from .drafting._text import days_between

    advice = dict(advice)
    try:
        deadline = datetime.fromisoformat(advice["deadline"]) if advice.get("deadline") else None
    except (TypeError, ValueError):
        deadline = None
    if deadline is None or deadline.tzinfo is None or advice.get("verdict") == "expired":
        return advice
    left = days_between(deadline, now)
    if left >= 0:
        advice["days_left"], advice["expired_on"] = left, None
        return advice
    advice["days_left"], advice["expired_on"] = None, deadline.date().isoformat()
    if advice.get("grounds"):
        advice.update(verdict="expired", worth_appealing=False, why=expired_why or advice.get("why"))
    return advice


def case_extras(db: Database, row: dict, result: dict) -> dict:
    """Appeal advice and the evidence checklist of a case assessed before m005 (computed at read time)."""
    if not result["classification"] or not result["review"]:
        return {"advice": None, "checklist": []}
    from .drafting import appeal_advice

    cls = Classification.model_validate(result["classification"])
    evidence, have = assessed_evidence(db, row["id"])
    region = db.execute("select region from captures where case_id = ? and region is not null order by received_at desc limit 1", [row["id"]]).fetchone()
    advice = appeal_advice(cls, result["review"], platform=row["platform"], region=region[0] if region else None,
                           order=result["order"], evidence=evidence, now=utcnow())
    # One list for the checklist and the advice's "missing": the chosen appeal reason's evidence when appealing.
    return {"advice": advice, "checklist": case_checklist(cls, have, advice, row["platform"])}


def kind_to_evidence(kind: str) -> str:
    """Evidence file kinds in the vocabulary of the checklist."""
    return {"screenshot": "review_screenshot", "mhtml": "review_screenshot"}.get(kind, kind)
