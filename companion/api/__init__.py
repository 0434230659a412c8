"""HTTP API under /api/v1 (the fixed interface: extend freely, never break)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request, send_file

from .. import __version__
from ..db import get_db
from ..models import SCHEMA_VERSION, Capture, ClassifyRequest, COMPLAINT_TYPES
from .errors import ApiError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

CASE_STATUSES = ("open", "replied", "contacted", "appealed", "resolved", "closed")
APPEAL_OUTCOMES = ("pending", "accepted", "rejected")


def json_body() -> dict:
    """The request's JSON object, or a 400/415 error that says what is wrong."""
    from ..limits import MAX_JSON_DEPTH, json_depth_ok

    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Send JSON with Content-Type: application/json.", field="Content-Type")
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # e.g. 100,000 nested [ : the decoder gives up before any model sees it
        raise ApiError(400, "bad_json", f"The body nests deeper than {MAX_JSON_DEPTH} levels.", field="body") from None
    if data is None:
        raise ApiError(400, "bad_json", "The body is not valid JSON.", field="body")
    if not json_depth_ok(data):
        raise ApiError(400, "bad_json", f"The body nests deeper than {MAX_JSON_DEPTH} levels.", field="body")
    if not isinstance(data, dict):
        raise ApiError(422, "validation_error", "The body must be a JSON object.", field="body")
    return data


@bp.get("/health")
def health():
    """Liveness probe; needs no token."""
    return jsonify({"ok": True, "service": "review-companion", "version": __version__, "schema_version": SCHEMA_VERSION})


@bp.get("/auth")
def auth_check():
    """Whether the token is right (the options page's "Test connection"); 401 otherwise."""
    return jsonify({"ok": True, "paired": True})


@bp.post("/classify")
def classify_one():
    """Classify one review: `{"text", "rating"?, "lang"?, "platform"?}`."""
    from ..classifier import classify

    req = ClassifyRequest.model_validate(json_body())
    result = classify(req.text, rating=req.rating, lang=req.lang, platform=req.platform)
    return jsonify(result.model_dump(mode="json"))


@bp.post("/captures")
def create_capture():
    """Store a capture (idempotent on capture_id) and return the case with classification and drafts."""
    from ..cases import ingest

    capture = Capture.model_validate(json_body())
    result = ingest(get_db(), Path(current_app.config["DATA_DIR"]), capture)
    return jsonify(result), (200 if result["duplicate"] else 201)


@bp.get("/captures/<capture_id>")
def get_capture(capture_id: str):
    """Whether a capture has been stored, and in which case (used to confirm queued deliveries)."""
    row = get_db().execute("select case_id, received_at from captures where capture_id = ?", [capture_id]).fetchone()
    if not row:
        raise ApiError(404, "not_found", f"No capture {capture_id}.", field="capture_id")
    return jsonify({"capture_id": capture_id, "case_id": row[0], "received_at": row[1]})


@bp.get("/cases")
def list_cases():
    """Cases, escalation risks first, then newest; filters: platform, status, primary, shop_id, escalation=1,
    q (a substring of the order id, review text, buyer nick, product id or title: companion/search.py), limit, offset."""
    from ..cases import case_summary

    _bounded_args(("platform", "status", "primary", "shop_id"), 200)
    _bounded_args(("q",), MAX_Q)
    from ..search import search_cases

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


# A text search longer than any product title or order id finds nothing; SQLite's LIKE refuses
# patterns above 50,000 bytes anyway. Longer is a 422, not a 500.
MAX_Q = 200


def _bounded_args(names, max_len: int) -> None:
    """Query arguments no longer than `max_len` characters, or a 422 naming the first that is."""
    for name in names:
        if len(request.args.get(name) or "") > max_len:
            raise ApiError(422, "validation_error", f"{name} must be at most {max_len} characters.", field=name)


def _int_arg(name: str, default: int, lo: int, hi: int) -> int:
    """An integer query argument within [lo, hi], or a 422 naming it."""
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw) if len(raw) <= 20 else None
    except ValueError:
        value = None
    if value is None:
        raise ApiError(422, "validation_error", f"{name} must be an integer.", field=name) from None
    if not lo <= value <= hi:
        raise ApiError(422, "validation_error", f"{name} must be between {lo} and {hi}.", field=name)
    return value


@bp.get("/cases/<int:case_id>")
def get_case(case_id: int):
    """Everything about one case."""
    from ..cases import case_result

    return jsonify(case_result(get_db(), case_id))


