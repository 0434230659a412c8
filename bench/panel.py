"""The extension on a big review page: how long until every row has its panel, and what it costs the page.

    .venv/bin/python bench/panel.py                 # 500 rows, 3 runs each side
    .venv/bin/python bench/panel.py --rows 200 --runs 1

The Douyin 评价管理 mock is served on its real host with one page of N generated rows (the mock's
29 reviews repeated under new ids), in real Chromium, twice side by side:

  * baseline — the same page in a browser without the extension: when its N rows are in the DOM,
    and the main-thread long tasks (> 50 ms, PerformanceObserver 'longtask') the page causes by itself;
  * extension — the real extension (paired with a real companion): additionally, when the N-th
    `rc-panel` is in the DOM.

Reported (medians over runs, each relative to the N-th row being in the DOM):

  * `panel_inject_ms_<N>` — "all hosts present": the N-th `rc-panel` is in the DOM. Since the panels
    mount as light shells (extension/content/review-page.js: the host, its heading and a working Capture;
    the full panel is built when its row comes near the viewport), this number alone no longer says the
    panels are finished: it is how long the page waits for the extension before it is laid out with
    every row's panel box in place;
  * `panel_first_screen_ms_<N>` — "every panel in the first screen fully built": every panel whose host
    is in the first 1366×768 screen has been built (its `data-rc-shell` gone: preview, fold, state),
    the time the last of them was. Judge the two together;
  * `panel_shells_left_<N>` — panels still shells after the run (rows never scrolled near), to show
    what is deferred;
  * the long tasks of each side, and `long_tasks_over_50ms` = the extension side's long tasks minus the
    baseline's (what the content script adds; goal 0).

Last line: one JSON object. bench/run.py calls `measure()`.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "e2e"))

# Page-world probe, installed before the page's own scripts: times (performance.now) of the N-th row
# and the N-th panel, and every long task.
PROBE = """
(() => {
  const N = %d;
  const b = window.__rcBench = { longtasks: [], rows: null, panels: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { b.noLongtask = String(e); }
  const check = (records) => {
    const now = performance.now();
    if (b.rows === null && document.querySelectorAll("tr.auxo-table-row").length >= N) b.rows = now;
    if (b.panels === null && document.querySelectorAll("tr.auxo-table-row rc-panel").length >= N) b.panels = now;
    // When each panel was added, and when a shell was built (its data-rc-shell removed): page-world expandos.
    for (const r of records || []) {
      if (r.type === "attributes" && r.target.nodeName === "RC-PANEL" && !r.target.hasAttribute("data-rc-shell")) r.target.__rcBuilt ??= now;
      if (r.type !== "childList") continue;
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        const hosts = n.nodeName === "RC-PANEL" ? [n] : n.querySelectorAll("rc-panel");
        for (const h of hosts) h.__rcAdded ??= now;
      }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-rc-shell"] });
})();
"""

# At the end of an extension run (page world, scrolled to the top as loaded): when the last panel of the first
# screen was built, or null while one of them is still a shell; and how many panels are shells.
FIRST_SCREEN = """() => {
  const hosts = [...document.querySelectorAll("tr.auxo-table-row rc-panel")];
  const seen = hosts.filter((h) => { const r = h.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; });
  let last = 0;
  for (const h of seen) {
    if (h.hasAttribute("data-rc-shell")) return null;
    last = Math.max(last, h.__rcBuilt ?? h.__rcAdded ?? Infinity);
  }
  return { firstScreen: seen.length ? last : null, firstScreenPanels: seen.length,
           shells: hosts.filter((h) => h.hasAttribute("data-rc-shell")).length };
}"""


def big_list(rows: int):
    """A list-API answer with `rows` reviews (the mock's, repeated under fresh review and order ids)."""
    from demo_seller_centers import douyin as douyin_mock

    base = douyin_mock.comment_list({"rank": "0", "page": "0", "pageSize": "50"})
    seed = base["data"]
    data = []
    for i in range(rows):
        c = copy.deepcopy(seed[i % len(seed)])
        c["id"] = f"9{i:018d}"
        c["order_id"] = f"8{i:018d}"
        c["shop_order_id"] = f"7{i:018d}"
        data.append(c)
    return {**base, "data": data, "total": rows}


def route_big_douyin(context, rows: int) -> None:
    """The Douyin mock on fxg, its list API answering one page of `rows` reviews whatever the page size asked."""
    from demo_seller_centers import douyin as douyin_mock
    from rc_e2e import FXG, route_douyin

    route_douyin(context)
    body = json.dumps(big_list(rows), ensure_ascii=False)

    def handle(route):
        if urllib.parse.urlsplit(route.request.url).path.lstrip("/") == douyin_mock.LIST_PATH:
            return route.fulfill(status=200, content_type="application/json", body=body)
        return route.fallback()

    context.route(f"{FXG}/**", handle)


def _run_page(context, rows: int, want_panels: bool, timeout_ms: int = 60000) -> dict:
    from rc_e2e import DOUYIN_PAGE

    page = context.new_page()
    page.add_init_script(PROBE % rows)
    page.goto(DOUYIN_PAGE)
    cond = "window.__rcBench && __rcBench.rows !== null" + (" && __rcBench.panels !== null" if want_panels else "")
    page.wait_for_function(cond, timeout=timeout_ms)
    page.wait_for_timeout(500)  # let trailing long tasks (after the last panel) be reported
    out = page.evaluate("() => window.__rcBench")
    if want_panels:
        out.update(page.wait_for_function(FIRST_SCREEN, timeout=timeout_ms).json_value())
    page.close()
    return out


def measure(rows: int = 500, runs: int = 3) -> dict:
    """Both sides, `runs` page loads each; the JSON keys bench/run.py reports."""
    from playwright.sync_api import sync_playwright

    from rc_e2e import CHROMIUM, CHROMIUM_ARGS, Companion, launch_extension, pair

    result: dict = {"panel_rows": rows, "panel_runs": runs}
    with tempfile.TemporaryDirectory(prefix="rc-bench-panel-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": 1366, "height": 768})
        route_big_douyin(ctx, rows)
        base = [_run_page(ctx, rows, want_panels=False) for _ in range(runs)]
        browser.close()

        companion = Companion(Path(tmp) / "data").start()
        try:
            ctx = launch_extension(p, Path(tmp) / "profile", headless=True, viewport=(1366, 768))
            worker = ctx.service_workers[0] if ctx.service_workers else ctx.wait_for_event("serviceworker", timeout=10000)
            pair(ctx, worker.url.split("/")[2], companion.url, companion.token)
            route_big_douyin(ctx, rows)
            ext = [_run_page(ctx, rows, want_panels=True) for _ in range(runs)]
            ctx.close()
        finally:
            companion.stop()

    def long_tasks(side):
        return statistics.median(len(r["longtasks"]) for r in side)

    inject = [r["panels"] - r["rows"] for r in ext]
    first = [r["firstScreen"] - r["rows"] for r in ext if r.get("firstScreen") is not None]
    result.update({
        f"panel_inject_ms_{rows}": round(statistics.median(inject), 1),
        f"panel_inject_ms_{rows}_runs": [round(x, 1) for x in inject],
        f"panel_first_screen_ms_{rows}": round(statistics.median(first), 1) if first else None,
        f"panel_first_screen_ms_{rows}_runs": [round(x, 1) for x in first],
        "panel_first_screen_panels": statistics.median(r.get("firstScreenPanels", 0) for r in ext),
        f"panel_shells_left_{rows}": statistics.median(r.get("shells", 0) for r in ext),
        "rows_rendered_ms_baseline": round(statistics.median(r["rows"] for r in base), 1),
        "rows_rendered_ms_extension": round(statistics.median(r["rows"] for r in ext), 1),
        "long_tasks_baseline": long_tasks(base),
        "long_tasks_extension": long_tasks(ext),
        "long_task_ms_max_baseline": round(max((t["duration"] for r in base for t in r["longtasks"]), default=0), 1),
        "long_task_ms_max_extension": round(max((t["duration"] for r in ext for t in r["longtasks"]), default=0), 1),
        "long_tasks_over_50ms": max(0, long_tasks(ext) - long_tasks(base)),
    })
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    r = measure(args.rows, args.runs)
    n = args.rows
    print(f"{'':34s}{'baseline (no extension)':>26s}{'with the extension':>22s}")
    print(f"{f'{n} rows in the DOM, ms':34s}{r['rows_rendered_ms_baseline']:>26}{r['rows_rendered_ms_extension']:>22}")
    print(f"{'long tasks > 50 ms (median)':34s}{r['long_tasks_baseline']:>26}{r['long_tasks_extension']:>22}")
    print(f"{'longest task, ms':34s}{r['long_task_ms_max_baseline']:>26}{r['long_task_ms_max_extension']:>22}")
    print(f"{'all hosts present after last row, ms':34s}{'':>26}{r[f'panel_inject_ms_{n}']:>22}   (goal < 150; panel_inject_ms_{n})")
    fs = f"first screen built ({r['panel_first_screen_panels']:g} panels), ms"
    print(f"{fs:34s}{'':>26}{str(r[f'panel_first_screen_ms_{n}']):>22}   (every panel in the first screen fully built)")
    print(f"{'panels still shells at the end':34s}{'':>26}{r[f'panel_shells_left_{n}']:>22}   (rows never near the viewport)")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
