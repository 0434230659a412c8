"""The assessment of a case: classification, appeal advice, evidence checklist and drafts, decided ONCE.

`store_assessment` runs when a capture (or a correction) brings something new: with one clock and one set of
order facts it classifies the review, writes the advice, its checklist and the drafts, and stores them
as the case's next assessment version (companion/store/assessments.py). Reads return that record as
stored (`stored_extras`); the only live numbers are the time-relative ones derived from its stored
absolute deadline (`live_advice`). Cases assessed before m005 are read with `legacy_extras`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from string import Template

from sqlite_utils import Database

from ..errors import DomainError
from ..models import Classification, Draft
from ..store import assessments as astore
from ..store import cases as store
from ..store.clock import parse_iso


def order_facts_from(records: list[dict]) -> dict:
    """Everything known about an order, merged over its capture records oldest first (latest wins)."""
    facts: dict = {}
    for record in records:
        for k, v in (record.get("order") or {}).items():
            if v not in (None, ""):
                facts[k] = v
        rec = record.get("record") or {}
        if isinstance(rec, dict) and rec.get("tracking_events"):
            facts["tracking_events"] = rec["tracking_events"]
    return facts


def order_facts(db: Database, case_id: int) -> dict:
    """The case's order facts, merged over all its captures (latest wins)."""
    return order_facts_from(store.capture_records(db, case_id))


def latest_review_capture(db: Database, case_id: int) -> dict | None:
    """The newest capture of the case that carried a review (its record as received)."""
    for record in reversed(store.capture_records(db, case_id)):
        if record.get("review"):
            return record
    return None


def after_sales_record(db: Database, case_id: int) -> dict | None:
    """The newest after-sales record captured for the case (type, status, timeline), or None."""
    for record in reversed(store.capture_records(db, case_id)):
        if record.get("page_kind") != "after_sales":
            continue
        rec = record.get("record") or {}
        if rec.get("aftersale_status") or rec.get("aftersale_type") or rec.get("timeline"):
            return {k: rec.get(k) for k in ("aftersale_type", "aftersale_status", "aftersale_reason", "timeline")}
    return None


def classify_review(db: Database, platform: str, shop_id: str | None, review: dict, facts: dict) -> Classification:
    """Classify a review with the order facts known so far and the shop's corrections."""
    from ..classifier import classify

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
        corrections=store.shop_corrections(db, platform, shop_id),
    )


def kind_to_evidence(kind: str) -> str:
    """Evidence file kinds in the vocabulary of the checklist."""
    return {"screenshot": "review_screenshot", "mhtml": "review_screenshot"}.get(kind, kind)


def assessed_evidence(db: Database, case_id: int, rows: list[dict] | None = None,
                      kinds: list[str] | None = None) -> tuple[list[dict], list[str]]:
    """The case's evidence in the checklist's vocabulary, for the advice, and the kinds held (`have`).

    `rows`, `kinds`: the case's evidence rows and captured page kinds when the caller has read them."""
    rows = store.evidence_rows(db, case_id) if rows is None else rows
    kinds = store.page_kinds(db, case_id) if kinds is None else kinds
    have = sorted({kind_to_evidence(r["kind"]) for r in rows} | set(kinds) - {"review"})
    evidence = [{"id": r["id"], "kind": kind_to_evidence(r["kind"]), "sha256": r["sha256"]} for r in rows]
    evidence += [{"id": None, "kind": k, "sha256": None} for k in have if k not in {e["kind"] for e in evidence}]
    return evidence, have


def case_checklist(classification: Classification, have: list[str], advice: dict, platform: str) -> list[dict]:
    """The evidence checklist: the chosen appeal reason's evidence when appealing, else the type's."""
    from ..drafting import draft_lang, evidence_checklist

    return evidence_checklist(classification.primary, have, draft_lang(classification.lang),
                              ids=advice.get("evidence_needed"), platform=platform)


