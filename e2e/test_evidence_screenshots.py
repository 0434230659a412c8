"""Evidence screenshots fit for an appeal (issue 8, part 5): no Review Guard element in the picture,
long pages captured whole (scrolled and stitched in the service worker), the page put back afterwards.

The panels are painted a colour the mock pages never use (magenta) before capturing; a Playwright
screenshot proves the colour is on screen, and the stitched evidence must not hold one pixel of it.
"""

from __future__ import annotations

import base64
import io
import re

from PIL import Image, ImageChops
from playwright.sync_api import expect

from rc_e2e import capture_posts, posted_captures

CAPTURE_TIMEOUT = 30000
FXG = "https://fxg.jinritemai.com"
IM = "https://im.jinritemai.com"
ORDER_ID = "4937201865043414729"  # broken item, 飞鸽 chat, return-refund after-sales
MAGENTA = (255, 0, 255)

PAINT_PANELS = """() => {
  for (const host of document.querySelectorAll('rc-panel')) {
    if (host.shadowRoot.querySelector('style[data-test-paint]')) continue;
    const s = document.createElement('style');
    s.setAttribute('data-test-paint', '');
    s.textContent = '.rc, .rc * { background: #ff00ff !important; border-color: #ff00ff !important; color: #ff00ff !important; }';
    host.shadowRoot.appendChild(s);
  }
  return document.querySelectorAll('rc-panel').length;
}"""


def magenta_pixels(img: Image.Image) -> int:
    """How many pixels are (nearly) the panels' test colour."""
    r, g, b = img.convert("RGB").split()
    mask = ImageChops.multiply(ImageChops.multiply(r.point(lambda v: 255 if v > 235 else 0), g.point(lambda v: 255 if v < 25 else 0)),
                               b.point(lambda v: 255 if v > 235 else 0))
    return mask.histogram()[255]


def screenshot_of(post: dict) -> Image.Image:
    shots = [e for e in post["evidence"] if e["kind"] == "screenshot"]
    assert len(shots) == 1
    assert shots[0]["media_type"] == "image/png"
    return Image.open(io.BytesIO(base64.b64decode(shots[0]["data_base64"])))


def panel_state(page) -> dict:
    return page.evaluate("""() => ({
      visibility: [...document.querySelectorAll('rc-panel')].map((h) => getComputedStyle(h).visibility),
      inline: [...document.querySelectorAll('rc-panel')].map((h) => h.style.getPropertyValue('visibility')),
      y: scrollY,
    })""")


def capture_floating(page, timeout=CAPTURE_TIMEOUT):
    panel = page.locator("rc-panel[data-floating]")
    expect(panel.get_by_test_id("rc-preview")).to_have_text(re.compile(r"\(order \d+\)$"))
    panel.get_by_test_id("rc-capture").click()
    return panel


def test_long_order_page_is_stitched_whole_without_panels(context, page, paired, seller_pages, service_worker, tmp_path):
    capture_posts(service_worker)
    page.set_viewport_size({"width": 1280, "height": 420})
    page.goto(f"{FXG}/ffa/morder/logistics/detail?order_id={ORDER_ID}")
    panel = page.locator("rc-panel[data-floating]")
    expect(panel.get_by_test_id("rc-preview")).to_have_text(f"Capture this page as evidence (order {ORDER_ID})")
    assert page.evaluate(PAINT_PANELS) == 1
    doc_height = page.evaluate("() => document.scrollingElement.scrollHeight")
    assert doc_height > 420 * 1.5, "the mock page must be taller than the window for this test"
    # Control: the panel's colour really is on screen.
    assert magenta_pixels(Image.open(io.BytesIO(page.screenshot()))) > 1000
    page.evaluate("() => window.scrollTo(0, 57)")
    before = panel_state(page)

    # Record what the page looked like while the worker was capturing: the panel must be hidden then.
    page.evaluate("""() => {
      window.__rcSeen = [];
      new MutationObserver(() => window.__rcSeen.push(getComputedStyle(document.querySelector('rc-panel')).visibility))
        .observe(document.querySelector('rc-panel'), { attributes: true, attributeFilter: ['style'] });
    }""")
    capture_floating(page)
    expect(panel.get_by_test_id("rc-case")).to_have_text(re.compile(r"^Linked to case #\d+"), timeout=CAPTURE_TIMEOUT)
    assert "hidden" in page.evaluate("() => window.__rcSeen")

    post = posted_captures(service_worker)[0]
    img = screenshot_of(post)
    img.save(tmp_path / "stitched-logistics.png")
    info = post["screenshot"]  # how it was taken, stored with the capture (models.ScreenshotInfo)
    assert info["mode"] == "document" and info["slices"] >= 2 and info["truncated"] is False and info["panels_hidden"] == 1
    assert info["height_px"] == img.height and info["page_height_px"] == img.height
    assert img.width == 1280
    # The whole document, within a few pixels (scrollbars, rounding), and no pixel of the panel.
    assert img.height > 420 * 1.5 and abs(img.height - doc_height) <= 4, (img.height, doc_height)
    assert magenta_pixels(img) == 0
    # The bottom of the picture is the page (the last slice was drawn), not the white canvas.
    bottom = img.convert("RGB").crop((0, img.height - 40, img.width, img.height))
    assert bottom.getextrema() != ((255, 255), (255, 255), (255, 255))

    # Put back: the panel is visible again and the page is where the seller left it.
    state = panel_state(page)
    assert state == {**before, "y": 57} and state["visibility"] == ["visible"]


