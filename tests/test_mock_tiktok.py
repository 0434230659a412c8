"""The TikTok Shop Seller Center mock: routes, JSON answers, data integrity and pagination math."""

from __future__ import annotations

import json
import math
import re
from datetime import datetime

import pytest

from demo_seller_centers import tiktok

pytestmark = pytest.mark.demo  # the app fixture mounts the mock pages at /mock/

ORDER_ID = re.compile(r"^5[78]\d{16}$")
BASE = "/mock/tiktok"




def api(client, path, **params):
    params.setdefault("shop_region", "US")
    r = client.get(f"{BASE}/api/{path}", query_string=params)
    assert r.status_code == 200, r.data
    assert r.mimetype == "application/json"
    return r.get_json()


DATA = tiktok.load_data()


def referenced_orders() -> set[str]:
    ids = {r["order_id"] for r in DATA["ratings"]}
    ids |= {x["order_id"] for x in DATA["returns"].values()}
    for c in DATA["conversations"]:
        ids |= set(c["order_ids"])
        ids |= {m["order_id"] for m in c["messages"] if m["type"] == "order_card"}
    return ids


# --------------------------------------------------------------------------- routes


@pytest.mark.parametrize("path", tiktok.PAGE_PATHS)
def test_every_page_path_serves_the_spa_shell(client, path):
    r = client.get(f"{BASE}/{path}?shop_region=US")
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    body = r.get_data(as_text=True)
    assert '"/_mock/app.js"' in body and 'id="root"' in body


def test_assets_and_traversal(client):
    js = client.get(f"{BASE}/_mock/app.js")
    assert js.status_code == 200 and b"ratingListItem" in js.data
    img = client.get(f"{BASE}/_mock/img/lamp.svg")
    assert img.status_code == 200 and img.mimetype == "image/svg+xml"
    assert client.get(f"{BASE}/_mock/../../tiktok.py").status_code == 404
    assert client.get(f"{BASE}/_mock/img/missing.svg").status_code == 404
    assert client.get(f"{BASE}/api/v1/nope").status_code == 404


def test_index_lists_example_pages(client):
    r = client.get(f"{BASE}/")
    assert r.status_code == 200 and b"product/rating?shop_region=US" in r.data


def test_reply_and_report_posts_are_accepted_statelessly(client):
    oid = DATA["ratings"][0]["order_id"]
    for path in ("v1/product/rating/reply", "v1/product/rating/report"):
        r = client.post(f"{BASE}/api/{path}?shop_region=US", json={"order_id": oid, "reason": "invalid"})
        assert r.status_code == 200 and r.get_json() == {"code": 0, "message": "success", "data": {"order_id": oid}}
    bad = client.post(f"{BASE}/api/v1/product/rating/report", json={"order_id": 123.5})
    assert bad.get_json()["code"] != 0
    first = api(client, "v1/product/rating/list")["data"]["list"][0]
    assert first["reply"]["text"] == DATA["ratings"][0]["reply"]["text"]  # nothing was stored


# --------------------------------------------------------------------------- ids


def test_ids_are_strings_in_the_data_file():
    """No integer in the JSON may exceed 2**53 (ids would silently lose digits in JavaScript)."""
    big = []
    json.loads(tiktok.DATA_FILE.read_text(encoding="utf-8"), parse_int=lambda s: big.append(s) if abs(int(s)) > 2**53 else int(s))
    assert big == []
    for r in DATA["ratings"]:
        assert isinstance(r["order_id"], str) and ORDER_ID.match(r["order_id"])
        assert isinstance(r["product_id"], str) and len(r["product_id"]) == 19
        assert "review_id" not in r  # no review id on the page; adapters derive one
    assert all(ORDER_ID.match(o) for o in DATA["orders"])
    assert all(re.fullmatch(r"\d{18}", rid) for rid in DATA["returns"])
    assert isinstance(DATA["shop"]["id"], str) and DATA["shop"]["name"]


