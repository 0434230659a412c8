"""Mock of TikTok Shop Seller Center: Product Ratings, order detail, tracking, chat and return/refund.

Size: ~520 lines, one mock seller center (five page kinds, regions, two builds); not product code.

One SPA shell (`static/tiktok/index.html` + `app.js`) serves every page and renders after its own
XHRs, like the real Seller Center. The same files and JSON answers are served by the companion's
`/mock/tiktok/` blueprint (`blueprint` below) and by Playwright routing on the real hosts
(`https://seller-us.tiktok.com/**` etc.) through `route_handler`, so an adapter sees one page in both
places. The page computes its base path, so it works under `/mock/tiktok/` and at a host root.

Shapes follow shared research seller-pages.md §2 (TikTok) and §8. The JSON API paths are invented
(the real list API was not captured publicly); they sit under the served base like the real ones
(`/api/...`). The real order API is `POST /api/fulfillment/na/order/get`; ours is a GET.
Every id is a string: 18-digit order ids exceed 2**53.
"""

from __future__ import annotations

import json
import math
import mimetypes
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from flask import Blueprint, Response, request

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static" / "tiktok"
DATA_FILE = HERE / "data" / "tiktok.json"

# Page routes (relative to the site root) that all serve the same SPA shell.
# `order/return-refund/detail` is INFERRED (no public source shows the after-sales detail URL).
PAGE_PATHS = ("product/rating", "order/detail", "order/tracking", "order/return-refund/detail", "im")
# The SPA loads its assets from `<base>/_mock/…` and calls `<base>/api/…`.
ASSET_PREFIX = "_mock/"
API_PREFIX = "api/"

# Real Seller Center hosts per shop_region (for e2e routing); ID moved to Tokopedia's host.
REAL_HOSTS = {
    "US": "seller-us.tiktok.com",
    "UK": "seller-uk.tiktok.com",
    "TH": "seller-th.tiktok.com",
    "VN": "seller-vn.tiktok.com",
    "MY": "seller-my.tiktok.com",
    "PH": "seller-ph.tiktok.com",
    "SG": "seller-sg.tiktok.com",
    "ID": "seller-id.tokopedia.com",
}

# Region display: currency (rate from the USD base prices, decimals, symbol placement, separators)
# and the review-date style ("md" = `Jan 15, 2026`, "dm" = `15 Jan 2026`). Rates are fixed, invented.
REGIONS: dict[str, dict] = {
    "US": {"name": "United States", "currency": "USD", "rate": "1", "dp": 2, "prefix": "$", "suffix": "", "thousands": ",", "decimal": ".", "date": "md"},
    "UK": {"name": "United Kingdom", "currency": "GBP", "rate": "0.79", "dp": 2, "prefix": "£", "suffix": "", "thousands": ",", "decimal": ".", "date": "dm"},
    "TH": {"name": "Thailand", "currency": "THB", "rate": "34.5", "dp": 2, "prefix": "฿", "suffix": "", "thousands": ",", "decimal": ".", "date": "dm"},
    "VN": {"name": "Vietnam", "currency": "VND", "rate": "25400", "dp": 0, "prefix": "", "suffix": "₫", "thousands": ".", "decimal": ",", "date": "dm"},
    "MY": {"name": "Malaysia", "currency": "MYR", "rate": "4.45", "dp": 2, "prefix": "RM", "suffix": "", "thousands": ",", "decimal": ".", "date": "dm"},
    "PH": {"name": "Philippines", "currency": "PHP", "rate": "58", "dp": 2, "prefix": "₱", "suffix": "", "thousands": ",", "decimal": ".", "date": "md"},
    "SG": {"name": "Singapore", "currency": "SGD", "rate": "1.34", "dp": 2, "prefix": "S$", "suffix": "", "thousands": ",", "decimal": ".", "date": "dm"},
    "ID": {"name": "Indonesia", "currency": "IDR", "rate": "16200", "dp": 0, "prefix": "Rp", "suffix": "", "thousands": ".", "decimal": ",", "date": "md"},
}
DEFAULT_REGION = "US"

# Tabs of the Product Ratings page (`core-tabs-0-panel-N`): N → filter.
TABS = ("all", "unreplied", "replied")
PAGE_SIZES = (10, 20, 50)
DEFAULT_PAGE_SIZE = 10
REPORT_WINDOW_DAYS = 30

