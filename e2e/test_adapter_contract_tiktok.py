"""TikTok adapter contract, without the extension: core.js + adapters/tiktok.js injected into the
TikTok Shop mock routed onto the real hosts (`tiktok.route_handler`).

- `detect`/`pageKind`/`region` on every regional host, the mock prefix, and look-alikes;
- `extract`/`order` of all 22 cards equal the saved JSON on build "a" (`name-HASH6`) AND build "b"
  (`_name_HASH5`), so neither the hashes nor the hash style matter; derived review ids are stable;
- `extractPage` of the order, tracking, return and chat pages equal the saved JSON;
- blocking states (captcha, logged out) and a changed layout refuse to extract.

`RC_UPDATE_FIXTURES=1` rewrites e2e/fixtures/tiktok/*.json from the current adapter (review the diff).
"""

from __future__ import annotations

import json
import os
import re

import pytest
from rc_adapter_page import add_core
from rc_e2e import EXTENSION_DIR, ROOT

from demo_seller_centers import tiktok

FIXTURES = ROOT / "e2e" / "fixtures" / "tiktok"
UPDATE = os.environ.get("RC_UPDATE_FIXTURES") == "1"
DATA = tiktok.load_data()
US = "https://seller-us.tiktok.com"
# Every host the mock may be routed onto in these tests.
TIKTOK_HOSTS = re.compile(r"^https://(seller-[a-z]+\.(tiktok|tokopedia)\.com|seller(\.[a-z]+)?\.tiktokglobalshop\.com)/")

NOT_TIKTOK = [
    "https://www.tiktok.com/@user",
    "https://www.tiktok.com/product/rating",
    "https://tiktok.com/product/rating?shop_region=US",
    "https://seller-us.tiktok.com.evil.example/product/rating?shop_region=US",
    "https://tiktok.com.evil.example/product/rating",
    "https://evil-seller-us.tiktok.com/product/rating",
    "http://seller-us.tiktok.com/product/rating?shop_region=US",
    "https://seller-us.tiktok.com/",
    "https://seller-us.tiktok.com/homepage",
    "https://seller-us.tiktok.com/product/manage",
    "https://seller-us.tiktok.com/account/login",
    "https://seller-id.tokopedia.com.evil.example/product/rating",
    "https://www.tokopedia.com/product/rating",
    "http://127.0.0.1:8765/mock/douyin/ffa/maftersale/comment",
    "http://127.0.0.1:8765/product/rating?shop_region=US",
    "http://10.0.0.5:8765/mock/tiktok/product/rating",
    "https://fxg.jinritemai.com/ffa/maftersale/comment",
    "https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC",
    "about:blank",
    "not a url",
]


def serve(route):
    req = route.request
    status, ctype, body = tiktok.route_handler(req.url, req.method, req.post_data_buffer)
    route.fulfill(status=status, content_type=ctype, body=body)


@pytest.fixture(scope="module")
def tt_context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    ctx.route(TIKTOK_HOSTS, serve)
    yield ctx
    ctx.close()


@pytest.fixture()
def tt_page(tt_context):
    page = tt_context.new_page()
    yield page
    page.close()


def load_adapter(page) -> None:
    add_core(page)
    page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / "tiktok.js"))


def fixture(name: str, got):
    path = FIXTURES / name
    if UPDATE or not path.exists():
        FIXTURES.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def test_detect_page_kind_and_region(tt_page):
    tt_page.goto("about:blank")
    load_adapter(tt_page)
    got = tt_page.evaluate("""(foreign) => {
      const a = RC.adapters.get('tiktok');
      const own = Object.entries(a.contextTestUrls).flatMap(([k, urls]) => urls.map(u => [u, k, a.detect(u), a.pageKind(u)]));
      return {
        testUrls: a.testUrls.every(u => a.detect(u) && a.pageKind(u) === 'review'),
        own,
        foreign: foreign.map(u => [u, a.detect(u), a.pageKind(u)]),
        regions: [
          'https://seller-us.tiktok.com/product/rating?shop_region=US',
          'https://seller-th.tiktok.com/product/rating',
          'https://seller-vn.tiktok.com/product/rating?shop_region=vn',
          'https://seller-id.tokopedia.com/product/rating',
          'https://seller.us.tiktokglobalshop.com/product/rating',
          'https://seller.tiktokglobalshop.com/product/rating',
          'http://127.0.0.1:8765/mock/tiktok/product/rating?shop_region=MY',
          'http://127.0.0.1:8765/mock/tiktok/product/rating',
        ].map(u => a.region(u)),
      };
    }""", NOT_TIKTOK)
    assert got["testUrls"]
    assert got["own"] and all(ok and kind == want for _, want, ok, kind in got["own"]), got["own"]
    assert {want for _, want, _, _ in got["own"]} == {"review", "order", "logistics", "after_sales", "chat"}
    assert not any(ok or kind for _, ok, kind in got["foreign"]), got["foreign"]
    assert got["regions"] == ["US", "TH", "VN", "ID", "US", None, "MY", None]