def test_list_json_keeps_ids_as_quoted_strings(client):
    raw = client.get(f"{BASE}/api/v1/product/rating/list?page_size=50").get_data(as_text=True)
    assert re.search(r'"order_id": "5[78]\d{16}"', raw)
    assert not re.search(r'[:\[,]\s*\d{16,}\s*[,\]}]', raw), "an id was emitted as a bare number"
    rows = json.loads(raw)["data"]["list"]
    assert len(rows) == len(DATA["ratings"])
    assert all(isinstance(r["order_id"], str) and ORDER_ID.match(r["order_id"]) for r in rows)


# --------------------------------------------------------------------------- pagination and filters


@pytest.mark.parametrize("size", [1, 3, 7, 10, 20, 50])
def test_pagination_math(client, size):
    total = len(DATA["ratings"])
    pages = math.ceil(total / size)
    seen = []
    for page in range(1, pages + 2):
        d = api(client, "v1/product/rating/list", page=page, page_size=size)["data"]
        assert d["total"] == total and d["page_size"] == size and d["total_pages"] == pages
        expected = size if page < pages else (total - size * (pages - 1) if page == pages else 0)
        assert len(d["list"]) == expected
        assert d["has_more"] is (page < pages)
        seen += [r["order_id"] for r in d["list"]]
    assert seen == [r["order_id"] for r in DATA["ratings"]]  # every rating once, newest first
    times = [r["review_time"] for r in DATA["ratings"]]
    assert times == sorted(times, reverse=True)


def test_pagination_clamps_bad_parameters(client):
    d = api(client, "v1/product/rating/list", page="x", page_size="0")["data"]
    assert d["page"] == 1 and d["page_size"] == 1 and len(d["list"]) == 1
    d = api(client, "v1/product/rating/list", page=-3, page_size=500)["data"]
    assert d["page"] == 1 and d["page_size"] == 50
    assert api(client, "v1/product/rating/list")["data"]["page_size"] == tiktok.DEFAULT_PAGE_SIZE


def test_tabs_stars_media_and_search(client):
    summary = api(client, "v1/product/rating/summary")["data"]
    counts = summary["tab_counts"]
    assert counts["all"] == counts["unreplied"] + counts["replied"] == len(DATA["ratings"])
    for tab in tiktok.TABS:
        d = api(client, "v1/product/rating/list", tab=tab, page_size=50)["data"]
        assert d["total"] == counts[tab]
        if tab == "replied":
            assert all(r["reply"] for r in d["list"])
        if tab == "unreplied":
            assert not any(r["reply"] for r in d["list"])
    negative = api(client, "v1/product/rating/list", stars="1,2", page_size=50)["data"]
    assert negative["total"] == summary["star_counts"]["1"] + summary["star_counts"]["2"]
    assert {r["star"] for r in negative["list"]} == {1, 2}
    media = api(client, "v1/product/rating/list", has_media=1, page_size=50)["data"]
    assert media["total"] == summary["media_count"] and all(r["images"] or r["video"] for r in media["list"])
    oid = DATA["ratings"][5]["order_id"]
    found = api(client, "v1/product/rating/list", search_type="order_id", keyword=oid)["data"]["list"]
    assert [r["order_id"] for r in found] == [oid]
    by_name = api(client, "v1/product/rating/list", search_type="product_name", keyword="tumbler", page_size=50)["data"]["list"]
    assert by_name and all("Tumbler" in r["product_name"] for r in by_name)
    assert [r["label"] for r in summary["report_reasons"]] == [
        "Multiple malicious reviews", "Coercive reviews", "Competitor reviews",
        "Traffic diversion reviews", "Erroneous reviews", "Invalid reviews",
    ]


def test_report_window_and_edit_labels(client):
    today = datetime.strptime(DATA["today"], tiktok.TIME_FORMAT)
    rows = api(client, "v1/product/rating/list", page_size=50)["data"]["list"]
    for row, r in zip(rows, DATA["ratings"]):
        age = (today - datetime.strptime(r["review_time"], tiktok.TIME_FORMAT)).days
        assert row["reportable"] is (age < 30 and not r.get("report_status"))
        assert (row["edited_days_ago"] is None) is (r["edited_time"] is None)
    assert any(not row["reportable"] for row in rows) and any(row["reportable"] for row in rows)
    assert 5 in [row["edited_days_ago"] for row in rows]  # "| Edited 5 days ago"