def test_chat_message_list_is_stitched_to_its_full_height(context, page, paired, seller_pages, service_worker, tmp_path):
    """飞鸽 scrolls its message list, not the document: the list is grown to its whole content."""
    capture_posts(service_worker)
    page.set_viewport_size({"width": 1280, "height": 360})
    page.goto(f"{IM}/pc_seller_v2/main/workspace?order_id=4937201865043624187")
    expect(page.locator("rc-panel[data-floating]").get_by_test_id("rc-preview")).to_have_text(re.compile(r"order 4937201865043624187"))
    page.evaluate(PAINT_PANELS)
    info = page.evaluate("""() => { const l = document.querySelector('.messageList');
      return { scroll: l.scrollHeight, client: l.clientHeight, doc: document.scrollingElement.scrollHeight }; }""")
    assert info["scroll"] - info["client"] > max(50, info["doc"] - 360), info
    page.evaluate("() => { document.querySelector('.messageList').scrollTop = 40; }")
    panel = capture_floating(page)
    expect(panel.get_by_test_id("rc-case")).to_have_text(re.compile(r"^Linked to case #\d+"), timeout=CAPTURE_TIMEOUT)
    img = screenshot_of(posted_captures(service_worker)[0])
    img.save(tmp_path / "stitched-chat.png")
    assert abs(img.height - (360 + info["scroll"] - info["client"])) <= 4, (img.height, info)
    assert magenta_pixels(img) == 0
    assert page.evaluate("() => document.querySelector('.messageList').scrollTop") == 40
    assert panel_state(page)["visibility"] == ["visible"]


