"""Mock of Taobao/Tmall 千牛 seller pages: 评价管理 plus the order, logistics, chat and refund pages
an adapter needs as context for a negative review.

Pages (real URL → path under the companion's `/mock/taobao/`):

- 评价管理 `https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20`
  (also on qn.taobao.com) → `/mock/taobao/home.htm/comment-manage/list/rateWait4PC`
- 退款管理 `https://myseller.taobao.com/home.htm/trade-platform/refund-list` → `/mock/taobao/home.htm/trade-platform/refund-list`
- order detail `https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId=<id>&sifg=1&isQnNew=true`
  → `/mock/taobao/trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?…`
- logistics `https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=<id>` (URL INFERRED, not seen in the
  research sources) → `/mock/taobao/wuliu.taobao.com/user/order_detail_new.htm?…`
- chat history `https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId=<id>&buyer=<nick>`
  (the hash query is this mock's choice) → `/mock/taobao/market.m.taobao.com/app/qn/im-history-search/index.html#/…`
- refund detail `https://refund2.taobao.com/dispute/detail.htm?bizOrderId=<id>` (or `?refundId=`; URL INFERRED)
  → `/mock/taobao/refund2.taobao.com/dispute/detail.htm?…`

Every page is the same SPA shell (static/taobao/index.html); app.js picks the page from the host and path
(under `/mock/taobao/` the first path segment names the host when it ends in `.taobao.com`). The review list
fetches `<base>/h5/mtop.rm.sellercenter.list.data.pc/1.0/?…&data={"jsonBody":"…"}` (the real call is a POST to
h5api.m.taobao.com; a GET with the same `data` keeps Playwright routing body-free) and answers with an mtop
envelope around the §3.2 row shape. Context pages fetch `<base>/_tb/api/<name>` (this mock's own JSON).

`serve()` answers one request from a path relative to `/mock/taobao/`; the Flask blueprint and
`route_handler()` (Playwright routing on the real hosts) both use it, so both modes get the same bytes.
Shapes follow shared research seller-pages.md §3.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from flask import Blueprint, Response, request

from ._spa import add_page_routes, respond

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static" / "taobao"
DATA_FILE = HERE / "data" / "taobao.json"

MOCK_PREFIX = "/mock/taobao"
ASSET_PREFIX = "_tb/"
API_PREFIX = "_tb/api/"
LIST_PATH = "h5/mtop.rm.sellercenter.list.data.pc/1.0/"
LIST_API = "mtop.rm.sellercenter.list.data.pc"

# Page paths relative to /mock/taobao/ (a leading `<host>/` segment = a page on that other host).
PAGE_PATHS = {
    "review": "home.htm/comment-manage/list/rateWait4PC",
    "refund_list": "home.htm/trade-platform/refund-list",
    "order": "trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm",
    "logistics": "wuliu.taobao.com/user/order_detail_new.htm",
    "chat": "market.m.taobao.com/app/qn/im-history-search/index.html",
    "refund_detail": "refund2.taobao.com/dispute/detail.htm",
}
# Example entry URLs (for the /mock/ index and docs).
EXAMPLE_PATHS = (
    PAGE_PATHS["review"] + "?current=1&pageSize=20",
    PAGE_PATHS["refund_list"],
)
SELLER_HOSTS = ("myseller.taobao.com", "qn.taobao.com")
OTHER_HOSTS = ("trade.taobao.com", "wuliu.taobao.com", "market.m.taobao.com", "refund2.taobao.com")
# Playwright `page.route` patterns that route_handler() answers.
ROUTE_PATTERNS = tuple(f"https://{h}/**" for h in SELLER_HOSTS + OTHER_HOSTS) + ("https://h5api.m.taobao.com/h5/**",)

EMOTIONS = {"11": 11, "12": 12, "13": 13, "positive": 11, "neutral": 12, "negative": 13}
RATE_TO_EMOTION = {"1": 11, "0": 12, "-1": 13}
JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
TYPES = {".js": "application/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".html": HTML_TYPE}
THUMB_SUFFIX = re.compile(r"_\d+x\d+\.jpg$")


@lru_cache(maxsize=1)
def load_data() -> dict:
    """Shop, reviews (§3.2 row shape), orders, chats and refunds. Every id is a string."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _int(value, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


def _first(args: dict, key: str, default: str = "") -> str:
    value = args.get(key, default)
    if isinstance(value, list):
        value = value[0] if value else default
    return value if isinstance(value, str) else default


def _day(ms: int) -> str:
    """ms since epoch → YYYYMMDD in China time."""
    d = _dt.datetime.fromtimestamp(ms / 1000, _dt.timezone(_dt.timedelta(hours=8)))
    return d.strftime("%Y%m%d")


