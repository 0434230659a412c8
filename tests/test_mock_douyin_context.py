"""Douyin 抖店 context mock pages (demo_seller_centers/douyin_context.py): routes, ids, links to the 评价管理
mock's orders (data/douyin.json), scenario consistency, and route_handler serving the same bytes."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from factories import big_ints

from demo_seller_centers import douyin_context as ctx

pytestmark = pytest.mark.demo  # the app fixture mounts the mock pages at /mock/

ORDER_ID = re.compile(r"^\d{19}$")
TIME = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d$")
CN = timezone(timedelta(hours=8))




DATA = ctx.load_data()
REVIEWS = json.loads(ctx.REVIEWS_FILE.read_text(encoding="utf-8"))["comments"]
BY_ORDER = {c["order_id"]: c for c in REVIEWS}
BY_SCENARIO = {o["scenario"]: o for o in DATA["orders"].values()}


def parse(t: str) -> datetime:
    return datetime.strptime(t, "%Y/%m/%d %H:%M:%S").replace(tzinfo=CN)


def review_time(order_id: str) -> datetime:
    return datetime.fromtimestamp(BY_ORDER[order_id]["comment_time"], CN)




# ----------------------------------------------------------------------------------------------- links to douyin.json


def referenced_orders() -> set[str]:
    refs = set(DATA["orders"]) | set(DATA["chats"]) | {a["order_id"] for a in DATA["aftersales"]}
    return refs


def test_every_context_order_exists_in_the_review_mock():
    """douyin.json belongs to another mock; if it changes, these ids must still point at its reviews."""
    missing = referenced_orders() - ctx.review_order_ids()
    assert not missing, f"context records for orders that douyin.json no longer has: {sorted(missing)}"
    for order in DATA["orders"].values():
        assert order["shop_order_id"] == BY_ORDER[order["order_id"]]["shop_order_id"]


def test_at_least_six_negative_reviews_have_context():
    negative = {c["order_id"] for c in REVIEWS if c["rank"] <= 2}
    covered = negative & set(DATA["orders"])
    assert len(covered) >= 6
    with_more = {o for o in covered if o in DATA["chats"] or any(a["order_id"] == o for a in DATA["aftersales"])}
    assert len(with_more) >= 6


def test_ids_are_19_digit_strings_everywhere(client):
    assert big_ints(ctx.DATA_FILE.read_text(encoding="utf-8")) == []
    for oid, order in DATA["orders"].items():
        assert ORDER_ID.match(oid) and ORDER_ID.match(order["shop_order_id"]) and order["order_id"] == oid
    for a in DATA["aftersales"]:
        assert ORDER_ID.match(a["aftersale_id"]) and ORDER_ID.match(a["order_id"])
    for name in ("aftersales", "conversations"):
        assert big_ints(client.get(f"/mock/douyin/_ctx/api/{name}").get_data(as_text=True)) == []


# ----------------------------------------------------------------------------------------------- routes and JSON


@pytest.mark.parametrize("path", list(ctx.PAGE_PATHS.values()))
def test_every_page_serves_the_spa_shell(client, path):
    resp = client.get(f"/mock/douyin/{path}")
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert b"/_ctx/app.js" in resp.data


def test_routes_do_not_collide_with_the_review_mock(app):
    theirs = {"/douyin/ffa/maftersale/comment", "/douyin/ffa/g/comment", "/douyin/index.html",
              "/douyin/_mock/<path:name>", "/douyin/product/tcomment/commentList"}
    mine = {r.rule.removeprefix("/mock") for r in app.url_map.iter_rules() if r.endpoint.startswith("mock.mock_douyin_context")}
    assert mine and not (mine & theirs)
    assert all(r.startswith(("/douyin/ffa/morder/", "/douyin/ffa/merchant-aftersale-workbench/", "/douyin/im.jinritemai.com/", "/douyin/_ctx/"))
               for r in mine)


def test_every_referenced_order_has_detail_and_logistics(client):
    for oid in referenced_orders():
        body = client.get(f"/mock/douyin/_ctx/api/order?id={oid}").get_json()
        assert body["code"] == 0, oid
        o = body["data"]
        for key in ("order_time", "pay_time", "ship_time", "sign_time"):
            assert TIME.match(o[key]), (oid, key)
        assert parse(o["order_time"]) < parse(o["pay_time"]) < parse(o["ship_time"]) < parse(o["sign_time"])
        assert o["status"] in ("已完成", "已发货", "待发货")
        assert o["sku"] == BY_ORDER[oid]["sku"] and o["product"]["name"] == BY_ORDER[oid]["product"]["name"]
        lg = client.get(f"/mock/douyin/_ctx/api/logistics?order_id={oid}").get_json()["data"]
        assert lg["company"] and lg["tracking_no"] and lg["events"]
        assert "签收" in lg["events"][0]["text"] and lg["events"][0]["time"] == o["sign_time"]
        assert all(TIME.match(e["time"]) for e in lg["events"])
    # The parent shop_order_id finds the order too; unknown ids are a 404 JSON.
    some = next(iter(DATA["orders"].values()))
    assert client.get(f"/mock/douyin/_ctx/api/order?id={some['shop_order_id']}").get_json()["data"]["order_id"] == some["order_id"]
    assert client.get("/mock/douyin/_ctx/api/order?id=1111111111111111111").status_code == 404


def test_chats_and_aftersales(client):
    convs = client.get("/mock/douyin/_ctx/api/conversations").get_json()["data"]["list"]
    assert {c["order_id"] for c in convs} == set(DATA["chats"])
    for oid in DATA["chats"]:
        chat = client.get(f"/mock/douyin/_ctx/api/chat?order_id={oid}").get_json()["data"]
        assert chat["buyer_nick"] == BY_ORDER[oid]["user_name"]
        assert chat["messages"] and all(m["sender"] in ("buyer", "seller", "system") and TIME.match(m["time"]) for m in chat["messages"])
        assert chat["order"]["order_id"] == oid
    listing = client.get("/mock/douyin/_ctx/api/aftersales").get_json()["data"]
    assert listing["total"] == len(DATA["aftersales"]) >= 6
    assert {"仅退款", "退货退款", "换货"} <= {a["type"] for a in listing["list"]}
    for a in listing["list"]:
        detail = client.get(f"/mock/douyin/_ctx/api/aftersale?aftersale_id={a['aftersale_id']}").get_json()["data"]
        assert detail == a and detail["timeline"] and all(TIME.match(t["time"]) for t in detail["timeline"])
    search = client.get(f"/mock/douyin/_ctx/api/aftersales?search={listing['list'][0]['order_id']}").get_json()["data"]["list"]
    assert search and all(a["order_id"] == listing["list"][0]["order_id"] for a in search)


# ----------------------------------------------------------------------------------------------- scenarios


def test_scenarios_match_the_reviews():
    aftersales = {}
    for a in DATA["aftersales"]:
        aftersales.setdefault(a["order_id"], []).append(a)

    slow = BY_SCENARIO["false_claim_slow_delivery"]
    assert "九天" in BY_ORDER[slow["order_id"]]["content"]
    assert parse(slow["sign_time"]) - parse(slow["order_time"]) < timedelta(days=4)
    assert parse(slow["sign_time"]) < review_time(slow["order_id"])

    early = BY_SCENARIO["quality_review_before_sign"]
    assert review_time(early["order_id"]) < parse(early["sign_time"])

    rude = BY_SCENARIO["rude_service_claim_polite_chat"]
    assert "态度" in BY_ORDER[rude["order_id"]]["content"]
    msgs = DATA["chats"][rude["order_id"]]["messages"]
    last_buyer = max(i for i, m in enumerate(msgs) if m["sender"] == "buyer")
    for i, m in enumerate(msgs[:last_buyer]):  # every buyer question but the closing "哦" is answered within a minute
        if m["sender"] == "buyer" and msgs[i + 1]["sender"] == "seller":
            assert parse(msgs[i + 1]["time"]) - parse(m["time"]) <= timedelta(seconds=60)

    extortion = BY_SCENARIO["extortion_chat"]
    assert any(m["sender"] == "buyer" and "不退款就给差评" in m["text"] for m in DATA["chats"][extortion["order_id"]]["messages"])

    broken = BY_SCENARIO["broken_item_return_refund"]
    assert [a["type"] for a in aftersales[broken["order_id"]]] == ["退货退款"]

    ignored = BY_SCENARIO["aftersale_ignored_false_claim"]
    (a,) = aftersales[ignored["order_id"]]
    assert parse(a["timeline"][1]["time"]) - parse(a["apply_time"]) < timedelta(hours=1)

    hostile = DATA["chats"][BY_SCENARIO["leaky_lid_exchange_hostile_text"]["order_id"]]["messages"]
    assert any(m["text"].startswith("<img src=x onerror=alert(1)>") for m in hostile)


# ----------------------------------------------------------------------------------------------- route_handler


def url_pairs() -> list[tuple[str, str]]:
    oid = BY_SCENARIO["broken_item_return_refund"]["order_id"]
    aid = next(a["aftersale_id"] for a in DATA["aftersales"] if a["order_id"] == oid)
    return [
        (f"https://fxg.jinritemai.com/ffa/morder/order/detail?id={oid}", f"/mock/douyin/ffa/morder/order/detail?id={oid}"),
        (f"https://fxg.jinritemai.com/ffa/morder/logistics/detail?order_id={oid}", f"/mock/douyin/ffa/morder/logistics/detail?order_id={oid}"),
        ("https://fxg.jinritemai.com/ffa/merchant-aftersale-workbench/aftersale/list", "/mock/douyin/ffa/merchant-aftersale-workbench/aftersale/list"),
        (f"https://fxg.jinritemai.com/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id={aid}",
         f"/mock/douyin/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id={aid}"),
        (f"https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id={oid}", f"/mock/douyin/im.jinritemai.com/pc_seller_v2/main/workspace?order_id={oid}"),
        ("https://fxg.jinritemai.com/_ctx/app.js", "/mock/douyin/_ctx/app.js"),
        ("https://im.jinritemai.com/_ctx/app.js", "/mock/douyin/_ctx/app.js"),
        ("https://im.jinritemai.com/_ctx/img/avatar.svg", "/mock/douyin/_ctx/img/avatar.svg"),
        (f"https://fxg.jinritemai.com/_ctx/api/order?id={oid}", f"/mock/douyin/_ctx/api/order?id={oid}"),
        (f"https://im.jinritemai.com/_ctx/api/chat?order_id={oid}", f"/mock/douyin/_ctx/api/chat?order_id={oid}"),
        ("https://fxg.jinritemai.com/_ctx/api/aftersales", "/mock/douyin/_ctx/api/aftersales"),
    ]


@pytest.mark.parametrize(("real", "mock"), url_pairs())
def test_route_handler_serves_the_same_bytes(client, real, mock):
    answer = ctx.route_handler(real)
    assert answer is not None, real
    status, ctype, body = answer
    resp = client.get(mock)
    assert (status, ctype, body) == (resp.status_code, resp.content_type, resp.data)
    assert ctx.route_handler("http://127.0.0.1:8765" + mock) == answer


@pytest.mark.parametrize("url", [
    "https://fxg.jinritemai.com/ffa/maftersale/comment",
    "https://fxg.jinritemai.com/product/tcomment/commentList?rank=1",
    "https://fxg.jinritemai.com/ffa/morder/order/list",
    "https://fxg.jinritemai.com/_ctx/../douyin_context.py",
    "https://myseller.taobao.com/_ctx/app.js",
    "http://127.0.0.1:8765/mock/douyin/ffa/maftersale/comment",
])
def test_route_handler_leaves_other_urls_alone(url):
    assert ctx.route_handler(url) is None


def test_page_code_never_uses_html_sinks_or_network_resources():
    js = (ctx.STATIC_DIR / "app.js").read_text(encoding="utf-8")
    html = (ctx.STATIC_DIR / "index.html").read_text(encoding="utf-8")
    sinks = re.compile(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\(|document\.write\(|\beval\(|new Function\(")
    assert not sinks.search(js) and not sinks.search(html)
    assert not re.search(r"""(src|href)=["']https?://""", html)
    for hook in ("查看敏感信息", "messageList", "msgItemWrap", "messageNotMe",
                 "qa-send-message-textarea", "搜用户/180天订单(Ctrl+F)", "飞鸽客服系统", "data-kora_order_status"):
        assert hook in js, hook
    for img in {o["product"]["img"] for o in DATA["orders"].values()}:
        assert ctx.static_file(img) is not None, img
