"""The dashboard as the seller uses it in a real browser (issue 10): in the browser's language, the work queue
by urgency, one-click status changes (a plain form, no script: the dashboard's CSP allows none) and search."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from rc_e2e import set_status, sign_in, store_case


def test_work_queue_status_change_and_search_in_chinese(browser, companion):
    now = datetime.now(timezone.utc)
    overdue = store_case(companion, "7500000000000000001", now - timedelta(hours=30), "杯子漏水，盖子拧不紧")
    due = store_case(companion, "7500000000000000002", now + timedelta(hours=20), "快递太慢了<img src=x onerror=alert(1)>")
    done = store_case(companion, "7500000000000000003", now - timedelta(hours=3), "颜色不对")
    set_status(companion, done, "resolved")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(companion.url + "/")
    expect(page.get_by_test_id("signin-needed")).to_contain_text("工具栏")  # no session yet
    sign_in(page, companion)
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("heading", name="工作队列")).to_be_visible()
    rows = page.get_by_test_id("queue").get_by_test_id("case-row")
    ids = [int(x) for x in rows.evaluate_all("rs => rs.map(r => r.dataset.caseId)")]
    assert ids.index(overdue) < ids.index(due) and done not in ids
    first = page.locator(f"#case-{overdue}")
    expect(first).to_have_attribute("data-urgency", "overdue")
    expect(first).to_contain_text("回复已超时")
    expect(first).to_contain_text("抖店")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    # One click: replied publicly. The page comes back saying so, the case is no longer overdue.
    first.get_by_test_id("mark-replied").click()
    expect(page.get_by_test_id("status-saved")).to_have_text(f"案件 #{overdue} 已标记为「已公开回复」。")
    expect(page.locator(f"#case-{overdue}")).to_have_attribute("data-status", "replied")
    expect(page.locator(f"#case-{overdue}")).to_have_attribute("data-urgency", "none")
    assert companion.request(f"/api/v1/cases/{overdue}")["case"]["status"] == "replied"

    # Search: a two-character Chinese word, and hostile text stays text.
    page.get_by_test_id("search-q").fill("漏水")
    page.get_by_test_id("search-submit").click()
    # (The session's companion may hold other tests' cases: look for ours, and that the others do not match.)
    results = page.get_by_test_id("results").get_by_test_id("case-row")
    expect(results.and_(page.locator(f'[data-case-id="{overdue}"]'))).to_have_count(1)
    expect(results.and_(page.locator(f'[data-case-id="{due}"]'))).to_have_count(0)
    for text in results.locator("td.text").all_inner_texts():
        assert "漏水" in text
    page.get_by_test_id("search-q").fill("快递太慢了<img")
    page.get_by_test_id("search-submit").click()
    hits = page.get_by_test_id("results").get_by_test_id("case-row")
    expect(hits).to_have_count(1)
    expect(hits.first).to_have_attribute("data-case-id", str(due))
    expect(hits.first).to_contain_text("<img src=x onerror=alert(1)>")
    assert errors == []

    # English browser: English words, the same platform name.
    en = browser.new_context(locale="en-US").new_page()
    sign_in(en, companion)
    expect(en.get_by_role("heading", name="Work queue")).to_be_visible()
    expect(en.locator(f"#case-{due}")).to_contain_text("抖店")
    en.context.close()
    context.close()
