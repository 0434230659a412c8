"""Quick render check of the Taobao 千牛 and Douyin context mock pages in Chromium (no extension).

Launches its own browser and a throwaway Flask server (no e2e/conftest fixtures). Covers both modes: under
the companion's /mock/ prefix and on the real hosts through Playwright routing with `route_handler`.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from flask import Blueprint, Flask

from demo_seller_centers import douyin_context, taobao
from rc_e2e import route_mock

CHROMIUM = os.environ.get("RG_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed")

TB = taobao.load_data()
DY = douyin_context.load_data()
EXTORTION_TB = next(r["orderInfo"]["orderId"] for r in TB["reviews"] if r["_scenario"] == "extortion")
HOSTILE_DY = next(o["order_id"] for o in DY["orders"].values() if o["scenario"] == "leaky_lid_exchange_hostile_text")


@pytest.fixture(scope="module")
def rg_base():
    from werkzeug.serving import make_server

    app = Flask(__name__)
    parent = Blueprint("mock", __name__, url_prefix="/mock")
    parent.register_blueprint(taobao.blueprint)
    parent.register_blueprint(douyin_context.blueprint)
    app.register_blueprint(parent)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def rg_browser(playwright):
    # pytest-playwright's session `playwright`: a second sync_playwright() cannot start beside it.
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
    yield b
    b.close()


@pytest.fixture(scope="module")
def rg_page(rg_browser):
    """One page for the module (a new context per test costs more than the whole check)."""
    context = rg_browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.alerts = []
    pg.on("dialog", lambda d: (pg.alerts.append(d.message), d.dismiss()))
    yield pg
    context.close()


def test_taobao_review_page_under_mock_prefix(rg_base, rg_page):
    rg_page.goto(rg_base + "/mock/taobao/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20")
    rg_page.click(".next-dialog .next-dialog-close")
    rows = ".next-loading-wrap>div>.next-table-medium>table[role=table]>thead~tbody.next-table-body>tr"
    rg_page.wait_for_selector(rows + "[data-feed-id]")
    assert rg_page.locator(rows + ".next-table-row").count() == 20
    assert rg_page.locator(rows + ".next-table-expanded-row").count() == sum(1 for r in TB["reviews"] if r["rateContent"]["appendRate"])
    assert rg_page.locator(".next-pagination-list + .next-next").is_disabled()
    assert rg_page.get_by_text("<img src=x onerror=alert(1)>", exact=False).count() == 1 and rg_page.alerts == []
    assert rg_page.locator("text=此用户没有填写评价").count() == 1 and rg_page.locator("text=系统默认好评").count() == 1
    assert rg_page.locator(".l-media-gallery img[data-src$='_80x80.jpg']").count() > 0

    # A query change re-renders without reloading.
    rg_page.evaluate("window.__sameDocument = true")
    rg_page.click(".next-radio-wrapper[data-value='13']")
    rg_page.wait_for_function("document.querySelectorAll('tbody.next-table-body .rate-type-11').length === 0")
    assert "emotion=13" in rg_page.url and rg_page.evaluate("window.__sameDocument") is True

    # 回复/解释 opens a dialog with a 500-char textarea.
    row = rg_page.locator("tr.next-table-row", has=rg_page.locator(f"a.order-id:text-is('{EXTORTION_TB}')"))
    row.get_by_role("button", name="回复/解释").click()
    assert rg_page.locator(".next-dialog textarea").get_attribute("maxlength") == "500"
    rg_page.fill(".next-dialog textarea", "感谢您的反馈，坏果包赔，请私信我们处理。")
    rg_page.click(".next-dialog .next-btn-primary:text('提交')")
    assert row.locator(".rate-explain").count() == 1

    # The order link is rewritten to the mock prefix and opens the order detail.
    href = row.locator("a.order-id").get_attribute("href")
    assert href.startswith("/mock/taobao/trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId=" + EXTORTION_TB)
    rg_page.goto(rg_base + href)
    rg_page.wait_for_selector("body[data-rg-loaded]")
    assert rg_page.locator(".trade-info-item", has_text="订单编号").locator(".trade-info-value").inner_text() == EXTORTION_TB
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rg_page.locator(".trade-info-item", has_text="付款时间").locator(".trade-info-value").inner_text())


def test_taobao_pages_on_the_real_hosts(rg_page):
    route_mock(rg_page, taobao)
    rg_page.goto("https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20&nomodal=1")
    rg_page.wait_for_selector("body[data-rg-loaded]")
    href = rg_page.locator("a.order-id").first.get_attribute("href")
    assert href.startswith("https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId=")
    rg_page.goto(f"https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId={EXTORTION_TB}")
    rg_page.wait_for_selector(".im-msg")
    assert rg_page.locator(".im-msg-buyer", has_text="不退款就给差评").count() == 1


def test_douyin_context_pages(rg_base, rg_page):
    rg_page.goto(f"{rg_base}/mock/douyin/im.jinritemai.com/pc_seller_v2/main/workspace?order_id={HOSTILE_DY}")
    rg_page.wait_for_selector(".messageList .msgItemWrap")
    assert rg_page.title() == "飞鸽客服系统"
    assert rg_page.locator(".messageList .msgItemWrap .messageNotMe").count() >= 1
    assert rg_page.get_by_text("<img src=x onerror=alert(1)>", exact=False).count() >= 1 and rg_page.alerts == []
    assert rg_page.locator('textarea[data-qa-id="qa-send-message-textarea"]').count() == 1
    assert rg_page.locator("input[placeholder='搜用户/180天订单(Ctrl+F)']").count() == 1

    route_mock(rg_page, douyin_context)
    rg_page.goto(f"https://fxg.jinritemai.com/ffa/morder/order/detail?id={HOSTILE_DY}")
    rg_page.wait_for_selector("body[data-rg-loaded]")
    assert rg_page.locator("[data-kora='查看敏感信息']").count() == 1
    assert HOSTILE_DY in rg_page.locator("[class^='style_infoItem']", has_text="订单编号").first.inner_text()
    rg_page.click("[data-kora='查看物流详情']")
    assert rg_page.locator(".auxo-drawer .auxo-timeline-item").count() >= 5
    chat_href = rg_page.locator("a[data-kora='联系买家']").get_attribute("href")
    assert chat_href == f"https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id={HOSTILE_DY}"