def build_drafts(db: Database, case_id: int, platform: str, region: str | None, review: dict,
                 classification: Classification, *, facts: dict, now: datetime, advice: dict | None = None,
                 rows: list[dict] | None = None, kinds: list[str] | None = None) -> list[Draft]:
    """Public reply, private message and (when `advice` recommends it) the appeal statement.

    `rows`, `kinds`: the case's evidence rows and captured page kinds when the caller has read them."""
    from ..drafting import make_drafts

    rows = store.evidence_rows(db, case_id) if rows is None else rows
    kinds = store.page_kinds(db, case_id) if kinds is None else kinds
    evidence = [{"id": r["id"], "kind": r["kind"], "sha256": r["sha256"]} for r in rows]
    pages = [{"id": None, "kind": k, "sha256": None} for k in kinds if k != "review"]
    after_sales = after_sales_record(db, case_id) if "after_sales" in kinds else None  # none without such a page
    return make_drafts(review, classification, platform=platform, region=region, order=facts,
                       evidence=evidence + pages, after_sales=after_sales,
                       now=now, advice=advice)


def store_assessment(db: Database, case_id: int, capture_id: str, platform: str, region: str | None, review: dict,
                     classification: Classification, now_s: str, cause: str = "review_capture", *,
                     facts: dict | None = None, stored: dict | None = None, rows: list[dict] | None = None,
                     kinds: list[str] | None = None) -> int:
    """Assess the case once and store it as a new version: classification, advice, checklist, drafts.

    Everything is decided here with one clock (`now_s`) and one set of order facts (`facts`, computed
    once by the caller; read from the case's captures when not given); reads return it as stored, so the advice, its checklist and the drafts can never
    disagree. Old versions stay (append-only). Returns the assessment id; `stored` (a dict), when given, is
    filled with the assessment row as stored. `rows`, `kinds`: the case's evidence rows and captured page
    kinds when the caller has them.
    """
    from ..drafting import appeal_advice

    now = parse_iso(now_s)
    if facts is None:
        facts = order_facts(db, case_id)
    rows = store.evidence_rows(db, case_id) if rows is None else rows  # read once for advice and drafts
    kinds = store.page_kinds(db, case_id) if kinds is None else kinds
    evidence, have = assessed_evidence(db, case_id, rows, kinds)
    advice = appeal_advice(classification, review, platform=platform, region=region, order=facts, evidence=evidence, now=now)
    expired_why = None
    if advice["grounds"] and advice["verdict"] != "expired" and advice.get("deadline"):
        # What the advice will say once its deadline has passed: written now, shown then.
        later = datetime.fromisoformat(advice["deadline"]) + timedelta(days=1)
        expired_why = appeal_advice(classification, review, platform=platform, region=region, order=facts,
                                    evidence=evidence, now=later)["why"]
    checklist = case_checklist(classification, have, advice, platform)
    drafts = build_drafts(db, case_id, platform, region, review, classification, facts=facts, now=now, advice=advice,
                          rows=rows, kinds=kinds)
    return astore.insert_assessment(
        db, case_id=case_id, capture_id=capture_id, platform=platform, review_id=review["review_id"], cause=cause,
        classification=classification, advice=advice, expired_why=expired_why, checklist=checklist,
        drafts=[d.model_dump() for d in drafts], now_s=now_s, stored=stored)


def reassess(db: Database, case_id: int, capture_id: str, now_s: str, cause: str = "context_capture") -> None:
    """New order facts (a context page) or a correction: classify the case's review again and assess it.

    E.g. "never arrived" becomes a false claim once the logistics page shows a signed delivery.
    The seller's correction of this review still wins (corrections are matched on its text).
    """
    records = store.capture_records(db, case_id)
    record = next((r for r in reversed(records) if r.get("review")), None)
    if record is None:
        return
    facts = order_facts_from(records)
    shop_id = (record.get("shop") or {}).get("id")
    classification = classify_review(db, record["platform"], shop_id, record["review"], facts)
    store_assessment(db, case_id, capture_id, record["platform"], record.get("region"), record["review"],
                     classification, now_s, cause=cause, facts=facts)


def live_advice(advice: dict, expired_why: str | None, now: datetime) -> dict:
    """Stored advice with `days_left` / `expired_on` counted at `now` from its absolute `deadline`."""
    from ..drafting import days_between

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


