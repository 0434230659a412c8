"""Douyin 评价管理 → Capture → real companion → panel, including the offline queue."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import jsonschema
import pytest
from playwright.sync_api import expect

from demo_seller_centers import douyin as douyin_mock
from companion.models import APPEAL_FLAGS, COMPLAINT_TYPES, Capture

from rc_e2e import ROOT, capture_posts, pair, posted_captures

COMMENTS = douyin_mock.load_data()["comments"]
# A capture is ~1 s here; generous because CI machines (2 vCPU) run the companion cold and busy.
CAPTURE_TIMEOUT = 15000


def comment_with(text: str) -> dict:
    """The mock review whose text contains `text`."""
    return next(c for c in COMMENTS if text in c["content"])


def row(page, comment: dict):
    return page.locator(f'tr.auxo-table-row[data-row-key="{comment["id"]}"]')


def open_reviews(page, url: str) -> None:
    page.goto(url)
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()


def capture_schema() -> dict:
    path = ROOT / "shared-schemas" / "capture.schema.json"
    return json.loads(path.read_text()) if path.exists() else Capture.model_json_schema()


def test_capture_negative_review(context, page, paired, seller_pages, service_worker):
    companion = paired
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://fxg.jinritemai.com")
    capture_posts(service_worker)
    open_reviews(page, seller_pages["douyin"])
    # The on-load notice modal was dismissed safely, so rows are clickable.
    expect(page.locator(".auxo-modal-wrap")).to_have_count(0)

    c = comment_with("12315")
    r = row(page, c)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)

    primary = r.get_by_test_id("rc-type").get_attribute("data-type")
    assert primary in COMPLAINT_TYPES
    expect(r.get_by_test_id("rc-escalation")).to_contain_text("Escalation risk")
    expect(r.get_by_test_id("rc-escalation")).to_contain_text("12315")
    for flag in r.get_by_test_id("rc-flags").locator("[data-flag]").all():
        assert flag.get_attribute("data-flag") in APPEAL_FLAGS
    for kind in ("public_reply", "private_message"):
        expect(r.get_by_test_id(f"rc-draft-text-{kind}")).not_to_be_empty()
        expect(r.get_by_test_id(f"rc-copy-{kind}")).to_have_text("Copy")
        expect(r.get_by_test_id(f"rc-lint-{kind}")).to_be_visible()
    expect(r.get_by_test_id("rc-history")).to_have_text(re.compile(r"This buyer: \d+ earlier cases; this product: \d+"))

    r.get_by_test_id("rc-copy-public_reply").click()
    expect(r.get_by_test_id("rc-copy-public_reply")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == r.get_by_test_id("rc-draft-text-public_reply").input_value()

    # (The README's picture, docs/screenshots/douyin-panel.png, is taken by test_douyin_chain.py with
    # the checklist ticked; RC_UPDATE_SCREENSHOTS=1 refreshes it.)
    expect(r.get_by_test_id("rc-advice")).to_be_visible()
    expect(r.get_by_test_id("rc-checklist")).to_be_visible()

    # What the service worker POSTed is a valid Capture, with the 19-digit order id as a string.
    posts = posted_captures(service_worker)
    assert len(posts) == 1
    payload = posts[0]
    jsonschema.validate(payload, capture_schema())
    assert payload["platform"] == "douyin"
    assert re.fullmatch(r"[A-Za-z0-9_-]{8,64}", payload["capture_id"])
    assert payload["review"]["order_id"] == c["order_id"] and payload["order"]["order_id"] == c["order_id"]
    assert payload["review"]["text"] == c["content"]
    assert payload["review"]["review_id"] == c["id"]
    assert payload["shop"] == {"id": "218734455", "name": "鲸选好物旗舰店"}
    assert {e["kind"]: e["media_type"] for e in payload["evidence"]} == {"screenshot": "image/png", "mhtml": "multipart/related"}
    for e in payload["evidence"]:
        assert hashlib.sha256(base64.b64decode(e["data_base64"])).hexdigest() == e["sha256"]

    # The companion stored the case, the review and both files, byte for byte.
    case_id = int(r.get_by_test_id("rc-case").get_attribute("data-case-id"))
    case = companion.request(f"/api/v1/cases/{case_id}")
    assert case["case"]["order_id"] == c["order_id"]
    assert case["review"]["text"] == c["content"]
    assert case["review"]["buyer_nick"] == c["user_name"]
    assert case["classification"]["primary"] == primary
    kinds = {}
    for item in case["evidence"]:
        data = companion.request(f"/api/v1/evidence/{item['id']}/file", raw=True)
        assert hashlib.sha256(data).hexdigest() == item["sha256"] == next(
            e["sha256"] for e in payload["evidence"] if e["kind"] == item["kind"])
        kinds[item["kind"]] = data
    assert kinds["screenshot"].startswith(b"\x89PNG\r\n\x1a\n")
    assert b"multipart/related" in kinds["mhtml"][:2000]


def test_queue_while_companion_down_delivers_once(context, page, extension_id, own_companion, seller_pages, service_worker):
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    open_reviews(page, seller_pages["douyin"])
    companion.stop()

    c = comment_with("充电指示灯不亮")
    r = row(page, c)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-status")).to_have_text(
        re.compile(r"^Companion not running — capture queued \(1 waiting\)"), timeout=CAPTURE_TIMEOUT)

    companion.start()
    r.get_by_test_id("rc-retry").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    expect(r.get_by_test_id("rc-status")).to_have_text("Queued capture delivered")

    cases = companion.cases()
    assert cases["total"] == 1 and cases["cases"][0]["order_id"] == c["order_id"]
    case = companion.request(f"/api/v1/cases/{cases['cases'][0]['id']}")
    assert sorted(e["kind"] for e in case["evidence"]) == ["mhtml", "screenshot"]
    assert len(case["captures"]) == 1

    # Flushing again (alarm, start-up, next contact) delivers nothing more: exactly once.
    assert service_worker.evaluate("() => rcFlushQueue()") == {"delivered": [], "failed": [], "remaining": 0}
    assert companion.cases()["total"] == 1
    status = service_worker.evaluate("() => chrome.storage.local.get(['rc-queue', 'rc-failed'])")
    assert status.get("rc-queue") == [] and status.get("rc-failed", []) == []


def test_unpaired_capture_asks_for_token_then_delivers(context, page, extension_id, own_companion, seller_pages):
    companion = own_companion
    pair(context, extension_id, companion.url, "not-the-token")
    open_reviews(page, seller_pages["douyin"])
    c = comment_with("客服态度极差")
    r = row(page, c)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-status")).to_contain_text("Pair the extension: paste the token in Options", timeout=CAPTURE_TIMEOUT)
    assert companion.cases()["total"] == 0

    # Saving the right token flushes the queue; the open panel updates by itself.
    pair(context, extension_id, companion.url, companion.token)
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    assert companion.cases()["total"] == 1


def test_mock_page_served_by_companion_gets_panels(context, page, paired):
    companion = paired
    for path in ("/mock/douyin/ffa/maftersale/comment", "/mock/douyin/ffa/g/comment", "/mock/douyin/index.html#/ffa/g/comment"):
        open_reviews(page, companion.url + path)
        rows = page.locator("tr.auxo-table-row")
        expect(rows).to_have_count(10)
        expect(page.locator("tr.auxo-table-row rc-panel")).to_have_count(10)
    c = comment_with("物流信息中间三天一动不动")
    r = row(page, c)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    assert companion.request(f"/api/v1/cases/{r.get_by_test_id('rc-case').get_attribute('data-case-id')}")["case"]["order_id"] == c["order_id"]


def test_hostile_review_text_renders_as_text(context, page, seller_pages):
    open_reviews(page, seller_pages["douyin"])
    c = comment_with("onerror")
    r = row(page, c)
    preview = r.get_by_test_id("rc-preview")
    expect(preview).to_contain_text('<img src=x onerror="window.__rcXss=1">杯盖漏水')
    assert r.locator("rc-panel").evaluate("host => host.shadowRoot.querySelectorAll('img, script').length") == 0
    assert page.evaluate("() => window.__rcXss") is None


def assert_one_panel_per_row(page, expected_rows: int) -> None:
    expect(page.locator("tr.auxo-table-row")).to_have_count(expected_rows)
    expect(page.locator("tr.auxo-table-row rc-panel")).to_have_count(expected_rows)
    counts = page.locator("tr.auxo-table-row").evaluate_all("rows => rows.map(r => r.querySelectorAll('rc-panel').length)")
    assert counts == [1] * expected_rows


def test_one_panel_per_row_across_rerenders(context, page, seller_pages):
    open_reviews(page, seller_pages["douyin"])
    assert_one_panel_per_row(page, 10)
    first_key = page.locator("tr.auxo-table-row").first.get_attribute("data-row-key")

    page.locator("li.auxo-pagination-item-2").click()  # page change replaces every row node
    expect(page.locator("tr.auxo-table-row").first).not_to_have_attribute("data-row-key", first_key)
    assert_one_panel_per_row(page, 10)

    page.locator("select.auxo-select").select_option("20")
    assert_one_panel_per_row(page, 20)

    page.get_by_role("tab", name="差评").click()  # SPA navigation: pushState ?rank=1
    expect(page).to_have_url(re.compile(r"\?rank=1$"))
    bad = sum(1 for c in douyin_mock.load_data()["comments"] if c["rank"] <= 2)  # 差评 = 1–2★
    assert_one_panel_per_row(page, min(bad, 20))

    page.go_back()  # popstate (the page keeps 20 per page)
    expect(page).not_to_have_url(re.compile(r"rank="))
    assert_one_panel_per_row(page, 20)

    page.locator("input.auxo-input").fill(COMMENTS[3]["order_id"])
    page.locator("button.auxo-btn-primary", has_text="查询").click()
    assert_one_panel_per_row(page, 1)


def test_layout_not_recognised_is_said_plainly(context, page, seller_pages):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    open_reviews(page, seller_pages["douyin"])
    # A row whose product cell lost its 订单编号 label: the extension must refuse to capture it.
    page.evaluate("""() => {
      const tbody = document.querySelector('tbody.auxo-table-tbody');
      const tr = tbody.querySelector('tr.auxo-table-row').cloneNode(true);
      tr.querySelectorAll('rc-panel').forEach(p => p.remove());
      tr.removeAttribute('data-rc-seen');
      tr.setAttribute('data-row-key', 'changed-layout');
      for (const el of tr.querySelectorAll('*')) if (el.children.length === 0 && el.textContent.startsWith('订单编号')) el.textContent = '订单号变更';
      tbody.appendChild(tr);
    }""")
    r = page.locator('tr[data-row-key="changed-layout"]')
    expect(r.get_by_test_id("rc-status")).to_have_text("Layout not recognised (missing: 订单编号) — nothing captured")
    expect(r.get_by_test_id("rc-capture")).to_be_disabled()
    assert any('missing anchor "订单编号"' in w for w in warnings)


@pytest.mark.parametrize("case", ["ok", "bad_token", "down"])
def test_options_test_connection(context, extension_id, companion, case):
    opts = context.new_page()
    opts.goto(f"chrome-extension://{extension_id}/options/options.html")
    # the page has asked the worker for the saved settings (it fills the URL in): its buttons are live
    expect(opts.get_by_test_id("rc-opt-url")).not_to_have_value("", timeout=30000)
    url = companion.url if case != "down" else "http://127.0.0.1:9"
    opts.get_by_test_id("rc-opt-url").fill(url)
    opts.get_by_test_id("rc-opt-token").fill(companion.token if case == "ok" else "wrong")
    opts.get_by_test_id("rc-opt-test").click()
    expected = {
        "ok": re.compile(r"^Companion \S+ is running; token accepted$"),
        "bad_token": re.compile(r"token rejected"),
        "down": f"Companion not reachable at {url}",
    }[case]
    expect(opts.get_by_test_id("rc-opt-result")).to_have_text(expected)
