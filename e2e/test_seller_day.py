"""A seller's day on the review page (issue 10): capture every negative review of the page at once, panels
that follow the status set on the dashboard, batch-problem alerts in the toolbar popup.

Real Chromium with the e2e copy of the extension, a real companion per test (so "already captured" is only
what the test captured).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from demo_seller_centers import douyin as douyin_mock

from rc_e2e import EXTENSION_ID, api, pair, store_case

CAPTURE_TIMEOUT = 15000
COMMENTS = douyin_mock.load_data()["comments"]


def row_of(page, comment_id: str):
    return page.locator(f'tr.auxo-table-row[data-row-key="{comment_id}"]')


def shown_ids(page) -> list[str]:
    return page.locator("tr.auxo-table-row").evaluate_all("rows => rows.map((r) => r.getAttribute('data-row-key'))")


def back_in_view(page) -> None:
    """The seller comes back to the seller-center tab (from the dashboard): the page's visibilitychange."""
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")


def test_capture_all_negative_reviews_on_the_page(context, page, extension_id, own_companion, seller_pages):
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    page.goto(seller_pages["douyin"])
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()
    by_id = {c["id"]: c for c in COMMENTS}
    ids = shown_ids(page)
    expect(page.locator("tr.auxo-table-row rc-panel")).to_have_count(len(ids))
    negative = [i for i in ids if 1 <= by_id[i]["rank"] <= 3]
    positive = [i for i in ids if by_id[i]["rank"] >= 4]
    assert len(negative) >= 3

    bar = page.locator("rc-bar")
    expect(bar).to_have_count(1)
    expect(bar).to_have_attribute("data-count", str(len(negative)))
    button = bar.get_by_test_id("rc-capture-all")
    expect(button).to_have_text(f"Capture all negative reviews on this page ({len(negative)})")

    # One row's layout breaks after it mounted (its 订单编号 label is gone): that capture is refused, the rest go on.
    broken = negative[1]
    row_of(page, broken).evaluate("""(tr) => {
      const walker = document.createTreeWalker(tr, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) n.nodeValue = n.nodeValue.replace('订单编号', '单号');
    }""")
    button.click()
    expect(bar).to_have_attribute("data-finished", "", timeout=CAPTURE_TIMEOUT * len(negative))
    expect(bar).to_have_attribute("data-done", str(len(negative)))
    expect(bar).to_have_attribute("data-failed", "1")
    expect(bar.get_by_test_id("rc-capture-all-progress")).to_have_text(f"Done: {len(negative) - 1} captured, 1 failed, 0 already captured")
    expect(bar.get_by_test_id("rc-capture-all-progress")).to_be_visible()  # the seller sees it (not only the DOM)
    expect(row_of(page, broken).get_by_test_id("rc-status")).to_contain_text("Layout not recognised")
    for i in negative:
        if i != broken:
            expect(row_of(page, i).get_by_test_id("rc-case")).to_be_attached()
    for i in positive:
        expect(row_of(page, i).get_by_test_id("rc-case")).to_have_count(0)
    assert companion.cases()["total"] == len(negative) - 1

    # A second click skips what is captured: only the broken row is tried again (and refused again).
    expect(bar).to_have_attribute("data-count", "1")
    button.click()
    expect(bar).to_have_attribute("data-skipped", str(len(negative) - 1))
    expect(bar).to_have_attribute("data-finished", "", timeout=CAPTURE_TIMEOUT)
    expect(bar).to_have_attribute("data-done", "1")
    expect(bar).to_have_attribute("data-failed", "1")
    assert companion.cases()["total"] == len(negative) - 1


def test_panel_follows_the_status_set_on_the_dashboard(context, page, extension_id, own_companion, seller_pages):
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    page.goto(seller_pages["douyin"])
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()
    first = shown_ids(page)[0]
    r = row_of(page, first)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-case-status")).to_have_attribute("data-status", "open", timeout=CAPTURE_TIMEOUT)
    case_id = int(r.get_by_test_id("rc-case").get_attribute("data-case-id"))

    # Replied on the dashboard; the seller comes back to this tab.
    api(companion, "PATCH", f"/api/v1/cases/{case_id}", {"status": "replied"})
    back_in_view(page)
    expect(r.get_by_test_id("rc-case-status")).to_have_attribute("data-status", "replied")

    # After a reload the row is "known" (lookup); a later change shows there too.
    page.reload()
    r = row_of(page, first)
    expect(r.get_by_test_id("rc-known")).to_have_attribute("data-status", "replied", timeout=CAPTURE_TIMEOUT)
    api(companion, "PATCH", f"/api/v1/cases/{case_id}", {"status": "resolved"})
    back_in_view(page)
    expect(r.get_by_test_id("rc-known")).to_have_attribute("data-status", "resolved")
    expect(r.get_by_test_id("rc-known")).to_contain_text("Resolved")


