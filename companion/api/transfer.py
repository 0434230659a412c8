"""Data in and out over the API (issue 10): review imports from seller-center exports, case exports.

    POST /api/v1/imports?platform=douyin|tiktok|taobao[&shop_id=S][&classify=0][&filename=F][&wait=1]
         body: the file (raw bytes, or multipart/form-data with a `file` field) → 202 {job} (200 with `wait=1`)
    GET  /api/v1/imports/<job_id>            → {id, state: running|done|refused|failed, done, total, report, error}
    GET  /api/v1/exports/cases.csv[?unmasked=1]    GET /api/v1/exports/cases.xlsx[?unmasked=1]

Same guards as every /api/v1 route (companion/security.py: loopback Host, allowed Origin, bearer token).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from .errors import ApiError

bp = Blueprint("transfer", __name__, url_prefix="/api/v1")

PLATFORMS = ("douyin", "tiktok", "taobao")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def truthy(name: str) -> bool:
    return (request.args.get(name) or "").lower() in ("1", "true", "yes", "on")


def uploaded_file() -> tuple[bytes, str]:
    """(bytes, file name) from a multipart `file` field or the raw body."""
    if request.mimetype == "multipart/form-data":
        f = request.files.get("file")
        if f is None:
            raise ApiError(422, "validation_error", "Send the export in a form field named file.", field="file")
        return f.read(), f.filename or "upload"
    data = request.get_data(cache=False)
    name = request.args.get("filename") or ("upload.xlsx" if request.mimetype == XLSX_TYPE or data[:2] == b"PK" else "upload.csv")
    return data, name[:200]


@bp.post("/imports")
def create_import():
    """Import a seller-center review export (CSV or .xlsx): in the background, or at once with `wait=1`."""
    from ..services.import_jobs import start

    platform = request.args.get("platform")
    if platform not in PLATFORMS:
        raise ApiError(422, "validation_error", f"platform must be one of {', '.join(PLATFORMS)}.", field="platform")
    shop_id = (request.args.get("shop_id") or "").strip()[:128] or None
    data, name = uploaded_file()
    if not data:
        raise ApiError(422, "empty_file", "The file is empty.", field="file")
    classify = request.args.get("classify", "1").lower() not in ("0", "false", "no", "off")
    wait = truthy("wait")
    job = start(current_app._get_current_object(), data, name, platform, shop_id, classify, wait=wait)
    if wait and job["state"] == "refused":
        raise ApiError(422, job["error"]["code"], job["error"]["message"], field=job["error"]["field"], report=job["report"])
    if wait and job["state"] == "failed":
        raise ApiError(422, job["error"]["code"], job["error"]["message"], field=None)
    return jsonify(public(job)), (200 if wait else 202)


@bp.get("/imports/<job_id>")
def get_import(job_id: str):
    """An import's progress and, once it ends, its report."""
    from ..services.import_jobs import jobs

    job = jobs(current_app).get(job_id[:64])
    if job is None:
        raise ApiError(404, "not_found", f"No import {job_id[:64]} (imports are forgotten when the companion restarts).",
                       field="job_id")
    return jsonify(public(job))


def public(job: dict) -> dict:
    return {k: job[k] for k in ("id", "state", "platform", "source", "shop_id", "classify", "done", "total", "report", "error")}


@bp.get("/exports/cases.csv")
def export_cases_csv():
    """Every case as CSV (UTF-8 with BOM), formulas neutralised, phone numbers and addresses masked unless `unmasked=1`."""
    return csv_response(unmasked=truthy("unmasked"))


@bp.get("/exports/cases.xlsx")
def export_cases_xlsx():
    """Every case as an Excel workbook, cells as text (never formulas), PII masked unless `unmasked=1`."""
    return xlsx_response(unmasked=truthy("unmasked"))


def csv_response(*, unmasked: bool, columns=None, filename: str = "review-guard-cases.csv") -> Response:
    from ..services.exporting import csv_chunks

    db = _db()
    return Response(stream_with_context(csv_chunks(db, unmasked=unmasked, columns=columns)), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={filename}", "Cache-Control": "no-store"})


def xlsx_response(*, unmasked: bool) -> Response:
    import tempfile

    from flask import send_file

    from ..services.exporting import write_xlsx

    tmp = tempfile.TemporaryFile()  # a big shop's workbook is written to disk, not held in memory
    write_xlsx(_db(), tmp, unmasked=unmasked)
    tmp.seek(0)
    response = send_file(tmp, mimetype=XLSX_TYPE, as_attachment=True, download_name="review-guard-cases.xlsx")
    response.headers["Cache-Control"] = "no-store"
    return response


def _db():
    from .db import get_db

    return get_db()


def register(app) -> None:
    """The API routes above and the dashboard's import/export pages (companion/dashboard_import.py)."""
    from ..dashboard_import import bp as dashboard_import_bp

    app.register_blueprint(bp)
    app.register_blueprint(dashboard_import_bp)