def list_query(args: dict) -> dict:
    """The list filters from the mtop `data` parameter (`{"jsonBody": "<json>"}`), falling back to plain
    query keys (`current`, `pageSize`, `emotion`, `rate`, `content`, `explain`, `dateRange`, `keyword`)."""
    body: dict = {}
    raw = _first(args, "data")
    if raw:
        try:
            outer = json.loads(raw)
            inner = outer.get("jsonBody", outer) if isinstance(outer, dict) else {}
            body = json.loads(inner) if isinstance(inner, str) else (inner if isinstance(inner, dict) else {})
        except ValueError:
            body = {}
    pag = body.get("pagination") if isinstance(body.get("pagination"), dict) else {}
    content = body.get("content", _first(args, "content"))
    if isinstance(content, str):
        content = [c for c in re.split(r"[,|]", content) if c]
    date_range = body.get("dateRange", _first(args, "dateRange"))
    if isinstance(date_range, str):
        date_range = [d for d in date_range.split(",") if d]
    emotion = body.get("emotion", _first(args, "emotion"))
    if emotion in (None, "") and _first(args, "rate"):
        emotion = RATE_TO_EMOTION.get(_first(args, "rate"))
    return {
        "current": max(_int(pag.get("current", _first(args, "current")), 1), 1),
        "pageSize": min(max(_int(pag.get("pageSize", _first(args, "pageSize")), 20), 1), 100),
        "emotion": EMOTIONS.get(str(emotion)) if emotion not in (None, "") else None,
        "content": [c for c in content if isinstance(c, str)] if isinstance(content, list) else [],
        "explain": str(body.get("explain", _first(args, "explain")) or ""),
        "dateRange": [str(d) for d in date_range][:2] if isinstance(date_range, list) else [],
        "keyword": str(body.get("keyword", _first(args, "keyword")) or "").strip(),
    }


def _matches(row: dict, q: dict) -> bool:
    main = row["rateContent"]["mainRate"]
    append = row["rateContent"]["appendRate"]
    if q["emotion"] and row["emotionType"]["status"] != q["emotion"]:
        return False
    media = main["mediaList"] + (append["mediaList"] if append else [])
    checks = {
        "hasContent": bool(main["content"]) and not main.get("isDefault"),
        "hasImage": any(m["uiType"] == "image" for m in media),
        "hasVideo": any(m["uiType"] == "video" for m in media),
        "hasAppend": append is not None,
    }
    if not all(checks.get(c, True) for c in q["content"]):
        return False
    if q["explain"] == "notExplain" and row["rateContent"]["reply"]:
        return False
    if q["explain"] == "explained" and not row["rateContent"]["reply"]:
        return False
    if len(q["dateRange"]) == 2:
        day = _day(main["date"])
        if not (q["dateRange"][0] <= day <= q["dateRange"][1]):
            return False
    kw = q["keyword"]
    if kw:
        hay = (main["content"], append["content"] if append else "", row["itemInfo"]["title"],
               row["itemInfo"]["itemId"], row["orderInfo"]["orderId"], row["userInfo"]["userName"])
        if not any(kw in h for h in hay):
            return False
    return True


def rate_list(args: dict) -> dict:
    """Answer the mtop list call like the real gateway: `{api, v, ret, data:{dataSource, pagination}}`."""
    q = list_query(args)
    rows = [r for r in load_data()["reviews"] if _matches(r, q)]
    start = (q["current"] - 1) * q["pageSize"]
    page = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows[start:start + q["pageSize"]]]
    return {
        "api": LIST_API,
        "v": "1.0",
        "ret": ["SUCCESS::调用成功"],
        "data": {
            "dataSource": page,
            "pagination": {"current": q["current"], "pageSize": q["pageSize"], "total": len(rows)},
            "shop": load_data()["shop"],
        },
    }


