"""A big review page (issue 11): every row gets a light panel shell at once (heading and a working Capture), and
the full panel is built when its row comes near the viewport — or as soon as anything acts on it. These pin that
a row far below the first screen still works: Capture, keyboard focus, a case the companion already knows, the
capture-all count. (Timing is bench/panel.py's business: no clock here.)

Real Chromium with the e2e copy of the extension, a real companion per test.
"""

from __future__ import annotations

import copy
import json
import urllib.parse
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from demo_seller_centers import douyin as douyin_mock

from rc_e2e import DOUYIN_PAGE, FXG, pair, route_douyin, store_case

ROWS = 90
CAPTURE_TIMEOUT = 15000


def big_list(rows: int) -> dict:
    """The list API's answer with `rows` reviews: the mock's, repeated under fresh review and order ids."""
    base = douyin_mock.comment_list({"rank": "0", "page": "0", "pageSize": "50"})
    data = []
    for i in range(rows):
        c = copy.deepcopy(base["data"][i % len(base["data"])])
        c["id"], c["order_id"], c["shop_order_id"] = f"9{i:018d}", f"8{i:018d}", f"7{i:018d}"
        data.append(c)
    return {**base, "data": data, "total": rows}


def open_big_page(context, page, rows: int = ROWS) -> dict:
    route_douyin(context)
    answer = big_list(rows)
    body = json.dumps(answer, ensure_ascii=False)

    def handle(route):
        if urllib.parse.urlsplit(route.request.url).path.lstrip("/") == douyin_mock.LIST_PATH:
            return route.fulfill(status=200, content_type="application/json", body=body)
        return route.fallback()

    context.route(f"{FXG}/**", handle)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(DOUYIN_PAGE)
    expect(page.locator("tr.auxo-table-row rc-panel")).to_have_count(rows, timeout=15000)
    return answer


def row(page, i: int):
    return page.locator(f'tr.auxo-table-row[data-row-key="9{i:018d}"]')


def shell_of(page, i: int):
    return row(page, i).locator("rc-panel")


def test_far_rows_are_shells_until_near_and_still_complete(context, page, extension_id, own_companion):
    pair(context, extension_id, own_companion.url, own_companion.token)
    answer = open_big_page(context, page)
    first, last = shell_of(page, 0), shell_of(page, ROWS - 1)
    # The first screen: built (preview of the row) with the hosts.
    expect(first).not_to_have_attribute("data-rc-shell", "")
    expect(first.get_by_test_id("rc-preview")).to_contain_text(f"8{0:018d}")
    # Far below: a shell — the heading and Capture, never an empty box; no preview read yet.
    expect(last).to_have_attribute("data-rc-shell", "")
    expect(last.get_by_test_id("rc-capture")).to_have_text("Capture")
    expect(last.get_by_test_id("rc-preview")).to_be_empty()
    # The capture-all count covers every negative row of the page, shells included.
    negatives = sum(1 for c in answer["data"] if 1 <= c["rank"] <= 3)
    expect(page.locator("rc-bar")).to_have_attribute("data-count", str(negatives))
    # Scrolled near: built before it is on screen.
    row(page, ROWS - 1).scroll_into_view_if_needed()
    expect(last).not_to_have_attribute("data-rc-shell", "")
    expect(last.get_by_test_id("rc-preview")).to_contain_text(f"8{ROWS - 1:018d}")


def test_acting_on_a_shell_builds_it_first(context, page, extension_id, own_companion):
    pair(context, extension_id, own_companion.url, own_companion.token)
    # A case the companion already has for a row far below the first screen.
    known = ROWS - 5
    case_id = store_case(own_companion, f"9{known:018d}", datetime.now(timezone.utc) + timedelta(hours=20), "差评")
    open_big_page(context, page)
    page.evaluate("() => window.scrollTo(0, 0)")

    # Keyboard focus on a shell's Capture (without scrolling): the panel is built for the seller.
    focus = ROWS // 2
    expect(shell_of(page, focus)).to_have_attribute("data-rc-shell", "")
    shell_of(page, focus).evaluate("(h) => h.shadowRoot.querySelector('[data-testid=rc-capture]').focus({ preventScroll: true })")
    expect(shell_of(page, focus)).not_to_have_attribute("data-rc-shell", "")
    expect(shell_of(page, focus).get_by_test_id("rc-preview")).to_contain_text(f"8{focus:018d}")

    # Capture on a shell (a click that does not scroll the page first): built, then captured.
    target = ROWS - 10
    expect(shell_of(page, target)).to_have_attribute("data-rc-shell", "")
    shell_of(page, target).evaluate("(h) => h.shadowRoot.querySelector('[data-testid=rc-capture]').click()")
    expect(shell_of(page, target).get_by_test_id("rc-case")).to_be_attached(timeout=CAPTURE_TIMEOUT)
    expect(shell_of(page, target).get_by_test_id("rc-preview")).to_contain_text(f"8{target:018d}")

    # The known row shows its case when the seller gets to it.
    row(page, known).scroll_into_view_if_needed()
    expect(shell_of(page, known).get_by_test_id("rc-known")).to_have_attribute("data-case-id", str(case_id), timeout=CAPTURE_TIMEOUT)
