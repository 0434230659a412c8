"""Panel memory: after a reload, a row captured before shows its case again (one `cases.lookup` per page of rows).

Each test has its own companion, so rows captured by other tests of the session cannot show up as "known".
"""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from demo_seller_centers import douyin as douyin_mock

from rc_e2e import FXG, pair

CAPTURE_TIMEOUT = 15000
COMMENTS = douyin_mock.load_data()["comments"]
ORDER_ID = "4937201865043414729"  # broken item: a clear product-quality complaint


def review_row(page, comment: dict):
    return page.locator(f'tr.auxo-table-row[data-row-key="{comment["id"]}"]')


def wait_rows(page) -> None:
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()


def record_lookups(service_worker) -> None:
    """Record the bodies of the service worker's POSTs to /api/v1/lookup and whether each has settled."""
    service_worker.evaluate("""() => {
      if (self.__rcLookups) return;
      self.__rcLookups = [];
      self.__rcLookupsSettled = 0;
      const realFetch = self.fetch;
      self.fetch = (url, opts) => {
        const p = realFetch.call(self, url, opts);
        if (opts && opts.method === 'POST' && String(url).endsWith('/api/v1/lookup')) {
          self.__rcLookups.push(opts.body);
          p.finally(() => { self.__rcLookupsSettled += 1; }).catch(() => undefined);
        }
        return p;
      };
    }""")


def lookups(service_worker, settled: int | None = None) -> list[dict]:
    """The lookup bodies sent so far; with `settled`, first wait (≤5 s) until that many have answered or failed."""
    if settled is not None:
        service_worker.evaluate("""async (n) => {
          const end = Date.now() + 5000;
          while (self.__rcLookupsSettled < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
        }""", settled)
    return [json.loads(b) for b in service_worker.evaluate("() => self.__rcLookups || []")]


def row_ids(page) -> list[str]:
    return page.locator("tr.auxo-table-row").evaluate_all("rows => rows.map((r) => r.getAttribute('data-row-key'))")


def test_captured_row_remembered_after_reload(context, page, extension_id, own_companion, seller_pages, service_worker):
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    record_lookups(service_worker)
    c = next(x for x in COMMENTS if x["order_id"] == ORDER_ID)

    page.goto(seller_pages["douyin"])
    wait_rows(page)
    r = review_row(page, c)
    expect(r.get_by_test_id("rc-capture")).to_have_text("Capture")
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=CAPTURE_TIMEOUT)
    case_id = int(r.get_by_test_id("rc-case").get_attribute("data-case-id"))
    primary = r.get_by_test_id("rc-type").get_attribute("data-type")
    first = lookups(service_worker, settled=1)
    assert len(first) == 1 and first[0]["platform"] == "douyin"  # the first load asked once, for all its rows

    page.reload()
    wait_rows(page)
    r = review_row(page, c)
    known = r.get_by_test_id("rc-known")
    expect(known).to_have_text(re.compile(rf"^Captured before — case #{case_id} · Open · .+( · reply due \d{{4}}-\d{{2}}-\d{{2}})?$"))
    expect(known).to_have_attribute("data-case-id", str(case_id))
    expect(known).to_have_attribute("data-type", primary)
    expect(r.get_by_test_id("rc-capture")).to_have_text("Capture again")
    expect(r.get_by_test_id("rc-capture")).to_be_enabled()
    expect(r.get_by_test_id("rc-type")).to_have_count(0)  # compact until the seller asks for the case

    # Exactly one lookup for the reloaded page, carrying every row's review id; other rows stay idle.
    sent = lookups(service_worker, settled=2)
    assert len(sent) == 2, sent
    assert sorted(sent[1]["review_ids"]) == sorted(row_ids(page)) and c["id"] in sent[1]["review_ids"]
    others = page.locator(f'tr.auxo-table-row:not([data-row-key="{c["id"]}"])')
    assert others.count() >= 5
    for i in range(others.count()):
        o = others.nth(i)
        expect(o.get_by_test_id("rc-memory")).to_be_hidden()
        expect(o.get_by_test_id("rc-capture")).to_have_text("Capture")

    # Show case: the full result, as after a capture.
    r.get_by_test_id("rc-show-case").click()
    expect(r.get_by_test_id("rc-type")).to_have_attribute("data-type", primary)
    expect(r.get_by_test_id("rc-case")).to_have_attribute("data-case-id", str(case_id))
    for kind in ("public_reply", "private_message"):
        expect(r.get_by_test_id(f"rc-draft-text-{kind}")).not_to_be_empty()
    expect(r.get_by_test_id("rc-checklist")).to_be_visible()
    expect(r.get_by_test_id("rc-memory")).to_be_hidden()

    # Capture again stays allowed: a new evidence version of the same case.
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-case")).to_have_text(re.compile(rf"^Case #{case_id} · 4 evidence files$"), timeout=CAPTURE_TIMEOUT)
    assert [x["page_kind"] for x in companion.request(f"/api/v1/cases/{case_id}")["captures"]] == ["review", "review"]

    # A context page of that order says the order already has a case (its preview is unchanged).
    page.goto(f"{FXG}/ffa/morder/order/detail?id={ORDER_ID}")
    panel = page.locator("rc-panel[data-floating]")
    expect(panel.get_by_test_id("rc-preview")).to_have_text(f"Capture this page as evidence (order {ORDER_ID})")
    expect(panel.get_by_test_id("rc-order-case")).to_have_text(f"Order already in case #{case_id}")
    sent = lookups(service_worker, settled=3)
    assert sent[-1] == {"platform": "douyin", "review_ids": [], "order_ids": [ORDER_ID]}
    assert len(sent) == 3, sent  # Show case, Capture again and their re-renders asked nothing more


def test_unpaired_or_companion_down_panels_stay_idle(context, page, extension_id, own_companion, seller_pages, service_worker):
    companion = own_companion
    record_lookups(service_worker)
    noise: list[str] = []
    page.on("console", lambda m: noise.append(f"{m.type}: {m.text}")
            if m.type in ("error", "warning") and ("lookup" in m.text.lower() or "Review Guard" in m.text) else None)
    page.on("pageerror", lambda e: noise.append(f"pageerror: {e}"))

    def idle_panels() -> None:
        wait_rows(page)
        rows = page.locator("tr.auxo-table-row")
        assert rows.count() >= 5
        for i in range(rows.count()):
            expect(rows.nth(i).get_by_test_id("rc-memory")).to_be_hidden()
            expect(rows.nth(i).get_by_test_id("rc-status")).to_be_hidden()
            expect(rows.nth(i).get_by_test_id("rc-capture")).to_have_text("Capture")

    # Not paired yet: the service worker does not even call the companion.
    page.goto(seller_pages["douyin"])
    idle_panels()
    assert service_worker.evaluate("() => self.__rcLookups.length") == 0

    # Paired, companion down: one lookup fails quietly, the panels stay idle and Capture is untouched.
    pair(context, extension_id, companion.url, companion.token)
    companion.stop()
    page.reload()
    idle_panels()
    assert len(lookups(service_worker, settled=1)) == 1
    idle_panels()
    assert noise == []
