"""The panel's shadow root is CLOSED in the extension as shipped (issue 12 item 5): the seller center's own
scripts cannot read the case text the panel shows, yet the panel works.

The rest of the suite loads e2e/rc_build.py's copy (one line opened, for Playwright's locators, which cannot
pierce closed roots); this file loads extension/ itself. The page side is checked from the page's main world
(what a seller center's script sees); the panel is driven from the extension's own isolated world through
the DevTools protocol, where `chrome.dom.openOrClosedShadowRoot` gives the extension its closed roots.
"""

from __future__ import annotations

import json

import pytest
from rc_e2e import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DOUYIN_PAGE,
    EXTENSION_DIR,
    EXTENSION_ID,
    douyin_review_row,
    pair,
    route_douyin,
)

from demo_seller_centers import douyin as douyin_mock


@pytest.fixture()
def real_context(playwright, tmp_path, request):
    """The unmodified extension/ (closed panels), in a fresh profile."""
    ctx = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=not request.config.getoption("--headed", default=False),
        args=[f"--disable-extensions-except={EXTENSION_DIR}", f"--load-extension={EXTENSION_DIR}", *CHROMIUM_ARGS],
        viewport={"width": 1400, "height": 900},
        locale="en-US",
    )
    yield ctx
    ctx.close()


class ExtensionWorld:
    """Evaluate JS in the extension's content-script world of `page` (CDP Runtime, the isolated world whose
    origin is the extension's)."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.contexts: list[dict] = []
        self.cdp.on("Runtime.executionContextCreated", lambda e: self.contexts.append(e["context"]))
        self.cdp.send("Runtime.enable")

    def _context_id(self) -> int:
        ours = [c for c in self.contexts if c.get("origin", "").startswith(f"chrome-extension://{EXTENSION_ID}")
                and c.get("auxData", {}).get("type") == "isolated"]
        assert ours, f"no content-script world of the extension among {[(c.get('name'), c.get('origin')) for c in self.contexts]}"
        return ours[-1]["id"]

    def eval(self, expression: str):
        reply = self.cdp.send("Runtime.evaluate", {"expression": expression, "contextId": self._context_id(),
                                                   "awaitPromise": True, "returnByValue": True})
        assert "exceptionDetails" not in reply, reply["exceptionDetails"]
        return reply["result"].get("value")


# In the extension's world: the closed root of the panel in the review row `rowKey`, and a wait for a selector in it
# (a MutationObserver on the root: no polling, no fixed sleep).
PANEL_OF = """(rowKey) => {
  const row = document.querySelector(`tr.auxo-table-row[data-row-key="${rowKey}"]`);
  return chrome.dom.openOrClosedShadowRoot(row.querySelector('rc-panel'));
}"""
WAIT_IN = """(root, sel) => new Promise((resolve) => {
  const hit = () => root.querySelector(sel);
  if (hit()) return resolve(hit().textContent);
  const mo = new MutationObserver(() => { if (hit()) { mo.disconnect(); resolve(hit().textContent); } });
  mo.observe(root, {childList: true, subtree: true, characterData: true, attributes: true});
})"""


def test_page_scripts_cannot_read_the_panel_but_it_works(real_context, companion):
    pair(real_context, EXTENSION_ID, companion.url, companion.token)
    route_douyin(real_context)
    page = real_context.pages[0] if real_context.pages else real_context.new_page()
    page.goto(DOUYIN_PAGE)
    comment = next(c for c in douyin_mock.load_data()["comments"] if "客服态度极差" in c["content"])
    douyin_review_row(page, comment["order_id"]).locator("rc-panel").wait_for(state="attached")
    world = ExtensionWorld(page)
    oid = json.dumps(str(comment["id"]))

    # The extension sees its panel: the preview holds the review text, and ONE observer serves the document.
    preview = world.eval(f"({WAIT_IN})(({PANEL_OF})({oid}), '[data-testid=rc-preview]')")
    assert "客服态度极差" in preview
    assert world.eval("RC.watchStats().observers") == 1

    # Capture through the panel's own button; the result (type, drafts) renders inside the closed root.
    world.eval(f"(({PANEL_OF})({oid})).querySelector('[data-testid=rc-capture]').click()")
    assert world.eval(f"({WAIT_IN})(({PANEL_OF})({oid}), '[data-testid=rc-type]')")
    drafts = world.eval(f"[...(({PANEL_OF})({oid})).querySelectorAll('textarea')].map(t => t.value)")
    assert drafts and all(drafts)

    # The page's own scripts (main world): the hosts are there, their roots are not, nor is any of the text.
    seen = page.evaluate("""(drafts) => {
      const hosts = [...document.querySelectorAll('rc-panel')];
      const text = document.documentElement.innerText + document.documentElement.textContent;
      return {hosts: hosts.length, roots: hosts.filter(h => h.shadowRoot !== null).length,
              leaked: drafts.filter(d => text.includes(d)).length};
    }""", drafts)
    assert seen["hosts"] >= 1
    assert seen["roots"] == 0
    assert seen["leaked"] == 0
    # Playwright's locators run in the page's worlds too: they cannot reach into the panel either.
    assert douyin_review_row(page, comment["order_id"]).get_by_test_id("rc-capture").count() == 0