def store_complaint(companion, review_id: str, at: datetime, text: str, product: str) -> int:
    """A 1★ Douyin complaint about `product` reviewed at `at`."""
    return store_case(companion, review_id, at + timedelta(hours=24), text, product=product, product_id="3612045577812900001")


def test_popup_shows_batch_problem_alerts(context, service_worker, own_companion):
    companion = own_companion
    now = datetime.now(timezone.utc)
    product = "不锈钢保温杯 500ml <b>x</b>"
    texts = ["保温杯收到就是坏的，漏水，质量太差", "杯盖质量不行，用了两天就裂了，漏水", "质量很差，保温效果没有，还漏水"]
    ids = [store_complaint(companion, f"74100000000000000{i}", now - timedelta(days=3 - i), text, product) for i, text in enumerate(texts)]
    summary = api(companion, "GET", "/api/v1/summary")
    alert = next(a for a in summary["pattern_alerts"] if a["product_title"] == product)

    pair(context, EXTENSION_ID, companion.url, companion.token)
    popup = context.new_page()
    popup.goto(f"chrome-extension://{EXTENSION_ID}/popup/popup.html")
    expect(popup.get_by_test_id("rc-pop-pairing")).to_have_attribute("data-state", "ok")
    line = popup.get_by_test_id("rc-pop-alert").filter(has_text=product)
    expect(line).to_have_count(1)
    expect(line).to_have_attribute("data-count", str(alert["count"]))
    type_name = {"product_quality": "Product quality"}.get(alert["type"])
    expect(line).to_contain_text(f"⚠ {product}: {alert['count']}")
    if type_name:
        expect(line).to_contain_text(type_name)
    assert popup.evaluate("() => document.querySelectorAll('#alerts b').length") == 0  # companion text stays text
    with context.expect_page() as opened:
        line.locator("a").click()
    dash = opened.value
    # Signed in on the way (one-time link → cookie → 303): the work queue filtered to that product and type.
    dash.wait_for_url(lambda url: url.startswith(companion.url + "/?") and "primary=" in url)
    expect(dash.get_by_test_id("signin-needed")).to_have_count(0)
    assert len(ids) == 3


def test_popup_search_finds_cases_and_opens_them(context, service_worker, own_companion):
    companion = own_companion
    now = datetime.now(timezone.utc)
    leak = store_complaint(companion, "742000000000000001", now - timedelta(hours=3), "水杯漏水<img src=x onerror=alert(1)>", "保温杯 A")
    other = store_complaint(companion, "742000000000000002", now - timedelta(hours=2), "快递太慢了", "保温杯 B")
    api(companion, "PATCH", f"/api/v1/cases/{leak}", {"status": "replied"})

    pair(context, EXTENSION_ID, companion.url, companion.token)
    popup = context.new_page()
    popup.goto(f"chrome-extension://{EXTENSION_ID}/popup/popup.html")
    expect(popup.get_by_test_id("rc-pop-pairing")).to_have_attribute("data-state", "ok")
    box = popup.get_by_test_id("rc-pop-search")
    expect(box).to_have_attribute("placeholder", "Order id, buyer, product or words of the review")
    box.fill("漏水")  # two Chinese characters: a substring search
    box.press("Enter")
    results = popup.get_by_test_id("rc-pop-result")
    expect(results).to_have_count(1)
    expect(results.first).to_have_attribute("data-case-id", str(leak))
    expect(results.first).to_have_attribute("data-status", "replied")
    expect(results.first).to_contain_text("Replied")
    expect(results.first).to_contain_text("<img src=x onerror=alert(1)>")
    assert popup.evaluate("() => document.querySelectorAll('#results img').length") == 0

    box.fill("没有这样的评价")
    popup.get_by_test_id("rc-pop-search-go").click()
    expect(popup.get_by_test_id("rc-pop-results")).to_contain_text("No matching cases.")

    box.fill("快递")
    box.press("Enter")
    expect(results).to_have_count(1)
    with context.expect_page() as opened:
        results.first.locator("a").click()
    case_page = opened.value
    case_page.wait_for_url(f"{companion.url}/cases/{other}")
    expect(case_page.locator("body")).to_contain_text("快递太慢了")
