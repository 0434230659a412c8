"""`/api/v1/cases`: list and search, one case, its status, timeline events, type corrections, draft rewrites."""

from __future__ import annotations

from flask import jsonify, request

from ..models import CaseEventRequest, CaseStatusUpdate, CorrectionRequest
from ..services import casework
from ..services.assessment import rewrite_drafts
from ..services.views import case_result, case_summary, require_case
from ..store import clock
from ..store.search import search_cases
from . import MAX_Q, _bounded_args, _int_arg, bp, json_body, parse
from .db import get_db


@bp.get("/cases")
def list_cases():
    """Cases, escalation risks first, then newest; filters: platform, status, primary, shop_id, escalation=1,
    q (a substring of the order id, review text, buyer nick, product id or title: store/search.py), limit, offset."""
    _bounded_args(("platform", "status", "primary", "shop_id"), 200)
    _bounded_args(("q",), MAX_Q)
    filters = {column: request.args[key] for key, column in
               (("platform", "platform"), ("status", "status"), ("primary", "primary_type"), ("shop_id", "shop_id"))
               if request.args.get(key)}
    limit = _int_arg("limit", 50, 1, 500)
    offset = _int_arg("offset", 0, 0, 10**9)
    rows, total = search_cases(get_db(), filters=filters, escalation=request.args.get("escalation") in ("1", "true"),
                               q=request.args.get("q"), limit=limit, offset=offset)
    cases = []
    for r in rows:
        item = case_summary(r)
        item.update({"review_text": r["review_text"], "rating": r["rating"], "product_title": r["product_title"]})
        cases.append(item)
    return jsonify({"total": total, "cases": cases})


@bp.get("/cases/<int:case_id>")
def get_case(case_id: int):
    """Everything about one case."""
    return jsonify(case_result(get_db(), case_id))


@bp.patch("/cases/<int:case_id>")
def update_case(case_id: int):
    """Change a case's status: `{"status": "replied"}` (models.CaseStatusUpdate)."""
    body = json_body()
    db = get_db()
    require_case(db, case_id)
    casework.set_status(db, case_id, parse(CaseStatusUpdate, body))
    return jsonify(case_result(db, case_id))


@bp.post("/cases/<int:case_id>/events")
def record_event(case_id: int):
    """The seller's action on the case timeline: `{"kind": "draft_copied", "draft_kind", "text_sha256", "text"?, "edited"?}`."""
    db = get_db()
    require_case(db, case_id)
    return jsonify(casework.record_event(db, case_id, parse(CaseEventRequest))), 201


@bp.post("/cases/<int:case_id>/corrections")
def correct_type(case_id: int):
    """The seller corrects the complaint type: `{"primary": "logistics"}`; later captures of this shop learn from it."""
    body = json_body()
    db = get_db()
    require_case(db, case_id)
    return jsonify(casework.correct_type(db, case_id, parse(CorrectionRequest, body))), 201


@bp.post("/cases/<int:case_id>/drafts/rewrite")
def rewrite_case_drafts(case_id: int):
    """Rewrite the latest drafts with the optional local model (lint applies; templates stay the fallback)."""
    db = get_db()
    require_case(db, case_id)
    return jsonify({"drafts": rewrite_drafts(db, case_id, clock.iso(clock.utcnow()))})