@bp.patch("/cases/<int:case_id>")
def update_case(case_id: int):
    """Change a case's status: `{"status": "replied"}`."""
    from ..cases import case_result, get_case as fetch, iso, utcnow

    data = json_body()
    db = get_db()
    if fetch(db, case_id) is None:
        raise ApiError(404, "not_found", f"No case {case_id}.", field="case_id")
    unknown = set(data) - {"status"}
    if unknown:
        raise ApiError(422, "validation_error", f"Unknown field {sorted(unknown)[0]}.", field=sorted(unknown)[0])
    if data.get("status") not in CASE_STATUSES:
        raise ApiError(422, "validation_error", f"status must be one of {', '.join(CASE_STATUSES)}.", field="status")
    now = iso(utcnow())
    with db.atomic():
        if fetch(db, case_id)["status"] != data["status"]:
            db["case_events"].insert({"case_id": case_id, "kind": "status_changed", "status": data["status"], "created_at": now})
        db["cases"].update(case_id, {"status": data["status"], "updated_at": now})
    return jsonify(case_result(db, case_id))


@bp.post("/cases/<int:case_id>/events")
def record_event(case_id: int):
    """The seller's action on the case timeline: `{"kind": "draft_copied", "draft_kind", "text_sha256", "text"?, "edited"?}`."""
    import hashlib

    from ..cases import case_events, get_case as fetch, iso, utcnow
    from ..models import CaseEventRequest

    db = get_db()
    if fetch(db, case_id) is None:
        raise ApiError(404, "not_found", f"No case {case_id}.", field="case_id")
    req = CaseEventRequest.model_validate(json_body())
    if req.text is not None and hashlib.sha256(req.text.encode("utf-8")).hexdigest() != req.text_sha256:
        raise ApiError(422, "sha256_mismatch", "text does not hash to text_sha256.", field="text_sha256")
    with db.atomic():
        event_id = db["case_events"].insert(
            {"case_id": case_id, "kind": req.kind, "draft_kind": req.draft_kind, "text_sha256": req.text_sha256,
             "text": req.text, "edited": None if req.edited is None else int(req.edited), "created_at": iso(utcnow())}
        ).last_pk
    return jsonify(next(e for e in case_events(db, case_id) if e["id"] == event_id)), 201


@bp.post("/lint")
def lint_text():
    """Lint a text the seller edited: `{"text", "kind", "platform", "region"?, "lang"?, "case_id"?}` → `{"findings", "errors"}`.

    The same rules as the drafts (companion/drafting/lint.py). With `case_id`, every number in the text
    must come from the case's captured facts, and the case's region applies when none is given.
    """
    from ..cases import get_case as fetch, latest_review_capture, order_facts
    from ..drafting import draft_facts
    from ..drafting.lint import has_errors, lint_draft
    from ..models import LintRequest

    req = LintRequest.model_validate(json_body())
    db = get_db()
    facts, region = None, req.region
    if req.case_id is not None:
        row = fetch(db, req.case_id)
        if row is None:
            raise ApiError(404, "not_found", f"No case {req.case_id}.", field="case_id")
        if row["platform"] != req.platform:
            raise ApiError(422, "validation_error", f"Case {req.case_id} is on {row['platform']}, not {req.platform}.", field="platform")
        record = latest_review_capture(db, req.case_id)
        evidence = [dict(r) for r in db.query("select id, kind, sha256 from evidence where case_id = ?", [req.case_id])]
        facts = draft_facts((record or {}).get("review") or {}, order_facts(db, req.case_id), evidence)
        if region is None and record is not None:
            region = record.get("region")
    findings = lint_draft(req.text, kind=req.kind, platform=req.platform, region=region, lang=req.lang, facts=facts)
    return jsonify({"findings": findings, "errors": sum(1 for f in findings if f.get("severity") == "error"),
                    "ok": not has_errors(findings)})


@bp.post("/cases/<int:case_id>/corrections")
def correct_type(case_id: int):
    """The seller corrects the complaint type: `{"primary": "logistics"}`; later captures of this shop learn from it."""
    from ..cases import case_result, get_case as fetch, iso, latest_review_capture, reassess, review_of, utcnow

    data = json_body()
    db = get_db()
    row = fetch(db, case_id)
    if row is None:
        raise ApiError(404, "not_found", f"No case {case_id}.", field="case_id")
    if data.get("primary") not in COMPLAINT_TYPES:
        raise ApiError(422, "validation_error", f"primary must be one of {', '.join(COMPLAINT_TYPES)}.", field="primary")
    review = review_of(db, case_id)
    if review is None:
        raise ApiError(409, "no_review", "This case has no captured review to correct.", field="case_id")
    now = iso(utcnow())
    with db.atomic():
        db["corrections"].insert(
            {"case_id": case_id, "platform": row["platform"], "shop_id": row["shop_id"], "text": review["text"],
             "original_primary": row["primary_type"], "corrected_primary": data["primary"], "created_at": now}
        )
        # Classify again: the correction now applies, so advice, checklist and drafts follow the new type.
        reassess(db, case_id, latest_review_capture(db, case_id)["capture_id"], now, cause="correction")
        db["cases"].update(case_id, {"primary_type": data["primary"], "updated_at": now})
    return jsonify(case_result(db, case_id)), 201


