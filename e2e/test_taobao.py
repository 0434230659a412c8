"""Taobao 千牛 评价管理 and context pages → Capture → real companion → panel (the real extension).

The Taobao hosts are routed to the mock (demo_seller_centers/taobao.py `route_handler`); the companion also
serves the mock under /mock/taobao/ for the try-it mode (test_mock_prefix_chain).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import jsonschema
import pytest
from playwright.sync_api import expect

from demo_seller_centers import taobao
from companion.models import COMPLAINT_TYPES, Capture

from rc_e2e import ROOT, capture_posts, posted_captures, route_mock

DATA = taobao.load_data()
REVIEW_URL = "https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20"
REVIEW_PATH = "/mock/taobao/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20"
CAPTURE_TIMEOUT = 15000
ROW = "tbody.next-table-body > tr.next-table-row"


def scenario(name: str) -> dict:
    return next(r for r in DATA["reviews"] if r["_scenario"] == name)


def feed_id(r: dict) -> str:
    return r["rateContent"]["mainRate"]["feedId"]


def capture_schema() -> dict:
    path = ROOT / "shared-schemas" / "capture.schema.json"
    return json.loads(path.read_text()) if path.exists() else Capture.model_json_schema()


@pytest.fixture()
def taobao_hosts(context):
    """Serve the Taobao hosts from the mock, as the real pages would load in the seller's browser."""

    route_mock(context, taobao)
    context.route("https://login.taobao.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body="<!doctype html><title>登录</title><form><input name=u></form>".encode()))
    return context


def open_reviews(page, url: str = REVIEW_URL) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.locator(f"{ROW} rc-panel").first.wait_for()


def row(page, r: dict):
    return page.locator(f'{ROW}[data-feed-id="{feed_id(r)}"]')


def capture_row(page, r: dict):
    loc = row(page, r)
    loc.get_by_test_id("rc-capture").click()
    expect(loc.get_by_test_id("rc-case")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    return loc


def test_capture_negative_review_with_follow_up(context, page, paired, taobao_hosts, service_worker):
    companion = paired
    capture_posts(service_worker)
    open_reviews(page)
    # The 功能升级 popup (no form) was closed, so the rows are clickable.
    expect(page.locator(".next-dialog")).to_have_count(0)
    expect(page.locator(f"{ROW} rc-panel")).to_have_count(20)

    r = scenario("broken_return")
    main, append = r["rateContent"]["mainRate"], r["rateContent"]["appendRate"]
    # The 追评 row is collapsed: the capture shows it (beforeCapture) and collapses it again.
    row(page, r).get_by_role("button", name="收起追评").click()
    loc = capture_row(page, r)
    expect(loc.get_by_test_id("rc-type")).to_be_visible()
    assert loc.get_by_test_id("rc-type").get_attribute("data-type") in COMPLAINT_TYPES
    # The review already has a 评价解释 (Taobao takes one per review): no public reply is drafted, and the
    # private message says why.
    expect(loc.get_by_test_id("rc-draft-text-private_message")).not_to_be_empty()
    expect(loc.get_by_test_id("rc-draft-public_reply")).to_have_count(0)
    expect(loc.get_by_test_id("rc-lint-private_message").locator('[data-code="already_replied"]')).to_have_count(1)
    expect(page.locator(f'tr.next-table-expanded-row[data-feed-id="{append["feedId"]}"]')).to_be_hidden()

    posts = posted_captures(service_worker)
    assert len(posts) == 1
    payload = posts[0]
    jsonschema.validate(payload, capture_schema())
    assert payload["platform"] == "taobao" and payload["page_kind"] == "review"
    review = payload["review"]
    assert review["review_id"] == main["feedId"] and isinstance(review["review_id"], str)
    assert review["order_id"] == payload["order"]["order_id"] == r["orderInfo"]["orderId"]
    assert re.fullmatch(r"\d{19}", review["order_id"])
    assert (review["rating_label"], review["rating"], review["lang"]) == ("负面", 1, "zh")
    assert review["text"] == main["content"]
    assert review["follow_up"]["text"] == append["content"] and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", review["follow_up"]["time"])
    assert review["seller_reply"] == r["rateContent"]["reply"]["content"]
    assert review["tags"] == [e["content"] for e in main["expression"]]
    assert review["images"] and all(u.startswith("https://myseller.taobao.com/_tb/img/") and not u.endswith("_80x80.jpg") for u in review["images"])
    assert payload["shop"] == {"id": DATA["shop"]["sellerNick"], "name": DATA["shop"]["name"]}
    assert {e["kind"] for e in payload["evidence"]} == {"screenshot", "mhtml"}
    for e in payload["evidence"]:
        assert hashlib.sha256(base64.b64decode(e["data_base64"])).hexdigest() == e["sha256"]

    case_id = int(loc.get_by_test_id("rc-case").get_attribute("data-case-id"))
    case = companion.request(f"/api/v1/cases/{case_id}")
    assert case["case"]["platform"] == "taobao" and case["case"]["order_id"] == r["orderInfo"]["orderId"]
    assert case["review"]["text"] == main["content"] and case["review"]["follow_up_text"] == append["content"]
    assert case["review"]["buyer_nick"] == r["userInfo"]["userName"]
    for item in case["evidence"]:
        data = companion.request(f"/api/v1/evidence/{item['id']}/file", raw=True)
        assert hashlib.sha256(data).hexdigest() == item["sha256"]


def test_placeholder_review_gives_empty_text(context, page, paired, taobao_hosts, service_worker):
    capture_posts(service_worker)
    open_reviews(page)
    r = scenario("pos_default")
    expect(row(page, r).get_by_test_id("rc-preview")).not_to_contain_text("系统默认好评")
    capture_row(page, r)
    payload = posted_captures(service_worker)[0]
    jsonschema.validate(payload, capture_schema())
    assert payload["review"]["text"] == "" and payload["review"]["rating_label"] == "正面"
    case = paired.request(f"/api/v1/cases/{row(page, r).get_by_test_id('rc-case').get_attribute('data-case-id')}")
    assert case["review"]["text"] == ""


def test_layout_not_recognised_is_said_plainly(context, page, taobao_hosts):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    open_reviews(page)
    # Rows whose 订单号 label changed, and whose data-feed-id is gone: refused, never guessed.
    page.evaluate("""() => {
      const tbody = document.querySelector('tbody.next-table-body');
      const src = tbody.querySelector('tr.next-table-row[data-feed-id]');
      const a = src.cloneNode(true), b = src.cloneNode(true);
      for (const tr of [a, b]) {
        tr.querySelectorAll('rc-panel').forEach(p => p.remove());
        tr.removeAttribute('data-rc-seen');
        tr.removeAttribute('data-rc-key');
      }
      a.setAttribute('data-feed-id', '9999999999999');
      for (const el of a.querySelectorAll('*')) if (el.firstChild && el.firstChild.nodeValue === '订单号：') el.firstChild.nodeValue = '订单：';
      b.removeAttribute('data-feed-id');
      b.setAttribute('data-test', 'no-feed-id');
      tbody.append(a, b);
    }""")
    for sel, anchor in (('tr[data-feed-id="9999999999999"]', "订单号"), ('tr[data-test="no-feed-id"]', "data-feed-id")):
        r = page.locator(sel)
        expect(r.get_by_test_id("rc-status")).to_have_text(f"Layout not recognised (missing: {anchor}) — nothing captured")
        expect(r.get_by_test_id("rc-capture")).to_be_disabled()
        assert any(f'missing anchor "{anchor}"' in w for w in warnings)


def test_hostile_review_text_renders_as_text(context, page, taobao_hosts):
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    open_reviews(page)
    r = scenario("hostile_text")
    # Its panel is built when the row comes near the viewport (far rows are shells): scroll to it as a seller would.
    row(page, r).scroll_into_view_if_needed()
    expect(row(page, r).get_by_test_id("rc-preview")).to_contain_text("<img src=x onerror=alert(1)>")
    assert row(page, r).locator("rc-panel").evaluate("host => host.shadowRoot.querySelectorAll('img, script').length") == 0
    assert alerts == []


def test_not_a_seller_page_gets_no_panel(context, page, taobao_hosts):
    # The login redirect is outside the manifest's hosts; the refund list is matched but not handled.
    page.goto("https://login.taobao.com/member/login.jhtml")
    assert page.evaluate("() => document.documentElement.getAttribute('data-rc-loaded')") is None
    page.goto("https://myseller.taobao.com/home.htm/trade-platform/refund-list", wait_until="domcontentloaded")
    page.wait_for_selector("body[data-rg-loaded]")
    assert page.evaluate("() => document.documentElement.getAttribute('data-rc-loaded')")
    expect(page.locator("rc-panel")).to_have_count(0)


def capture_context_page(page, url: str, kind: str, order_id: str) -> dict:
    page.goto(url, wait_until="domcontentloaded")
    panel = page.locator("rc-panel")
    expect(panel.get_by_test_id("rc-page-kind")).to_have_attribute("data-kind", kind)
    expect(panel).to_contain_text(order_id)
    panel.get_by_test_id("rc-capture").click()
    expect(panel.get_by_test_id("rc-case")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    return {"case_id": int(panel.get_by_test_id("rc-case").get_attribute("data-case-id"))}


def test_context_pages_join_the_review_case(context, page, paired, taobao_hosts, service_worker):
    companion = paired
    capture_posts(service_worker)
    r = scenario("extortion")
    oid = r["orderInfo"]["orderId"]
    open_reviews(page)
    case_id = int(capture_row(page, r).get_by_test_id("rc-case").get_attribute("data-case-id"))
    links = {
        "order": f"https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId={oid}&sifg=1&isQnNew=true",
        "logistics": f"https://wuliu.taobao.com/user/order_detail_new.htm?trade_id={oid}",
        "chat": f"https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId={oid}",
        "after_sales": f"https://refund2.taobao.com/dispute/detail.htm?bizOrderId={oid}",
    }
    # The checklist's "open" links are these deep links (contextLinks on the real hosts).
    opened = page.locator(f'{ROW}[data-feed-id="{feed_id(r)}"] [data-testid^="rc-open-"]')
    for i in range(opened.count()):
        assert opened.nth(i).get_attribute("href") in links.values()
    for kind, url in links.items():
        assert capture_context_page(page, url, kind, oid)["case_id"] == case_id, kind

    posts = posted_captures(service_worker)
    assert [p["page_kind"] for p in posts] == ["review", "order", "logistics", "chat", "after_sales"]
    for p in posts:
        jsonschema.validate(p, capture_schema())
        assert p["platform"] == "taobao" and p["order"]["order_id"] == oid
    by_kind = {p["page_kind"]: p for p in posts}
    assert by_kind["logistics"]["order"]["sign_time"] == DATA["orders"][oid]["logistics"]["signTime"]
    assert any("不退款就给差评" in m["text"] and m["sender"] == "buyer" for m in by_kind["chat"]["record"]["messages"])
    assert by_kind["after_sales"]["record"]["aftersale_type"] == "仅退款"
    assert by_kind["after_sales"]["record"]["aftersale_status"] == "退款关闭"

    cases = companion.cases(platform="taobao")
    assert [c["id"] for c in cases["cases"] if c["order_id"] == oid] == [case_id]
    case = companion.request(f"/api/v1/cases/{case_id}")
    assert sorted({c["page_kind"] for c in case["captures"]}) == ["after_sales", "chat", "logistics", "order", "review"]
    assert case["order"]["sign_time"] == DATA["orders"][oid]["logistics"]["signTime"]
    captured = {"order", "logistics", "chat", "after_sales"}
    assert all(item["have"] for item in case["checklist"] if item["id"] in captured), case["checklist"]


def test_mock_prefix_chain(context, page, paired):
    """The try-it mode: the companion's /mock/taobao/ pages, panels on every row, checklist links to the mock."""
    companion = paired
    open_reviews(page, companion.url + REVIEW_PATH)
    expect(page.locator(f"{ROW} rc-panel")).to_have_count(20)
    r = scenario("never_arrived")
    oid = r["orderInfo"]["orderId"]
    loc = capture_row(page, r)
    opened = loc.locator("[data-testid^='rc-open-']")
    hrefs = [opened.nth(i).get_attribute("href") for i in range(opened.count())]
    assert hrefs and all(h.startswith(f"{companion.url}/mock/taobao/") and oid in h for h in hrefs), hrefs
    # Follow the logistics link (signed 9 days before the "never arrived" review): same case.
    logistics = f"{companion.url}/mock/taobao/wuliu.taobao.com/user/order_detail_new.htm?trade_id={oid}"
    case_id = int(loc.get_by_test_id("rc-case").get_attribute("data-case-id"))
    assert capture_context_page(page, logistics, "logistics", oid)["case_id"] == case_id
    case = companion.request(f"/api/v1/cases/{case_id}")
    assert "false_claim" in case["classification"]["appeal_flags"]
