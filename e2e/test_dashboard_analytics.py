"""Analytics, batch-problem alerts and the case page in a real browser (issue 10): the SVG charts render under the
dashboard's CSP (no script), nothing is wider than a 1366 px window, the screenshot on the case page loads with the
session cookie and its hash is checked."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from rc_e2e import page_problems, sign_in, store_case


def test_alert_analytics_and_case_page_in_english(browser, companion):
    now = datetime.now(timezone.utc)
    ids = [store_case(companion, f"760000000000000000{i}", now - timedelta(hours=20 + 30 * i), "杯子漏水，盖子拧不紧") for i in range(3)]

    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    problems = page_problems(page)
    sign_in(page, companion)

    # The work queue opens with the batch problem: three quality complaints about one product.
    alert = page.get_by_test_id("pattern-alerts").get_by_test_id("pattern-alert").filter(has_text="便携式榨汁杯")
    expect(alert).to_have_count(1)
    expect(alert).to_have_attribute("data-type", "product_quality")
    expect(alert).to_contain_text("“Product quality” complaints within 7 days")
    for case_id in ids:
        expect(alert.locator(f'a[href="/cases/{case_id}?lang=en"]')).to_have_count(1)

    page.get_by_test_id("nav-analytics").click()
    expect(page.get_by_role("heading", name="Analytics", exact=True)).to_be_visible()
    chart = page.get_by_test_id("chart-by-type")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 300
    bars = chart.locator('rect[data-series="Product quality"]')
    assert sum(float(v) for v in bars.evaluate_all("rs => rs.map(r => r.dataset.value)")) >= 3
    assert bars.first.bounding_box()["height"] > 0
    expect(page.get_by_test_id("table-by-type")).to_contain_text("Product quality")
    for testid in ("chart-by-product", "chart-by-platform", "chart-replies"):
        expect(page.get_by_test_id(testid)).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    # The case page: the screenshot is shown (loaded with the session cookie), its hash checked on this view.
    page.goto(f"{companion.url}/cases/{ids[0]}")
    expect(page.get_by_role("heading", name="Full timeline")).to_be_visible()
    item = page.get_by_test_id("evidence-item").first
    expect(item).to_have_attribute("data-verified", "ok")
    expect(item.get_by_test_id("verify")).to_have_text("✓ matches the capture")
    img = item.locator("img")
    expect(img).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert problems == []
    context.close()