@bp.post("/cases/<int:case_id>/appeals")
def record_appeal(case_id: int):
    """Record an appeal the seller submitted: `{"reason_code", "statement", "submitted_at"?}` (models.AppealRequest)."""
    from ..cases import get_case as fetch, iso, utcnow
    from ..models import AppealRequest

    data = json_body()
    db = get_db()
    if fetch(db, case_id) is None:
        raise ApiError(404, "not_found", f"No case {case_id}.", field="case_id")
    req = AppealRequest.model_validate(data)
    now = iso(utcnow())
    with db.atomic():
        appeal_id = db["appeals"].insert(
            {"case_id": case_id, "reason_code": req.reason_code, "statement": req.statement,
             "submitted_at": iso(req.submitted_at) if req.submitted_at else now, "outcome": "pending", "created_at": now}
        ).last_pk
        db["cases"].update(case_id, {"status": "appealed", "updated_at": now})
    return jsonify(db["appeals"].get(appeal_id)), 201


@bp.patch("/appeals/<int:appeal_id>")
def decide_appeal(appeal_id: int):
    """Record the platform's decision: `{"outcome": "accepted"|"rejected", "note"?}` (models.AppealDecision)."""
    from ..cases import iso, utcnow
    from ..models import AppealDecision

    data = json_body()
    db = get_db()
    rows = list(db.query("select * from appeals where id = ?", [appeal_id]))
    if not rows:
        raise ApiError(404, "not_found", f"No appeal {appeal_id}.", field="appeal_id")
    if data.get("outcome") not in APPEAL_OUTCOMES:
        raise ApiError(422, "validation_error", f"outcome must be one of {', '.join(APPEAL_OUTCOMES)}.", field="outcome")
    req = AppealDecision.model_validate(data)
    now = iso(utcnow())
    with db.atomic():
        db["appeals"].update(appeal_id, {"outcome": req.outcome, "note": req.note, "decided_at": now})
        status = {"accepted": "resolved", "rejected": "open"}.get(req.outcome)
        if status:
            db["cases"].update(rows[0]["case_id"], {"status": status, "updated_at": now})
    return jsonify(db["appeals"].get(appeal_id))


@bp.get("/evidence/<int:evidence_id>")
def evidence_meta(evidence_id: int):
    """Metadata of one evidence item."""
    from ..cases import evidence_item

    rows = list(get_db().query("select * from evidence where id = ?", [evidence_id]))
    if not rows:
        raise ApiError(404, "not_found", f"No evidence {evidence_id}.", field="evidence_id")
    return jsonify(evidence_item(rows[0]))


@bp.get("/evidence/<int:evidence_id>/file")
def evidence_file(evidence_id: int):
    """The stored bytes, exactly as captured (served as an attachment, never rendered inline)."""
    rows = list(get_db().query("select * from evidence where id = ?", [evidence_id]))
    if not rows:
        raise ApiError(404, "not_found", f"No evidence {evidence_id}.", field="evidence_id")
    row = rows[0]
    path = Path(current_app.config["DATA_DIR"]) / row["path"]
    if not path.exists():
        raise ApiError(410, "evidence_missing", "The evidence file is missing from the data directory.", field="evidence_id")
    # Rows stored before media types were allow-listed may hold anything: never put that in a header.
    from ..models import MEDIA_TYPES

    media_type = row["media_type"] if (row["media_type"] or "").split(";")[0].strip().lower() in MEDIA_TYPES \
        and row["media_type"].isascii() and row["media_type"].isprintable() else "application/octet-stream"
    response = send_file(path, mimetype=media_type, as_attachment=True, download_name=Path(row["path"]).name)
    response.headers["X-Evidence-SHA256"] = row["sha256"]
    response.headers["Content-Security-Policy"] = "sandbox"
    return response


@bp.get("/cases/<int:case_id>/export.zip")
def export_case(case_id: int):
    """An evidence package for the appeal form: the files, a manifest with their hashes, a timeline."""
    from ..export import package_response

    return package_response(get_db(), Path(current_app.config["DATA_DIR"]), case_id)


@bp.get("/cases/<int:case_id>/appeal-package.zip")
def appeal_package(case_id: int):
    """Upload-ready package: the screenshots in the platform's format and limits, named in the seller's
    language (`?lang=zh|en`, default: the review's), and a PDF report. The full archive stays export.zip."""
    from ..appeal_package import package_response as appeal_response

    lang = request.args.get("lang")
    return appeal_response(get_db(), Path(current_app.config["DATA_DIR"]), case_id, lang or None)


