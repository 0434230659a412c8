"""Issue 8 on all three mock seller centers, as the seller reads the panel: a review that already has a seller
reply, one with a follow-up (追评) and a finished refund, a spam review (the panel proposes the appeal, no
apology) and an expired appeal window ("expired on DATE", never "0 days left").

Review times that must be fresh are set relative to the real clock (the list XHR is answered with shifted
times), expired ones lie far enough in the past to stay expired; nothing depends on today's date. Douyin and
Taobao run in a Chinese browser (zh-CN UI strings), TikTok Shop US in English. Each test has its own companion.
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from demo_seller_centers import douyin_context, taobao, tiktok
from rc_e2e import FXG, ROOT, douyin_mock, launch_extension

CAPTURE_TIMEOUT = 15000
SCREENSHOTS = ROOT / "docs" / "screenshots"
HOUR = 3600
DAY = 24 * HOUR
APOLOGY_ZH = re.compile(r"抱歉|歉意|道歉|对不起")
BENEFIT_ZH = re.compile(r"优惠券|红包|返现|补偿|礼")
REFUND_OFFER_ZH = re.compile(r"为您(办理)?退款|退款、换货|退款或|安排退款")

COMMENTS = {c["order_id"]: c for c in douyin_mock.load_data()["comments"]}
DY_BROKEN = COMMENTS["4937201865043414729"]  # broken juicer, 追评 "exchange sent back a week ago", refund done
DY_REPLIED = COMMENTS["4937201865046137683"]  # leaking lid, the shop already replied on the page
DY_SPAM = COMMENTS["4937201865046242412"]  # an ad for a WeChat reseller
DY_ABUSIVE = COMMENTS["4937201865043728916"]  # abuse: appealable, but posted 45 days ago
CTX = douyin_context.load_data()

TT = tiktok.load_data()
TT_REPLIED = "578896996161258912"  # "arrived shattered": replied on the page, return refunded
TT_SPAM = "583610610014885402"  # link to another shop with a discount code
TT_ABUSIVE = "577323060572321724"  # abuse posted 2026-01-14: its 30-day window is long gone
TIKTOK_HOSTS = re.compile(r"^https://(seller-[a-z]+\.(tiktok|tokopedia)\.com|seller(\.[a-z]+)?\.tiktokglobalshop\.com)/")
TT_CARD = "[class*=ratingListItem]"

TB = taobao.load_data()
TB_ROW = "tbody.next-table-body > tr.next-table-row"
TB_REFUNDED = next(r for r in TB["reviews"] if r["_scenario"] == "broken_return")  # 解释 given, 追评, 退款成功
TB_ABUSIVE = next(r for r in TB["reviews"] if r["_scenario"] == "abusive")
TB_SPAM_ID = "1739904417265"  # written here: a reseller ad, added to the list answer by this module


@pytest.fixture()
def context(playwright, tmp_path, request):
    """The extension in a browser of the seller's language (default Chinese) at a 1366×768 laptop size."""
    lang, tz = getattr(request, "param", ("zh-CN", "Asia/Shanghai"))
    ctx = launch_extension(playwright, tmp_path / "profile", headless=not request.config.getoption("--headed", default=False),
                           lang=lang, timezone=tz, viewport=(1366, 768))
    yield ctx
    ctx.close()


@pytest.fixture()
def companion(context, own_companion, service_worker):
    """Paired like a seller, on the options page in the browser's language."""
    opts = context.new_page()
    opts.goto(f"chrome-extension://{service_worker.url.split('/')[2]}/options/options.html")
    opts.get_by_test_id("rc-opt-url").fill(own_companion.url)
    opts.get_by_test_id("rc-opt-token").fill(own_companion.token)
    opts.get_by_test_id("rc-opt-save").click()
    expect(opts.get_by_test_id("rc-opt-saved")).to_have_text(re.compile(r"^(Saved|已保存)"))
    opts.close()
    return own_companion


