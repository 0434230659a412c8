"""Panels that fit (issue 10): at 1366×768 no mock seller center gets wider than the window, every row
panel stays inside the column it sits in, positive reviews get a one-line panel, and every row panel
folds — the seller's choice remembered per review across reloads.

The mocks are the companion's own /mock/ pages (`serve --demo`), which the extension matches like the
real hosts.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from demo_seller_centers import taobao

WINDOW = {"width": 1366, "height": 768}
MOCKS = {
    "douyin": "/mock/douyin/ffa/maftersale/comment",
    "tiktok": "/mock/tiktok/product/rating?shop_region=US",
    "taobao": "/mock/taobao/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20",
}
CAPTURE_TIMEOUT = 20000
TAOBAO_ROW = "tbody.next-table-body > tr.next-table-row"

# Every panel: its box against its parent's (the column it sits in); and the page against the window.
MEASURE = """() => ({
  page: document.documentElement.scrollWidth,
  window: window.innerWidth,
  panels: [...document.querySelectorAll('rc-panel:not([data-floating])')].map((host) => {
    const r = host.getBoundingClientRect();
    const p = host.parentElement.getBoundingClientRect();
    const box = host.shadowRoot.querySelector('.rc').getBoundingClientRect();
    return {left: r.left, right: r.right, boxRight: box.right, parentLeft: p.left, parentRight: p.right};
  }),
})"""


def assert_fits(page, when: str) -> None:
    m = page.evaluate(MEASURE)
    assert m["page"] <= m["window"], f"{when}: the page is {m['page']} px wide in a {m['window']} px window"
    assert m["panels"], f"{when}: no row panel on the page"
    for i, p in enumerate(m["panels"]):
        assert p["left"] >= p["parentLeft"] - 0.5 and p["right"] <= p["parentRight"] + 0.5, f"{when}: panel {i} sticks out of its column: {p}"
        assert p["boxRight"] <= p["parentRight"] + 0.5, f"{when}: panel {i}'s content sticks out of its column: {p}"


def open_mock(page, companion, platform: str) -> None:
    page.set_viewport_size(WINDOW)
    page.goto(companion.url + MOCKS[platform], wait_until="domcontentloaded")
    expect(page.locator("rc-panel").first).to_be_attached(timeout=15000)
    # The list renders at once after its XHR: wait until every row that has a review has its panel.
    expect(page.locator("rc-panel [data-testid=rc-preview]:not(:empty)").first).to_be_attached()


@pytest.mark.parametrize("platform", sorted(MOCKS))
def test_panels_fit_the_window_at_1366(page, paired, platform):
    open_mock(page, paired, platform)
    assert_fits(page, f"{platform} after the panels mounted")

    # Capture the first review whose panel is open (a negative one): the full result must fit too.
    panel = page.locator("rc-panel:not([data-collapsed]):not([data-floating])").first
    panel.get_by_test_id("rc-capture").click()
    expect(panel.get_by_test_id("rc-case")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    expect(panel.get_by_test_id("rc-draft-private_message")).to_be_visible()
    assert_fits(page, f"{platform} after a capture")


def taobao_row(page, scenario: str):
    feed = next(r for r in taobao.load_data()["reviews"] if r["_scenario"] == scenario)["rateContent"]["mainRate"]["feedId"]
    return page.locator(f'{TAOBAO_ROW}[data-feed-id="{feed}"]')


def test_positive_reviews_fold_to_one_line_and_folds_are_remembered(page, paired):
    open_mock(page, paired, "taobao")
    positive = taobao_row(page, "pos_gift").locator("rc-panel")
    negative = taobao_row(page, "broken_return").locator("rc-panel")

    # A 5★ review: one line (title, what the row is, Capture), nothing else shown.
    expect(positive).to_have_attribute("data-collapsed", "")
    toggle = positive.get_by_test_id("rc-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(positive.get_by_test_id("rc-summary")).to_be_visible()
    expect(positive.get_by_test_id("rc-preview")).to_be_hidden()
    line = positive.get_by_test_id("rc-capture").bounding_box()["height"]
    assert positive.bounding_box()["height"] <= line + 24, "a positive review's panel is more than one line"
    # A 1★ review starts open.
    expect(negative).not_to_have_attribute("data-collapsed", "")
    expect(negative.get_by_test_id("rc-preview")).to_be_visible()

    # The seller opens the positive one and folds the negative one…
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(positive.get_by_test_id("rc-preview")).to_be_visible()
    negative.get_by_test_id("rc-toggle").click()
    expect(negative).to_have_attribute("data-collapsed", "")
    expect(negative.get_by_test_id("rc-preview")).to_be_hidden()
    assert_fits(page, "taobao after folding")

    # …and finds them so after a reload.
    page.reload(wait_until="domcontentloaded")
    expect(negative.get_by_test_id("rc-summary")).to_be_visible(timeout=15000)
    expect(negative).to_have_attribute("data-collapsed", "")
    expect(positive).not_to_have_attribute("data-collapsed", "")
    expect(positive.get_by_test_id("rc-toggle")).to_have_attribute("aria-expanded", "true")
    # Another positive review the seller never touched is still one line.
    expect(taobao_row(page, "pos_lunch").locator("rc-panel")).to_have_attribute("data-collapsed", "")

    # Capture works from the folded line and opens the panel to show the result (without remembering it).
    negative.get_by_test_id("rc-capture").click()
    expect(negative.get_by_test_id("rc-case")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    expect(negative).not_to_have_attribute("data-collapsed", "")
