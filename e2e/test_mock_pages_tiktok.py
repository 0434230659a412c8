"""The TikTok Shop mock renders in Chromium on the real host (served by `tiktok.route_handler`).

Own browser (no extension, no companion): only the stock session `playwright` object is shared,
because a second `sync_playwright()` cannot start while pytest-playwright's is running.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from demo_seller_centers import tiktok

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
HOST = "https://seller-us.tiktok.com"
DATA = tiktok.load_data()


@pytest.fixture(scope="module")
def tt_browser(playwright):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
    yield browser
    browser.close()


def _serve(route):
    req = route.request
    status, ctype, body = tiktok.route_handler(req.url, req.method, req.post_data_buffer)
    route.fulfill(status=status, content_type=ctype, body=body)


@pytest.fixture(scope="module")
def tt_context(tt_browser):
    ctx = tt_browser.new_context(viewport={"width": 1400, "height": 900})
    ctx.route(re.compile(r"^https://seller-[a-z]+\.(tiktok|tokopedia)\.com/"), _serve)
    yield ctx
    ctx.close()


@pytest.fixture()
def tt_page(tt_context):
    page = tt_context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    page.close()


def test_build_b_uses_vite_style_hashes(tt_page):
    tt_page.goto(f"{HOST}/product/rating?shop_region=US&delay=0&nomodal=1&build=b")
    tt_page.wait_for_selector("[class*=ratingListItem]")
    classes = tt_page.eval_on_selector_all("[class*=ratingListItem], [class*=activeStar]", "els => els.map(e => e.getAttribute('class'))")
    assert classes and all(re.fullmatch(r"(_\w+_[A-Za-z0-9_-]{5} ?)+", c) for c in classes)


def test_rating_cards_render_with_hashed_classes_and_paginate(tt_page):
    page = tt_page
    pattern = r"ratingListItem-[A-Za-z0-9_-]{6}"
    page.goto(f"{HOST}/product/rating?shop_region=US&delay=0&nomodal=1&build=a")
    page.wait_for_selector("#core-tabs-0-panel-0 [class*=ratingListMainLists] > [class*=ratingListItem]")
    assert page.locator("[class*=sidebar]").count() == 1
    assert page.locator("[data-tid=m4b_shop_name]").text_content() == DATA["shop"]["name"]
    classes = page.eval_on_selector_all("[class*=ratingListItem]", "els => els.map(e => e.className)")
    assert len(classes) == 10 and all(re.fullmatch(pattern, c) for c in classes)

    cards = page.eval_on_selector_all("[class*=ratingListItem]", """els => els.map(e => ({
        id: e.querySelector("[class*=productItemInfoOrderIdText]").textContent.split(":")[1].trim(),
        stars: e.querySelectorAll("[class*=ratingStar] svg[class*=activeStar]").length,
        yellow: e.querySelectorAll("svg[color='#FFC200']").length,
        text: (e.querySelector("[class*=reviewText]") || {}).textContent || ""}))""")
    expected = DATA["ratings"][:10]
    assert [c["id"] for c in cards] == [r["order_id"] for r in expected]
    assert [c["stars"] for c in cards] == [c["yellow"] for c in cards] == [r["stars"] for r in expected]
    hostile = next(c for c in cards if "onerror" in c["text"])
    assert hostile["text"].startswith("<img src=x onerror=alert(1)>")
    assert page.locator("img[src='x']").count() == 0 and page.dialogs == []

    # Next replaces the card nodes; the last page disables Next.
    first = page.locator("[class*=ratingListItem]").first.element_handle()
    page.click("[data-tid='m4b_pagination'] .core-pagination-item-next")
    page.wait_for_function("el => !el.isConnected", arg=first)
    page.click("[data-tid='m4b_pagination'] .core-pagination-item-next")
    page.wait_for_selector("[data-tid='m4b_pagination'] .core-pagination-item-next.core-pagination-item-disabled[aria-disabled=true]")
    page.wait_for_function("n => document.querySelectorAll('[class*=ratingListItem]').length === n", arg=len(DATA["ratings"]) - 20)


def test_order_detail_shows_tracking_and_the_signed_delivery(tt_page):
    never = next(r for r in DATA["ratings"] if r["text"].startswith("Never received"))
    order = DATA["orders"][never["order_id"]]
    page = tt_page
    page.goto(f"{HOST}/order/detail?order_no={never['order_id']}&shop_region=US&delay=0")
    page.wait_for_selector("[data-tid=m4b_order_id]")
    assert page.locator("[data-tid=m4b_order_id]").text_content() == never["order_id"]
    assert page.locator("[data-tid=m4b_order_status]").text_content() == "Delivered"
    assert page.locator("[data-tid=m4b_tracking_no]").text_content() == order["tracking_no"]
    assert page.locator("[data-tid=m4b_tracking_event]").count() == len(order["tracking"])
    assert "Signed by" in page.locator("[data-tid=m4b_tracking_event]").first.text_content()