def panel_text(loc, kind: str) -> str:
    return loc.get_by_test_id(f"rc-draft-text-{kind}").input_value()


def lint_codes(loc, kind: str) -> set[str]:
    return set(loc.get_by_test_id(f"rc-lint-{kind}").locator("[data-code]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-code'))"))


def expect_appeal_proposed(loc, verdict_text: str) -> None:
    verdict = loc.get_by_test_id("rc-advice-verdict")
    expect(verdict).to_have_attribute("data-verdict", "recommended")
    expect(verdict).to_have_text(verdict_text)
    expect(loc.get_by_test_id("rc-advice-reason")).to_be_visible()
    expect(loc.get_by_test_id("rc-draft-appeal_statement")).to_have_count(1)
    assert "appeal_instead" in lint_codes(loc, "public_reply")


def expect_expired(loc, companion, heading: str, expired_on_text: str) -> str:
    verdict = loc.get_by_test_id("rc-advice-verdict")
    expect(verdict).to_have_attribute("data-verdict", "expired")
    expect(verdict).to_have_text(heading)
    case = companion.request(f"/api/v1/cases/{loc.get_by_test_id('rc-case').get_attribute('data-case-id')}")
    day = case["advice"]["expired_on"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and case["advice"]["days_left"] is None
    deadline = loc.get_by_test_id("rc-advice-deadline")
    expect(deadline).to_have_attribute("data-expired", "1")
    expect(deadline).to_contain_text(expired_on_text.format(date=day))
    expect(deadline).not_to_contain_text(re.compile(r"剩余|days left"))
    expect(loc.get_by_test_id("rc-draft-appeal_statement")).to_have_count(0)
    return day


# ------------------------------------------------------------------------------------------ Douyin


def route_douyin_list(context, times: dict[str, int]) -> None:
    """The 评价管理 list XHR with the given reviews first, posted at `times` (epoch seconds by comment id)."""

    def handle(route):
        args = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(route.request.url).query))
        body = douyin_mock.comment_list({**args, "pageSize": "50"})
        rows = body.get("data") or []
        if rows:
            mine = [{**c, "comment_time": times[c["id"]]} for c in rows if c["id"] in times]
            rows = mine + [c for c in rows if c["id"] not in times]
            body = {**body, "data": rows[:10]}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body, ensure_ascii=False))

    context.route(f"{FXG}/{douyin_mock.LIST_PATH}*", handle)


def dy_row(page, comment: dict):
    return page.locator(f'tr.auxo-table-row[data-row-key="{comment["id"]}"]')


def dy_capture(page, comment: dict):
    r = dy_row(page, comment)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    return r


def open_douyin(page) -> None:
    page.goto(f"{FXG}/ffa/maftersale/comment")
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()


def test_douyin_reply_spam_and_expired_window(context, page, companion, seller_pages):
    now = int(time.time())
    route_douyin_list(context, {DY_REPLIED["id"]: now - 2 * HOUR, DY_SPAM["id"]: now - 3 * HOUR,
                                DY_ABUSIVE["id"]: now - 45 * DAY})
    open_douyin(page)

    # Already replied on the page: Douyin takes an addition, said as such, never a second first reply.
    r = dy_capture(page, DY_REPLIED)
    assert panel_text(r, "public_reply").startswith("补充")
    assert "already_replied" in lint_codes(r, "public_reply")
    expect(r.get_by_test_id("rc-lint-public_reply").locator('[data-code="already_replied"]')).to_contain_text("这条评价已经回复过")

    # Spam: the appeal, with the platform's own reason; no apology, no coupon, nothing about prices.
    s = dy_capture(page, DY_SPAM)
    expect_appeal_proposed(s, "建议申诉")
    expect(s.get_by_test_id("rc-advice-reason")).to_contain_text("评价内容包含广告信息")
    expect(s.get_by_test_id("rc-advice-deadline")).to_contain_text(re.compile(r"（剩余 (29|30) 天）"))
    public, private = panel_text(s, "public_reply"), panel_text(s, "private_message")
    assert not APOLOGY_ZH.search(public) and "价格" not in public, public
    assert not APOLOGY_ZH.search(private) and not BENEFIT_ZH.search(private), private

    # Appealable abuse whose window closed: one verdict, its date, and no appeal statement.
    a = dy_capture(page, DY_ABUSIVE)
    expect_expired(a, companion, "申诉期已过", "（已于 {date} 截止）")
    expect(a.get_by_test_id("rc-advice-why")).to_contain_text("申诉期已于")
    expect(a.get_by_test_id("rc-advice-why")).not_to_contain_text("建议申诉，")