def api(name: str, args: dict) -> tuple[int, dict]:
    """This mock's own JSON for the context pages: order, logistics, chat, refunds, refund."""
    data = load_data()
    oid = _first(args, "bizOrderId") or _first(args, "trade_id") or _first(args, "orderId")
    if name == "order":
        order = data["orders"].get(oid)
        if order is None:
            return 404, {"success": False, "error": "ORDER_NOT_FOUND", "bizOrderId": oid}
        refunds = [r["refundId"] for r in data["refunds"] if r["bizOrderId"] == oid]
        return 200, {"success": True, "data": dict(order, refundIds=refunds, hasChat=oid in data["chats"])}
    if name == "logistics":
        order = data["orders"].get(oid)
        if order is None:
            return 404, {"success": False, "error": "ORDER_NOT_FOUND", "bizOrderId": oid}
        return 200, {"success": True, "data": dict(order["logistics"], bizOrderId=oid, consignTime=order["consignTime"],
                                                    itemTitle=order["item"]["title"], status=order["status"])}
    if name == "chat":
        buyer = _first(args, "buyer")
        chat = data["chats"].get(oid) if oid else None
        if chat is None and buyer:
            chat = next((c for c in data["chats"].values() if c["buyer"] == buyer), None)
        if chat is None:
            return 200, {"success": True, "data": {"bizOrderId": oid, "buyer": buyer, "messages": []}}
        return 200, {"success": True, "data": chat}
    if name == "refunds":
        status = _first(args, "status")
        kw = _first(args, "keyword").strip()
        rows = [r for r in data["refunds"] if (not status or r["refundStatus"] == status)
                and (not kw or kw in (r["refundId"], r["bizOrderId"], r["buyerNick"]) or kw in r["itemTitle"])]
        return 200, {"success": True, "data": {"list": rows, "total": len(rows)}}
    if name == "refund":
        rid = _first(args, "refundId")
        refund = next((r for r in data["refunds"] if (rid and r["refundId"] == rid) or (not rid and r["bizOrderId"] == oid)), None)
        if refund is None:
            return 404, {"success": False, "error": "REFUND_NOT_FOUND"}
        return 200, {"success": True, "data": refund}
    return 404, {"success": False, "error": "UNKNOWN_API"}


def static_file(name: str) -> Path | None:
    """Path of an asset under static/taobao/, or None. `img/x.jpg_80x80.jpg` resolves to `img/x.jpg` (the
    real CDN serves thumbnails by suffix; the local files are SVG whatever their extension)."""
    name = THUMB_SUFFIX.sub("", name) if name.startswith("img/") else name
    path = (STATIC_DIR / name).resolve()
    if STATIC_DIR.resolve() not in path.parents or not path.is_file():
        return None
    return path


def _json(status: int, body: dict) -> tuple[int, str, bytes]:
    return status, JSON_TYPE, json.dumps(body, ensure_ascii=False).encode("utf-8")


def serve(rel: str, query: str | dict = "") -> tuple[int, str, bytes] | None:
    """Answer a GET for `rel` (path relative to /mock/taobao/, no leading slash) or None when not ours."""
    args = parse_qs(query, keep_blank_values=True) if isinstance(query, str) else dict(query)
    rel = rel.lstrip("/")
    if rel in PAGE_PATHS.values():
        return 200, HTML_TYPE, (STATIC_DIR / "index.html").read_bytes()
    if rel == LIST_PATH or rel == LIST_PATH.rstrip("/"):
        return _json(200, rate_list(args))
    if rel.startswith(API_PREFIX):
        return _json(*api(rel[len(API_PREFIX):], args))
    if rel.startswith(ASSET_PREFIX):
        path = static_file(rel[len(ASSET_PREFIX):])
        if path is None:
            return None
        ctype = "image/svg+xml" if rel[len(ASSET_PREFIX):].startswith("img/") else TYPES.get(path.suffix, "application/octet-stream")
        return 200, ctype, path.read_bytes()
    return None


def route_handler(url: str) -> tuple[int, str, bytes] | None:
    """Serve a real-host URL (e2e Playwright routing): `(status, content_type, body)` or None when the URL
    is not one of this mock's pages, assets or XHRs. Also accepts `…/mock/taobao/…` URLs."""
    parts = urlsplit(url)
    host, path = parts.hostname or "", parts.path
    if path.startswith(MOCK_PREFIX + "/"):
        return serve(path[len(MOCK_PREFIX) + 1:], parts.query)
    if not host.endswith("taobao.com"):
        return None
    if path.startswith("/" + ASSET_PREFIX) or path.startswith("/h5/"):
        return serve(path[1:], parts.query)
    if host in SELLER_HOSTS:
        return serve(path[1:], parts.query)
    if host in OTHER_HOSTS:
        return serve(host + path, parts.query)
    return None


# ------------------------------------------------------------------------------------------ Flask

blueprint = Blueprint("mock_taobao", __name__, url_prefix="/taobao")


add_page_routes(blueprint, serve, PAGE_PATHS.values(), "page_")


@blueprint.route("/" + LIST_PATH, methods=["GET", "POST"])
def rate_list_view():
    """The mtop review-list call (GET with `data=`; a POST form `data=` is accepted too)."""
    if request.method == "POST" and request.form.get("data"):
        return _respond_args(LIST_PATH, {"data": request.form["data"], **request.args.to_dict()})
    return respond(serve, LIST_PATH)


def _respond_args(rel: str, args: dict) -> Response:
    status, ctype, body = serve(rel, args)  # type: ignore[misc]
    return Response(body, status, content_type=ctype)


@blueprint.get("/_tb/<path:name>")
def asset_or_api(name: str):
    """Scripts, styles, images and the context-page JSON."""
    return respond(serve, ASSET_PREFIX + name)
