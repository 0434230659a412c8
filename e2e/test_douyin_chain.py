"""The whole Douyin evidence chain: review → order detail → logistics → 飞鸽 → after-sales, all in ONE case.

Every page is served by Playwright routing on the real hosts (fxg.jinritemai.com, im.jinritemai.com),
the extension is the real unpacked one, the companion the real subprocess.
"""

from __future__ import annotations

import hashlib
import re

from playwright.sync_api import expect

from demo_seller_centers import douyin as douyin_mock
from demo_seller_centers import douyin_context

from rc_e2e import capture_posts, posted_captures

CAPTURE_TIMEOUT = 15000
FXG = "https://fxg.jinritemai.com"
IM = "https://im.jinritemai.com"
COMMENTS = douyin_mock.load_data()["comments"]
CTX = douyin_context.load_data()


def comment_for(order_id: str) -> dict:
    return next(c for c in COMMENTS if c["order_id"] == order_id)


def review_row(page, comment: dict):
    return page.locator(f'tr.auxo-table-row[data-row-key="{comment["id"]}"]')


def open_reviews(page, url: str) -> None:
    page.goto(url)
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()


def context_panel(page):
    return page.locator("rc-panel[data-floating]")


def capture_context(page, url: str, kind: str, order_id: str) -> int:
    """Open a context page, wait for its panel to name the order, Capture; returns the case id shown."""
    page.goto(url)
    panel = context_panel(page)
    expect(panel).to_have_count(1)
    expect(panel).to_have_attribute("data-page-kind", kind)
    expect(panel.get_by_test_id("rc-preview")).to_have_text(f"Capture this page as evidence (order {order_id})")
    panel.get_by_test_id("rc-capture").click()
    case = panel.get_by_test_id("rc-case")
    expect(case).to_have_text(re.compile(r"^Linked to case #\d+ · \d+ evidence files$"), timeout=CAPTURE_TIMEOUT)
    return int(case.get_attribute("data-case-id"))


