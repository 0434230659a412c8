"""Issue 8 parts 4 and 6 on the Douyin mock, with the real extension and companion.

- The public-reply deadline in LOCAL time (the browser runs in America/Los_Angeles, the seller center shows
  Beijing time) with hours left, right after capture and after a reload; an overdue review says by how much.
- The seller stays in control: edit a draft → the companion lints the edited text → copy → the copy is on
  the case timeline → "Replied publicly" marks the case, and the deadline says the reply is done.

Review times are set relative to the real clock (the list API is answered with shifted `comment_time`s), so
nothing depends on today's date. Each test has its own companion.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import urllib.parse
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from rc_e2e import FXG, ROOT, douyin_mock, launch_extension, pair

CAPTURE_TIMEOUT = 15000
BROWSER_TZ = "America/Los_Angeles"
COMMENTS = douyin_mock.load_data()["comments"]
BROKEN = next(c for c in COMMENTS if c["order_id"] == "4937201865043414729")  # broken item: a product-quality complaint
LATE = next(c for c in COMMENTS if c["order_id"] == "4937201865043624187")  # rude service: captured after its deadline
# Posted 3 h 30 min ago: 20 h 30 min left (shown rounded down, "20 h left", for half an hour of slack).
BROKEN_AGE = timedelta(hours=3, minutes=30)
# Posted 27 h 30 min ago: overdue by 3 h 30 min ("Overdue by 3 h").
LATE_AGE = timedelta(hours=27, minutes=30)
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture()
def context(playwright, tmp_path, request):
    """Like conftest's context, in a time zone far from both UTC and Beijing (so 'local' is visible)."""
    lang, tz = getattr(request, "param", ("en-US", BROWSER_TZ))
    ctx = launch_extension(playwright, tmp_path / "profile", headless=not request.config.getoption("--headed", default=False),
                           lang=lang, timezone=tz, viewport=(1366, 768))
    yield ctx
    ctx.close()


def route_recent_reviews(context, now: float) -> None:
    """Answer the 评价管理 list API with BROKEN and LATE posted relative to `now` (epoch seconds)."""
    shifted = {BROKEN["id"]: int(now - BROKEN_AGE.total_seconds()), LATE["id"]: int(now - LATE_AGE.total_seconds())}

    def handle(route):
        args = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(route.request.url).query))
        body = douyin_mock.comment_list(args)
        if body.get("data"):
            body = {**body, "data": [{**c, "comment_time": shifted.get(c["id"], c["comment_time"])} for c in body["data"]]}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body, ensure_ascii=False))

    context.route(f"{FXG}/{douyin_mock.LIST_PATH}*", handle)


def row(page, comment: dict):
    return page.locator(f'tr.auxo-table-row[data-row-key="{comment["id"]}"]')


def open_reviews(page) -> None:
    page.goto(f"{FXG}/ffa/maftersale/comment")
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()


def capture(page, comment: dict):
    r = row(page, comment)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    return r


def local_hhmm(due_utc: datetime) -> str:
    return due_utc.astimezone(ZoneInfo(BROWSER_TZ)).strftime("%H:%M")


def expected_when(page, iso: str) -> str:
    """What Intl.DateTimeFormat makes of the instant in the browser's zone (computed in the page's main world)."""
    return page.evaluate("""([iso, tz]) => {
      const d = new Date(iso);
      const o = { month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: tz };
      if (d.getFullYear() !== new Date().getFullYear()) o.year = "numeric";
      return new Intl.DateTimeFormat(navigator.language, o).format(d);
    }""", [iso, BROWSER_TZ])


