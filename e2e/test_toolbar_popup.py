"""The toolbar action (issue 10): icons, the badge (replies overdue + due today) and the popup — pairing state,
the offline queue, the counts, links to the dashboard and to each due case. The popup asks the service
worker (`popup.state`), which alone calls the companion (`GET /api/v1/summary`).

Cases are stored through the real API with review times relative to now, so the test never expires;
"today" is the browser's day, in the machine's time zone like the companion's default.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from rc_e2e import EXTENSION_DIR, EXTENSION_ID, set_status, store_case


def badge(service_worker) -> str:
    return service_worker.evaluate("() => chrome.action.getBadgeText({})")


def open_popup(context):
    popup = context.new_page()
    popup.goto(f"chrome-extension://{EXTENSION_ID}/popup/popup.html")
    expect(popup.get_by_test_id("rc-pop-pairing")).not_to_have_attribute("data-state", "loading")
    return popup


def test_manifest_icons_exist_at_every_size():
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text())
    from PIL import Image

    for icons in (manifest["icons"], manifest["action"]["default_icon"]):
        assert sorted(icons, key=int) == ["16", "32", "48", "128"]
        for size, path in icons.items():
            with Image.open(EXTENSION_DIR / path) as im:
                assert im.size == (int(size), int(size)) and im.mode == "RGBA", path
    assert manifest["action"]["default_popup"] == "popup/popup.html"


def test_popup_before_pairing(context, service_worker, companion):
    popup = open_popup(context)
    expect(popup.get_by_test_id("rc-pop-pairing")).to_have_attribute("data-state", "unpaired")
    expect(popup.get_by_test_id("rc-pop-pairing")).to_contain_text("Not paired")
    expect(popup.get_by_test_id("rc-pop-queue")).to_have_text("Offline queue: empty")
    expect(popup.get_by_test_id("rc-pop-dashboard")).to_be_hidden()
    assert badge(service_worker) == ""


def test_popup_counts_badge_and_links(context, service_worker, own_companion):
    from rc_e2e import pair

    companion = own_companion
    now = datetime.now(timezone.utc)
    local_now = now.astimezone()
    midnight = (local_now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    overdue = store_case(companion, "7400000000000000001", now - timedelta(hours=5), "收到就是坏的，客服也不回")
    today = store_case(companion, "7400000000000000002", now + (midnight - local_now) / 2, "物流太慢了<script>alert(1)</script>")
    later = store_case(companion, "7400000000000000003", now + timedelta(days=2), "色差大")
    done = store_case(companion, "7400000000000000004", now - timedelta(hours=2), "已经处理过了")
    set_status(companion, done, "replied")

    pair(context, EXTENSION_ID, companion.url, companion.token)
    popup = open_popup(context)
    expect(popup.get_by_test_id("rc-pop-pairing")).to_have_attribute("data-state", "ok")
    expect(popup.get_by_test_id("rc-pop-overdue")).to_have_text("1")
    expect(popup.get_by_test_id("rc-pop-today")).to_have_text("1")
    expect(popup.get_by_test_id("rc-pop-open")).to_have_text("4")
    rows = popup.get_by_test_id("rc-pop-case")
    expect(rows).to_have_count(2)
    # Most urgent first; hostile text stays text.
    expect(rows.nth(0)).to_have_attribute("data-case-id", str(overdue))
    expect(rows.nth(0)).to_have_attribute("data-state", "overdue")
    expect(rows.nth(0)).to_contain_text("Overdue by 5 h")
    expect(rows.nth(0)).to_contain_text("Douyin Shop")
    expect(rows.nth(1)).to_have_attribute("data-case-id", str(today))
    expect(rows.nth(1)).to_contain_text("<script>alert(1)</script>")
    assert popup.evaluate("() => document.querySelectorAll('#due script').length") == 0
    assert str(later) not in [rows.nth(i).get_attribute("data-case-id") for i in range(2)]
    expect(popup.get_by_test_id("rc-pop-queue")).to_have_text("Offline queue: empty")
    assert badge(service_worker) == "2"
    assert "1 overdue, 1 due today" in service_worker.evaluate("() => chrome.action.getTitle({})")

    # Links: the dashboard and each due case, opened in a new tab.
    expect(popup.get_by_test_id("rc-pop-dashboard")).to_have_attribute("href", companion.url + "/")
    with context.expect_page() as opened:
        rows.nth(0).locator("a").click()
    case_page = opened.value
    # Signed in on the way (one-time link → HttpOnly cookie → 303 to the case): the page itself, not the how-to.
    case_page.wait_for_url(f"{companion.url}/cases/{overdue}")
    expect(case_page.get_by_test_id("signin-needed")).to_have_count(0)
    expect(case_page.locator("body")).to_contain_text("收到就是坏的")
    assert case_page.evaluate("() => document.cookie") == ""  # HttpOnly: no script can read the session
    cookie = next(c for c in context.cookies(companion.url) if c["name"] == "rg_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and companion.token not in cookie["value"]
    case_page.close()

    # Opened without the popup (no session, even with the token): the dashboard says how to open it, no case.

    anon = urllib.request.Request(f"{companion.url}/cases/{overdue}", headers={"Authorization": f"Bearer {companion.token}"})
    try:
        urllib.request.urlopen(anon, timeout=10)
        raise AssertionError("the case page answered without a session")
    except urllib.error.HTTPError as e:
        assert e.code == 401 and "收到就是坏的" not in e.read().decode()

    # The seller replies: the overdue one leaves the popup and the badge.
    set_status(companion, overdue, "replied")
    popup = open_popup(context)
    expect(popup.get_by_test_id("rc-pop-overdue")).to_have_text("0")
    expect(popup.get_by_test_id("rc-pop-case")).to_have_count(1)
    assert badge(service_worker) == "1"

    # Companion down: said plainly, the badge is cleared rather than stale.
    companion.stop()
    popup = open_popup(context)
    expect(popup.get_by_test_id("rc-pop-pairing")).to_have_attribute("data-state", "down")
    expect(popup.get_by_test_id("rc-pop-pairing")).to_contain_text("not running")
    assert badge(service_worker) == ""
