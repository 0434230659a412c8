"""TikTok Shop Seller Center → Capture → real companion → panel, with the real extension.

The mock (`demo_seller_centers.tiktok`) is routed onto the real hosts (seller-us.tiktok.com,
seller-th.tiktok.com, seller-id.tokopedia.com …) so the manifest's real match patterns fire.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import jsonschema
import pytest
from playwright.sync_api import expect

from demo_seller_centers import tiktok
from companion.models import COMPLAINT_TYPES, Capture

from rc_e2e import ROOT, capture_posts, posted_captures

DATA = tiktok.load_data()
SHOP = {"id": DATA["shop"]["id"], "name": DATA["shop"]["name"]}
US = "https://seller-us.tiktok.com"
RATINGS = f"{US}/product/rating?shop_region=US&delay=0"
TIKTOK_HOSTS = re.compile(r"^https://(seller-[a-z]+\.(tiktok|tokopedia)\.com|seller(\.[a-z]+)?\.tiktokglobalshop\.com)/")
CAPTURE_TIMEOUT = 15000
NEVER_RECEIVED = "576050632209646377"  # "never received" — delivered and signed for
BROKEN = "578896996161258912"  # broken on arrival, return refunded, chat with the seller
CARD = "[class*=ratingListItem]"


def serve(route):
    req = route.request
    status, ctype, body = tiktok.route_handler(req.url, req.method, req.post_data_buffer)
    route.fulfill(status=status, content_type=ctype, body=body)


@pytest.fixture()
def tiktok_pages(context):
    context.route(TIKTOK_HOSTS, serve)
    return context


def capture_schema() -> dict:
    path = ROOT / "shared-schemas" / "capture.schema.json"
    return json.loads(path.read_text()) if path.exists() else Capture.model_json_schema()


def card(page, order_id: str):
    return page.locator(CARD, has_text=order_id)


def open_ratings(page, url: str) -> None:
    page.goto(url)
    page.locator(f"{CARD} rc-panel").first.wait_for()


def search_order(page, order_id: str) -> None:
    """The page's own search: the list re-renders with one card (node replaced)."""
    page.locator("[data-tid=m4b_rating_search_input]").fill(order_id)
    page.locator("[data-tid=m4b_rating_search_btn]").click()
    expect(page.locator(CARD)).to_have_count(1)
    expect(card(page, order_id).locator("rc-panel")).to_have_count(1)