def test_review_screenshot_has_no_panels(context, page, paired, seller_pages, service_worker):
    """A review page keeps the window around the row, without any of the row panels in it."""
    capture_posts(service_worker)
    page.goto(seller_pages["douyin"])
    row = page.locator("tr.auxo-table-row").filter(has=page.locator("rc-panel")).first
    row.locator("rc-panel").wait_for()
    assert page.evaluate(PAINT_PANELS) >= 2
    row.get_by_test_id("rc-capture").click()
    expect(row.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    img = screenshot_of(posted_captures(service_worker)[0])
    assert img.height == 900 and magenta_pixels(img) == 0
    assert set(panel_state(page)["visibility"]) == {"visible"}


def test_failed_screenshot_restores_panels_and_scroll(context, page, paired, seller_pages, service_worker):
    """captureVisibleTab failing mid-way: the seller gets an error, the panel and the scroll position come back."""
    page.set_viewport_size({"width": 1280, "height": 420})
    page.goto(f"{FXG}/ffa/morder/logistics/detail?order_id={ORDER_ID}")
    service_worker.evaluate("""() => {
      let n = 0;
      const real = chrome.tabs.captureVisibleTab.bind(chrome.tabs);
      chrome.tabs.captureVisibleTab = (...a) => (++n === 2 ? Promise.reject(new Error('boom: second slice')) : real(...a));
    }""")
    page.evaluate("() => window.scrollTo(0, 33)")
    before = panel_state(page)
    panel = capture_floating(page)
    expect(panel.get_by_test_id("rc-status")).to_contain_text("boom: second slice", timeout=CAPTURE_TIMEOUT)
    state = panel_state(page)
    assert state == before and before["y"] == 33 and state["visibility"] == ["visible"]


def test_panel_downloads_the_upload_ready_package_within_douyin_limits(context, page, paired, seller_pages, tmp_path):
    """Review + order + long chat captured, then the review panel's "Download appeal package" (through the
    service worker): the zip holds only images within Douyin's limits, named for what they show, and the PDF."""
    import zipfile

    from companion.services.appeal_package import package_limits
    from demo_seller_centers import douyin as douyin_mock

    comment = next(c for c in douyin_mock.load_data()["comments"] if c["order_id"] == ORDER_ID)
    page.goto(seller_pages["douyin"])
    row = page.locator(f'tr.auxo-table-row[data-row-key="{comment["id"]}"]')
    row.get_by_test_id("rc-capture").click()
    expect(row.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)

    tab = context.new_page()
    tab.set_viewport_size({"width": 1280, "height": 420})
    for url in (f"{FXG}/ffa/morder/order/detail?id={ORDER_ID}", f"{IM}/pc_seller_v2/main/workspace?order_id={ORDER_ID}"):
        tab.goto(url)
        panel = capture_floating(tab)
        expect(panel.get_by_test_id("rc-case")).to_have_text(re.compile(r"^Linked to case #\d+"), timeout=CAPTURE_TIMEOUT)
    # The context panel offers the package too.
    expect(panel.get_by_test_id("rc-package")).to_be_visible()
    tab.close()

    page.bring_to_front()
    with page.expect_download(timeout=CAPTURE_TIMEOUT) as dl:
        row.get_by_test_id("rc-package").click()
    download = dl.value
    assert download.suggested_filename == f"appeal-package-douyin-{ORDER_ID}.zip"  # the browser runs in English
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    expect(row.get_by_test_id("rc-package-note")).to_have_attribute("data-filename", download.suggested_filename)

    zf = zipfile.ZipFile(path)
    limits = package_limits("douyin", None)
    images = [n for n in zf.namelist() if not n.endswith(".pdf")]
    assert zf.namelist()[-1] == "appeal-report.pdf" and zf.read("appeal-report.pdf").startswith(b"%PDF-")
    # (Earlier tests of this session may have captured this order's logistics page into the same case.)
    assert images[:3] == ["review-screenshot.png", "order-details.png", "chat.png"]
    assert set(images[3:]) <= {"tracking.png", "after-sales.png"}
    assert len(images) <= limits["max_files"]
    for name in images:
        data = zf.read(name)
        assert len(data) <= limits["max_bytes"]
        img = Image.open(io.BytesIO(data))
        assert {"PNG": "png", "JPEG": "jpg"}[img.format] in limits["formats"]
    chat = Image.open(io.BytesIO(zf.read("chat.png")))
    assert chat.height > 420  # the stitched chat, taller than the window it was taken in


def test_very_long_page_is_capped_and_says_so_and_fixed_bars_appear_once(context, page, paired, seller_pages, service_worker, tmp_path):
    """A page of 20,000 px: the picture stops at 12,000 px with a red band saying so (and the capture says
    truncated); a fixed header is in the first slice only, not repeated down the picture."""
    capture_posts(service_worker)
    page.goto(f"{FXG}/ffa/morder/logistics/detail?order_id={ORDER_ID}")
    expect(page.locator("rc-panel[data-floating]").get_by_test_id("rc-preview")).to_have_text(re.compile(r"\(order \d+\)$"))
    page.evaluate("""() => {
      const tall = document.createElement('div');
      tall.style.cssText = 'height:20000px;background:linear-gradient(#f4f5f7,#dde3ea)';
      document.body.appendChild(tall);
      const bar = document.createElement('div');
      bar.style.cssText = 'position:fixed;top:0;left:0;right:0;height:30px;background:#00ffff;z-index:5';
      document.body.appendChild(bar);
    }""")
    panel = capture_floating(page)
    expect(panel.get_by_test_id("rc-case")).to_have_text(re.compile(r"^Linked to case #\d+"), timeout=60000)
    post = posted_captures(service_worker)[0]
    img = screenshot_of(post).convert("RGB")
    img.save(tmp_path / "capped.png")
    assert img.height == 12000
    assert post["screenshot"]["truncated"] is True and post["screenshot"]["page_height_px"] > 20000
    # The band: red across the bottom rows.
    assert img.getpixel((5, img.height - 3)) == (180, 35, 24)
    # The cyan bar: in the first window only.
    r, g, b = img.split()
    cyan = ImageChops.multiply(ImageChops.multiply(r.point(lambda v: 255 if v < 25 else 0), g.point(lambda v: 255 if v > 235 else 0)),
                               b.point(lambda v: 255 if v > 235 else 0))
    box = cyan.getbbox()
    assert box is not None and box[3] <= 900, box