def stored_extras(assessment: dict, drafts: list[dict], now: datetime) -> dict:
    """The advice and checklist of the newest assessment, as stored; only the time-relative numbers are live.

    `days_left` is counted from the stored absolute deadline to `now`; once that deadline has passed
    an appealable review reads as expired (verdict, `expired_on`, and the `why` written for that
    moment at assessment time), and a stored appeal statement gets a warning saying so.
    """
    import json

    from ..drafting import templates

    advice = live_advice(json.loads(assessment["advice_json"]), assessment["expired_why"], now)
    if advice["verdict"] == "expired":
        for d in drafts:
            if d["kind"] == "appeal_statement" and not any(f.get("code") == "appeal_window_expired" for f in d["lint"]):
                msg = Template(templates(d["lang"])["notes"]["appeal_window_expired"]).safe_substitute(date=advice["expired_on"])
                d["lint"] = [*d["lint"], {"code": "appeal_window_expired", "severity": "warning", "message": msg}]
    assessed = {"id": assessment["id"], "version": assessment["version"], "assessed_at": assessment["assessed_at"],
                "cause": assessment["cause"]}
    return {"advice": advice, "checklist": json.loads(assessment["checklist_json"]), "assessment": assessed}


def legacy_extras(db: Database, row: dict, classification: dict | None, review: dict | None, facts: dict,
                  now: datetime) -> dict:
    """Appeal advice and the evidence checklist of a case assessed before m005 (computed at read time)."""
    if not classification or not review:
        return {"advice": None, "checklist": []}
    from ..drafting import appeal_advice

    cls = Classification.model_validate(classification)
    evidence, have = assessed_evidence(db, row["id"])
    advice = appeal_advice(cls, review, platform=row["platform"], region=store.latest_region(db, row["id"]),
                           order=facts, evidence=evidence, now=now)
    # One list for the checklist and the advice's "missing": the chosen appeal reason's evidence when appealing.
    return {"advice": advice, "checklist": case_checklist(cls, have, advice, row["platform"])}


def followup_drafts(row: dict, classification: dict | None, record: dict | None, facts: dict) -> list[dict]:
    """The optional review-update ask: only once the case is resolved, never inside the first message."""
    if row["status"] != "resolved" or not classification or record is None:
        return []
    from ..drafting import review_update_request

    draft = review_update_request(record["review"], classification, platform=row["platform"],
                                  region=record.get("region"), order=facts)
    return [draft.model_dump()] if draft else []


def rewrite_drafts(db: Database, case_id: int, now_s: str) -> list[dict]:
    """Have the configured local model rewrite the latest drafts; store the accepted rewrites."""
    from ..drafting import draft_facts
    from ..llm import load_settings, rewrite

    llm = load_settings(db).llm
    if not llm.enabled:
        raise DomainError("model_disabled", "The local model is off: enable it in settings (llm.enabled).",
                          field="llm.enabled", status_hint=409)
    assessment = astore.latest_assessment(db, case_id)
    drafts = astore.latest_drafts(db, case_id, assessment)
    records = store.capture_records(db, case_id)
    record = next((r for r in reversed(records) if r.get("review")), None)
    if not drafts or record is None:
        raise DomainError("no_drafts", "This case has no captured review, so there is nothing to rewrite.",
                          field="case_id", status_hint=409)
    capture_id = astore.latest_draft_capture(db, case_id)
    evidence = [{"id": r["id"], "kind": r["kind"], "sha256": r["sha256"]} for r in store.evidence_rows(db, case_id)]
    facts = draft_facts(record["review"], order_facts_from(records), evidence)
    out = []
    for draft in drafts:
        if draft["kind"] in llm.kinds and draft["source"] == "template":
            draft = rewrite(llm, draft, platform=record["platform"], region=record.get("region"), facts=facts)
        out.append(draft)
    with db.atomic():
        for d in out:
            if d["source"] == "model":
                astore.insert_draft(db, case_id, capture_id, assessment["id"] if assessment else None, d, now_s,
                                    source="model")
    return out
