"""Mock of the Douyin 抖店 context pages a seller opens to verify a review: order detail, logistics,
飞鸽 chat and after-sales. Orders are those of the 评价管理 mock (data/douyin.json, keyed on its sku-level
`order_id`), so a review captured there links to these pages.

Pages (real URL → path under the companion's `/mock/douyin/`):

- order detail `https://fxg.jinritemai.com/ffa/morder/order/detail?id=<19-digit order id>` — URL INFERRED: the
  research (seller-pages.md §1.1) found only the order list `/ffa/morder/order/list`, not a detail URL pattern
  → `/mock/douyin/ffa/morder/order/detail?id=…` (the id may also be the parent `shop_order_id`)
- logistics `https://fxg.jinritemai.com/ffa/morder/logistics/detail?order_id=<id>` — URL INFERRED (the order
  detail also has a 物流详情 drawer) → `/mock/douyin/ffa/morder/logistics/detail?order_id=…`
- after-sales list `https://fxg.jinritemai.com/ffa/merchant-aftersale-workbench/aftersale/list` (confirmed) and
  detail `…/aftersale/detail?aftersale_id=<id>` (INFERRED) → `/mock/douyin/ffa/merchant-aftersale-workbench/…`
- 飞鸽 `https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id=<id>` (the `order_id` parameter is this
  mock's choice; the real URL takes `?selfId=`) → `/mock/douyin/im.jinritemai.com/pc_seller_v2/main/workspace`

All pages are one SPA shell (static/douyin_context/index.html) that fetches this mock's own JSON from
`<base>/_ctx/api/<name>`; assets live under `<base>/_ctx/` (`/mock/douyin/_ctx/…` under the companion, `/_ctx/…`
on fxg/im hosts). `serve()` answers a path relative to `/mock/douyin/`; both the Flask blueprint and
`route_handler()` (Playwright routing on the real hosts) use it, so both modes get the same bytes.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from flask import Blueprint

from ._spa import add_page_routes, respond

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static" / "douyin_context"
DATA_FILE = HERE / "data" / "douyin_context.json"
REVIEWS_FILE = HERE / "data" / "douyin.json"  # owned by the Douyin review-page mock; read only

MOCK_PREFIX = "/mock/douyin"
ASSET_PREFIX = "_ctx/"
API_PREFIX = "_ctx/api/"
PAGE_PATHS = {
    "order": "ffa/morder/order/detail",
    "logistics": "ffa/morder/logistics/detail",
    "aftersale_list": "ffa/merchant-aftersale-workbench/aftersale/list",
    "aftersale_detail": "ffa/merchant-aftersale-workbench/aftersale/detail",
    "chat": "im.jinritemai.com/pc_seller_v2/main/workspace",
}
FXG_HOST = "fxg.jinritemai.com"
IM_HOST = "im.jinritemai.com"
# Playwright `page.route` patterns that route_handler() answers (the /_ctx/ assets are needed on both hosts).
ROUTE_PATTERNS = (
    f"https://{FXG_HOST}/ffa/morder/**",
    f"https://{FXG_HOST}/ffa/merchant-aftersale-workbench/**",
    f"https://{FXG_HOST}/_ctx/**",
    f"https://{IM_HOST}/**",
)
JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
TYPES = {".js": "application/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".html": HTML_TYPE,
         ".svg": "image/svg+xml"}


@lru_cache(maxsize=1)
def load_data() -> dict:
    """Orders, 飞鸽 chats and after-sales records keyed on douyin.json order ids (all ids are strings)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


_reviews_cache: dict = {"mtime": None, "by_order": {}}


def reviews_by_order() -> dict[str, dict]:
    """The 评价管理 mock's reviews by sku-level order id, re-read whenever douyin.json changes (that file
    belongs to another mock and may be edited; product, SKU, amount and nickname are taken from it)."""
    try:
        mtime = REVIEWS_FILE.stat().st_mtime_ns
    except OSError:
        return {}
    if _reviews_cache["mtime"] != mtime:
        comments = json.loads(REVIEWS_FILE.read_text(encoding="utf-8")).get("comments", [])
        _reviews_cache.update(mtime=mtime, by_order={c["order_id"]: c for c in comments})
    return _reviews_cache["by_order"]


def review_order_ids() -> set[str]:
    """Sku-level order ids of the 评价管理 mock's reviews."""
    return set(reviews_by_order())


def _fresh(record: dict) -> dict:
    """A copy of an order/chat/after-sales record with the fields it shares with its review taken from
    douyin.json, so the two mocks never disagree (this file's copies are only a fallback)."""
    review = reviews_by_order().get(record.get("order_id", ""))
    if review is None:
        return dict(record)
    out = dict(record)
    if "buyer_nick" in out:
        out["buyer_nick"] = review["user_name"]
    if "shop_order_id" in out:
        out["shop_order_id"] = review["shop_order_id"]
    if "sku" in out:
        out["sku"] = review["sku"]
    if "product_name" in out:
        out["product_name"] = review["product"]["name"]
    if "product" in out:
        out["product"] = dict(out["product"], id=review["product_id"], name=review["product"]["name"], img=review["product"]["img"])
    if "pay_amount" in out:
        out["pay_amount"] = review["pay_amount"]
    if "price" in out:
        out["price"] = review["pay_amount"]
    return out


