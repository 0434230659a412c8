"""Dashboard pages for data in and out (issue 10): upload a seller-center export, watch it import, download cases.

    GET  /import                 the form (platform, shop, classify, file) and the export links
    POST /import                 start the import (own Origin only, like every dashboard form) → 303 /import/<job>
    GET  /import/<job>           progress and report; import_progress.js polls /import/<job>/status (no inline script)
    GET  /exports/cases.csv|.xlsx[?unmasked=1]     the same files as GET /api/v1/exports/…

Signed in like every dashboard page (companion/session.py's cookie) and under the dashboard's CSP and framing rules.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request

from .dashboard import _no_framing, _signed_in

bp = Blueprint("dashboard_import", __name__, template_folder="templates")
bp.before_request(_signed_in)
bp.after_request(_no_framing)

PLATFORMS = ("douyin", "tiktok", "taobao")
WORDS = {
    "zh": {"title": "导入与导出", "import": "导入历史评价", "platform": "平台", "shop": "店铺 ID（可选）", "file": "导出文件（CSV 或 Excel .xlsx）",
           "classify": "导入时分类（较慢）", "start": "开始导入", "export": "导出全部案件", "unmasked": "不隐藏买家电话和地址",
           "running": "导入中…", "done": "导入完成", "refused": "文件未导入", "failed": "导入中断", "back": "返回工作台",
           "platforms": {"douyin": "抖店", "tiktok": "TikTok Shop", "taobao": "千牛"},
           "hint": "再次导入同一文件不会重复；中断后再次导入会继续。列名对照见 README「Import and export」。"},
    "en": {"title": "Import and export", "import": "Import past reviews", "platform": "Platform", "shop": "Shop id (optional)",
           "file": "Export file (CSV or Excel .xlsx)", "classify": "Classify while importing (slower)", "start": "Import",
           "export": "Export every case", "unmasked": "Keep buyers' phone numbers and addresses", "running": "Importing…",
           "done": "Import finished", "refused": "The file was not imported", "failed": "The import stopped", "back": "Back to the workspace",
           "platforms": {"douyin": "抖店 Douyin", "tiktok": "TikTok Shop", "taobao": "千牛 Taobao"},
           "hint": "Importing the same file again adds nothing; an interrupted import continues when run again. "
                   "Column names: README, \"Import and export\"."},
}


def _words():
    from .dashboard_i18n import pick_lang

    lang = pick_lang()
    return lang, WORDS["en" if lang == "en" else "zh"]


def _chrome(lang: str) -> dict:
    """The dashboard's own words (header, sign-in) in the page's language, as every dashboard page has them."""
    from .dashboard_i18n import words

    return words(lang)["t"]


def _own_origin() -> None:
    from urllib.parse import urlsplit

    origin = request.headers.get("Origin") or ""
    if not origin or urlsplit(origin).netloc != request.host:
        abort(403)


@bp.get("/import")
def form():
    lang, w = _words()
    return render_template("import.html", lang=lang, w=w, t=_chrome(lang), platforms=PLATFORMS, job=None)


@bp.post("/import")
def upload():
    from .services.import_jobs import start

    _own_origin()
    platform = request.form.get("platform")
    f = request.files.get("file")
    if platform not in PLATFORMS or f is None:
        abort(400)
    data = f.read()
    if not data:
        abort(400)
    shop = (request.form.get("shop_id") or "").strip()[:128] or None
    job = start(current_app._get_current_object(), data, f.filename or "upload", platform, shop, bool(request.form.get("classify")))
    return redirect(f"/import/{job['id']}", code=303)


def _job(job_id: str) -> dict:
    from .services.import_jobs import jobs

    job = jobs(current_app).get(job_id[:64])
    if job is None:
        abort(404)
    return job


@bp.get("/import/<job_id>")
def progress_page(job_id: str):
    lang, w = _words()
    return render_template("import.html", lang=lang, w=w, t=_chrome(lang), platforms=PLATFORMS, job=_job(job_id))


@bp.get("/import/<job_id>/status")
def status(job_id: str):
    from .api.transfer import public

    response = jsonify(public(_job(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/import/progress.js")
def progress_js():
    js = (Path(__file__).parent / "templates" / "import_progress.js").read_text(encoding="utf-8")
    return Response(js, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})


@bp.get("/exports/cases.csv")
def export_csv():
    from .api.transfer import csv_response

    return csv_response(unmasked=request.args.get("unmasked") == "1")


@bp.get("/exports/cases.xlsx")
def export_xlsx():
    from .api.transfer import xlsx_response

    return xlsx_response(unmasked=request.args.get("unmasked") == "1")