# The six "Report review" reasons (seller-pages.md §2.4), value → label.
REPORT_REASONS = (
    ("multiple_malicious", "Multiple malicious reviews"),
    ("coercive", "Coercive reviews"),
    ("competitor", "Competitor reviews"),
    ("traffic_diversion", "Traffic diversion reviews"),
    ("erroneous", "Erroneous reviews"),
    ("invalid", "Invalid reviews"),
)

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def load_data() -> dict:
    """Shop, products, ratings, orders, returns and conversations (ids are strings)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def region_of(args) -> str:
    """`shop_region` from the query, upper-cased; unknown regions fall back to US."""
    value = (_arg(args, "shop_region") or DEFAULT_REGION).upper()
    return value if value in REGIONS else DEFAULT_REGION


def _arg(args, name: str) -> str | None:
    value = args.get(name) if args is not None else None
    if isinstance(value, list):  # parse_qs gives lists
        value = value[0] if value else None
    return value


def _int(value, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


def epoch(text: str | None) -> int | None:
    """Shop-local `YYYY-MM-DD HH:MM:SS` → seconds; the page formats them with UTC getters, so the
    displayed time equals the data whatever the browser's time zone."""
    if not text:
        return None
    return int(datetime.strptime(text, TIME_FORMAT).replace(tzinfo=timezone.utc).timestamp())


def money(usd: str, region: str) -> dict:
    """A USD amount converted for `region`: `{amount, currency, display}` (amount is a string)."""
    r = REGIONS[region]
    value = Decimal(usd) * Decimal(r["rate"])
    quant = Decimal(1).scaleb(-r["dp"]) if r["dp"] else Decimal(1)
    if r["dp"] == 0:
        value = (value / 100).quantize(Decimal(1), ROUND_HALF_UP) * 100  # VND/IDR prices end in 00
    value = value.quantize(quant, ROUND_HALF_UP)
    whole, _, frac = f"{value:.{r['dp']}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", r["thousands"])
    text = grouped + (r["decimal"] + frac if r["dp"] else "")
    return {"amount": f"{value:.{r['dp']}f}", "currency": r["currency"], "display": f"{r['prefix']}{text}{r['suffix']}"}


def _today(data: dict) -> datetime:
    return datetime.strptime(data["today"], TIME_FORMAT)


# --------------------------------------------------------------------------- JSON answers


def _ok(data) -> dict:
    return {"code": 0, "message": "success", "data": data}


def _err(code: int, message: str) -> dict:
    # The real APIs answer HTTP 200 with a non-zero `code`.
    return {"code": code, "message": message, "data": None}


def seller_profile(args) -> dict:
    """`GET api/v1/seller/profile`: the header's shop and the region's display settings."""
    data = load_data()
    region = region_of(args)
    r = REGIONS[region]
    shop = data["shop"]
    return _ok({
        "shop": {"id": shop["id"], "name": shop["name"], "avatar": "img/shop_avatar.svg"},
        "region": {"code": region, "name": r["name"], "currency": r["currency"], "date_style": r["date"]},
        "today": epoch(data["today"]),
    })


def _rating_row(r: dict, data: dict, region: str) -> dict:
    product = data["products"][r["product_id"]]
    today = _today(data)
    created = datetime.strptime(r["review_time"], TIME_FORMAT)
    edited = datetime.strptime(r["edited_time"], TIME_FORMAT) if r.get("edited_time") else None
    return {
        "order_id": r["order_id"],
        "product_id": r["product_id"],
        "product_name": product["name"],
        "product_image": product["img"],
        "sku": r["sku"],
        "user_name": r["user_name"],
        "star": r["stars"],
        "text": r["text"],
        "images": r["images"],
        "video": r["video"],
        "create_time": epoch(r["review_time"]),
        "edit_time": epoch(r.get("edited_time")),
        "edited_days_ago": (today.date() - edited.date()).days if edited else None,
        "reply": {"text": r["reply"]["text"], "create_time": epoch(r["reply"]["time"])} if r.get("reply") else None,
        "report_status": r.get("report_status"),
        "reportable": not r.get("report_status") and (today - created).days < REPORT_WINDOW_DAYS,
        "price": money(data["products"][r["product_id"]]["price"], region),
    }


def _filter_ratings(args) -> list[dict]:
    data = load_data()
    tab = _arg(args, "tab") or "all"
    rows = list(data["ratings"])
    if tab == "unreplied":
        rows = [r for r in rows if not r.get("reply")]
    elif tab == "replied":
        rows = [r for r in rows if r.get("reply")]
    stars = {_int(s, 0) for s in (_arg(args, "stars") or "").split(",") if s.strip()}
    if stars:
        rows = [r for r in rows if r["stars"] in stars]
    if _arg(args, "has_media") in ("1", "true"):
        rows = [r for r in rows if r["images"] or r["video"]]
    needle = (_arg(args, "keyword") or "").strip()
    if needle:
        field = _arg(args, "search_type") or "order_id"
        if field == "product_name":
            rows = [r for r in rows if needle.lower() in data["products"][r["product_id"]]["name"].lower()]
        elif field == "product_id":
            rows = [r for r in rows if r["product_id"].startswith(needle)]
        else:
            rows = [r for r in rows if r["order_id"].startswith(needle)]
    return rows