def capture_card(page, order_id: str):
    c = card(page, order_id)
    c.get_by_test_id("rc-capture").click()
    expect(c.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    return c


def cases_of(companion, order_id: str) -> list[dict]:
    """The companion's TikTok cases of one order (the session companion is shared by tests)."""
    return [c for c in companion.cases(platform="tiktok")["cases"] if c["order_id"] == order_id]


def check_payload(payload: dict) -> None:
    jsonschema.validate(payload, capture_schema())
    assert payload["platform"] == "tiktok"
    for e in payload["evidence"]:
        assert hashlib.sha256(base64.b64decode(e["data_base64"])).hexdigest() == e["sha256"]
    assert {e["kind"] for e in payload["evidence"]} == {"screenshot", "mhtml"}


def test_capture_same_card_on_both_builds_is_one_review(context, page, paired, tiktok_pages, service_worker):
    companion = paired
    capture_posts(service_worker)
    rating = next(r for r in DATA["ratings"] if r["order_id"] == NEVER_RECEIVED)
    # The session companion is shared: another test may already have captured this card once.
    before = cases_of(companion, NEVER_RECEIVED)
    earlier = companion.request(f"/api/v1/cases/{before[0]['id']}")["review"]["capture_count"] if before else 0

    open_ratings(page, f"{RATINGS}&build=a&notice=1")
    # The "Got it" notice was dismissed safely, so the cards are clickable.
    expect(page.locator(".core-modal-root")).to_have_count(0)
    expect(page.locator(f"{CARD} rc-panel")).to_have_count(10)
    c = card(page, NEVER_RECEIVED)
    expect(c.get_by_test_id("rc-preview")).to_contain_text("Never received my package")
    c = capture_card(page, NEVER_RECEIVED)
    assert c.get_by_test_id("rc-type").get_attribute("data-type") in COMPLAINT_TYPES
    expect(c.get_by_test_id("rc-draft-text-public_reply")).not_to_be_empty()
    case_id = int(c.get_by_test_id("rc-case").get_attribute("data-case-id"))

    # Build b: every class hash and the hash style change; the derived review id does not.
    open_ratings(page, f"{RATINGS}&build=b&nomodal=1")
    assert page.evaluate("window.__MOCK_TIKTOK__.build") == "b"
    c = capture_card(page, NEVER_RECEIVED)
    assert int(c.get_by_test_id("rc-case").get_attribute("data-case-id")) == case_id

    posts = posted_captures(service_worker)
    assert len(posts) == 2
    for payload in posts:
        check_payload(payload)
        review = payload["review"]
        assert payload["page_kind"] == "review" and payload["shop"] == SHOP
        assert review["order_id"] == NEVER_RECEIVED == payload["order"]["order_id"]
        assert review["product_id"] == rating["product_id"] and review["buyer_nick"] == rating["user_name"]
        assert review["rating"] == 1 and review["text"] == rating["text"]
        assert review["review_time"] == "Jan 20, 2026"
        assert re.fullmatch(r"tt-[0-9a-f]{16}", review["review_id"])
    assert posts[0]["review"] == posts[1]["review"]

    case = companion.request(f"/api/v1/cases/{case_id}")
    assert case["case"]["order_id"] == NEVER_RECEIVED and case["case"]["review_id"] == posts[0]["review"]["review_id"]
    assert case["review"]["capture_count"] == earlier + 2 and len(case["captures"]) == earlier + 2
    assert len(cases_of(companion, NEVER_RECEIVED)) == 1
    for item in case["evidence"]:
        data = companion.request(f"/api/v1/evidence/{item['id']}/file", raw=True)
        assert hashlib.sha256(data).hexdigest() == item["sha256"]


def test_review_and_context_pages_make_one_case(context, page, paired, tiktok_pages, service_worker):
    companion = paired
    capture_posts(service_worker)
    open_ratings(page, f"{RATINGS}&nomodal=1")
    search_order(page, BROKEN)
    c = capture_card(page, BROKEN)
    case_id = int(c.get_by_test_id("rc-case").get_attribute("data-case-id"))
    # The checklist opens the real seller-center pages of this order (same host, same region).
    links = c.locator("[data-testid^=rc-open-]")
    expect(links.first).to_be_visible()
    hrefs = {a.get_attribute("data-testid"): a.get_attribute("href") for a in links.all()}
    assert hrefs.get("rc-open-logistics") == f"{US}/order/tracking?order_no={BROKEN}&shop_region=US", hrefs
    assert all(h.startswith(f"{US}/") and f"order_no={BROKEN}&shop_region=US" in h for h in hrefs.values()), hrefs

    ret_id = DATA["orders"][BROKEN]["return_id"]
    pages = {
        "order": (f"{US}/order/detail?order_no={BROKEN}&shop_region=US&delay=0", "[data-tid=m4b_order_id]"),
        "logistics": (f"{US}/order/tracking?order_no={BROKEN}&shop_region=US&delay=0", "[data-tid=m4b_tracking_event]"),
        "chat": (f"{US}/im?order_no={BROKEN}&shop_region=US&delay=0", "[data-tid=m4b_im_message]"),
        "after_sales": (f"{US}/order/return-refund/detail?return_id={ret_id}&shop_region=US&delay=0", "[data-tid=m4b_return_event]"),
    }
    for kind, (url, ready) in pages.items():
        page.goto(url)
        page.locator(ready).first.wait_for()
        panel = page.locator(f"rc-panel[data-page-kind={kind}]")
        expect(panel.get_by_test_id("rc-preview")).to_contain_text(BROKEN)
        panel.get_by_test_id("rc-capture").click()
        expect(panel.get_by_test_id("rc-case")).to_have_attribute("data-case-id", str(case_id), timeout=CAPTURE_TIMEOUT)

    posts = posted_captures(service_worker)
    assert [p["page_kind"] for p in posts] == ["review", "order", "logistics", "chat", "after_sales"]
    for payload in posts:
        check_payload(payload)
        assert payload["order"]["order_id"] == BROKEN and payload["shop"] == SHOP
    for payload in posts[1:]:
        assert payload["region"] == "US" and payload.get("review") is None
    by_kind = {p["page_kind"]: p for p in posts}
    assert by_kind["order"]["order"]["delivery_time"] == "01/08/2026 18:06:45"
    assert by_kind["after_sales"]["record"]["aftersale_id"] == ret_id
    assert by_kind["chat"]["record"]["messages"][2] == {
        "time": "01/08/2026 20:38:45", "sender": "buyer", "text": "hi the glass part is completely broken, box was smashed"}

    case = companion.request(f"/api/v1/cases/{case_id}")
    assert {c["page_kind"] for c in case["captures"]} == {"review", "order", "logistics", "chat", "after_sales"}
    assert len(cases_of(companion, BROKEN)) == 1


def test_regional_host_th(context, page, paired, tiktok_pages, service_worker):
    companion = paired
    capture_posts(service_worker)
    open_ratings(page, "https://seller-th.tiktok.com/product/rating?shop_region=TH&delay=0&nomodal=1")
    c = capture_card(page, NEVER_RECEIVED)
    payload = posted_captures(service_worker)[0]
    check_payload(payload)
    assert payload["review"]["review_time"] == "20 Jan 2026"  # day-month style, as shown
    assert payload["region"] == "TH"  # the region's rules (e.g. may a reply ask to edit the review) apply
    assert payload["page_url"].startswith("https://seller-th.tiktok.com/")
    case_id = c.get_by_test_id("rc-case").get_attribute("data-case-id")

    # A context page on the same regional host carries the region.
    page.goto(f"https://seller-th.tiktok.com/order/tracking?order_no={NEVER_RECEIVED}&shop_region=TH&delay=0")
    page.locator("[data-tid=m4b_tracking_event]").first.wait_for()
    panel = page.locator("rc-panel[data-page-kind=logistics]")
    panel.get_by_test_id("rc-capture").click()
    expect(panel.get_by_test_id("rc-case")).to_have_attribute("data-case-id", case_id, timeout=CAPTURE_TIMEOUT)
    tracking = posted_captures(service_worker)[1]
    assert tracking["region"] == "TH" and tracking["order"]["sign_time"] == "01/16/2026 05:22:08"
    assert len(cases_of(companion, NEVER_RECEIVED)) == 1


def test_captcha_blocks_capture_until_solved(context, page, paired, tiktok_pages, service_worker):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    capture_posts(service_worker)
    open_ratings(page, f"{RATINGS}&nomodal=1&captcha=1")
    expect(page.locator("#captcha_container")).to_have_count(1)  # never clicked away
    c = card(page, NEVER_RECEIVED)
    expect(c.get_by_test_id("rc-status")).to_contain_text("solve it first")
    expect(c.get_by_test_id("rc-status")).not_to_contain_text("not recognised")  # a blocked page, not a layout change
    expect(c.get_by_test_id("rc-capture")).to_be_disabled()
    assert any("captcha — solve it first" in w for w in warnings)
    assert posted_captures(service_worker) == []

    # The seller solves it (drag the slider): the panels come back and capture works.
    handle = page.locator(".secsdk-captcha-drag-icon")
    box = handle.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + 250, box["y"] + 10, steps=5)
    page.mouse.up()
    expect(page.locator("#captcha_container")).to_have_count(0)
    c = card(page, NEVER_RECEIVED)
    expect(c.get_by_test_id("rc-capture")).to_be_enabled()
    capture_card(page, NEVER_RECEIVED)
    assert len(posted_captures(service_worker)) == 1


