"""Downloads: `/api/v1/cases.csv`, `/cases/<id>/export.zip`, `/cases/<id>/appeal-package.zip`, and `/verify`."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, jsonify, request

from ..services.appeal_package import LANGS, appeal_package
from ..services.export import case_package, content_disposition
from . import bp
from .db import get_db
from .errors import ApiError


def _data_dir() -> Path:
    return Path(current_app.config["DATA_DIR"])


def zip_response(data: bytes, name: str) -> Response:
    """A zip as a download (the API and the dashboard)."""
    return Response(data, mimetype="application/zip", headers={"Content-Disposition": content_disposition(name)})


def export_zip(case_id: int) -> Response:
    data, name = case_package(get_db(), _data_dir(), case_id)
    return zip_response(data, name)


def appeal_zip(case_id: int, lang: str | None) -> Response:
    if lang is not None and lang not in LANGS:
        raise ApiError(422, "validation_error", "lang: must be zh or en", field="lang")
    data, name, _ = appeal_package(get_db(), _data_dir(), case_id, lang)
    return zip_response(data, name)


@bp.get("/cases/<int:case_id>/export.zip")
def export_case(case_id: int):
    """An evidence package for the appeal form: the files, a manifest with their hashes, a timeline."""
    return export_zip(case_id)


@bp.get("/cases/<int:case_id>/appeal-package.zip")
def appeal_package_zip(case_id: int):
    """Upload-ready package: the screenshots in the platform's format and limits, named in the seller's
    language (`?lang=zh|en`, default: the review's), and a PDF report. The full archive stays export.zip."""
    return appeal_zip(case_id, request.args.get("lang") or None)


@bp.get("/cases.csv")
def export_csv():
    """All cases as CSV for spreadsheets (its first columns, kept), formulas neutralised, buyers' phone numbers and
    addresses masked unless `?unmasked=1` (services/exporting.py, as GET /api/v1/exports/cases.csv)."""
    from ..services.exporting import LEGACY_COLUMNS
    from .transfer import csv_response, truthy

    return csv_response(unmasked=truthy("unmasked"), columns=LEGACY_COLUMNS)


@bp.get("/verify")
def verify_evidence():
    """Re-hash every evidence file and re-walk the hash chain."""
    from ..evidence import verify_report

    return jsonify(verify_report(get_db(), _data_dir()))  # + case_log, first_broken: the whole case (issue 12)