def rating_list(args) -> dict:
    """`GET api/v1/product/rating/list`: one page of ratings, newest first.

    :param args: `shop_region`, `tab` (all/unreplied/replied), `stars` (e.g. `1,2`), `has_media`,
        `search_type` (order_id/product_id/product_name) + `keyword`, `page` (1-based),
        `page_size` (10/20/50; other values are clamped to 1–50).
    """
    data = load_data()
    region = region_of(args)
    rows = _filter_ratings(args)
    size = min(max(_int(_arg(args, "page_size"), DEFAULT_PAGE_SIZE), 1), 50)
    page = max(_int(_arg(args, "page"), 1), 1)
    total = len(rows)
    chunk = rows[(page - 1) * size:page * size]
    return _ok({
        "list": [_rating_row(r, data, region) for r in chunk],
        "total": total,
        "page": page,
        "page_size": size,
        "total_pages": max(1, math.ceil(total / size)),
        "has_more": page * size < total,
    })


def rating_summary(args) -> dict:
    """`GET api/v1/product/rating/summary`: store rating, tab counts, per-star counts."""
    data = load_data()
    ratings = data["ratings"]
    shop = data["shop"]
    return _ok({
        "store_rating": shop["store_rating"],
        "rating_count": shop["rating_count"],
        "negative_rate_30d": shop["negative_rate_30d"],
        "tab_counts": {
            "all": len(ratings),
            "unreplied": sum(1 for r in ratings if not r.get("reply")),
            "replied": sum(1 for r in ratings if r.get("reply")),
        },
        "star_counts": {str(s): sum(1 for r in ratings if r["stars"] == s) for s in range(5, 0, -1)},
        "media_count": sum(1 for r in ratings if r["images"] or r["video"]),
        "report_reasons": [{"value": v, "label": label} for v, label in REPORT_REASONS],
        "report_window_days": REPORT_WINDOW_DAYS,
    })


def _order_out(o: dict, data: dict, region: str) -> dict:
    product = data["products"][o["product_id"]]
    ret = data["returns"].get(o["return_id"]) if o.get("return_id") else None
    return {
        "order_id": o["order_id"],
        "status": o["status"],
        "buyer_nick": o["buyer_nick"],
        "product": {"id": o["product_id"], "name": product["name"], "image": product["img"], "sku_id": o["sku_id"],
                    "sku": o["sku"], "seller_sku": o["seller_sku"], "quantity": o["quantity"],
                    "unit_price": money(o["unit_price"], region), "subtotal": money(o["subtotal"], region)},
        "payment": {"subtotal": money(o["subtotal"], region), "shipping_fee": money(o["shipping_fee"], region),
                    "platform_discount": money(o["platform_discount"], region), "total": money(o["total"], region),
                    "method": o["payment_method"]},
        "timeline": [
            {"key": "placed", "label": "Order placed", "time": epoch(o["placed_time"])},
            {"key": "paid", "label": "Paid", "time": epoch(o["paid_time"])},
            {"key": "shipped", "label": "Shipped", "time": epoch(o["shipped_time"])},
            {"key": "delivered", "label": "Delivered", "time": epoch(o["delivered_time"])},
        ],
        "shipping": {"method": o["shipping_method"], "carrier": o["carrier"], "tracking_no": o["tracking_no"],
                     "ship_to": o["ship_to"], "latest_event": _event(o["tracking"][0]) if o["tracking"] else None},
        "return": {"return_id": ret["return_id"], "type": ret["type"], "status": ret["status"]} if ret else None,
        "conversation_id": o.get("conversation_id"),
    }


def _event(e: dict) -> dict:
    return {"time": epoch(e["time"]), "text": e["text"], "location": e["location"]}


def order_get(args) -> dict:
    """`GET api/fulfillment/order/get?order_no=`: the order detail page's data."""
    data = load_data()
    order_no = (_arg(args, "order_no") or _arg(args, "order_id") or "").strip()
    o = data["orders"].get(order_no)
    if o is None:
        return _err(21001001, "Order not found")
    return _ok(_order_out(o, data, region_of(args)))


