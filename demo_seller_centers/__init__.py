"""Demo seller centers: mock Douyin, TikTok Shop and Taobao pages under /mock/ (for trying the product and for e2e).

Not part of the product: the wheel leaves this package out. `review-companion serve --demo` (what
scripts/serve runs) and the tests mount `bp` through `create_app({"DEMO": True})`.

`/mock/douyin/ffa/maftersale/comment` (aliases `/mock/douyin/ffa/g/comment` and
`/mock/douyin/index.html#/ffa/g/comment`) is a faithful stand-in for Douyin 抖店 评价管理; the
extension's content script matches it, so a seller can try Capture without a real shop.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request, send_file

from . import douyin, douyin_context, taobao, tiktok

bp = Blueprint("mock", __name__, url_prefix="/mock")
# Each platform module brings its own pages under /mock/<platform>/ (kept apart so they can grow alone).
bp.register_blueprint(tiktok.blueprint)
bp.register_blueprint(taobao.blueprint)
bp.register_blueprint(douyin_context.blueprint)

OTHER_PAGES = (
    "tiktok/product/rating?shop_region=US",
    "taobao/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20",
    "douyin/ffa/merchant-aftersale-workbench/aftersale/list",
)


@bp.get("/")
def index():
    """A list of the mock pages."""
    paths = [f"douyin/{p}" for p in douyin.PAGE_PATHS] + list(OTHER_PAGES)
    links = "".join(f'<li><a href="/mock/{p}">/mock/{p}</a></li>' for p in paths)
    return f"<!doctype html><meta charset=utf-8><title>Review Guard mocks</title><ul>{links}</ul>"


@bp.get("/douyin/ffa/maftersale/comment")
@bp.get("/douyin/ffa/g/comment")
@bp.get("/douyin/index.html")
def douyin_page():
    """The 评价管理 SPA shell (the same file Playwright serves on fxg.jinritemai.com)."""
    return send_file(douyin.STATIC_DIR / "index.html", mimetype="text/html", max_age=0)


@bp.get("/douyin/login/common")
def douyin_login():
    """The 抖店 login page the review page redirects to when its session expired (`?session_expired=1`)."""
    return send_file(douyin.LOGIN_FILE, mimetype="text/html", max_age=0)


@bp.get("/douyin/_mock/<path:name>")
def douyin_asset(name: str):
    """Scripts, styles and images of the mock page."""
    path = douyin.static_file(name)
    if path is None:
        abort(404)
    return send_file(path, max_age=0)


@bp.get("/douyin/product/tcomment/commentList")
def douyin_comment_list():
    """The review-list XHR the page renders from."""
    return jsonify(douyin.comment_list(request.args))