def test_context_links_real_and_mock(tt_page):
    tt_page.goto("about:blank")
    load_adapter(tt_page)
    oid = "578896996161258912"
    got = tt_page.evaluate("""(oid) => {
      const a = RC.adapters.get('tiktok');
      return {
        us: a.contextLinks(oid, {pageUrl: 'https://seller-us.tiktok.com/product/rating?shop_region=US', region: null}),
        th: a.contextLinks(oid, {pageUrl: 'https://seller-th.tiktok.com/product/rating?shop_region=TH'}),
        id: a.contextLinks(oid, {region: 'ID'}),
        mock: a.contextLinks(oid, {pageUrl: 'http://127.0.0.1:8765/mock/tiktok/product/rating?shop_region=US&build=b'}),
        bad: a.contextLinks('12; javascript:alert(1)', {pageUrl: 'https://seller-us.tiktok.com/product/rating'}),
      };
    }""", oid)
    assert got["us"] == {
        "order": f"{US}/order/detail?order_no={oid}&shop_region=US",
        "logistics": f"{US}/order/tracking?order_no={oid}&shop_region=US",
        "chat": f"{US}/im?order_no={oid}&shop_region=US",
        "after_sales": f"{US}/order/detail?order_no={oid}&shop_region=US",
    }
    assert got["th"]["chat"] == f"https://seller-th.tiktok.com/im?order_no={oid}&shop_region=TH"
    assert got["id"]["order"] == f"https://seller-id.tokopedia.com/order/detail?order_no={oid}&shop_region=ID"
    assert got["mock"]["logistics"] == f"http://127.0.0.1:8765/mock/tiktok/order/tracking?order_no={oid}&shop_region=US"
    assert got["bad"] == {}


EXTRACT_ALL = """() => {
  const a = RC.adapters.get('tiktok');
  const out = {};
  for (const row of a.rows(document)) {
    const review = a.extract(row);
    out[review.order_id] = {review, order: a.order(row)};
  }
  return {cards: out, shop: a.shop(document), rowCount: a.rows(document).length, blocked: a.blocked(document)};
}"""


def open_all_ratings(page, url: str) -> None:
    page.goto(url)
    page.locator("[data-tid=m4b_pagination] select").select_option("50")
    page.wait_for_function("n => document.querySelectorAll('[class*=ratingListItem]').length === n", arg=len(DATA["ratings"]))


@pytest.mark.parametrize("build", ["a", "b"])
def test_extract_matches_saved_json_on_both_builds(tt_page, build):
    open_all_ratings(tt_page, f"{US}/product/rating?shop_region=US&delay=0&nomodal=1&build={build}")
    load_adapter(tt_page)
    got = tt_page.evaluate(EXTRACT_ALL)
    assert got["blocked"] is None
    expected = fixture("extract.json", got)
    assert got == expected

    cards = got["cards"]
    assert got["rowCount"] == len(DATA["ratings"]) == len(cards)
    ids = [c["review"]["review_id"] for c in cards.values()]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"tt-[0-9a-f]{16}", i) for i in ids)
    for r in DATA["ratings"]:
        c = cards[r["order_id"]]["review"]
        assert c["product_id"] == r["product_id"] and c["buyer_nick"] == r["user_name"]
        assert c["rating"] == r["stars"], "stars counted inside the card only"
        assert c["text"] == " ".join(r["text"].split())
        assert c["has_video"] == bool(r["video"]) and len(c["images"]) == len(r["images"])
        assert all(u.startswith(US + "/_mock/img/") for u in c["images"]), "data-src, not the placeholder"
        assert (c["seller_reply"] is not None) == bool(r.get("reply"))
        assert bool(c["tags"]) == bool(r.get("edited_time"))
        assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", c["review_time"])
    # Same buyer (q***7), two orders: two ids. Empty review: "".
    assert cards["577959083907867097"]["review"]["review_id"] != cards["588918102355409582"]["review"]["review_id"]
    assert cards["573354775044418960"]["review"]["text"] == ""
    assert cards["586105405463990830"]["review"]["tags"] == ["Edited 5 days ago"]
    assert got["shop"] == {"id": DATA["shop"]["id"], "name": DATA["shop"]["name"]}