def order_tracking(args) -> dict:
    """`GET api/fulfillment/order/tracking?order_no=`: carrier, tracking number, events newest first."""
    data = load_data()
    order_no = (_arg(args, "order_no") or _arg(args, "order_id") or "").strip()
    o = data["orders"].get(order_no)
    if o is None:
        return _err(21001001, "Order not found")
    delivered = any(e["text"].startswith("Delivered") for e in o["tracking"])
    return _ok({
        "order_id": o["order_id"],
        "carrier": o["carrier"],
        "tracking_no": o["tracking_no"],
        "status": "Delivered" if delivered else "In transit",
        "events": [_event(e) for e in o["tracking"]],
    })


def return_get(args) -> dict:
    """`GET api/reverse/return/get?return_id=`: one return/refund record."""
    data = load_data()
    ret = data["returns"].get((_arg(args, "return_id") or "").strip())
    if ret is None:
        return _err(22001001, "Return request not found")
    region = region_of(args)
    order = data["orders"][ret["order_id"]]
    product = data["products"][order["product_id"]]
    return _ok({
        "return_id": ret["return_id"],
        "order_id": ret["order_id"],
        "type": ret["type"],
        "status": ret["status"],
        "reason": ret["reason"],
        "buyer_description": ret["buyer_description"],
        "refund_amount": money(ret["refund_amount"], region),
        "request_time": epoch(ret["request_time"]),
        "images": ret["images"],
        "buyer_nick": order["buyer_nick"],
        "product": {"id": order["product_id"], "name": product["name"], "image": product["img"], "sku": order["sku"]},
        "timeline": [{"time": epoch(t["time"]), "text": t["text"]} for t in ret["timeline"]],
    })


def conversation_list(args) -> dict:
    """`GET api/im/conversation/list[?order_no=]`: conversations, newest first; with `order_no`,
    `selected` is the conversation about that order (or null)."""
    data = load_data()
    order_no = (_arg(args, "order_no") or "").strip()
    selected = None
    items = []
    for c in data["conversations"]:
        last = c["messages"][-1]
        items.append({
            "conversation_id": c["conversation_id"],
            "buyer_nick": c["buyer_nick"],
            "order_ids": c["order_ids"],
            "last_message": last.get("text") or ("[Order]" if last["type"] == "order_card" else "[Image]"),
            "last_time": epoch(last["time"]),
        })
        if order_no and order_no in c["order_ids"]:
            selected = c["conversation_id"]
    buyer = None
    if order_no and selected is None and order_no in data["orders"]:
        buyer = data["orders"][order_no]["buyer_nick"]  # a new, empty conversation with this buyer
    return _ok({"list": items, "selected": selected, "new_conversation_buyer": buyer})


def message_list(args) -> dict:
    """`GET api/im/message/list?conversation_id=`: messages oldest first, each with its sender role."""
    data = load_data()
    cid = (_arg(args, "conversation_id") or "").strip()
    conv = next((c for c in data["conversations"] if c["conversation_id"] == cid), None)
    if conv is None:
        return _err(23001001, "Conversation not found")
    region = region_of(args)
    out = []
    for m in conv["messages"]:
        item = {"time": epoch(m["time"]), "sender": m["sender"], "type": m["type"], "text": m.get("text", "")}
        if m["type"] == "image":
            item["image"] = m["image"]
        if m["type"] == "order_card":
            o = data["orders"][m["order_id"]]
            p = data["products"][o["product_id"]]
            item["order"] = {"order_id": o["order_id"], "status": o["status"], "product_name": p["name"],
                             "image": p["img"], "sku": o["sku"], "total": money(o["total"], region)}
        out.append(item)
    return _ok({"conversation_id": cid, "buyer_nick": conv["buyer_nick"], "seller_name": data["shop"]["seller_agent"],
                "messages": out})


def post_ok(_args, body: dict | None = None) -> dict:
    """`POST api/v1/product/rating/reply` and `…/report`: accepted, nothing stored (the page keeps
    the new state until reload)."""
    body = body or {}
    if not str(body.get("order_id") or "").isdigit():
        return _err(10002, "Invalid order_id")
    return _ok({"order_id": str(body["order_id"])})


GET_API = {
    "v1/seller/profile": seller_profile,
    "v1/product/rating/list": rating_list,
    "v1/product/rating/summary": rating_summary,
    "fulfillment/order/get": order_get,
    "fulfillment/order/tracking": order_tracking,
    "reverse/return/get": return_get,
    "im/conversation/list": conversation_list,
    "im/message/list": message_list,
}
POST_API = {
    "v1/product/rating/reply": post_ok,
    "v1/product/rating/report": post_ok,
}