def test_review_then_every_context_page_make_one_case(context, page, paired, seller_pages, service_worker):
    companion = paired
    order_id = "4937201865043414729"  # broken item, 飞鸽 chat, return-refund after-sales
    aftersale_id = next(a["aftersale_id"] for a in CTX["aftersales"] if a["order_id"] == order_id)
    c = comment_for(order_id)
    capture_posts(service_worker)

    open_reviews(page, seller_pages["douyin"])
    r = review_row(page, c)
    toggle = r.locator(".auxo-typography-expand")
    expect(toggle).to_have_text("展开")
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    expect(toggle).to_have_text("展开")  # expanded for the capture, clamped again after
    case_id = int(r.get_by_test_id("rc-case").get_attribute("data-case-id"))

    # The richer panel: advice, checklist with ✗ + Open links for missing context pages, lint.
    expect(r.get_by_test_id("rc-advice-verdict")).to_have_text(re.compile(r"^(Worth appealing|Not worth appealing now)$"))
    expect(r.get_by_test_id("rc-advice-why")).not_to_be_empty()
    checklist = r.get_by_test_id("rc-checklist")
    expect(checklist.get_by_test_id("rc-check-review_screenshot")).to_have_attribute("data-have", "1")
    expect(checklist.get_by_test_id("rc-check-order")).to_have_attribute("data-have", "0")
    open_order = checklist.get_by_test_id("rc-open-order")
    expect(open_order).to_have_attribute("href", f"{FXG}/ffa/morder/order/detail?id={order_id}")
    expect(open_order).to_have_attribute("target", "_blank")
    for kind in ("public_reply", "private_message"):
        expect(r.get_by_test_id(f"rc-lint-{kind}")).to_be_visible()
    linkable = [i for i in ("order", "chat", "logistics", "after_sales")
                if checklist.get_by_test_id(f"rc-check-{i}").count()]
    assert "order" in linkable and len(linkable) >= 2, linkable

    # The lazy thumbnails' real URLs (data-src) were recorded, not the placeholder.
    review_post = posted_captures(service_worker)[0]
    assert review_post["review"]["text"] == c["content"]
    assert review_post["review"]["images"] and all("/_mock/img/" in u for u in review_post["review"]["images"])

    # The seller follows the checklist's "Open" link: a new tab with the order detail.
    with context.expect_page() as new_tab:
        open_order.click()
    tab = new_tab.value
    tab.wait_for_load_state()
    assert capture_context(tab, tab.url, "order", order_id) == case_id
    expect(context_panel(tab).get_by_test_id("rc-checklist").get_by_test_id("rc-check-order")).to_have_attribute("data-have", "1")
    expect(tab.locator(".auxo-drawer")).to_have_count(0)  # the logistics drawer was opened for the capture only

    pages = [
        (f"{FXG}/ffa/morder/logistics/detail?order_id={order_id}", "logistics"),
        (f"{IM}/pc_seller_v2/main/workspace?order_id={order_id}", "chat"),
        (f"{FXG}/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id={aftersale_id}", "after_sales"),
    ]
    for url, kind in pages:
        assert capture_context(tab, url, kind, order_id) == case_id

    # The review tab's panel updated by itself (case.updated broadcast): captured items are ✓.
    page.bring_to_front()
    for item in linkable:
        expect(checklist.get_by_test_id(f"rc-check-{item}")).to_have_attribute("data-have", "1")
        expect(checklist.get_by_test_id(f"rc-open-{item}")).to_have_count(0)

    # One case holds every capture, the files byte for byte, and the merged order facts.
    case = companion.request(f"/api/v1/cases/{case_id}")
    assert sorted(x["page_kind"] for x in case["captures"]) == ["after_sales", "chat", "logistics", "order", "review"]
    posts = posted_captures(service_worker)
    assert [p["page_kind"] for p in posts] == ["review", "order", "logistics", "chat", "after_sales"]
    assert all(p["shop"] == {"id": "218734455", "name": "鲸选好物旗舰店"} for p in posts)
    sent = {e["sha256"] for p in posts for e in p["evidence"]}
    assert len(case["evidence"]) == 10
    for item in case["evidence"]:
        data = companion.request(f"/api/v1/evidence/{item['id']}/file", raw=True)
        assert hashlib.sha256(data).hexdigest() == item["sha256"]
        assert item["sha256"] in sent
    order = CTX["orders"][order_id]
    facts = case["order"]
    assert facts["order_id"] == order_id
    for key in ("order_time", "pay_time", "ship_time", "sign_time"):
        assert facts[key] == order[key], key
    assert facts["tracking_no"] == order["logistics"]["tracking_no"] and facts["carrier"] == order["logistics"]["company"]

    by_kind = {p["page_kind"]: p for p in posts}
    assert len(by_kind["order"]["record"]["tracking_events"]) == len(order["logistics"]["events"])  # the drawer's full trace
    assert len(by_kind["logistics"]["record"]["tracking_events"]) == len(order["logistics"]["events"])
    chat = CTX["chats"][order_id]
    assert [(m["time"], m["sender"], m["text"]) for m in by_kind["chat"]["record"]["messages"]] == \
        [(m["time"], m["sender"], m["text"]) for m in chat["messages"]]
    assert by_kind["chat"]["record"]["buyer_nick"] == c["user_name"]
    rec = by_kind["after_sales"]["record"]
    assert rec["aftersale_id"] == aftersale_id and rec["aftersale_type"] and rec["aftersale_status"]
    assert len(rec["timeline"]) == len(next(a for a in CTX["aftersales"] if a["aftersale_id"] == aftersale_id)["timeline"])
    # The README's picture of the panel is taken in a Chinese browser by e2e/test_verdicts_on_mocks.py.


