"""Blocking states (seller-pages.md §0 rule 4, §8.5): a no-permission page, a new-feature guide, an expired
session that redirects to the login page, a logged-out prompt, a dialog over the rows. The panel says why
nothing is captured (ONE floating panel when there are no review rows), and nothing is POSTed; guides that
can be closed safely are closed and capture still works.

Mock switches: Douyin 评价管理 `?guide=1`, `?no_permission=1`, `?session_expired=1`; Douyin context pages
`?no_permission=1`; Taobao 评价管理 `?guide=1`, `?no_permission=1`, `?logged_out=1`.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from demo_seller_centers import douyin as douyin_mock
from demo_seller_centers import taobao

from rc_adapter_page import add_core
from rc_e2e import DOUYIN_PAGE, EXTENSION_DIR, FXG, capture_posts, posted_captures, route_douyin, route_mock

CAPTURE_TIMEOUT = 15000
FLOATING = "rc-panel[data-floating]"
DY_ROW = "tr.auxo-table-row"
TB_ROW = "tbody.next-table-body > tr.next-table-row"
TB_REVIEWS = "https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20"
DY_ORDER = douyin_mock.load_data()["comments"][0]["order_id"]


@pytest.fixture()
def taobao_hosts(context):
    """The Taobao seller hosts served from the mock (as in test_taobao.py)."""

    route_mock(context, taobao)
    return context


def warnings_of(page) -> list[str]:
    out: list[str] = []
    page.on("console", lambda m: out.append(m.text) if m.type == "warning" else None)
    return out


def expect_one_notice(page, code: str, text: str) -> None:
    """Exactly one panel on the page: floating, saying `text`, with Capture disabled."""
    notice = page.locator(f'{FLOATING}[data-blocked="{code}"]')
    expect(notice.get_by_test_id("rc-status")).to_contain_text(text)
    expect(notice.get_by_test_id("rc-capture")).to_be_disabled()
    expect(page.locator("rc-panel")).to_have_count(1)


# ------------------------------------------------------------------------------------------- Douyin


def test_douyin_no_permission_page(context, page, paired, seller_pages, service_worker):
    warnings = warnings_of(page)
    capture_posts(service_worker)
    page.goto(f"{DOUYIN_PAGE}?no_permission=1&nomodal=1")
    page.get_by_text("暂无权限访问该页面，请联系主账号开通权限").wait_for()
    expect(page.locator("html")).to_have_attribute("data-rc-page", "douyin:review")
    expect_one_notice(page, "no_permission", "No permission for this page")
    assert page.locator(DY_ROW).count() == 0
    assert any("no permission" in w for w in warnings), warnings
    # The block clears (the SPA re-renders without the 无权限 result): the notice goes away.
    page.evaluate("() => document.querySelector('.auxo-result').remove()")
    expect(page.locator(FLOATING)).to_have_count(0)
    assert posted_captures(service_worker) == []


def test_douyin_guide_is_closed_and_capture_works(context, page, paired, seller_pages, service_worker):
    capture_posts(service_worker)
    page.goto(f"{DOUYIN_PAGE}?guide=1")
    page.locator(f"{DY_ROW} rc-panel").first.wait_for()
    # The 新功能引导 step guide and the notice modal were both closed safely (跳过 / 知道了).
    expect(page.locator(".auxo-popover")).to_have_count(0)
    expect(page.locator(".auxo-modal-wrap")).to_have_count(0)
    expect(page.locator(FLOATING)).to_have_count(0)
    r = page.locator(DY_ROW).first
    r.get_by_test_id("rc-capture").click()  # would fail if the guide's mask still covered the rows
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    assert len(posted_captures(service_worker)) == 1


def test_douyin_session_expired_redirects_to_login(context, page, paired, seller_pages, service_worker):
    capture_posts(service_worker)
    page.goto(f"{DOUYIN_PAGE}?session_expired=1&nomodal=1")
    # The list XHR answered "session expired": the SPA's 登录已过期 modal, never clicked away.
    expect_one_notice(page, "session_expired", "session expired")
    expect(page.get_by_text("登录已过期")).to_be_visible()
    # …then the SPA sends the seller to /login/common, where the content script says "log in".
    page.wait_for_url(re.compile(r"/login/common\?extra="), timeout=5000)
    expect(page.locator("html")).to_have_attribute("data-rc-page", "douyin:login")
    expect_one_notice(page, "logged_out", "Not logged in to the seller center")
    assert posted_captures(service_worker) == []


def test_douyin_context_page_without_permission(context, page, paired, seller_pages, service_worker):
    capture_posts(service_worker)
    page.goto(f"{FXG}/ffa/morder/order/detail?id={DY_ORDER}&no_permission=1")
    page.get_by_text("暂无权限访问该页面，请联系主账号开通权限").wait_for()
    panel = page.locator(f'{FLOATING}[data-page-kind="order"]')
    expect(panel.get_by_test_id("rc-status")).to_contain_text("No permission for this page")
    expect(panel.get_by_test_id("rc-capture")).to_be_disabled()
    expect(page.locator("rc-panel")).to_have_count(1)
    assert posted_captures(service_worker) == []


def test_douyin_login_page_kind_is_exact(browser):
    """`detect`/`pageKind`: the 抖店 login page is "login"; look-alikes and other login pages are not ours."""
    ctx = browser.new_context()
    route_douyin(ctx)
    p = ctx.new_page()
    p.goto("about:blank")
    add_core(p)
    p.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / "douyin.js"))
    kinds = p.evaluate("""(urls) => urls.map(u => [u, RC.adapters.get('douyin').pageKind(u), RC.adapters.pageFor(u) && RC.adapters.pageFor(u).kind])""", [
        "https://fxg.jinritemai.com/login/common?extra=%7B%7D",
        "http://127.0.0.1:8765/mock/douyin/login/common",
        "https://fxg.jinritemai.com.evil.example/login/common",
        "http://fxg.jinritemai.com/login/common",
        "https://im.jinritemai.com/login/common",
        "https://fxg.jinritemai.com/login/common/other",
        "https://www.douyin.com/login/common",
    ])
    ctx.close()
    assert [k[1] for k in kinds] == ["login", "login", None, None, None, None, None], kinds
    assert [k[2] for k in kinds[:2]] == ["login", "login"], kinds


# ------------------------------------------------------------------------------------------- Taobao


def test_taobao_no_permission_page(context, page, paired, taobao_hosts, service_worker):
    capture_posts(service_worker)
    page.goto(f"{TB_REVIEWS}&no_permission=1&nomodal=1", wait_until="domcontentloaded")
    page.get_by_text("您没有该页面的访问权限").wait_for()
    expect(page.locator("html")).to_have_attribute("data-rc-page", "taobao:review")
    expect_one_notice(page, "no_permission", "No permission for this page")
    assert posted_captures(service_worker) == []


def test_taobao_logged_out_prompt(context, page, taobao_hosts):
    page.goto(f"{TB_REVIEWS}&logged_out=1", wait_until="domcontentloaded")
    page.get_by_text("登录后才能访问千牛卖家中心").wait_for()
    expect_one_notice(page, "logged_out", "Not logged in to the seller center")


def test_taobao_guide_is_closed_and_capture_works(context, page, paired, taobao_hosts, service_worker):
    capture_posts(service_worker)
    page.goto(f"{TB_REVIEWS}&guide=1", wait_until="domcontentloaded")
    page.locator(f"{TB_ROW} rc-panel").first.wait_for()
    expect(page.locator(".next-balloon")).to_have_count(0)
    expect(page.locator(".next-dialog")).to_have_count(0)
    r = page.locator(TB_ROW).filter(has=page.locator("rc-panel")).first
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-case")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    assert len(posted_captures(service_worker)) == 1


def test_taobao_dialog_over_rows_refuses_until_closed(context, page, paired, taobao_hosts, service_worker):
    """A dialog the extension must not close (回复/解释 has a textarea): Capture is refused, then works again."""
    capture_posts(service_worker)
    page.goto(f"{TB_REVIEWS}&nomodal=1", wait_until="domcontentloaded")
    page.locator(f"{TB_ROW} rc-panel").first.wait_for()
    r = page.locator(TB_ROW).filter(has=page.locator("rc-panel")).first
    r.get_by_text("回复/解释", exact=True).click()
    expect(page.locator(".next-dialog textarea")).to_be_visible()
    r.get_by_test_id("rc-capture").dispatch_event("click")  # the dialog's backdrop covers the row
    expect(r.get_by_test_id("rc-status")).to_contain_text("A dialog covers the page")
    expect(r.get_by_test_id("rc-capture")).to_be_disabled()
    assert posted_captures(service_worker) == []
    page.locator(".next-dialog").get_by_text("取消", exact=True).click()
    expect(r.get_by_test_id("rc-capture")).to_be_enabled()
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-case")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    assert len(posted_captures(service_worker)) == 1
