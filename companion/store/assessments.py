"""SQL of assessments (one versioned record per assessment: classification, advice, checklist, drafts),
classifications and drafts. Append-only: a new assessment never changes an old one."""

from __future__ import annotations

import json

from sqlite_utils import Database

from ..models import Classification


def insert_assessment(db: Database, *, case_id: int, capture_id: str, platform: str, review_id: str, cause: str,
                      classification: Classification, advice: dict, expired_why: str | None, checklist: list[dict],
                      drafts: list[dict], now_s: str) -> int:
    """Store one assessment as the case's next version, with its classification and draft rows; its id."""
    classification_id = db["classifications"].insert({
        "case_id": case_id, "capture_id": capture_id, "platform": platform, "review_id": review_id,
        "primary_type": classification.primary, "result_json": classification.model_dump_json(),
        "classifier_version": classification.classifier_version, "created_at": now_s,
    }).last_pk
    db["cases"].update(case_id, {"primary_type": classification.primary,
                                 "escalation_risk": int(classification.escalation_risk)})
    version = db.execute("select coalesce(max(version), 0) + 1 from assessments where case_id = ?", [case_id]).fetchone()[0]
    assessment_id = db["assessments"].insert({
        "case_id": case_id, "version": version, "format": 1, "cause": cause, "capture_id": capture_id,
        "classification_id": classification_id, "assessed_at": now_s,
        "classification_json": classification.model_dump_json(),
        "advice_json": json.dumps(advice, ensure_ascii=False), "expired_why": expired_why,
        "checklist_json": json.dumps(checklist, ensure_ascii=False),
        "drafts_json": json.dumps(drafts, ensure_ascii=False),
    }).last_pk
    for d in drafts:
        insert_draft(db, case_id, capture_id, assessment_id, d, now_s, source=None)
    return assessment_id


def insert_draft(db: Database, case_id: int, capture_id: str, assessment_id: int | None, draft: dict, now_s: str,
                 source: str | None) -> None:
    """One draft row (`source` "model" for a rewrite; None leaves the column's default, "template")."""
    row = {"case_id": case_id, "capture_id": capture_id, "assessment_id": assessment_id, "kind": draft["kind"],
           "lang": draft["lang"], "text": draft["text"], "variant": draft["variant"], "max_chars": draft["max_chars"],
           "lint_json": json.dumps(draft["lint"], ensure_ascii=False), "created_at": now_s}
    if source is not None:
        row["source"] = source
    db["drafts"].insert(row)


def latest_assessment(db: Database, case_id: int) -> dict | None:
    """The case's newest stored assessment row, or None (no review yet, or a case from before m005)."""
    rows = list(db.query("select * from assessments where case_id = ? order by version desc limit 1", [case_id]))
    return rows[0] if rows else None


def latest_classification(db: Database, case_id: int, assessment: dict | None) -> dict | None:
    """The newest classification of the case's review (the one its newest assessment was made with)."""
    if assessment is not None:
        return json.loads(assessment["classification_json"])
    row = db.execute(
        "select result_json from classifications where case_id = ? order by id desc limit 1", [case_id]
    ).fetchone()
    return json.loads(row[0]) if row else None


def _draft(d: dict) -> dict:
    return {"kind": d["kind"], "text": d["text"], "lang": d["lang"], "max_chars": d["max_chars"],
            "variant": d["variant"], "source": d["source"], "lint": json.loads(d["lint_json"] or "[]")}


def latest_drafts(db: Database, case_id: int, assessment: dict | None) -> list[dict]:
    """The drafts made for the case's newest assessment; a model rewrite replaces its template."""
    if assessment is not None:
        by_kind = {d["kind"]: d for d in json.loads(assessment["drafts_json"])}
        for d in db.query("select * from drafts where assessment_id = ? and source = 'model' order by id", [assessment["id"]]):
            by_kind[d["kind"]] = _draft(d)
        return list(by_kind.values())
    # A case assessed before m005: its newest capture's drafts.
    capture_id = latest_draft_capture(db, case_id)
    if capture_id is None:
        return []
    by_kind: dict[str, dict] = {}
    for d in db.query("select * from drafts where case_id = ? and capture_id = ? order by id", [case_id, capture_id]):
        by_kind[d["kind"]] = _draft(d)
    return list(by_kind.values())


def latest_draft_capture(db: Database, case_id: int) -> str | None:
    """The capture the case's newest draft was made for."""
    row = db.execute("select capture_id from drafts where case_id = ? order by id desc limit 1", [case_id]).fetchone()
    return row[0] if row else None