def api_answer(rest: str, args, method: str = "GET", body: dict | None = None) -> tuple[int, dict]:
    """Answer `<base>/api/<rest>`: (HTTP status, JSON body)."""
    rest = rest.strip("/")
    if method == "POST" and rest in POST_API:
        return 200, POST_API[rest](args, body)
    if method == "GET" and rest in GET_API:
        return 200, GET_API[rest](args)
    return 404, _err(404, "Not found")


# --------------------------------------------------------------------------- files and routing


def static_file(name: str) -> Path | None:
    """Path of a static asset under static/tiktok/, or None when it does not exist or escapes."""
    path = (STATIC_DIR / name).resolve()
    if STATIC_DIR.resolve() not in path.parents or not path.is_file():
        return None
    return path


def route_handler(url: str, method: str = "GET", body: bytes | str | None = None) -> tuple[int, str, bytes]:
    """Serve a request for Playwright routing on the real hosts: `(status, content_type, body)`.

    :param url: a full URL (`https://seller-us.tiktok.com/product/rating?shop_region=US`) or a path
        with query; a leading `/mock/tiktok` is accepted too.
    :param method: HTTP method (POST only for the reply/report calls).
    :param body: the request body of a POST (JSON).
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    if path.startswith("/mock/tiktok/"):
        path = path[len("/mock/tiktok"):]
    rel = path.lstrip("/")
    args = parse_qs(parts.query)
    if rel.rstrip("/") in PAGE_PATHS:
        return 200, "text/html; charset=utf-8", (STATIC_DIR / "index.html").read_bytes()
    if rel.startswith(ASSET_PREFIX):
        asset = static_file(rel[len(ASSET_PREFIX):])
        if asset is None:
            return 404, "text/plain; charset=utf-8", b"not found"
        ctype = mimetypes.guess_type(asset.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "image/svg+xml"):
            ctype += "; charset=utf-8"
        return 200, ctype, asset.read_bytes()
    if rel.startswith(API_PREFIX):
        parsed = None
        if body:
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = None
        status, answer = api_answer(rel[len(API_PREFIX):], args, method.upper(), parsed if isinstance(parsed, dict) else None)
        return status, "application/json; charset=utf-8", json.dumps(answer, ensure_ascii=False).encode("utf-8")
    return 404, "text/plain; charset=utf-8", b"not found"


# --------------------------------------------------------------------------- Flask blueprint

blueprint = Blueprint("mock_tiktok", __name__, url_prefix="/tiktok")


def _respond(status: int, ctype: str, body: bytes) -> Response:
    response = Response(body, status=status, content_type=ctype)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _page():
    """The SPA shell (the same bytes Playwright serves on seller-us.tiktok.com)."""
    return _respond(*route_handler("/" + PAGE_PATHS[0]))


for _p in PAGE_PATHS:
    blueprint.add_url_rule("/" + _p, endpoint="page_" + _p.replace("/", "_").replace("-", "_"), view_func=_page)


@blueprint.get("/")
def index():
    """Links to example pages (with query strings)."""
    data = load_data()
    first = data["ratings"][0]["order_id"]
    ret = next(iter(data["returns"]))
    examples = [
        "product/rating?shop_region=US",
        "product/rating?shop_region=US&build=b&delay=0",
        "product/rating?shop_region=ID",
        "product/rating?shop_region=US&captcha=1",
        "product/rating?shop_region=US&logged_out=1",
        f"order/detail?order_no={first}&shop_region=US",
        f"order/tracking?order_no={first}&shop_region=US",
        f"order/return-refund/detail?return_id={ret}&shop_region=US",
        "im?shop_region=US",
    ]
    links = "".join(f'<li><a href="{e.replace("&", "&amp;")}">{e.replace("&", "&amp;")}</a></li>' for e in examples)
    return f"<!doctype html><meta charset=utf-8><title>TikTok Shop mock</title><base href=\"/mock/tiktok/\"><ul>{links}</ul>"


@blueprint.get("/_mock/<path:name>")
def asset(name: str):
    """Scripts and images of the mock pages."""
    return _respond(*route_handler("/" + ASSET_PREFIX + name))


@blueprint.route("/api/<path:rest>", methods=["GET", "POST"])
def api(rest: str):
    """The XHRs the SPA renders from."""
    body = request.get_json(silent=True) if request.method == "POST" else None
    status, answer = api_answer(rest, request.args, request.method, body if isinstance(body, dict) else None)
    return Response(json.dumps(answer, ensure_ascii=False), status=status, mimetype="application/json")