def test_logged_out_gets_one_notice_and_no_row_panels(context, page, tiktok_pages):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    # The warning follows the marketing page's render: wait for that message, not for a fixed time.
    with page.expect_console_message(lambda m: m.type == "warning" and "not logged in" in m.text):
        page.goto(f"{RATINGS}&logged_out=1")
        page.get_by_text("Join now").wait_for()
        expect(page.locator("html")).to_have_attribute("data-rc-page", "tiktok:review")  # the extension ran here
    assert any("not logged in" in w for w in warnings), warnings
    # No review rows: ONE floating panel says why nothing is captured (e2e/test_blocking_states.py).
    notice = page.locator('rc-panel[data-floating][data-blocked="logged_out"]')
    expect(notice.get_by_test_id("rc-status")).to_contain_text("Not logged in to the seller center")
    expect(notice.get_by_test_id("rc-capture")).to_be_disabled()
    expect(page.locator("rc-panel")).to_have_count(1)


def test_layout_not_recognised_is_said_plainly(context, page, tiktok_pages):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    open_ratings(page, f"{RATINGS}&nomodal=1&build=b")
    # A card whose "Order ID:" label changed: the extension must refuse it.
    page.evaluate("""() => {
      const first = document.querySelector('[class*=ratingListItem]');
      const c = first.cloneNode(true);
      c.querySelectorAll('rc-panel').forEach(p => p.remove());
      c.removeAttribute('data-rc-seen');
      c.setAttribute('id', 'changed-layout');
      for (const el of c.querySelectorAll('*')) if (el.firstChild && el.firstChild.nodeValue === 'Order ID: ') el.firstChild.nodeValue = 'Order number ';
      first.parentElement.appendChild(c);
    }""")
    c = page.locator("#changed-layout")
    expect(c.get_by_test_id("rc-status")).to_have_text("Layout not recognised (missing: Order ID) — nothing captured")
    expect(c.get_by_test_id("rc-capture")).to_be_disabled()
    assert any('missing anchor "Order ID"' in w for w in warnings)


def test_hostile_review_text_renders_as_text(context, page, tiktok_pages):
    open_ratings(page, f"{RATINGS}&nomodal=1")
    c = card(page, "588297700977336424")
    expect(c.get_by_test_id("rc-preview")).to_contain_text("<img src=x onerror=alert(1)> lamp flickers")
    assert c.locator("rc-panel").evaluate("host => host.shadowRoot.querySelectorAll('img, script').length") == 0
