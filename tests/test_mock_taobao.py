"""Taobao/Tmall 千牛 mock pages (demo_seller_centers/taobao.py): routes, data shape, ids, context links,
and that Playwright's route_handler serves the same bytes as the companion blueprint."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from factories import big_ints

from demo_seller_centers import taobao

pytestmark = pytest.mark.demo  # the app fixture mounts the mock pages at /mock/

ORDER_ID = re.compile(r"^\d{19}$")
TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")




def list_url(**body) -> str:
    data = quote(json.dumps({"jsonBody": json.dumps(body)}))
    return f"/mock/taobao/{taobao.LIST_PATH}?jsv=2.6.1&appKey=12574478&api={taobao.LIST_API}&data={data}"




DATA = taobao.load_data()
REVIEWS = {r["_scenario"]: r for r in DATA["reviews"]}


# ----------------------------------------------------------------------------------------------- routes


@pytest.mark.parametrize("path", list(taobao.PAGE_PATHS.values()))
def test_every_page_serves_the_spa_shell(client, path):
    resp = client.get(f"/mock/taobao/{path}?current=1&pageSize=20")
    assert resp.status_code == 200
    assert resp.mimetype == "text/html"
    assert b"/_tb/app.js" in resp.data


def test_assets_and_lazy_thumbnail_names(client):
    assert client.get("/mock/taobao/_tb/app.js").mimetype == "application/javascript"
    thumb = client.get("/mock/taobao/_tb/img/coat_a.jpg_80x80.jpg")
    assert thumb.status_code == 200 and thumb.mimetype == "image/svg+xml"
    assert client.get("/mock/taobao/_tb/img/nope.jpg").status_code == 404
    assert client.get("/mock/taobao/_tb/../taobao.py").status_code == 404
    assert taobao.serve("_tb/img/../../../taobao.py") is None


def test_every_image_the_data_references_exists():
    names = {DATA_ITEM["pic"] for DATA_ITEM in (r["itemInfo"] for r in DATA["reviews"])}
    for r in DATA["reviews"]:
        names.add(r["userInfo"]["userStar"])
        for rate in (r["rateContent"]["mainRate"], r["rateContent"]["appendRate"] or {"mediaList": []}):
            for m in rate["mediaList"]:
                names.add(m["thumbnail"])
                assert m["thumbnail"].endswith("_80x80.jpg")
    for name in names:
        assert taobao.static_file(name) is not None, name


# ----------------------------------------------------------------------------------------------- list XHR


def test_list_answers_like_mtop_with_the_row_shape(client):
    resp = client.get(list_url(pageType="rateWait4PC", pagination={"current": 1, "pageSize": 20}))
    body = resp.get_json()
    assert body["api"] == "mtop.rm.sellercenter.list.data.pc" and body["ret"][0].startswith("SUCCESS")
    rows = body["data"]["dataSource"]
    assert len(rows) == 20 == body["data"]["pagination"]["total"]
    for row in rows:
        main = row["rateContent"]["mainRate"]
        assert re.fullmatch(r"\d{13}", main["feedId"])
        assert isinstance(main["date"], int) and isinstance(main["expression"], list) and isinstance(main["mediaList"], list)
        assert row["emotionType"]["status"] in (11, 12, 13)
        assert re.fullmatch(r".\*\*", row["userInfo"]["userName"])
        assert re.fullmatch(r"\d{12}", row["itemInfo"]["itemId"])
        assert row["itemInfo"]["link"] == "//item.taobao.com/item.htm?id=" + row["itemInfo"]["itemId"]
        assert ORDER_ID.match(row["orderInfo"]["orderId"]) and row["orderInfo"]["mainOrderId"] == row["itemInfo"]["orderId"]
        assert "_scenario" not in row
    dates = [r["rateContent"]["mainRate"]["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)


def test_list_filters_and_pagination(client):
    neg = client.get(list_url(emotion=13, pagination={"current": 1, "pageSize": 100})).get_json()["data"]
    assert neg["pagination"]["total"] >= 8
    assert {r["emotionType"]["status"] for r in neg["dataSource"]} == {13}
    mixed = {r["emotionType"]["status"] for r in DATA["reviews"]}
    assert mixed == {11, 12, 13}

    page2 = client.get(list_url(pagination={"current": 3, "pageSize": 8})).get_json()["data"]
    assert len(page2["dataSource"]) == 4 and page2["pagination"] == {"current": 3, "pageSize": 8, "total": 20}

    appended = client.get(list_url(content=["hasAppend"])).get_json()["data"]["dataSource"]
    assert appended and all(r["rateContent"]["appendRate"] for r in appended)
    video = client.get(list_url(content=["hasVideo"])).get_json()["data"]["dataSource"]
    assert video and all(any(m["uiType"] == "video" for m in r["rateContent"]["mainRate"]["mediaList"]) for r in video)
    with_content = client.get(list_url(content=["hasContent"])).get_json()["data"]["pagination"]["total"]
    assert with_content == 18  # the empty review and 系统默认好评 are excluded

    oid = REVIEWS["extortion"]["orderInfo"]["orderId"]
    hit = client.get(list_url(keyword=oid)).get_json()["data"]["dataSource"]
    assert [r["orderInfo"]["orderId"] for r in hit] == [oid]

    not_explained = client.get(list_url(explain="notExplain", pagination={"pageSize": 100})).get_json()["data"]["dataSource"]
    assert not_explained and all(r["rateContent"]["reply"] is None for r in not_explained)

    day = client.get(list_url(dateRange=["20261120", "20261120"])).get_json()["data"]["dataSource"]
    assert [r["orderInfo"]["orderId"] for r in day] == sorted(
        [REVIEWS["never_arrived"]["orderInfo"]["orderId"], REVIEWS["pos_sound"]["orderInfo"]["orderId"]],
        key=lambda o: [x["orderInfo"]["orderId"] for x in DATA["reviews"]].index(o))


def test_list_accepts_plain_query_and_post_form(client):
    plain = client.get(f"/mock/taobao/{taobao.LIST_PATH}?current=1&pageSize=5&rate=-1").get_json()["data"]
    assert len(plain["dataSource"]) == 5 and {r["emotionType"]["status"] for r in plain["dataSource"]} == {13}
    form = client.post(f"/mock/taobao/{taobao.LIST_PATH}", data={"data": json.dumps({"jsonBody": json.dumps({"emotion": 12})})})
    assert {r["emotionType"]["status"] for r in form.get_json()["data"]["dataSource"]} == {12}


# ----------------------------------------------------------------------------------------------- ids and context


def test_ids_are_strings_everywhere(client):
    raw = taobao.DATA_FILE.read_text(encoding="utf-8")
    assert big_ints(raw) == []
    assert big_ints(client.get(list_url(pagination={"pageSize": 100})).get_data(as_text=True)) == []
    for oid, order in DATA["orders"].items():
        assert ORDER_ID.match(oid) and order["bizOrderId"] == oid == order["mainOrderId"]
    for r in DATA["refunds"]:
        assert ORDER_ID.match(r["refundId"]) and ORDER_ID.match(r["bizOrderId"])


def referenced_orders() -> set[str]:
    refs = {r["orderInfo"]["orderId"] for r in DATA["reviews"]}
    refs |= {r["bizOrderId"] for r in DATA["refunds"]}
    refs |= set(DATA["chats"])
    return refs


def test_every_referenced_order_has_detail_and_logistics(client):
    for oid in referenced_orders():
        order = client.get(f"/mock/taobao/_tb/api/order?bizOrderId={oid}").get_json()
        assert order["success"], oid
        o = order["data"]
        for key in ("createTime", "payTime", "consignTime"):
            assert TIME.match(o[key]), (oid, key)
        assert o["status"] in ("交易成功", "卖家已发货")
        assert o["logistics"]["company"] and o["logistics"]["mailNo"]
        logistics = client.get(f"/mock/taobao/_tb/api/logistics?trade_id={oid}").get_json()["data"]
        assert logistics["events"] and all(TIME.match(e["time"]) and e["text"] for e in logistics["events"])
        if logistics["signTime"]:
            assert "签收" in logistics["events"][0]["text"] and logistics["events"][0]["time"] == logistics["signTime"]
    missing = client.get("/mock/taobao/_tb/api/order?bizOrderId=1234567890123456789")
    assert missing.status_code == 404 and missing.get_json()["success"] is False


def test_refunds_and_chats(client):
    listing = client.get("/mock/taobao/_tb/api/refunds").get_json()["data"]
    assert listing["total"] == len(DATA["refunds"]) >= 5
    assert {r["refundType"] for r in listing["list"]} == {"仅退款", "退货退款"}
    one = listing["list"][0]
    detail = client.get(f"/mock/taobao/_tb/api/refund?bizOrderId={one['bizOrderId']}&refundId={one['refundId']}").get_json()["data"]
    assert detail == one and detail["timeline"]
    success = client.get("/mock/taobao/_tb/api/refunds?status=" + quote("退款成功")).get_json()["data"]["list"]
    assert success and {r["refundStatus"] for r in success} == {"退款成功"}
    for oid, chat in DATA["chats"].items():
        got = client.get(f"/mock/taobao/_tb/api/chat?bizOrderId={oid}").get_json()["data"]
        assert got["messages"] and all(m["from"] in ("buyer", "seller") and TIME.match(m["time"]) for m in got["messages"])
    by_buyer = client.get("/mock/taobao/_tb/api/chat?buyer=" + quote("w**")).get_json()["data"]
    assert by_buyer["bizOrderId"] == REVIEWS["extortion"]["orderInfo"]["orderId"]


def ms_to_text(ms: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ms / 1000, dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M:%S")


def test_scenarios_match_their_context():
    orders, chats = DATA["orders"], DATA["chats"]
    refunds = {r["bizOrderId"]: r for r in DATA["refunds"]}

    def review_time(key):
        return ms_to_text(REVIEWS[key]["rateContent"]["mainRate"]["date"])

    def oid(key):
        return REVIEWS[key]["orderInfo"]["orderId"]

    # "没收到货" while the parcel was signed days before the review: a false claim.
    assert "没收到货" in REVIEWS["never_arrived"]["rateContent"]["mainRate"]["content"]
    assert orders[oid("never_arrived")]["logistics"]["signTime"] < review_time("never_arrived")
    # A quality complaint posted before the parcel was signed (buyer confirmed receipt early).
    o = orders[oid("quality_before_sign")]
    assert o["endTime"] < review_time("quality_before_sign") < o["logistics"]["signTime"]
    # Rude-service claim; the chat shows prompt, polite replies.
    msgs = chats[oid("rude_service")]["messages"]
    assert sum(m["from"] == "seller" for m in msgs) >= 3 and all("亲" in m["text"] or m["text"].startswith("[") or "抱歉" in m["text"] for m in msgs if m["from"] == "seller")
    # Extortion: "不退款就给差评".
    assert any(m["from"] == "buyer" and "不退款就给差评" in m["text"] for m in chats[oid("extortion")]["messages"])
    # Broken item ↔ 退货退款 refund.
    assert refunds[oid("broken_return")]["refundType"] == "退货退款" and refunds[oid("broken_return")]["refundStatus"] == "退款成功"
    # The hostile text is in the data (the page must render it as text).
    assert REVIEWS["hostile_text"]["rateContent"]["mainRate"]["content"].startswith("<img src=x onerror=alert(1)>")
    # Placeholders and 追评 days.
    assert REVIEWS["pos_empty"]["rateContent"]["mainRate"]["content"] == ""
    assert REVIEWS["pos_default"]["rateContent"]["mainRate"].get("isDefault") is True
    assert all(r["rateContent"]["appendRate"]["days"] > 0 for r in DATA["reviews"] if r["rateContent"]["appendRate"])


# ----------------------------------------------------------------------------------------------- route_handler


def real_and_mock_urls() -> list[tuple[str, str]]:
    oid = REVIEWS["broken_return"]["orderInfo"]["orderId"]
    refund = next(r for r in DATA["refunds"] if r["bizOrderId"] == oid)
    list_query = list_url(emotion=13).split(taobao.LIST_PATH, 1)[1]
    return [
        ("https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20",
         "/mock/taobao/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20"),
        ("https://qn.taobao.com/home.htm/comment-manage/list/rateWait4PC", "/mock/taobao/home.htm/comment-manage/list/rateWait4PC"),
        ("https://myseller.taobao.com/home.htm/trade-platform/refund-list", "/mock/taobao/home.htm/trade-platform/refund-list"),
        (f"https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId={oid}&sifg=1&isQnNew=true",
         f"/mock/taobao/trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId={oid}&sifg=1&isQnNew=true"),
        (f"https://wuliu.taobao.com/user/order_detail_new.htm?trade_id={oid}", f"/mock/taobao/wuliu.taobao.com/user/order_detail_new.htm?trade_id={oid}"),
        ("https://market.m.taobao.com/app/qn/im-history-search/index.html", "/mock/taobao/market.m.taobao.com/app/qn/im-history-search/index.html"),
        (f"https://refund2.taobao.com/dispute/detail.htm?bizOrderId={oid}", f"/mock/taobao/refund2.taobao.com/dispute/detail.htm?bizOrderId={oid}"),
        ("https://myseller.taobao.com/" + taobao.LIST_PATH + list_query, "/mock/taobao/" + taobao.LIST_PATH + list_query),
        ("https://h5api.m.taobao.com/" + taobao.LIST_PATH + list_query, "/mock/taobao/" + taobao.LIST_PATH + list_query),
        ("https://myseller.taobao.com/_tb/app.js", "/mock/taobao/_tb/app.js"),
        ("https://trade.taobao.com/_tb/app.js", "/mock/taobao/_tb/app.js"),
        ("https://trade.taobao.com/_tb/img/coat.jpg_80x80.jpg", "/mock/taobao/_tb/img/coat.jpg_80x80.jpg"),
        (f"https://trade.taobao.com/_tb/api/order?bizOrderId={oid}", f"/mock/taobao/_tb/api/order?bizOrderId={oid}"),
        (f"https://refund2.taobao.com/_tb/api/refund?refundId={refund['refundId']}", f"/mock/taobao/_tb/api/refund?refundId={refund['refundId']}"),
    ]


@pytest.mark.parametrize(("real", "mock"), real_and_mock_urls())
def test_route_handler_serves_the_same_bytes(client, real, mock):
    answer = taobao.route_handler(real)
    assert answer is not None, real
    status, ctype, body = answer
    resp = client.get(mock)
    assert status == resp.status_code == 200
    assert ctype == resp.content_type
    if "/h5/" in mock:
        assert json.loads(body) == resp.get_json()
    else:
        assert body == resp.data
    assert taobao.route_handler("http://127.0.0.1:8765" + mock)[2] == body or "/h5/" in mock


@pytest.mark.parametrize("url", [
    "https://myseller.taobao.com/home.htm/unknown",
    "https://item.taobao.com/item.htm?id=738201456612",
    "https://fxg.jinritemai.com/ffa/maftersale/comment",
    "https://example.com/_tb/app.js",
    "https://trade.taobao.com/_tb/../../taobao.py",
])
def test_route_handler_ignores_other_urls(url):
    assert taobao.route_handler(url) is None


def test_route_patterns_cover_every_page_host():
    hosts = {p.split("/")[2] for p in taobao.ROUTE_PATTERNS}
    assert set(taobao.SELLER_HOSTS) | set(taobao.OTHER_HOSTS) <= hosts


# ----------------------------------------------------------------------------------------------- page code rules


def test_page_code_never_uses_html_sinks_or_network_resources():
    js = (taobao.STATIC_DIR / "app.js").read_text(encoding="utf-8")
    html = (taobao.STATIC_DIR / "index.html").read_text(encoding="utf-8")
    sinks = re.compile(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\(|document\.write\(|\beval\(|new Function\(")
    assert not sinks.search(js) and not sinks.search(html)
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "fetch(\"http" not in js
    # Stable Fusion hooks the research names (§3.3).
    for hook in ("next-table-medium", "next-table-body", "next-table-expanded-row", "l-rate-content", "l-media-gallery",
                 "next-pagination-list", "next-dialog-close", "此用户没有填写评价", "系统默认好评", "确认收货后", "data-spm"):
        assert hook in js, hook
