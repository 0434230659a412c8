"""SQL of assessments (one versioned record per assessment: classification, advice, checklist, drafts),
classifications and drafts. Append-only: a new assessment never changes an old one."""

from __future__ import annotations

import json

from sqlite_utils import Database

from ..models import Classification
from .sqlite import dict_rows


_INSERT_CLASSIFICATION = ("insert into classifications (case_id, capture_id, platform, review_id, primary_type, result_json,"
                          " classifier_version, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_ASSESSMENT = ("insert into assessments (case_id, version, format, cause, capture_id, classification_id, assessed_at,"
                      " classification_json, advice_json, expired_why, checklist_json, drafts_json)"
                      " values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
DRAFT_COLUMNS = ("case_id", "capture_id", "assessment_id", "kind", "lang", "text", "variant", "max_chars", "lint_json",
                 "created_at")
_INSERT_DRAFT = f"insert into drafts ({', '.join(DRAFT_COLUMNS)}) values ({', '.join('?' * len(DRAFT_COLUMNS))})"


def insert_assessment(db: Database, *, case_id: int, capture_id: str, platform: str, review_id: str, cause: str,
                      classification: Classification, advice: dict, expired_why: str | None, checklist: list[dict],
                      drafts: list[dict], now_s: str, stored: dict | None = None) -> int:
    """Store one assessment as the case's next version, with its classification and draft rows; its id.
    `stored`, when given, is filled with the assessment row as stored (`latest_assessment`'s columns)."""
    result_json = classification.model_dump_json()
    classification_id = db.execute(_INSERT_CLASSIFICATION, [
        case_id, capture_id, platform, review_id, classification.primary, result_json,
        classification.classifier_version, now_s]).lastrowid
    db.execute("update cases set primary_type = ?, escalation_risk = ? where id = ?",
               [classification.primary, int(classification.escalation_risk), case_id])
    version = db.execute("select coalesce(max(version), 0) + 1 from assessments where case_id = ?", [case_id]).fetchone()[0]
    values = [case_id, version, cause, capture_id, classification_id, now_s, result_json,
              json.dumps(advice, ensure_ascii=False), expired_why, json.dumps(checklist, ensure_ascii=False),
              json.dumps(drafts, ensure_ascii=False)]
    assessment_id = db.execute(_INSERT_ASSESSMENT, values).lastrowid
    if stored is not None:
        stored.update(zip(("case_id", "version", "cause", "capture_id", "classification_id", "assessed_at",
                           "classification_json", "advice_json", "expired_why", "checklist_json", "drafts_json"), values),
                      id=assessment_id, format=1)
    for d in drafts:
        db.execute(_INSERT_DRAFT, _draft_row(case_id, capture_id, assessment_id, d, now_s))
    return assessment_id


def _draft_row(case_id: int, capture_id: str, assessment_id: int | None, draft: dict, now_s: str) -> list:
    return [case_id, capture_id, assessment_id, draft["kind"], draft["lang"], draft["text"], draft["variant"],
            draft["max_chars"], json.dumps(draft["lint"], ensure_ascii=False), now_s]


def insert_draft(db: Database, case_id: int, capture_id: str, assessment_id: int | None, draft: dict, now_s: str,
                 source: str | None) -> None:
    """One draft row (`source` "model" for a rewrite; None leaves the column's default, "template")."""
    cols, values = list(DRAFT_COLUMNS), _draft_row(case_id, capture_id, assessment_id, draft, now_s)
    if source is not None:
        cols.append("source")
        values.append(source)
    db.execute(f"insert into drafts ({', '.join(cols)}) values ({', '.join('?' * len(cols))})", values)


def latest_assessment(db: Database, case_id: int) -> dict | None:
    """The case's newest stored assessment row, or None (no review yet, or a case from before m005)."""
    rows = dict_rows(db, "select * from assessments where case_id = ? order by version desc limit 1", [case_id])
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
        for d in dict_rows(db, "select * from drafts where assessment_id = ? and source = 'model' order by id", [assessment["id"]]):
            by_kind[d["kind"]] = _draft(d)
        return list(by_kind.values())
    # A case assessed before m005: its newest capture's drafts.
    capture_id = latest_draft_capture(db, case_id)
    if capture_id is None:
        return []
    by_kind: dict[str, dict] = {}
    for d in dict_rows(db, "select * from drafts where case_id = ? and capture_id = ? order by id", [case_id, capture_id]):
        by_kind[d["kind"]] = _draft(d)
    return list(by_kind.values())


def latest_draft_capture(db: Database, case_id: int) -> str | None:
    """The capture the case's newest draft was made for."""
    row = db.execute("select capture_id from drafts where case_id = ? order by id desc limit 1", [case_id]).fetchone()
    return row[0] if row else None