def test_context_page_first_then_review_same_case_and_correction(context, page, paired, seller_pages):
    companion = paired
    order_id = "4937201865043624187"  # "rude service" review; the 飞鸽 chat shows polite answers
    c = comment_for(order_id)

    # 飞鸽 first: no review yet, so the panel says the checklist comes with the review.
    case_id = capture_context(page, f"{IM}/pc_seller_v2/main/workspace?order_id={order_id}", "chat", order_id)
    expect(context_panel(page).get_by_test_id("rc-checklist-pending")).to_be_visible()

    # Picking another conversation is an SPA navigation: the panel follows the new order.
    other = next(k for k in CTX["chats"] if k != order_id)
    page.locator(f'[data-kora="会话"][data-order-id="{other}"]').click()
    expect(context_panel(page).get_by_test_id("rc-preview")).to_have_text(f"Capture this page as evidence (order {other})")
    expect(context_panel(page)).to_have_count(1)

    open_reviews(page, seller_pages["douyin"])
    r = review_row(page, c)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    assert int(r.get_by_test_id("rc-case").get_attribute("data-case-id")) == case_id
    expect(r.get_by_test_id("rc-checklist").get_by_test_id("rc-check-chat")).to_have_attribute("data-have", "1")
    case = companion.request(f"/api/v1/cases/{case_id}")
    assert [x["page_kind"] for x in case["captures"]] == ["chat", "review"]

    # "Wrong type?": the seller corrects the type; the panel and the case follow.
    before = r.get_by_test_id("rc-type").get_attribute("data-type")
    target = "logistics" if before != "logistics" else "price"
    r.get_by_test_id("rc-correct").select_option(target)
    expect(r.get_by_test_id("rc-type")).to_have_attribute("data-type", target)
    expect(r.get_by_test_id("rc-corrected")).to_be_visible()
    assert companion.request(f"/api/v1/cases/{case_id}")["case"]["primary"] == target


def test_context_layout_change_is_not_recognised(context, page, paired, seller_pages, service_worker):
    capture_posts(service_worker)
    order_id = "4937201865043938374"
    page.goto(f"{FXG}/ffa/morder/order/detail?id={order_id}")
    panel = context_panel(page)
    expect(panel.get_by_test_id("rc-preview")).to_have_text(f"Capture this page as evidence (order {order_id})")
    page.evaluate("() => document.querySelector('[data-kora_order_status]').removeAttribute('data-kora_order_status')")
    panel.get_by_test_id("rc-capture").click()
    expect(panel.get_by_test_id("rc-status")).to_have_text(
        "Layout not recognised (missing: data-kora_order_status) — nothing captured")
    expect(panel.get_by_test_id("rc-capture")).to_be_disabled()
    assert posted_captures(service_worker) == []


def test_context_capture_queued_while_companion_down_arrives_once(context, page, extension_id, own_companion, seller_pages,
                                                                   service_worker):
    """A context page captured while the companion is down waits in the queue like a review does."""
    from rc_e2e import pair

    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    order_id = "4937201865043414729"
    companion.stop()
    page.goto(f"{FXG}/ffa/morder/logistics/detail?order_id={order_id}")
    panel = context_panel(page)
    expect(panel.get_by_test_id("rc-preview")).to_have_text(f"Capture this page as evidence (order {order_id})")
    panel.get_by_test_id("rc-capture").click()
    expect(panel.get_by_test_id("rc-status")).to_have_text(
        re.compile(r"^Companion not running — capture queued \(1 waiting\)"), timeout=CAPTURE_TIMEOUT)

    companion.start()
    panel.get_by_test_id("rc-retry").click()
    expect(panel.get_by_test_id("rc-case")).to_have_text(re.compile(r"^Linked to case #\d+"), timeout=CAPTURE_TIMEOUT)
    cases = companion.cases()
    assert cases["total"] == 1 and cases["cases"][0]["order_id"] == order_id
    case = companion.request(f"/api/v1/cases/{cases['cases'][0]['id']}")
    assert [c["page_kind"] for c in case["captures"]] == ["logistics"]
    assert case["order"].get("tracking_events"), "the logistics record arrived with the capture"
    # A later flush (alarm, start-up) delivers nothing more: exactly once.
    assert service_worker.evaluate("() => rcFlushQueue()") == {"delivered": [], "failed": [], "remaining": 0}
    again = companion.request(f"/api/v1/cases/{cases['cases'][0]['id']}")
    assert len(again["captures"]) == 1
