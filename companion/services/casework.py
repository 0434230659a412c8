"""What the seller does with a case: status, timeline events, type corrections, appeals, lint, lookup.

Flask-free: each function takes the store handle and a validated request model, raises
`DomainError` for what the seller must fix, and returns the body the API sends back.
"""

from __future__ import annotations

import hashlib

from sqlite_utils import Database

from ..errors import DomainError, not_found
from ..models import (CASE_STATUSES, AppealDecision, AppealRequest, CaseEventRequest, CaseStatusUpdate,
                      CorrectionRequest, LintRequest, LookupRequest)
from ..store import cases as store
from ..store import clock
from . import assessment
from .views import case_result, case_summary, require_case


# A case's lifecycle. While it is being worked (open, replied, contacted, appealed) any step may follow any
# other — sellers reply, message and appeal in whichever order the buyer's answers take them. A finished case
# (resolved, closed) is reopened ("open") before it is worked again, so a stale page or a misclick cannot
# quietly turn a closed case back into work; "open" is always allowed (reopen, or undo a misclick).
FINISHED = ("resolved", "closed")


def allowed_next(current: str) -> tuple[str, ...]:
    """The statuses a seller may set on a case that is `current` (a repeat of `current` is a no-op, always fine)."""
    if current == "closed":
        return ("open",)
    if current == "resolved":
        return ("open", "closed")
    return tuple(s for s in CASE_STATUSES if s != current)


def check_transition(case_id: int, current: str, new: str) -> None:
    """Refuse a status the lifecycle does not allow from `current`, saying what to do instead."""
    if new == current or new in allowed_next(current):
        return
    raise DomainError("invalid_transition",
                      f"Case #{case_id} is {current}: reopen it (status \"open\") before marking it {new}.",
                      field="status", status_hint=409, current=current, allowed=list(allowed_next(current)))


def set_status(db: Database, case_id: int, req: CaseStatusUpdate) -> None:
    """Change the case's status (within the lifecycle); a change (not a repeat) goes on the timeline.

    Recording an appeal or the platform's decision (`record_appeal`, `decide_appeal`) moves the status too,
    without this check: those record what happened on the platform, which is never refused.
    """
    now = clock.iso(clock.utcnow())
    with db.atomic():
        current = require_case(db, case_id)["status"]
        check_transition(case_id, current, req.status)
        if current != req.status:
            store.insert_event(db, {"case_id": case_id, "kind": "status_changed", "status": req.status, "created_at": now})
        store.update_case(db, case_id, {"status": req.status, "updated_at": now})


def record_event(db: Database, case_id: int, req: CaseEventRequest) -> dict:
    """The seller's action on the case timeline (a draft copied); the stored event."""
    if req.text is not None and hashlib.sha256(req.text.encode("utf-8")).hexdigest() != req.text_sha256:
        raise DomainError("sha256_mismatch", "text does not hash to text_sha256.", field="text_sha256")
    with db.atomic():
        event_id = store.insert_event(db, {
            "case_id": case_id, "kind": req.kind, "draft_kind": req.draft_kind, "text_sha256": req.text_sha256,
            "text": req.text, "edited": None if req.edited is None else int(req.edited),
            "created_at": clock.iso(clock.utcnow())})
    return next(e for e in store.case_events(db, case_id) if e["id"] == event_id)


def correct_type(db: Database, case_id: int, req: CorrectionRequest) -> dict:
    """The seller's complaint type: stored for the shop's later captures, and the case is assessed again."""
    row = require_case(db, case_id)
    review = store.review_of(db, case_id)
    if review is None:
        raise DomainError("no_review", "This case has no captured review to correct.", field="case_id", status_hint=409)
    now = clock.iso(clock.utcnow())
    with db.atomic():
        store.insert_correction(db, {
            "case_id": case_id, "platform": row["platform"], "shop_id": row["shop_id"], "text": review["text"],
            "original_primary": row["primary_type"], "corrected_primary": req.primary, "created_at": now})
        # Classify again: the correction now applies, so advice, checklist and drafts follow the new type.
        record = assessment.latest_review_capture(db, case_id)
        assessment.reassess(db, case_id, record["capture_id"], now, cause="correction")
        store.update_case(db, case_id, {"primary_type": req.primary, "updated_at": now})
    return case_result(db, case_id)


def record_appeal(db: Database, case_id: int, req: AppealRequest) -> dict:
    """An appeal the seller submitted: stored as pending, and the case is `appealed`."""
    now = clock.iso(clock.utcnow())
    with db.atomic():
        appeal_id = store.insert_appeal(db, {
            "case_id": case_id, "reason_code": req.reason_code, "statement": req.statement,
            "submitted_at": clock.iso(req.submitted_at) if req.submitted_at else now, "outcome": "pending",
            "created_at": now})
        store.update_case(db, case_id, {"status": "appealed", "updated_at": now})
    return store.appeal_row(db, appeal_id)


def decide_appeal(db: Database, appeal_id: int, req: AppealDecision) -> dict:
    """The platform's decision: accepted resolves the case, rejected opens it again."""
    row = store.appeal_row(db, appeal_id)
    if row is None:
        raise not_found("appeal", appeal_id, "appeal_id")
    now = clock.iso(clock.utcnow())
    with db.atomic():
        store.update_appeal(db, appeal_id, {"outcome": req.outcome, "note": req.note, "decided_at": now})
        status = {"accepted": "resolved", "rejected": "open"}.get(req.outcome)
        if status:
            store.update_case(db, row["case_id"], {"status": status, "updated_at": now})
    return store.appeal_row(db, appeal_id)


def lint(db: Database, req: LintRequest) -> dict:
    """`{"findings", "errors", "ok"}` for a text the seller edited (numbers checked against the case's facts)."""
    from ..drafting import draft_facts
    from ..drafting.lint import has_errors, lint_draft

    facts, region = None, req.region
    if req.case_id is not None:
        row = require_case(db, req.case_id)
        if row["platform"] != req.platform:
            raise DomainError("validation_error", f"Case {req.case_id} is on {row['platform']}, not {req.platform}.",
                              field="platform")
        records = store.capture_records(db, req.case_id)
        record = next((r for r in reversed(records) if r.get("review")), None)
        evidence = [{"id": r["id"], "kind": r["kind"], "sha256": r["sha256"]} for r in store.evidence_rows(db, req.case_id)]
        facts = draft_facts((record or {}).get("review") or {}, assessment.order_facts_from(records), evidence)
        if region is None and record is not None:
            region = record.get("region")
    findings = lint_draft(req.text, kind=req.kind, platform=req.platform, region=region, lang=req.lang, facts=facts)
    return {"findings": findings, "errors": sum(1 for f in findings if f.get("severity") == "error"),
            "ok": not has_errors(findings)}


def lookup(db: Database, req: LookupRequest) -> dict:
    """Which of these reviews / orders already have a case (the panels after a page reload)."""
    out: dict = {"reviews": {}, "orders": {}}
    if req.review_ids:
        for r in store.cases_by_review_ids(db, req.platform, req.review_ids):
            out["reviews"][r["review_id"]] = {**case_summary(r), "capture_count": r["capture_count"],
                                              "last_captured_at": r["last_captured_at"]}
    if req.order_ids:
        for r in store.cases_by_order_ids(db, req.platform, req.order_ids):
            out["orders"][r["order_id"]] = case_summary(r)
    return out