def capture_context_tab(tab, url: str, kind: str) -> int:
    tab.goto(url)
    panel = tab.locator("rc-panel[data-floating]")
    expect(panel).to_have_attribute("data-page-kind", kind)
    expect(panel.get_by_test_id("rc-preview")).to_contain_text("4937201865043414729")
    panel.get_by_test_id("rc-capture").click()
    case = panel.get_by_test_id("rc-case")
    expect(case).to_be_visible(timeout=CAPTURE_TIMEOUT)
    return int(case.get_attribute("data-case-id"))


def test_douyin_follow_up_and_finished_refund_in_chinese(context, page, companion, seller_pages):
    """The README's picture: 追评 + 退款成功 + an exchange still pending, the panel in Chinese at 1366×768."""
    now = int(time.time())
    route_douyin_list(context, {DY_BROKEN["id"]: now - int(3.5 * HOUR)})
    open_douyin(page)
    r = dy_capture(page, DY_BROKEN)
    case_id = int(r.get_by_test_id("rc-case").get_attribute("data-case-id"))
    expect(r.get_by_test_id("rc-deadline")).to_have_attribute("data-state", "due")
    expect(r.get_by_test_id("rc-deadline")).to_contain_text("20 小时")

    # The seller follows the checklist to the order and after-sales pages (退款成功) in another tab.
    order_id = DY_BROKEN["order_id"]
    aftersale = next(a for a in CTX["aftersales"] if a["order_id"] == order_id)
    assert aftersale["status"] == "退款成功"
    tab = context.new_page()
    assert capture_context_tab(tab, f"{FXG}/ffa/morder/order/detail?id={order_id}", "order") == case_id
    assert capture_context_tab(
        tab, f"{FXG}/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id={aftersale['aftersale_id']}",
        "after_sales") == case_id
    tab.close()
    page.bring_to_front()

    # The review tab's panel followed (case.updated): what the seller reads now.
    checklist = r.get_by_test_id("rc-checklist")
    expect(checklist.get_by_test_id("rc-check-after_sales")).to_have_attribute("data-have", "1")
    expect(r.get_by_test_id("rc-advice-verdict")).to_have_text("暂不建议申诉")
    expect(r.get_by_test_id("rc-advice-why")).to_contain_text("不建议申诉")
    expect(r.get_by_test_id("rc-lint-private_message").locator('[data-code="refund_done"]')).to_be_visible()
    expect(r.get_by_test_id("rc-lint-private_message").locator('[data-code="exchange_pending"]')).to_be_visible()
    private, public = panel_text(r, "private_message"), panel_text(r, "public_reply")
    assert "换货" in private and not REFUND_OFFER_ZH.search(private), private
    assert "优惠券" not in private and "照片" not in private and "哪里出了问题" not in private, private
    assert "（订单号" not in private and "颜色:" not in private, private
    assert "优惠券" not in public and "换货" in public, public
    # Missing evidence no page supplies: what to do by hand, in Chinese.
    for item in ("product_photos", "qc_report"):
        how = checklist.get_by_test_id(f"rc-how-{item}")
        expect(how).to_have_attribute("data-by-hand", "1")
        expect(how).to_contain_text("手动补充：")
    expect(checklist.get_by_test_id("rc-how-product_photos")).to_contain_text("拍")
    # Every missing item has an Open link or says what to do.
    for item in checklist.locator("li[data-have='0']").all():
        assert item.locator("a[href], .how").count() == 1, item.inner_text()

    shot = SCREENSHOTS / "douyin-panel.png"
    if os.environ.get("RC_UPDATE_SCREENSHOTS") == "1" or not shot.exists():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        r.scroll_into_view_if_needed()
        page.mouse.move(0, 0)
        r.screenshot(path=str(shot))