def test_day_month_dates_and_indonesian_labels(tt_page):
    """UK shows `15 Jan 2026`; the ID shop (Tokopedia host) shows `ID Pesanan:` and `| Diubah …`."""
    expected = json.loads((FIXTURES / "extract.json").read_text(encoding="utf-8"))["cards"]
    for host, region in (("seller-uk.tiktok.com", "UK"), ("seller-id.tokopedia.com", "ID")):
        open_all_ratings(tt_page, f"https://{host}/product/rating?shop_region={region}&delay=0&nomodal=1")
        load_adapter(tt_page)
        got = tt_page.evaluate(EXTRACT_ALL)["cards"]
        assert set(got) == set(expected)
        for oid, c in got.items():
            want = expected[oid]["review"]
            # The id never depends on region, build, label language or time format.
            assert c["review"]["review_id"] == want["review_id"]
            assert {k: v for k, v in c["review"].items() if k not in ("review_time", "tags", "images")} == \
                {k: v for k, v in want.items() if k not in ("review_time", "tags", "images")}
        edited = got["586105405463990830"]["review"]
        if region == "UK":
            assert edited["review_time"] == "11 Jan 2026" and edited["tags"] == ["Edited 5 days ago"]
        else:
            assert edited["review_time"] == "Jan 11, 2026" and edited["tags"] == ["Diubah 5 hari yang lalu"]


CONTEXT_PAGES = {
    "order": "/order/detail?order_no=578896996161258912&shop_region=US&delay=0",
    "logistics": "/order/tracking?order_no=576050632209646377&shop_region=US&delay=0",
    "after_sales": "/order/return-refund/detail?return_id=409655820451708840&shop_region=US&delay=0",
    "chat": "/im?order_no=578896996161258912&shop_region=US&delay=0",
}
READY = {
    "order": "[data-tid=m4b_order_id]",
    "logistics": "[data-tid=m4b_tracking] [data-tid=m4b_tracking_event]",
    "after_sales": "[data-tid=m4b_return_event]",
    "chat": "[data-tid=m4b_im_message]",
}


def test_extract_context_pages_match_saved_json(tt_page):
    got = {}
    for kind, path in CONTEXT_PAGES.items():
        tt_page.goto(US + path)
        tt_page.locator(READY[kind]).first.wait_for()
        load_adapter(tt_page)
        got[kind] = tt_page.evaluate("""(kind) => {
          const a = RC.adapters.get('tiktok');
          return {kind: a.pageKind(location.href), page: a.extractPage(document, kind)};
        }""", kind)
        assert got[kind]["kind"] == kind
    assert got == fixture("context.json", got)

    order = got["order"]["page"]
    assert order["order"]["order_id"] == "578896996161258912" and order["region"] == "US"
    assert order["record"]["aftersale_id"] == "409655820451708840"
    # The false "never received" claim: delivered and signed for.
    logistics = got["logistics"]["page"]
    assert logistics["order"]["sign_time"] == "01/16/2026 05:22:08"
    assert logistics["record"]["tracking_events"][0]["text"].startswith("Delivered, handed to resident. Signed by")
    ret = got["after_sales"]["page"]
    assert ret["order"] == {"order_id": "578896996161258912"}
    assert ret["record"]["aftersale_status"] == "Refunded" and len(ret["record"]["timeline"]) == 5
    chat = got["chat"]["page"]
    assert [m["sender"] for m in chat["record"]["messages"]] == ["system", "buyer", "buyer", "buyer", "seller", "buyer", "seller"]
    for page in (order, logistics, ret, chat):
        assert page["shop"] == {"id": DATA["shop"]["id"], "name": DATA["shop"]["name"]}