# --------------------------------------------------------------------------- order context


@pytest.mark.parametrize("order_id", sorted(referenced_orders()))
def test_every_referenced_order_has_detail_and_tracking(client, order_id):
    detail = api(client, "fulfillment/order/get", order_no=order_id)
    assert detail["code"] == 0
    o = detail["data"]
    assert o["order_id"] == order_id and o["status"] and o["buyer_nick"]
    assert [s["label"] for s in o["timeline"]] == ["Order placed", "Paid", "Shipped", "Delivered"]
    times = [s["time"] for s in o["timeline"]]
    assert times == sorted(times)
    assert o["shipping"]["carrier"] and o["shipping"]["tracking_no"]
    tr = api(client, "fulfillment/order/tracking", order_no=order_id)
    assert tr["code"] == 0
    events = tr["data"]["events"]
    assert len(events) >= 5 and all(e["time"] and e["text"] and e["location"] for e in events)
    assert [e["time"] for e in events] == sorted((e["time"] for e in events), reverse=True)  # newest first
    assert events[0]["text"].startswith("Delivered") and events[0]["time"] == times[3]
    assert tr["data"]["tracking_no"] == o["shipping"]["tracking_no"]
    if o["return"]:
        ret = api(client, "reverse/return/get", return_id=o["return"]["return_id"])["data"]
        assert ret["order_id"] == order_id and ret["type"] in ("Refund only", "Return and refund")
        assert ret["timeline"] and ret["refund_amount"]["display"].startswith("$")


def test_unknown_ids_answer_an_error_code(client):
    assert api(client, "fulfillment/order/get", order_no="123")["code"] != 0
    assert api(client, "fulfillment/order/tracking", order_no="")["code"] != 0
    assert api(client, "reverse/return/get", return_id="1")["code"] != 0
    assert api(client, "im/message/list", conversation_id="1")["code"] != 0


def _rating(prefix: str) -> dict:
    return next(r for r in DATA["ratings"] if r["text"].startswith(prefix))


def test_the_negative_cases_have_the_context_they_need():
    orders, returns = DATA["orders"], DATA["returns"]
    convs = {c["conversation_id"]: c for c in DATA["conversations"]}

    never = _rating("Never received")  # false claim: delivered and signed
    o = orders[never["order_id"]]
    assert o["status"] == "Delivered" and "Signed by" in o["tracking"][0]["text"]
    assert o["delivered_time"] < never["review_time"]

    broken = _rating("Arrived shattered")  # return and refund, refunded
    ret = returns[orders[broken["order_id"]]["return_id"]]
    assert ret["type"] == "Return and refund" and ret["status"] == "Refunded" and broken["images"]

    rude = _rating("Customer service was rude")  # chat shows a polite seller
    chat = convs[orders[rude["order_id"]]["conversation_id"]]["messages"]
    assert sum(m["sender"] == "seller" for m in chat) >= 2

    coercive = _rating("Cheap fake silk")  # "refund me or I leave 1 star"
    chat = convs[orders[coercive["order_id"]]["conversation_id"]]["messages"]
    assert any(m["sender"] == "buyer" and "1 star" in m.get("text", "") for m in chat)
    assert returns[orders[coercive["order_id"]]["return_id"]]["type"] == "Refund only"

    early = _rating("Feels super cheap")  # posted before delivery
    assert early["review_time"] < orders[early["order_id"]]["delivered_time"]

    assert re.search(r"www\.\S+", _rating("Get the same jars")["text"])  # ad / traffic diversion
    assert re.search(r"\d{3}-\d{3}-\d{4}", _rating("The headband stopped")["text"])  # phone number
    assert any("<img src=x onerror=alert(1)>" in r["text"] for r in DATA["ratings"])  # rendered as text
    nicks = [r["user_name"] for r in DATA["ratings"] if r["stars"] == 1]
    assert any(nicks.count(n) > 1 for n in nicks)  # multiple malicious reviews by one buyer
    assert {r["stars"] for r in DATA["ratings"]} == {1, 2, 3, 4, 5}
    assert all(re.fullmatch(r".\*{3}.", r["user_name"]) for r in DATA["ratings"])  # masked like j***n


