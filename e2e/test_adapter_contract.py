"""Adapter contract (refined-github's url-detection tests, for our adapters): load core.js plus one
adapter into a page WITHOUT the extension; `detect` is true for the adapter's own testUrls and false
for everyone else's; `extract`/`order` on the mock rows equal the saved JSON.

The mock regenerates its CSS-module hashes on every load, so equal output across loads also proves
the adapter does not depend on them.
"""

from __future__ import annotations

import json

import pytest
from rc_adapter_page import add_core
from rc_e2e import DOUYIN_PAGE, EXTENSION_DIR, ROOT, route_douyin, route_douyin_context

FIXTURES = ROOT / "e2e" / "fixtures"
ADAPTERS = sorted(p.stem for p in (EXTENSION_DIR / "content" / "adapters").glob("*.js"))
# URLs no adapter may claim: other seller-center pages and look-alike hosts.
FOREIGN_URLS = [
    "https://fxg.jinritemai.com/ffa/morder/order/list",
    "https://fxg.jinritemai.com/ffa/govern-report/report-create",
    "https://fxg.jinritemai.com/index.html#/ffa/morder/order/list",
    "https://im.jinritemai.com/pc_seller_v2/main/settings",
    "https://fxg.jinritemai.com/ffa/merchant-aftersale-workbench/aftersale/list",
    "http://127.0.0.1:8765/mock/douyin/ffa/morder/order/list",
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
    add_core(page)
    page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / f"{adapter}.js"))


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_detect_own_test_urls_only(plain_page, adapter):
    plain_page.goto("about:blank")
    # Every adapter, so each one's testUrls are checked against all the others'.
    add_core(plain_page)
    for other in ADAPTERS:
        plain_page.add_script_tag(path=str(EXTENSION_DIR / "content" / "adapters" / f"{other}.js"))
    result = plain_page.evaluate("""(id) => {
      const all = RC.adapters.all();
      const me = RC.adapters.get(id);
      const urlsOf = (a) => a.testUrls.concat(...Object.values(a.contextTestUrls || {}));
      const others = all.filter(a => a !== me).flatMap(urlsOf);
      return {
        own: me.testUrls.map(u => [u, me.detect(u)]),
        foreign: others.map(u => [u, me.detect(u)]),
      };
    }""", adapter)
    assert result["own"] and all(ok for _, ok in result["own"]), result["own"]
    kinds = plain_page.evaluate("""(id) => {
      const me = RC.adapters.get(id);
      const out = [];
      for (const [kind, urls] of Object.entries(me.contextTestUrls || {})) {
        for (const u of urls) out.push([u, kind, me.detect(u), me.pageKind(u), RC.adapters.pageFor(u) && RC.adapters.pageFor(u).kind]);
      }
      return out;
    }""", adapter)
    bad = [k for k in kinds if not (k[2] and k[3] == k[1] == k[4])]
    assert not bad, bad
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


# ------------------------------------------------------------------ context pages (adapter interface v2)

DOUYIN_CONTEXT = {
    "order": "https://fxg.jinritemai.com/ffa/morder/order/detail?id=4937201865043414729",
    "logistics": "https://fxg.jinritemai.com/ffa/morder/logistics/detail?order_id=4937201865043414729",
    "after_sales": "https://fxg.jinritemai.com/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id=7340352235852997173",
    "chat": "https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id=4937201865043414729",
}


@pytest.fixture()
def context_page(browser):
    ctx = browser.new_context()
    route_douyin_context(ctx)
    page = ctx.new_page()
    yield page
    ctx.close()


def test_douyin_context_pages_match_saved_json(context_page):
    """extractPage on each context page (hashed classes regenerate per load) equals the saved JSON;
    beforeCapture opens the logistics drawer on the order page and its restore closes it."""
    expected = json.loads((FIXTURES / "douyin" / "context.json").read_text(encoding="utf-8"))
    got = {}
    for kind, url in DOUYIN_CONTEXT.items():
        context_page.goto(url)
        context_page.locator("body[data-rg-loaded]").wait_for()
        load_adapter(context_page, "douyin")
        got[kind] = context_page.evaluate("""async (kind) => {
          const a = RC.adapters.get('douyin');
          const restore = await a.beforeCapture(document, kind, {});
          const page = a.extractPage(document, kind);
          if (restore) restore();
          return {pageKind: a.pageKind(location.href), page, drawers: document.querySelectorAll('.auxo-drawer').length};
        }""", kind)
    assert got == expected


@pytest.mark.parametrize("kind,break_js,anchor", [
    ("order", "document.querySelector('[data-kora_order_status]').removeAttribute('data-kora_order_status')", "data-kora_order_status"),
    ("logistics", "for (const el of document.querySelectorAll('span')) if (el.textContent === '运单号') el.textContent = '快递单号'", "运单号"),
    ("after_sales", "for (const el of document.querySelectorAll('span')) if (el.textContent === '售后单号') el.textContent = '服务单号'", "售后单号"),
    ("chat", "document.querySelector('[data-kora=\"订单信息面板\"]').remove(); history.replaceState(null, '', location.pathname)", "订单编号"),
])
def test_douyin_context_refuses_unknown_layout(context_page, kind, break_js, anchor):
    context_page.goto(DOUYIN_CONTEXT[kind])
    context_page.locator("body[data-rg-loaded]").wait_for()
    load_adapter(context_page, "douyin")
    context_page.evaluate(f"() => {{ {break_js} }}")
    result = context_page.evaluate("""(kind) => {
      try { RC.adapters.get('douyin').extractPage(document, kind); return 'extracted'; }
      catch (e) { return e.name + ': ' + e.anchor; }
    }""", kind)
    assert result == f"LayoutError: {anchor}"


def test_douyin_context_links_follow_mock_mode(plain_page):
    plain_page.goto("about:blank")
    load_adapter(plain_page, "douyin")
    links = plain_page.evaluate("""() => {
      const a = RC.adapters.get('douyin');
      return [a.contextLinks('4937201865043414729', {pageUrl: 'https://fxg.jinritemai.com/ffa/maftersale/comment'}),
              a.contextLinks('4937201865043414729', {pageUrl: 'http://127.0.0.1:8765/mock/douyin/ffa/maftersale/comment'})];
    }""")
    real, mock = links
    assert real["order"] == "https://fxg.jinritemai.com/ffa/morder/order/detail?id=4937201865043414729"
    assert real["chat"] == "https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id=4937201865043414729"
    assert mock["chat"] == "http://127.0.0.1:8765/mock/douyin/im.jinritemai.com/pc_seller_v2/main/workspace?order_id=4937201865043414729"
    assert mock["logistics"] == "http://127.0.0.1:8765/mock/douyin/ffa/morder/logistics/detail?order_id=4937201865043414729"
    plain_page.evaluate("() => 0")
    kinds = plain_page.evaluate("(urls) => urls.map(u => RC.adapters.get('douyin').pageKind(u))", list(mock.values()))
    assert kinds == ["order", "logistics", None, "chat"]  # the after-sales link is the list, searched by order
