/* Review Guard content-script router: pick the adapter for this URL (detect), then the page kind
 * (pageKind), and start that page's feature:
 *   review      → review-page.js (one panel per row; blocked-page.js follows blocked states)
 *   order, chat, logistics, after_sales → context-page.js (ONE floating panel for the page)
 *   login       → blocked-page.js (ONE floating notice: log in)
 * Re-runs on SPA navigation, aborting the previous run's listeners and in-flight work. Also routes the
 * service worker's messages about captures and cases to the panels (RC.session).
 *
 * The scripts of a manifest entry, in order: shared/contract.js (generated from companion/models.py),
 * core.js (adapter registry, the ONE document observer, navigation, messaging), shot.js, panel.js, the
 * adapter, session.js, capture.js (the ONE capture routine), case-actions.js, review-page.js,
 * context-page.js, blocked-page.js, main.js.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const S = RC.session;
  const html = document.documentElement;
  // Refuse a second load (e.g. the extension was reloaded while the tab stayed open, or a
  // manifest entry overlaps): two sets of panels would double every capture.
  if (html.hasAttribute("data-rc-loaded")) return;
  html.setAttribute("data-rc-loaded", chrome.runtime.getManifest().version);

  let run = null;

  /** Drop what the previous run mounted; review rows keep their state (a re-rendered row gets it back). */
  function cleanup() {
    for (const host of document.querySelectorAll("rc-panel")) host.remove();
    // Drop what context pages showed: after navigation the page is another order or kind.
    for (const key of [...S.states.keys()]) if (key.startsWith("ctx:")) S.states.delete(key);
    for (const row of document.querySelectorAll("[data-rc-seen]")) {
      row.removeAttribute("data-rc-seen");
      row.removeAttribute("data-rc-remounts");
    }
    S.panels.clear();
    S.blockedPanels.clear();
  }

  function start() {
    const found = RC.adapters.pageFor(location.href);
    const kind = found && found.kind;
    // Same page kind after a same-page URL change (e.g. review-list paging via pushState) restarts too:
    // rows are re-read; context pages may now show another order.
    if (run) run.abort();
    cleanup();
    run = new AbortController();
    const signal = run.signal;
    html.setAttribute("data-rc-page", kind ? `${found.adapter.id}:${kind}` : "");
    if (!found || !kind) return;
    const { adapter } = found;
    if (adapter.overlaySelector && adapter.dismissOverlay) {
      RC.observe(adapter.overlaySelector, (el) => adapter.dismissOverlay(el), { signal, warnAfterMs: 1e9 });
    }
    if (kind === "login") RC.pages.login(adapter, signal);
    else if (kind === "review") RC.pages.review(adapter, signal);
    else if (typeof adapter.extractPage === "function") RC.pages.context(adapter, kind, signal);
  }

  /**
   * Messages from the service worker.
   * `case.updated` {result}: any capture (this tab or another) changed a case; panels showing it refresh.
   * `capture.delivered` {capture_id, result}: a queued capture reached the companion.
   * `capture.failed` {capture_id, error, reason: "refused"|"attempts"}: a queued capture was parked (rc-failed).
   */
  chrome.runtime.onMessage.addListener((msg) => {
    if (msg && msg.type === "case.updated") {
      S.caseUpdated(msg.payload && msg.payload.result);
      return false;
    }
    if (!msg || (msg.type !== "capture.delivered" && msg.type !== "capture.failed")) return false;
    const { capture_id: captureId, result, error } = msg.payload || {};
    const key = S.keyByCapture.get(captureId);
    if (!key) return false;
    if (msg.type === "capture.delivered") S.setState(key, S.resultState(S.states.get(key), result, { delivered: true }));
    else {
      // Parked: refused (4xx), or failed on QUEUE_LIMITS.maxAttempts times (5xx); Options offers retry / discard.
      const which = msg.payload && msg.payload.reason === "attempts" ? "statusParked" : "statusRefused";
      S.setState(key, { kind: "error", message: RC.t(which, [(error && error.message) || "?"]) });
    }
    return false;
  });

  // SPA navigation (tabs, route changes): abort the run and start again for the new URL.
  RC.onNavigate(() => start());
  start();
})();