def test_reply_deadline_in_local_time_after_capture_and_after_reload(context, page, own_companion, seller_pages, service_worker):
    companion = own_companion
    pair(context, service_worker.url.split("/")[2], companion.url, companion.token)
    now = time.time()
    route_recent_reviews(context, now)
    open_reviews(page)

    # Right after capture: local date and time, hours left.
    r = capture(page, BROKEN)
    deadline = r.get_by_test_id("rc-deadline")
    expect(deadline).to_have_attribute("data-state", "due")
    due_iso = deadline.get_attribute("data-due")
    due = datetime.fromisoformat(due_iso.replace("Z", "+00:00"))
    posted = datetime.fromtimestamp(int(now - BROKEN_AGE.total_seconds()), timezone.utc)
    assert due == posted + timedelta(hours=24)  # 24 h after the review as 抖店 shows it (Beijing time)
    when = expected_when(page, due_iso)
    expect(deadline).to_have_text(f"Reply due {when} · 20 h left")
    assert local_hhmm(due) in when and due.strftime("%H:%M") not in when  # local, not UTC
    assert due.astimezone(timezone(timedelta(hours=8))).strftime("%H:%M") not in when  # nor Beijing time

    # Captured after its deadline: overdue, and by how much.
    late = capture(page, LATE)
    expect(late.get_by_test_id("rc-deadline")).to_have_attribute("data-state", "overdue")
    late_when = expected_when(page, late.get_by_test_id("rc-deadline").get_attribute("data-due"))
    expect(late.get_by_test_id("rc-deadline")).to_have_text(f"Reply was due {late_when} · Overdue by 3 h")
    late_case = int(late.get_by_test_id("rc-case").get_attribute("data-case-id"))
    assert companion.request(f"/api/v1/cases/{late_case}")["case"]["reply_state"] == "overdue"

    # After a reload: the same local deadline on the one-line summary, never a date cut from a UTC string.
    page.reload()
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()
    known = row(page, BROKEN).get_by_test_id("rc-known")
    expect(known).to_have_text(re.compile(rf" · reply due {re.escape(when)} · 20 h left$"))
    expect(known).to_have_attribute("data-reply-state", "due")
    late_known = row(page, LATE).get_by_test_id("rc-known")
    expect(late_known).to_have_text(re.compile(rf" · reply due {re.escape(late_when)} · Overdue by 3 h$"))
    expect(late_known).to_have_attribute("data-reply-state", "overdue")
    # Show case: the full panel with the deadline again.
    row(page, BROKEN).get_by_test_id("rc-show-case").click()
    expect(row(page, BROKEN).get_by_test_id("rc-deadline")).to_have_text(f"Reply due {when} · 20 h left")