def _first(args: dict, key: str) -> str:
    value = args.get(key, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return value.strip() if isinstance(value, str) else ""


def find_order(oid: str) -> dict | None:
    """An order by its sku-level `order_id` or its parent `shop_order_id`."""
    if not oid:
        return None
    orders = [_fresh(o) for o in load_data()["orders"].values()]
    return next((o for o in orders if oid in (o["order_id"], o["shop_order_id"])), None)


def _ok(data) -> tuple[int, dict]:
    return 200, {"code": 0, "st": 0, "msg": "success", "data": data}


def _missing(what: str) -> tuple[int, dict]:
    return 404, {"code": 10001, "st": 10001, "msg": what + "不存在", "data": None}


def api(name: str, args: dict) -> tuple[int, dict]:
    """This mock's JSON: order, logistics, conversations, chat, aftersales, aftersale."""
    data = load_data()
    if name == "order":
        order = find_order(_first(args, "id") or _first(args, "order_id"))
        if order is None:
            return _missing("订单")
        oid = order["order_id"]
        return _ok(dict(order, aftersale_ids=[a["aftersale_id"] for a in data["aftersales"] if a["order_id"] == oid],
                        has_chat=oid in data["chats"]))
    if name == "logistics":
        order = find_order(_first(args, "order_id") or _first(args, "id"))
        if order is None:
            return _missing("物流信息")
        return _ok(dict(order["logistics"], order_id=order["order_id"], ship_time=order["ship_time"],
                        sign_time=order["sign_time"], product_name=order["product"]["name"], status=order["status"]))
    if name == "conversations":
        convs = [{"order_id": c["order_id"], "buyer_nick": c["buyer_nick"], "buyer_uid": c["buyer_uid"],
                  "last_time": c["messages"][-1]["time"], "last_text": c["messages"][-1]["text"]}
                 for c in map(_fresh, data["chats"].values())]
        convs.sort(key=lambda c: c["last_time"], reverse=True)
        return _ok({"list": convs, "shop": data["shop"], "seller_cs": data["seller_cs"]})
    if name == "chat":
        order = find_order(_first(args, "order_id"))
        chat = data["chats"].get(order["order_id"]) if order else None
        if chat is None:
            return _missing("会话")
        return _ok(dict(_fresh(chat), order=order, seller_cs=data["seller_cs"]))
    if name == "aftersales":
        status, needle = _first(args, "status"), _first(args, "search")
        rows = [a for a in map(_fresh, data["aftersales"])
                if (not status or a["status"] == status)
                and (not needle or needle in (a["aftersale_id"], a["order_id"], a["shop_order_id"]) or needle in a["product_name"])]
        return _ok({"list": rows, "total": len(rows)})
    if name == "aftersale":
        aid, oid = _first(args, "aftersale_id"), _first(args, "order_id")
        row = next((a for a in map(_fresh, data["aftersales"]) if (aid and a["aftersale_id"] == aid) or (not aid and oid and a["order_id"] == oid)), None)
        if row is None:
            return _missing("售后单")
        return _ok(row)
    return 404, {"code": 404, "st": 404, "msg": "unknown api", "data": None}


def static_file(name: str) -> Path | None:
    """Path of an asset under static/douyin_context/, or None when it does not exist or escapes."""
    path = (STATIC_DIR / name).resolve()
    if STATIC_DIR.resolve() not in path.parents or not path.is_file():
        return None
    return path


def serve(rel: str, query: str | dict = "") -> tuple[int, str, bytes] | None:
    """Answer a GET for `rel` (path relative to /mock/douyin/) or None when it is not one of ours."""
    args = parse_qs(query, keep_blank_values=True) if isinstance(query, str) else dict(query)
    rel = rel.lstrip("/")
    if rel in PAGE_PATHS.values():
        return 200, HTML_TYPE, (STATIC_DIR / "index.html").read_bytes()
    if rel.startswith(API_PREFIX):
        status, body = api(rel[len(API_PREFIX):], args)
        return status, JSON_TYPE, json.dumps(body, ensure_ascii=False).encode("utf-8")
    if rel.startswith(ASSET_PREFIX):
        path = static_file(rel[len(ASSET_PREFIX):])
        if path is None:
            return None
        return 200, TYPES.get(path.suffix, "application/octet-stream"), path.read_bytes()
    return None


def route_handler(url: str) -> tuple[int, str, bytes] | None:
    """Serve a real-host URL (e2e Playwright routing) as `(status, content_type, body)`, or None when the URL
    is not one of these pages, assets or XHRs (e.g. the 评价管理 page itself). Also accepts `…/mock/douyin/…`."""
    parts = urlsplit(url)
    host, path = parts.hostname or "", parts.path
    if path.startswith(MOCK_PREFIX + "/"):
        return serve(path[len(MOCK_PREFIX) + 1:], parts.query)
    if host == FXG_HOST:
        return serve(path, parts.query)
    if host == IM_HOST:
        if path.startswith("/" + ASSET_PREFIX):
            return serve(path, parts.query)
        return serve(IM_HOST + path, parts.query)
    return None


# ------------------------------------------------------------------------------------------ Flask

blueprint = Blueprint("mock_douyin_context", __name__, url_prefix="/douyin")


add_page_routes(blueprint, serve, PAGE_PATHS.values(), "ctx_page_")


@blueprint.get("/_ctx/<path:name>")
def ctx_asset_or_api(name: str):
    """Scripts, images and the context-page JSON."""
    return respond(serve, ASSET_PREFIX + name)
