"""Taobao 千牛 adapter contract: core.js + adapters/taobao.js in a page WITHOUT the extension.

- `detect`/`pageKind` on the adapter's own URLs per kind, and false on look-alikes, buyer pages, the login
  redirect and other platforms' URLs;
- `extract`/`order`/`shop` on every 评价管理 row equal what the mock's data (demo_seller_centers/data/taobao.json)
  says the page shows, on the real hosts (Playwright routing) and under the companion's /mock/taobao/ prefix,
  across two loads (the mock re-hashes its `name--xxxxx` wrapper classes on every load);
- `extractPage` on the order, logistics, chat and refund pages equals the data and the saved JSON in
  e2e/fixtures/taobao/ (regenerate with RC_UPDATE_FIXTURES=1);
- a missing anchor is a LayoutError naming it, never a guess.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import pytest
from rc_adapter_page import add_core
from rc_e2e import EXTENSION_DIR, ROOT, route_mock

from demo_seller_centers import taobao

FIXTURES = ROOT / "e2e" / "fixtures" / "taobao"
DATA = taobao.load_data()
REVIEWS = {r["rateContent"]["mainRate"]["feedId"]: r for r in DATA["reviews"]}
REVIEW_URL = "https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20"
MOCK_ORIGIN = "http://127.0.0.1:8765"
MOCK_REVIEW_URL = f"{MOCK_ORIGIN}/mock/taobao/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20"
EXTORTION = next(r["orderInfo"]["orderId"] for r in DATA["reviews"] if r["_scenario"] == "extortion")
NEVER_ARRIVED = next(r["orderInfo"]["orderId"] for r in DATA["reviews"] if r["_scenario"] == "never_arrived")
SHIPPED_ONLY = next(k for k, o in DATA["orders"].items() if not o["endTime"])
EMOTION = {11: ("正面", 5), 12: ("中性", 3), 13: ("负面", 1)}

NOT_TAOBAO = [
    "https://myseller.taobao.com.evil.example/home.htm/comment-manage/list/rateWait4PC",
    "https://evil.example/myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC",
    "http://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC",
    "https://myseller.taobao.com:8443/home.htm/comment-manage/list/rateWait4PC",
    "https://item.taobao.com/item.htm?id=1",
    "https://login.taobao.com/member/login.jhtml?redirectURL=https%3A%2F%2Fmyseller.taobao.com%2Fhome.htm%2Fcomment-manage%2Flist%2FrateWait4PC",
    "https://myseller.taobao.com/home.htm/QnworkbenchHome/",
    "https://myseller.taobao.com/home.htm/trade-platform/refund-list",
    "https://myseller.taobao.com/home.htm/comment-manage/ask-all?current=1&pageSize=10",
    "https://rate.taobao.com/myRate.htm",
    "https://market.m.taobao.com/app/other/index.html",
    "https://trade.taobao.com/trade/itemlist/list_sold_items.htm",
    "http://10.0.0.5:8765/mock/taobao/home.htm/comment-manage/list/rateWait4PC",
    "https://127.0.0.1:8765/mock/taobao/home.htm/comment-manage/list/rateWait4PC",
    "http://127.0.0.1:8765/mock/taobao/home.htm/trade-platform/refund-list",
    "http://127.0.0.1:8765/mock/taobao/login.taobao.com/member/login.jhtml",
    "http://127.0.0.1:8765/mock/douyin/ffa/maftersale/comment",
    "http://127.0.0.1:8765/dashboard",
    "https://fxg.jinritemai.com/ffa/maftersale/comment",
    "https://seller-us.tiktok.com/product/rating?shop_region=US",
    "about:blank",
    "not a url",
]


def fmt(ms: int) -> str:
    """The mock's time format: China time, YYYY-MM-DD HH:mm:ss."""
    return dt.datetime.fromtimestamp(ms / 1000, dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M:%S")


def expected_review(row: dict, origin: str) -> dict:
    """What the 评价管理 row of `row` (mock data, §3.2 shape) shows, as companion.models.Review."""
    main, append, reply = (row["rateContent"][k] for k in ("mainRate", "appendRate", "reply"))
    label, rating = EMOTION[row["emotionType"]["status"]]
    text = "" if main.get("isDefault") or not main["content"] else main["content"]
    return {
        "review_id": main["feedId"],
        "order_id": row["orderInfo"]["orderId"],
        "product_id": row["itemInfo"]["itemId"],
        "product_title": row["itemInfo"]["title"],
        "sku": row["itemInfo"]["skuText"],
        "rating": rating,
        "sub_ratings": {},
        "rating_label": label,
        "text": text,
        "lang": "zh",
        "buyer_nick": row["userInfo"]["userName"],
        "review_time": fmt(main["date"]),
        "images": [f"{origin}/_tb/{re.sub(r'_80x80.jpg$', '', m['thumbnail'])}" for m in main["mediaList"] if m["uiType"] == "image"],
        "has_video": any(m["uiType"] == "video" for m in main["mediaList"]),
        "follow_up": {"text": append["content"], "time": fmt(append["date"])} if append else None,
        "seller_reply": reply["content"] if reply else None,
        "tags": [e["content"] for e in main["expression"]],
    }


def routed(context) -> None:
    """The real hosts and the companion's /mock/taobao/ prefix, both answered by the mock's route_handler."""

    route_mock(context, taobao, patterns=(f"{MOCK_ORIGIN}/mock/taobao/**",))


@pytest.fixture(scope="module")
def tb_context(browser):
    ctx = browser.new_context()
    routed(ctx)
    yield ctx
    ctx.close()


@pytest.fixture()
def tb_page(tb_context):
    page = tb_context.new_page()
    yield page
    page.close()


def load(page, url: str) -> None:
    """Open `url`, wait for the mock's render, inject core + the Taobao adapter."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("body[data-rg-loaded]")
    add_core(page)
    page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / "taobao.js"))


def saved(name: str, got):
    """Compare with e2e/fixtures/taobao/<name>.json (written when RC_UPDATE_FIXTURES=1 or missing)."""
    path = FIXTURES / f"{name}.json"
    if os.environ.get("RC_UPDATE_FIXTURES") == "1" or not path.exists():
        FIXTURES.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


EXTRACT_ALL = """() => {
  const a = RC.adapters.get('taobao');
  const rows = a.rows(document);
  return {
    rows: rows.map(r => ({missing: a.missingAnchor(r), review: a.extract(r), order: a.order(r)})),
    shop: a.shop(document),
  };
}"""


def test_detect_and_page_kind(tb_page):
    tb_page.goto("about:blank")
    add_core(tb_page)
    tb_page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / "taobao.js"))
    got = tb_page.evaluate("""(foreign) => {
      const a = RC.adapters.get('taobao');
      return {
        own: Object.entries(a.contextTestUrls).flatMap(([kind, urls]) => urls.map(u => [u, kind, a.pageKind(u), a.detect(u)])),
        testUrls: a.testUrls.map(u => [u, a.detect(u)]),
        foreign: foreign.map(u => [u, a.pageKind(u), a.detect(u)]),
        lang: a.lang,
      };
    }""", NOT_TAOBAO)
    assert got["lang"] == "zh"
    assert {k for _, k, _, _ in got["own"]} == {"review", "order", "chat", "logistics", "after_sales"}
    assert all(kind == pk and ok for _, kind, pk, ok in got["own"]), got["own"]
    assert all(ok for _, ok in got["testUrls"])
    assert not any(pk or ok for _, pk, ok in got["foreign"]), got["foreign"]


def test_context_links_real_and_mock(tb_page):
    tb_page.goto("about:blank")
    add_core(tb_page)
    tb_page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / "taobao.js"))
    real, mock = tb_page.evaluate("""([id, real, mock]) => {
      const a = RC.adapters.get('taobao');
      return [a.contextLinks(id, {pageUrl: real, region: null}), a.contextLinks(id, {pageUrl: mock})];
    }""", [EXTORTION, REVIEW_URL, MOCK_REVIEW_URL])
    assert real == {
        "order": f"https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId={EXTORTION}&sifg=1&isQnNew=true",
        "logistics": f"https://wuliu.taobao.com/user/order_detail_new.htm?trade_id={EXTORTION}",
        "chat": f"https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId={EXTORTION}",
        "after_sales": f"https://refund2.taobao.com/dispute/detail.htm?bizOrderId={EXTORTION}",
    }
    assert mock == {k: v.replace("https://", f"{MOCK_ORIGIN}/mock/taobao/") for k, v in real.items()}
    # Every mock link opens the page of its kind for that order (the real ones: test_context_pages_match_data).
    for links in (mock,):
        for kind, url in links.items():
            load(tb_page, url)
            page = tb_page.evaluate("([u, k]) => { const a = RC.adapters.get('taobao'); return [a.pageKind(u), a.extractPage(document, k)]; }", [url, kind])
            assert page[0] == kind and page[1]["order"]["order_id"] == EXTORTION, (kind, url)


@pytest.mark.parametrize("url,origin", [(REVIEW_URL, "https://myseller.taobao.com"), (MOCK_REVIEW_URL, f"{MOCK_ORIGIN}/mock/taobao")],
                         ids=["real-host", "mock-prefix"])
def test_extract_matches_mock_data(tb_page, url, origin):
    first = None
    for _load in range(2):  # two loads = two sets of hashed wrapper classes
        load(tb_page, url)
        got = tb_page.evaluate(EXTRACT_ALL)
        assert len(got["rows"]) == 20
        for r in got["rows"]:
            assert r["missing"] is None
            exp = expected_review(REVIEWS[r["review"]["review_id"]], origin)
            assert r["review"] == exp
            assert r["order"] == {"order_id": exp["order_id"], "product_title": exp["product_title"], "sku": exp["sku"]}
            assert all(not re.search(r"_\d+x\d+\.jpg$", u) for u in r["review"]["images"])
        assert got["shop"] == {"id": DATA["shop"]["sellerNick"], "name": DATA["shop"]["name"]}
        assert first is None or got == first
        first = got
    if url == REVIEW_URL:
        assert got == saved("extract", got)


def test_placeholders_and_follow_up(tb_page):
    load(tb_page, REVIEW_URL)
    got = tb_page.evaluate(EXTRACT_ALL)["rows"]
    by_scenario = {REVIEWS[r["review"]["review_id"]]["_scenario"]: r["review"] for r in got}
    assert by_scenario["pos_default"]["text"] == "" and by_scenario["pos_empty"]["text"] == ""
    assert by_scenario["broken_return"]["follow_up"]["text"].startswith("退货退款已经给我处理了")
    assert by_scenario["hostile_text"]["text"].startswith("<img src=x onerror=alert(1)>")
    assert by_scenario["rotten_partial"]["has_video"] is True and len(by_scenario["rotten_partial"]["images"]) == 2


def test_collapsed_follow_up_is_expanded_for_the_capture_and_restored(tb_page):
    load(tb_page, REVIEW_URL)
    result = tb_page.evaluate("""() => {
      const a = RC.adapters.get('taobao');
      const row = a.rows(document).find(r => r.nextElementSibling && r.nextElementSibling.matches('tr.next-table-expanded-row'));
      const ex = row.nextElementSibling;
      const toggle = [...row.querySelectorAll('button')].find(b => b.textContent === '收起追评');
      toggle.click();
      const hidden = ex.style.display;
      const restore = a.beforeCapture(row, 'review');
      const shown = ex.style.display;
      restore();
      return [hidden, shown, ex.style.display, a.extract(row).follow_up !== null, a.beforeCapture(row, 'review')];
    }""")
    assert result == ["none", "", "none", True, None]


@pytest.mark.parametrize("change,anchor", [
    ("row.removeAttribute('data-feed-id')", "data-feed-id"),
    ("for (const el of row.querySelectorAll('*')) if (el.firstChild && el.firstChild.nodeValue === '订单号：') el.firstChild.nodeValue = '订单：'", "订单号"),
    ("row.querySelector('.rate-type').remove()", "正面/中性/负面"),
    ("row.querySelector('.l-rate-content').className = 'x'", "l-rate-content .rate-content (review text)"),
])
def test_extract_refuses_unknown_layout(tb_page, change, anchor):
    load(tb_page, REVIEW_URL)
    result = tb_page.evaluate(f"""() => {{
      const a = RC.adapters.get('taobao');
      const row = a.rows(document)[3];
      {change};
      try {{ a.extract(row); return 'extracted'; }} catch (e) {{ return [e.name, e.anchor, a.missingAnchor(row)]; }}
    }}""")
    assert result == ["LayoutError", anchor, anchor]


def test_overlay_dismissed_only_without_form(tb_page):
    tb_page.goto(REVIEW_URL)  # with the 功能升级 popup
    tb_page.wait_for_selector("body[data-rg-loaded]")
    add_core(tb_page)
    tb_page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / "taobao.js"))
    assert tb_page.evaluate("() => { const a = RC.adapters.get('taobao'); return a.dismissOverlay(document.querySelector(a.overlaySelector)); }")
    assert tb_page.locator(".next-dialog").count() == 0
    tb_page.locator("tr.next-table-row button", has_text="回复/解释").first.click()
    assert tb_page.evaluate("() => { const a = RC.adapters.get('taobao'); return a.dismissOverlay(document.querySelector(a.overlaySelector)); }") is False
    assert tb_page.locator(".next-dialog textarea").count() == 1


def order_url(oid: str) -> str:
    return f"https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId={oid}&sifg=1&isQnNew=true"


def context_urls(oid: str) -> dict:
    return {
        "order": order_url(oid),
        "logistics": f"https://wuliu.taobao.com/user/order_detail_new.htm?trade_id={oid}",
        "chat": f"https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId={oid}",
        "after_sales": f"https://refund2.taobao.com/dispute/detail.htm?bizOrderId={oid}",
    }


def extract_page(page, url: str, kind: str):
    load(page, url)
    return page.evaluate("(k) => RC.adapters.get('taobao').extractPage(document, k)", kind)


def test_context_pages_match_data(tb_page):
    got = {}
    for oid in (EXTORTION, NEVER_ARRIVED):
        o = DATA["orders"][oid]
        lg = o["logistics"]
        pages = {kind: extract_page(tb_page, url, kind) for kind, url in context_urls(oid).items() if kind != "after_sales" or oid == EXTORTION}
        got[oid] = pages
        assert all(p["order"]["order_id"] == oid and p["shop"] is None for p in pages.values())
        order = pages["order"]["order"]
        assert order == {
            "order_id": oid, "product_title": o["item"]["title"], "sku": o["sku"].replace(":", "：").replace(";", "；"),
            "price": "¥" + o["actualFee"], "status": o["status"], "order_time": o["createTime"], "pay_time": o["payTime"],
            "ship_time": o["consignTime"], "sign_time": lg["signTime"], "carrier": lg["company"], "tracking_no": lg["mailNo"],
        }
        assert pages["order"]["record"] == {"buyer_nick": o["buyerNick"], "carrier": lg["company"], "tracking_no": lg["mailNo"]}
        assert pages["logistics"]["order"]["sign_time"] == lg["signTime"]
        events = pages["logistics"]["record"]["tracking_events"]
        assert events == [{"time": e["time"], "text": e["text"], "location": e["location"]} for e in lg["events"]]
        chat = DATA["chats"].get(oid)
        assert pages["chat"]["record"]["messages"] == [{"time": m["time"], "sender": m["from"], "text": m["text"]} for m in chat["messages"]]
    refund = next(r for r in DATA["refunds"] if r["bizOrderId"] == EXTORTION)
    assert got[EXTORTION]["after_sales"]["record"] == {
        "buyer_nick": refund["buyerNick"], "aftersale_id": refund["refundId"], "aftersale_type": "仅退款", "aftersale_status": "退款关闭",
        "aftersale_reason": refund["reason"], "refund_amount": "¥" + refund["refundFee"], "timeline": refund["timeline"],
    }
    assert any("不退款就给差评" in m["text"] and m["sender"] == "buyer" for m in got[EXTORTION]["chat"]["record"]["messages"])
    assert got == saved("context", got)


def test_order_without_sign_event_uses_chengjiao_time_only_as_fallback(tb_page):
    # 成交时间 is trade success, not delivery: it stands in as delivery_time only when no 签收 is visible.
    shipped = extract_page(tb_page, order_url(SHIPPED_ONLY), "order")["order"]
    assert shipped["status"] == "卖家已发货" and "sign_time" not in shipped and "delivery_time" not in shipped
    signed = extract_page(tb_page, order_url(NEVER_ARRIVED), "order")["order"]
    assert signed["sign_time"] == DATA["orders"][NEVER_ARRIVED]["logistics"]["signTime"] and "delivery_time" not in signed
    tb_page.evaluate("() => { for (const li of document.querySelectorAll('.logistics-item')) li.remove(); }")
    facts = tb_page.evaluate("() => RC.adapters.get('taobao').extractPage(document, 'order').order")
    assert facts["delivery_time"] == DATA["orders"][NEVER_ARRIVED]["endTime"] and "sign_time" not in facts


@pytest.mark.parametrize("kind,change,anchor", [
    ("order", "document.querySelectorAll('.trade-info-label').forEach(el => { if (el.textContent === '订单编号：') el.textContent = '订单号码：'; })", "订单编号"),
    ("logistics", "document.querySelectorAll('.logistics-item').forEach(el => el.className = 'x')", "logistics-item"),
    ("chat", "document.querySelectorAll('.im-msg').forEach(el => el.className = 'x')", "im-msg"),
    ("chat", "document.querySelector('.im-msg').querySelector('.im-msg-content').className = 'x'", "im-msg-content"),
    ("after_sales", "document.querySelector('.timeline').className = 'x'", "协商历史 (timeline)"),
    ("after_sales", "document.querySelectorAll('.trade-info-item').forEach(el => el.className = 'x')", "trade-info-item"),
])
def test_context_pages_refuse_unknown_layout(tb_page, kind, change, anchor):
    load(tb_page, context_urls(EXTORTION)[kind])
    result = tb_page.evaluate(f"""(k) => {{
      {change};
      try {{ RC.adapters.get('taobao').extractPage(document, k); return 'extracted'; }} catch (e) {{ return [e.name, e.anchor]; }}
    }}""", kind)
    assert result == ["LayoutError", anchor]


def test_order_not_found_is_a_layout_error(tb_page):
    load(tb_page, order_url("4000000000000000000"))
    result = tb_page.evaluate("() => { try { RC.adapters.get('taobao').extractPage(document, 'order'); return 'extracted'; } catch (e) { return [e.name, e.anchor]; } }")
    assert result == ["LayoutError", "trade-info-item"]


def test_empty_chat_is_an_empty_record(tb_page):
    oid = next(k for k in DATA["orders"] if k not in DATA["chats"])
    load(tb_page, f"https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId={oid}")
    page = tb_page.evaluate("() => RC.adapters.get('taobao').extractPage(document, 'chat')")
    assert page == {"order": {"order_id": oid}, "record": {"messages": []}, "shop": None}