def test_edit_lint_copy_then_mark_replied(context, page, own_companion, seller_pages, service_worker):
    companion = own_companion
    pair(context, service_worker.url.split("/")[2], companion.url, companion.token)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=FXG)
    route_recent_reviews(context, time.time())
    open_reviews(page)
    r = capture(page, BROKEN)
    case_id = int(r.get_by_test_id("rc-case").get_attribute("data-case-id"))
    draft = r.get_by_test_id("rc-draft-public_reply")
    box = r.get_by_test_id("rc-draft-text-public_reply")
    lint = r.get_by_test_id("rc-lint-public_reply")
    proposed = box.input_value()
    assert proposed
    expect(draft).to_have_attribute("data-edited", "0")
    expect(r.get_by_test_id("rc-reset-public_reply")).to_be_hidden()

    # An edit that breaks the rules: the companion's lint says so, on the edited text.
    box.fill("亲，给您补偿一张优惠券，麻烦把差评改成好评哦")
    expect(draft).to_have_attribute("data-edited", "1")
    expect(lint.locator('[data-code="benefit_with_review_request"]')).to_have_attribute("data-severity", "error")

    # Undo edits brings the draft and its own lint back.
    r.get_by_test_id("rc-reset-public_reply").click()
    expect(box).to_have_value(proposed)
    expect(draft).to_have_attribute("data-edited", "0")
    expect(lint.locator('[data-code="benefit_with_review_request"]')).to_have_count(0)

    # The seller's own wording: no errors; Copy copies exactly that and records it on the timeline.
    mine = "抱歉让您收到破损的杯子，我们已私信您安排换新，请留意消息。"
    box.fill(mine)
    expect(r.get_by_test_id("rc-lint-status-public_reply")).to_be_hidden()
    expect(lint.locator('[data-severity="error"]')).to_have_count(0)
    expect(lint.locator('[data-code="benefit_with_review_request"]')).to_have_count(0)
    r.get_by_test_id("rc-copy-public_reply").click()
    expect(r.get_by_test_id("rc-copy-public_reply")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == mine
    expect(r.get_by_test_id("rc-copy-note-public_reply")).to_have_text("Recorded on the case timeline")
    events = companion.request(f"/api/v1/cases/{case_id}")["events"]
    assert [(e["kind"], e["draft_kind"], e["edited"]) for e in events] == [("draft_copied", "public_reply", True)]
    assert events[0]["text_sha256"] == hashlib.sha256(mine.encode("utf-8")).hexdigest() and events[0]["text"] == mine

    # One click: replied publicly. The status and the deadline follow; the edit survives the re-render.
    expect(r.get_by_test_id("rc-mark-replied")).to_have_attribute("aria-pressed", "false")
    r.get_by_test_id("rc-mark-replied").click()
    expect(r.get_by_test_id("rc-case-status")).to_have_attribute("data-status", "replied")
    expect(r.get_by_test_id("rc-mark-replied")).to_have_attribute("aria-pressed", "true")
    expect(r.get_by_test_id("rc-mark-replied")).to_be_disabled()
    expect(r.get_by_test_id("rc-deadline")).to_have_attribute("data-state", "done")
    expect(r.get_by_test_id("rc-deadline")).to_have_text(re.compile(r"^Public reply done \(due .+\)$"))
    expect(box).to_have_value(mine)
    # Then messaged, then resolved: the separate review-update ask appears only now.
    expect(r.get_by_test_id("rc-draft-review_update_request")).to_have_count(0)
    r.get_by_test_id("rc-mark-contacted").click()
    expect(r.get_by_test_id("rc-case-status")).to_have_attribute("data-status", "contacted")
    r.get_by_test_id("rc-mark-resolved").click()
    expect(r.get_by_test_id("rc-case-status")).to_have_attribute("data-status", "resolved")
    expect(r.get_by_test_id("rc-draft-review_update_request")).to_have_count(1)
    case = companion.request(f"/api/v1/cases/{case_id}")
    assert case["case"]["status"] == "resolved"
    assert [(e["kind"], e["status"]) for e in case["events"]] == [
        ("draft_copied", None), ("status_changed", "replied"), ("status_changed", "contacted"), ("status_changed", "resolved")]
    # Resolved is finished: the steps give way to Reopen (the companion refuses them until then); Reopen brings them back.
    expect(r.get_by_test_id("rc-mark-replied")).to_have_count(0)
    expect(r.get_by_test_id("rc-mark-open")).to_have_text("Reopen")
    r.get_by_test_id("rc-mark-open").click()
    expect(r.get_by_test_id("rc-case-status")).to_have_attribute("data-status", "open")
    expect(r.get_by_test_id("rc-mark-replied")).to_be_enabled()
    assert companion.request(f"/api/v1/cases/{case_id}")["case"]["status"] == "open"


@pytest.mark.parametrize("context", [("zh-CN", "Asia/Shanghai")], indirect=True)
def test_panel_screenshot_zh_cn(context, page, own_companion, seller_pages, service_worker):
    """The panel as a 客服主管 in China sees it (1366×768, zh-CN, Beijing time); RC_PANEL_SHOT=path.png saves it."""
    companion = own_companion
    pair(context, service_worker.url.split("/")[2], companion.url, companion.token)  # the options page, in Chinese
    route_recent_reviews(context, time.time())
    open_reviews(page)
    r = row(page, BROKEN)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-deadline")).to_have_text(re.compile(r"^回复截止 .+ · 还剩 20 小时$"), timeout=CAPTURE_TIMEOUT)
    expect(r.get_by_test_id("rc-mark-replied")).to_have_text("已公开回复")
    r.get_by_test_id("rc-deadline").scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    out = os.environ.get("RC_PANEL_SHOT")
    if out:
        page.screenshot(path=out)
        r.locator("rc-panel").screenshot(path=out.replace(".png", "-panel.png"))