@bp.post("/cases/<int:case_id>/drafts/rewrite")
def rewrite_case_drafts(case_id: int):
    """Rewrite the latest drafts with the optional local model (lint applies; templates stay the fallback)."""
    from ..cases import get_case as fetch, rewrite_drafts

    db = get_db()
    if fetch(db, case_id) is None:
        raise ApiError(404, "not_found", f"No case {case_id}.", field="case_id")
    return jsonify({"drafts": rewrite_drafts(db, case_id)})


@bp.get("/settings")
def get_settings():
    """Local settings; the model API key is never echoed back."""
    from ..llm import load_settings

    settings = load_settings(get_db()).model_dump()
    settings["llm"]["api_key"] = "********" if settings["llm"]["api_key"] else None
    return jsonify(settings)


@bp.put("/settings")
def put_settings():
    """Replace local settings: `{"llm": {"enabled", "base_url", "model", "api_key"?, "timeout_s", "kinds"}}`."""
    from ..cases import iso, utcnow
    from ..llm import Settings, load_settings, save_settings

    db = get_db()
    data = json_body()
    if isinstance(data.get("llm"), dict) and data["llm"].get("api_key") == "********":  # the masked value from GET: keep the stored key
        data["llm"]["api_key"] = load_settings(db).llm.api_key
    settings = Settings.model_validate(data)
    save_settings(db, settings, iso(utcnow()))
    return get_settings()


@bp.post("/lookup")
def lookup():
    """Which of these reviews / orders already have a case: `{"platform", "review_ids": [...], "order_ids": [...]}`.

    The extension asks this when a review page loads, so a row captured earlier shows its case again.
    """
    from ..cases import case_summary
    from ..models import LookupRequest

    req = LookupRequest.model_validate(json_body())
    db = get_db()
    out: dict = {"reviews": {}, "orders": {}}
    if req.review_ids:
        marks = ",".join("?" * len(req.review_ids))
        for r in db.query(
            f"""select r.review_id, r.capture_count, r.last_captured_at, r.seller_reply, c.* from reviews r join cases c on c.id = r.case_id
                where r.platform = ? and r.review_id in ({marks})""",
            [req.platform, *req.review_ids],
        ):
            out["reviews"][r["review_id"]] = {**case_summary(r), "capture_count": r["capture_count"],
                                              "last_captured_at": r["last_captured_at"]}
    if req.order_ids:
        marks = ",".join("?" * len(req.order_ids))
        for r in db.query(f"select * from cases where platform = ? and order_id in ({marks})", [req.platform, *req.order_ids]):
            out["orders"][r["order_id"]] = case_summary(r)
    return jsonify(out)


@bp.get("/history")
def history_lookup():
    """Earlier cases for a buyer, product or order: `?platform=douyin&buyer_nick=…|product_id=…|order_id=…`."""
    from ..cases import history_for

    platform = request.args.get("platform")
    if not platform:
        raise ApiError(422, "validation_error", "platform is required.", field="platform")
    _bounded_args(("platform", "shop_id"), 200)
    _bounded_args(("buyer_nick", "product_id", "order_id"), 2000)
    out = {}
    for column in ("buyer_nick", "product_id", "order_id"):
        if request.args.get(column):
            out[column] = history_for(get_db(), platform, request.args.get("shop_id"), column, request.args[column], None)
    if not out:
        raise ApiError(422, "validation_error", "Give buyer_nick, product_id or order_id.", field="buyer_nick")
    return jsonify(out)


def csv_safe(value) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ or a control char gets a leading '."""
    text = "" if value is None else str(value)
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r", "\n", "|"):
        return "'" + text
    return text


@bp.get("/cases.csv")
def export_csv():
    """All cases as CSV for spreadsheets, with formulas neutralised."""
    db = get_db()
    out = io.StringIO()
    writer = csv.writer(out)
    columns = ["id", "platform", "order_id", "status", "primary_type", "escalation_risk", "rating", "review_text",
               "buyer_nick", "product_title", "review_time", "reply_due_at", "created_at"]
    writer.writerow(columns)
    for r in db.query(
        """select c.*, r.rating, r.text as review_text, r.buyer_nick, r.product_title, r.review_time
           from cases c left join reviews r on r.platform = c.platform and r.review_id = c.review_id order by c.id"""
    ):
        writer.writerow([csv_safe(r[c]) for c in columns])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=review-guard-cases.csv"})


@bp.get("/verify")
def verify_evidence():
    """Re-hash every evidence file and re-walk the hash chain."""
    from ..evidence import verify

    problems = verify(get_db(), Path(current_app.config["DATA_DIR"]))
    return jsonify({"ok": not problems, "problems": problems})