def test_chat_without_order_in_url_uses_the_single_order_card(tt_page):
    tt_page.goto(f"{US}/im?shop_region=US&delay=0")
    tt_page.locator("[data-tid=m4b_im_conversation]").first.wait_for()
    # The coercive-buyer conversation shows exactly one order card.
    tt_page.locator("[data-tid=m4b_im_conversation]", has_text="t***r").click()
    tt_page.locator("[data-tid=m4b_im_order_card]").first.wait_for()
    load_adapter(tt_page)
    page = tt_page.evaluate("() => RC.adapters.get('tiktok').extractPage(document, 'chat')")
    assert page["order"]["order_id"] == "580410084289315555"
    assert any(m["sender"] == "system" for m in page["record"]["messages"])


@pytest.mark.parametrize("switch,code,message", [("captcha=1", "captcha", "captcha — solve it first"),
                                                 ("logged_out=1", "logged_out", "not logged in")])
def test_blocking_states_refuse_to_extract(tt_page, switch, code, message):
    tt_page.goto(f"{US}/product/rating?shop_region=US&delay=0&nomodal=1&{switch}")
    tt_page.locator("#captcha_container").or_(tt_page.get_by_text("Join now")).first.wait_for()
    if code == "captcha":
        tt_page.locator("[class*=ratingListItem]").first.wait_for()
    load_adapter(tt_page)
    got = tt_page.evaluate("""() => {
      const a = RC.adapters.get('tiktok');
      const rows = a.rows(document);
      let err = null;
      try { a.extract(rows[0]); } catch (e) { err = [e.name, e.code, e.message]; }
      let ctx = null;
      try { a.extractPage(document, 'order'); } catch (e) { ctx = e.name; }
      return {blocked: a.blocked(document), rows: rows.length, err, ctx};
    }""")
    assert got["blocked"] == {"code": code, "message": message}
    assert got["ctx"] == "BlockedError"
    if code == "captcha":
        assert got["rows"] == 10 and got["err"] == ["BlockedError", "captcha", message]
    else:
        assert got["rows"] == 0


def test_changed_layout_is_refused(tt_page):
    tt_page.goto(f"{US}/product/rating?shop_region=US&delay=0&nomodal=1&build=b")
    tt_page.locator("[class*=ratingListItem]").first.wait_for()
    load_adapter(tt_page)
    got = tt_page.evaluate("""() => {
      const a = RC.adapters.get('tiktok');
      const [r0, r1, r2] = a.rows(document);
      const out = [];
      // 1. The "Order ID:" label is renamed.
      for (const el of r0.querySelectorAll('*')) if (el.firstChild && el.firstChild.nodeValue === 'Order ID: ') el.firstChild.nodeValue = 'Order no. ';
      // 2. The stars lose their semantic class (a hash-only build).
      for (const el of r1.querySelectorAll('[class*=ratingStar]')) el.setAttribute('class', 'x7Yz_Q');
      // 3. A longer class that merely contains the name is not the card.
      r2.setAttribute('class', r2.getAttribute('class').replace('ratingListItem', 'ratingListItemWrapper'));
      for (const row of [r0, r1]) {
        try { a.extract(row); out.push('extracted'); } catch (e) { out.push(e.name + ': ' + e.anchor); }
      }
      out.push(a.rows(document).includes(r2));
      return out;
    }""")
    assert got == ["LayoutError: Order ID", "LayoutError: ratingStar", False]


def test_notice_modal_is_dismissed_safely(tt_page):
    tt_page.goto(f"{US}/product/rating?shop_region=US&delay=0&notice=1")
    modal = tt_page.locator(".core-modal-root")
    modal.wait_for(state="attached")
    load_adapter(tt_page)
    got = tt_page.evaluate("""() => {
      const a = RC.adapters.get('tiktok');
      const form = document.createElement('div');
      form.className = 'core-modal-root';
      form.appendChild(document.createElement('textarea'));
      const b = document.createElement('button'); b.textContent = 'Got it'; form.appendChild(b);
      document.body.appendChild(form);
      const refused = a.dismissOverlay(form);
      form.remove();
      return {refused, dismissed: a.dismissOverlay(document.querySelector('.core-modal-root'))};
    }""")
    assert got == {"refused": False, "dismissed": True}
    assert modal.count() == 0
