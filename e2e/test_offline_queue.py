"""The offline queue delivers every capture on its own: a poison capture never blocks the rest (issue 12 item 1).

A review row whose time reads `9999-12-31 23:00:00` used to get a 500; the worker retried it forever at the
head of the queue and no later capture was ever delivered. Now the companion refuses it (422) and the queue
parks it with its error (Options: Retry / Discard) while every other capture arrives exactly once.
"""

from __future__ import annotations

import json
import re
import urllib.parse

from playwright.sync_api import expect

from demo_seller_centers import douyin as douyin_mock
from rc_e2e import FXG, pair

CAPTURE_TIMEOUT = 15000
# 9999-12-31 23:00:00 as the mock shows it (Beijing time, UTC+8).
POISON_TIME = 253402268400


def route_poison_list(context, poison_id: str) -> None:
    """The Douyin list API, 50 a page, with one review's time set to 9999-12-31 23:00:00 (registered after route_douyin: wins)."""

    def handle(route):
        args = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(route.request.url).query))
        body = douyin_mock.comment_list({**args, "pageSize": "50"})  # as if the seller chose 50 a page: every review
        body["data"] = [{**c, "comment_time": POISON_TIME} if c["id"] == poison_id else c for c in body.get("data", [])]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body, ensure_ascii=False))

    context.route(f"{FXG}/{douyin_mock.LIST_PATH}*", handle)


def rows(page):
    return page.locator("tr.auxo-table-row")


def queue_status(service_worker) -> dict:
    return service_worker.evaluate("() => rcQueueStatus()")