# ------------------------------------------------------------------------------------------ TikTok Shop


def route_tiktok(context, times: dict[str, int]) -> None:
    """The TikTok mock on its real hosts; the rating list puts `times`' orders first, posted at those times."""

    def handle(route):
        req = route.request
        status, ctype, body = tiktok.route_handler(req.url, req.method, req.post_data_buffer)
        if "/api/v1/product/rating/list" in req.url and status == 200:
            answer = json.loads(body)
            rows = answer["data"]["list"]
            extra = [tiktok._rating_row(x, TT, "US") for x in TT["ratings"]
                     if x["order_id"] in times and x["order_id"] not in {y["order_id"] for y in rows}]
            rows = [{**y, "create_time": times.get(y["order_id"], y["create_time"])} for y in extra + rows]
            rows.sort(key=lambda y: y["order_id"] not in times)
            answer["data"]["list"] = rows
            body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        route.fulfill(status=status, content_type=ctype, body=body)

    context.route(TIKTOK_HOSTS, handle)


def tt_capture(page, order_id: str):
    card = page.locator(TT_CARD, has_text=order_id)
    card.get_by_test_id("rc-capture").click()
    expect(card.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    return card


@pytest.mark.parametrize("context", [("en-US", "America/New_York")], indirect=True)
def test_tiktok_reply_spam_and_expired_window(context, page, companion):
    now = int(time.time())
    # TT_ABUSIVE keeps its own time (2026-01-14): shown among the first, its window closed long ago.
    abusive_time = next(tiktok.epoch(x["review_time"]) for x in TT["ratings"] if x["order_id"] == TT_ABUSIVE)
    route_tiktok(context, {TT_REPLIED: now - 5 * HOUR, TT_SPAM: now - 2 * HOUR, TT_ABUSIVE: abusive_time})
    page.goto("https://seller-us.tiktok.com/product/rating?shop_region=US&delay=0")
    page.locator(f"{TT_CARD} rc-panel").first.wait_for()

    # Replied on the page (one reply per rating on TikTok Shop): no public reply draft, said plainly.
    r = tt_capture(page, TT_REPLIED)
    expect(r.get_by_test_id("rc-draft-public_reply")).to_have_count(0)
    expect(r.get_by_test_id("rc-lint-private_message").locator('[data-code="already_replied"]')).to_be_visible()
    private = panel_text(r, "private_message")
    assert not re.search(r"has (it|the parcel|your (order|package)) arrived", private, re.I), private

    # Spam: the appeal is proposed; the public reply apologises for nothing and offers nothing.
    s = tt_capture(page, TT_SPAM)
    expect_appeal_proposed(s, "Worth appealing")
    public = panel_text(s, "public_reply")
    assert not re.search(r"sorry|apolog|coupon|discount|price", public, re.I), public
    assert not re.search(r"sorry|apolog|coupon|voucher", panel_text(s, "private_message"), re.I)

    # Abuse from January: "expired on DATE", never "0 days left".
    a = tt_capture(page, TT_ABUSIVE)
    expect_expired(a, companion, "Appeal window expired", "(expired on {date})")
    expect(a.get_by_test_id("rc-advice-why")).to_contain_text("expired on")
    expect(a.get_by_test_id("rc-advice-why")).not_to_contain_text("Appeal recommended")


# ------------------------------------------------------------------------------------------ Taobao 千牛


def tb_spam_row() -> dict:
    """A reseller ad written for this test, shaped like the mock's rows."""
    base = {k: v for k, v in TB_ABUSIVE.items() if not k.startswith("_")}
    row = json.loads(json.dumps(base, ensure_ascii=False))
    row["rateContent"]["mainRate"].update({"feedId": TB_SPAM_ID, "content": "各大牌低价代购，加微信 tb8866vip 领专属券，比店里便宜一半，私聊发货"})
    row["userInfo"].update({"userName": "q**", "securityuid": "RAzN8HWS1428399172"})
    row["itemInfo"]["orderId"] = "4836155873860047721"
    row["orderInfo"] = {"mainOrderId": "4836155873860047721", "orderId": "4836155873860047721"}
    return row


def route_taobao(context, times_ms: dict[str, int]) -> None:
    """The Taobao mock; its list answer gets the spam row and `times_ms` (by feedId), those rows first."""

    def handle(route):
        answer = taobao.route_handler(route.request.url)
        if answer is None:
            return route.fulfill(status=404, body="not mocked")
        status, ctype, body = answer
        if taobao.LIST_PATH.rstrip("/") in route.request.url and status == 200:
            data = json.loads(body)
            rows = [tb_spam_row()] + data["data"]["dataSource"]
            for x in rows:
                fid = x["rateContent"]["mainRate"]["feedId"]
                if fid in times_ms:
                    x["rateContent"]["mainRate"]["date"] = times_ms[fid]
            rows.sort(key=lambda x: x["rateContent"]["mainRate"]["feedId"] not in times_ms)
            data["data"]["dataSource"] = rows[:20]
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        route.fulfill(status=status, content_type=ctype, body=body)

    for pattern in taobao.ROUTE_PATTERNS:
        context.route(pattern, handle)


def tb_capture(page, feed_id: str):
    row = page.locator(f'{TB_ROW}[data-feed-id="{feed_id}"]')
    row.get_by_test_id("rc-capture").click()
    expect(row.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    return row


def test_taobao_reply_follow_up_refund_spam_and_expired_window(context, page, companion):
    now_ms = int(time.time() * 1000)
    refunded, abusive = TB_REFUNDED["rateContent"]["mainRate"]["feedId"], TB_ABUSIVE["rateContent"]["mainRate"]["feedId"]
    route_taobao(context, {TB_SPAM_ID: now_ms - 4 * HOUR * 1000, abusive: now_ms - 45 * DAY * 1000,
                           refunded: now_ms - 2 * DAY * 1000})
    page.goto("https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20",
              wait_until="domcontentloaded")
    page.locator(f"{TB_ROW} rc-panel").first.wait_for()

    # 评价解释 already given, a 追评, 退货退款 done: no second explanation, no refund offered again.
    r = tb_capture(page, refunded)
    expect(r.get_by_test_id("rc-draft-public_reply")).to_have_count(0)
    expect(r.get_by_test_id("rc-lint-private_message").locator('[data-code="already_replied"]')).to_be_visible()
    private = panel_text(r, "private_message")
    assert not REFUND_OFFER_ZH.search(private) and "优惠券" not in private, private
    assert "refund_done" in lint_codes(r, "private_message")

    # Spam: the appeal, no apology, no coupon.
    s = tb_capture(page, TB_SPAM_ID)
    expect_appeal_proposed(s, "建议申诉")
    public, private = panel_text(s, "public_reply"), panel_text(s, "private_message")
    assert not APOLOGY_ZH.search(public) and not APOLOGY_ZH.search(private) and not BENEFIT_ZH.search(private)

    # Abuse posted 45 days ago: expired on its date.
    a = tb_capture(page, abusive)
    day = expect_expired(a, companion, "申诉期已过", "（已于 {date} 截止）")
    posted = datetime.fromtimestamp((now_ms - 45 * DAY * 1000) / 1000, timezone(timedelta(hours=8)))
    assert day == (posted + timedelta(days=30)).date().isoformat()