def test_chat_api_selects_the_conversation_of_an_order(client):
    coercive = _rating("Cheap fake silk")
    d = api(client, "im/conversation/list", order_no=coercive["order_id"])["data"]
    assert d["selected"] == DATA["orders"][coercive["order_id"]]["conversation_id"]
    msgs = api(client, "im/message/list", conversation_id=d["selected"])["data"]["messages"]
    assert {m["sender"] for m in msgs} <= {"buyer", "seller", "system"}
    card = next(m for m in msgs if m["type"] == "order_card")
    assert card["order"]["order_id"] == coercive["order_id"]
    never = _rating("Never received")  # no chat: the page offers a new conversation with the buyer
    d = api(client, "im/conversation/list", order_no=never["order_id"])["data"]
    assert d["selected"] is None and d["new_conversation_buyer"] == never["user_name"]


# --------------------------------------------------------------------------- regions


@pytest.mark.parametrize("region,display", [
    ("US", "$24.99"), ("UK", "£19.74"), ("TH", "฿862.16"), ("VN", "634.700₫"),
    ("MY", "RM111.21"), ("PH", "₱1,449.42"), ("SG", "S$33.49"), ("ID", "Rp404.800"),
])
def test_regions_render_with_their_currency(client, region, display):
    tumbler = next(p for p in DATA["products"].values() if "Tumbler" in p["name"])
    assert tumbler["price"] == "24.99"
    row = next(r for r in api(client, "v1/product/rating/list", shop_region=region, page_size=50)["data"]["list"]
               if r["product_name"] == tumbler["name"])
    assert row["price"]["display"] == display
    prof = api(client, "v1/seller/profile", shop_region=region.lower())["data"]
    assert prof["region"]["code"] == region and prof["region"]["date_style"] in ("md", "dm")
    assert client.get(f"{BASE}/product/rating?shop_region={region}").status_code == 200


def test_unknown_region_falls_back_to_us(client):
    assert api(client, "v1/seller/profile", shop_region="ZZ")["data"]["region"]["code"] == "US"


# --------------------------------------------------------------------------- Playwright routing helper


def test_route_handler_serves_the_same_files_and_json(client):
    status, ctype, body = tiktok.route_handler("https://seller-us.tiktok.com/product/rating?shop_region=US")
    assert status == 200 and ctype.startswith("text/html")
    assert body == client.get(f"{BASE}/product/rating").data
    status, ctype, body = tiktok.route_handler("/_mock/app.js")
    assert status == 200 and "javascript" in ctype and body == (tiktok.STATIC_DIR / "app.js").read_bytes()
    status, ctype, body = tiktok.route_handler("https://seller-id.tokopedia.com/api/v1/product/rating/list?shop_region=ID&page=2")
    assert status == 200 and ctype.startswith("application/json")
    assert json.loads(body) == api(client, "v1/product/rating/list", shop_region="ID", page=2)
    oid = DATA["ratings"][0]["order_id"]
    status, _, body = tiktok.route_handler("/mock/tiktok/api/v1/product/rating/report", "POST", json.dumps({"order_id": oid}))
    assert status == 200 and json.loads(body)["data"]["order_id"] == oid
    assert tiktok.route_handler("/account/login")[0] == 404
    assert tiktok.route_handler("/_mock/../tiktok.py")[0] == 404
    assert set(tiktok.REAL_HOSTS) == set(tiktok.REGIONS)


def test_page_script_never_parses_html():
    """Review texts are hostile: the mock builds DOM with textContent/createElement only."""
    src = (tiktok.STATIC_DIR / "app.js").read_text(encoding="utf-8")
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert banned not in src, banned
    assert "http://" not in src.replace("http://www.w3.org/2000/svg", "") and "https://" not in src  # no CDN