def test_poison_capture_is_parked_and_every_other_capture_arrives_once(context, page, extension_id, own_companion,
                                                                        seller_pages, service_worker):
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    comments = douyin_mock.comment_list({"pageSize": "50"})["data"]
    assert len(comments) >= 25, "the poison capture first, then every other review of the mock (issue 12: 30 later captures)"
    poison = comments[0]
    route_poison_list(context, poison["id"])
    page.goto(seller_pages["douyin"])
    expect(page.locator("tr.auxo-table-row rc-panel")).to_have_count(len(comments))
    poison_row = page.locator(f'tr.auxo-table-row[data-row-key="{poison["id"]}"]')
    expect(poison_row).to_contain_text("9999-12-31 23:00:00")

    # The companion is down: the poison capture first, then every other review of the mock.
    companion.stop()
    for n, c in enumerate(comments, start=1):
        r = page.locator(f'tr.auxo-table-row[data-row-key="{c["id"]}"]')
        r.get_by_test_id("rc-capture").click()
        expect(r.get_by_test_id("rc-status")).to_have_text(
            re.compile(rf"^Companion not running — capture queued \({n} waiting\)"), timeout=CAPTURE_TIMEOUT)

    # The queue index is small; each capture's body (screenshot, MHTML) sits under its own key.
    stored = service_worker.evaluate("() => chrome.storage.local.get(null)")
    index = stored["rc-queue"]
    assert {i["capture_id"] for i in index} == {k.removeprefix("rc-capture:") for k in stored if k.startswith("rc-capture:")}
    assert len(index) == len(comments)
    assert all("capture" not in i for i in index)
    assert len(json.dumps(index)) < 600 * len(comments), "the hot list must not carry evidence"
    assert min(i["bytes"] for i in index) > 10_000
    status = queue_status(service_worker)
    assert status["length"] == len(comments) and status["failed"] == 0 and status["bytes"] >= sum(i["bytes"] for i in index)

    # Back up: one Retry now delivers every good capture; the poison one is parked with its error.
    companion.start()
    last = page.locator(f'tr.auxo-table-row[data-row-key="{comments[-1]["id"]}"]')
    last.get_by_test_id("rc-retry").click()
    for c in comments[1:]:
        r = page.locator(f'tr.auxo-table-row[data-row-key="{c["id"]}"]')
        expect(r.get_by_test_id("rc-status")).to_have_text("Queued capture delivered", timeout=CAPTURE_TIMEOUT)
    expect(poison_row.get_by_test_id("rc-status")).to_have_text(
        re.compile(r"^The companion refused this capture: review\.review_time: .*out of range.*retry or discard it in Options"))

    cases = companion.cases()
    assert sorted(c["order_id"] for c in cases["cases"]) == sorted(c["order_id"] for c in comments[1:])
    for case in cases["cases"]:
        assert len(companion.request(f"/api/v1/cases/{case['id']}")["captures"]) == 1, "exactly once"

    status = queue_status(service_worker)
    assert status["length"] == 0 and status["failed"] == 1
    parked = status["parked"][0]
    assert parked["status"] == 422 and parked["reason"] == "refused" and parked["kept"]
    assert parked["error"]["field"] == "review.review_time"

    # Later flushes (alarm, start-up) deliver nothing more and leave the parked capture alone.
    assert service_worker.evaluate("() => rcFlushQueue({force: true})") == {"delivered": [], "failed": [], "remaining": 0}
    assert companion.cases()["total"] == len(comments) - 1

    # Options shows the queue and the parked capture with its error; Discard deletes it, body and all.
    opts = context.new_page()
    opts.goto(f"chrome-extension://{extension_id}/options/options.html")
    expect(opts.get_by_test_id("rc-opt-queue")).to_have_text(re.compile(r"^Queue: 0 waiting, 1 parked \(\d+\.\d of 256\.0 MB\)$"))
    item = opts.get_by_test_id("rc-opt-parked-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("review.review_time")
    expect(item).to_contain_text(poison["order_id"])
    item.get_by_test_id("rc-opt-parked-discard").click()
    expect(opts.get_by_test_id("rc-opt-parked-item")).to_have_count(0)
    expect(opts.get_by_test_id("rc-opt-queue")).to_have_text(re.compile(r"^Queue: 0 waiting, 0 parked \(0\.0 of"))
    assert not [k for k in service_worker.evaluate("() => chrome.storage.local.get(null)") if k.startswith("rc-capture:")]


FAIL_ONE = """(reviewId) => {
  // The companion answers 500 for this one review (a bug we have not met yet), everything else goes through.
  self.__rcRealFetch = self.__rcRealFetch || self.fetch.bind(self);
  self.fetch = async (url, opts) => {
    if (opts && opts.method === 'POST' && String(url).endsWith('/api/v1/captures') && reviewId
        && JSON.parse(opts.body).review.review_id === reviewId) {
      return new Response(JSON.stringify({ok: false, error: {code: 'internal_error', message: 'boom', field: null}}),
                          {status: 500, headers: {'Content-Type': 'application/json'}});
    }
    return self.__rcRealFetch(url, opts);
  };
}"""


def test_capture_failing_with_5xx_backs_off_is_parked_after_n_attempts_and_can_be_retried(
        context, page, extension_id, own_companion, seller_pages, service_worker):
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    page.goto(seller_pages["douyin"])
    comments = douyin_mock.comment_list({})["data"][:3]
    expect(page.locator("tr.auxo-table-row rc-panel")).to_have_count(10)
    bad, *good = comments
    # Long backoff: only forced flushes retry it during the test (the 30 s alarm and contacts skip it).
    service_worker.evaluate("() => { rcQueueLimits.maxAttempts = 3; rcQueueLimits.backoffMs = 600000; }")
    service_worker.evaluate(FAIL_ONE, bad["id"])

    bad_row = page.locator(f'tr.auxo-table-row[data-row-key="{bad["id"]}"]')
    bad_row.get_by_test_id("rc-capture").click()
    # Not "not running": the companion answered, with an error.
    expect(bad_row.get_by_test_id("rc-status")).to_have_text(
        re.compile(r"^The companion answered with an error — capture queued, retried on its own \(1 waiting\)"), timeout=CAPTURE_TIMEOUT)
    waiting = queue_status(service_worker)["waiting"][0]
    assert waiting["attempts"] == 1 and waiting["last_status"] == 500 and waiting["next_at"]

    # It backs off: an ordinary flush (alarm, start-up) skips it; later captures are delivered meanwhile.
    assert service_worker.evaluate("() => rcFlushQueue()") == {"delivered": [], "failed": [], "remaining": 1}
    for c in good:
        r = page.locator(f'tr.auxo-table-row[data-row-key="{c["id"]}"]')
        r.get_by_test_id("rc-capture").click()
        expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    assert companion.cases()["total"] == 2
    assert queue_status(service_worker)["waiting"][0]["attempts"] == 1

    # Forced flushes (Retry now, Options): attempt 2 backs off again, attempt 3 parks it and the panel says so.
    capture_id = queue_status(service_worker)["waiting"][0]["capture_id"]
    assert service_worker.evaluate("() => rcFlushQueue({force: true})") == {"delivered": [], "failed": [], "remaining": 1}
    assert service_worker.evaluate("() => rcFlushQueue({force: true})") == {"delivered": [], "failed": [capture_id], "remaining": 0}
    expect(bad_row.get_by_test_id("rc-status")).to_have_text(
        re.compile(r"^The companion kept failing on this capture: boom \(parked"), timeout=CAPTURE_TIMEOUT)
    parked = queue_status(service_worker)["parked"]
    assert len(parked) == 1 and parked[0]["reason"] == "attempts" and parked[0]["attempts"] == 3 and parked[0]["status"] == 500

    # The bug is fixed: Retry in Options delivers it, once.
    service_worker.evaluate(FAIL_ONE, None)
    opts = context.new_page()
    opts.goto(f"chrome-extension://{extension_id}/options/options.html")
    opts.get_by_test_id("rc-opt-parked-item").get_by_test_id("rc-opt-parked-retry").click()
    expect(opts.get_by_test_id("rc-opt-parked-item")).to_have_count(0)
    expect(bad_row.get_by_test_id("rc-status")).to_have_text("Queued capture delivered", timeout=CAPTURE_TIMEOUT)
    assert companion.cases()["total"] == 3
    assert queue_status(service_worker)["length"] == 0


def test_full_queue_refuses_a_new_capture_and_says_so(context, page, extension_id, own_companion, seller_pages, service_worker):
    """The queue is bounded by bytes: past the bound a capture is refused plainly, nothing half-stored."""
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    page.goto(seller_pages["douyin"])
    expect(page.locator("tr.auxo-table-row rc-panel")).to_have_count(10)
    first, second = douyin_mock.comment_list({})["data"][:2]
    companion.stop()
    r1 = page.locator(f'tr.auxo-table-row[data-row-key="{first["id"]}"]')
    r1.get_by_test_id("rc-capture").click()
    expect(r1.get_by_test_id("rc-status")).to_have_text(re.compile(r"^Companion not running — capture queued \(1 waiting\)"),
                                                        timeout=CAPTURE_TIMEOUT)
    used = queue_status(service_worker)["bytes"]
    service_worker.evaluate("(n) => { rcQueueLimits.maxBytes = n; }", used + 1000)
    r2 = page.locator(f'tr.auxo-table-row[data-row-key="{second["id"]}"]')
    r2.get_by_test_id("rc-capture").click()
    expect(r2.get_by_test_id("rc-status")).to_have_text(
        re.compile(r"^Capture failed: The offline queue is full \(1 waiting, 0 parked, .* MB of .* MB\)"), timeout=CAPTURE_TIMEOUT)
    stored = service_worker.evaluate("() => chrome.storage.local.get(null)")
    assert len(stored["rc-queue"]) == 1 and len([k for k in stored if k.startswith("rc-capture:")]) == 1

    companion.start()
    assert service_worker.evaluate("() => rcFlushQueue({force: true})")["remaining"] == 0
    assert companion.cases()["total"] == 1


def old_capture(capture_id: str, review_id: str, review_time: str = "2026-11-23 20:15:00") -> dict:
    return {"schema_version": 1, "capture_id": capture_id, "platform": "douyin", "page_kind": "review",
            "page_url": "https://fxg.jinritemai.com/ffa/maftersale/comment", "captured_at": "2026-11-24T02:00:00.000Z",
            "review": {"review_id": review_id, "order_id": "49" + review_id, "text": "物流太慢了", "rating": 1,
                       "review_time": review_time},
            "evidence": []}


def test_queue_of_an_earlier_version_is_moved_and_delivered(context, extension_id, own_companion, service_worker):
    """Earlier versions kept whole captures in rc-queue / rc-failed: they move to one key each and still arrive."""
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    service_worker.evaluate("""([waiting, refused]) => chrome.storage.local.set({
      'rc-queue': [{capture: waiting, tabId: null, queued_at: '2026-11-24T02:00:01.000Z', attempts: 3, last_error: {code: 'x'}}],
      'rc-failed': [{capture: refused, status: 422, error: {code: 'validation_error', message: 'old refusal'},
                     failed_at: '2026-11-24T02:00:02.000Z'}],
    })""", [old_capture("old-waiting-0001", "7300000000000000001"), old_capture("old-refused-0001", "7300000000000000002")])

    # Forced: it waits for a run that pairing may have started (which would return that run's result) and
    # runs after it, so when it returns the old capture has arrived, whichever run delivered it.
    result = service_worker.evaluate("() => rcFlushQueue({force: true})")
    assert result["failed"] == [] and result["remaining"] == 0, result
    assert companion.request("/api/v1/captures/old-waiting-0001")["case_id"]
    stored = service_worker.evaluate("() => chrome.storage.local.get(null)")
    assert stored["rc-queue"] == []
    assert [k for k in stored if k.startswith("rc-capture:")] == ["rc-capture:old-refused-0001"]
    parked = queue_status(service_worker)["parked"]
    assert [(p["capture_id"], p["reason"], p["kept"], p["error"]["message"]) for p in parked] == [
        ("old-refused-0001", "refused", True, "old refusal")]
    # Its refusal was about an old companion: Retry now delivers it.
    opts = context.new_page()
    opts.goto(f"chrome-extension://{extension_id}/options/options.html")
    opts.get_by_test_id("rc-opt-parked-item").get_by_test_id("rc-opt-parked-retry").click()
    expect(opts.get_by_test_id("rc-opt-parked-item")).to_have_count(0)
    expect(opts.get_by_test_id("rc-opt-queue")).to_have_text(re.compile(r"^Queue: 0 waiting, 0 parked"))
    assert companion.request("/api/v1/captures/old-refused-0001")["case_id"]
