"""Adapter contract (refined-github's url-detection tests, for our adapters): load core.js plus one
adapter into a page WITHOUT the extension; `detect` is true for the adapter's own testUrls and false
for everyone else's; `extract`/`order` on the mock rows equal the saved JSON.

The mock regenerates its CSS-module hashes on every load, so equal output across loads also proves
the adapter does not depend on them.
"""

from __future__ import annotations

import json

import pytest
from rc_e2e import DOUYIN_PAGE, EXTENSION_DIR, ROOT, route_douyin

FIXTURES = ROOT / "e2e" / "fixtures"
ADAPTERS = sorted(p.stem for p in (EXTENSION_DIR / "content" / "adapters").glob("*.js"))
# URLs no adapter may claim: other seller-center pages and look-alike hosts.
FOREIGN_URLS = [
    "https://fxg.jinritemai.com/ffa/morder/order/list",
    "https://fxg.jinritemai.com/ffa/govern-report/report-create",
    "https://fxg.jinritemai.com/index.html#/ffa/morder/order/list",
    "https://im.jinritemai.com/pc_seller_v2/main/workspace",
    "https://fxg.jinritemai.com.evil.example/ffa/maftersale/comment",
    "http://fxg.jinritemai.com/ffa/maftersale/comment",
    "http://127.0.0.1:8765/ffa/maftersale/comment",
    "http://10.0.0.5:8765/mock/douyin/ffa/maftersale/comment",
    "http://127.0.0.1:8765/dashboard",
    "about:blank",
    "not a url",
]


@pytest.fixture()
def plain_page(browser):
    ctx = browser.new_context()
    route_douyin(ctx)
    page = ctx.new_page()
    yield page
    ctx.close()


def load_adapter(page, adapter: str) -> None:
    page.add_script_tag(path=str(EXTENSION_DIR / "content" / "core.js"))
    page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / f"{adapter}.js"))


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_detect_own_test_urls_only(plain_page, adapter):
    plain_page.goto("about:blank")
    # Every adapter, so each one's testUrls are checked against all the others'.
    plain_page.add_script_tag(path=str(EXTENSION_DIR / "content" / "core.js"))
    for other in ADAPTERS:
        plain_page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / f"{other}.js"))
    result = plain_page.evaluate("""(id) => {
      const all = RC.adapters.all();
      const me = RC.adapters.get(id);
      const others = all.filter(a => a !== me).flatMap(a => a.testUrls);
      return {
        own: me.testUrls.map(u => [u, me.detect(u)]),
        foreign: others.map(u => [u, me.detect(u)]),
      };
    }""", adapter)
    assert result["own"] and all(ok for _, ok in result["own"]), result["own"]
    assert not any(ok for _, ok in result["foreign"]), result["foreign"]
    foreign = plain_page.evaluate("([id, urls]) => urls.map(u => [u, RC.adapters.get(id).detect(u)])", [adapter, FOREIGN_URLS])
    assert not any(ok for _, ok in foreign), foreign


def test_douyin_extract_matches_saved_json(plain_page):
    expected = json.loads((FIXTURES / "douyin" / "extract.json").read_text())
    for _load in range(2):  # two loads = two different sets of hashed class names
        plain_page.goto(DOUYIN_PAGE)
        plain_page.locator("tbody.auxo-table-tbody tr.auxo-table-row").first.wait_for()
        load_adapter(plain_page, "douyin")
        got = plain_page.evaluate("""(keys) => {
          const a = RC.adapters.get('douyin');
          const out = {};
          for (const key of keys) {
            const row = a.rows(document).find(r => r.getAttribute('data-row-key') === key);
            out[key] = {review: a.extract(row), order: a.order(row)};
          }
          out.shop = a.shop(document);
          out.rowCount = a.rows(document).length;
          return out;
        }""", [k for k in expected if k not in ("shop", "rowCount")])
        assert got == expected


def test_douyin_extract_refuses_unknown_layout(plain_page):
    plain_page.goto(DOUYIN_PAGE)
    plain_page.locator("tbody.auxo-table-tbody tr.auxo-table-row").first.wait_for()
    load_adapter(plain_page, "douyin")
    result = plain_page.evaluate("""() => {
      const a = RC.adapters.get('douyin');
      const row = a.rows(document)[0];
      for (const el of row.querySelectorAll('.auxo-rate')) el.className = 'x';
      try { a.extract(row); return 'extracted'; } catch (e) { return e.name + ': ' + e.anchor; }
    }""")
    assert result == "LayoutError: auxo-rate (stars)"
