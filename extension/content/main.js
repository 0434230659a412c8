/* Review Guard content-script entry: pick the adapter for this URL, mount one panel per review
 * row, and wire Capture to the service worker. Re-runs on SPA navigation.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const html = document.documentElement;
  // Refuse a second load (e.g. the extension was reloaded while the tab stayed open, or a
  // manifest entry overlaps): two sets of panels would double every capture.
  if (html.hasAttribute("data-rc-loaded")) return;
  html.setAttribute("data-rc-loaded", chrome.runtime.getManifest().version);

  const LOG = "Review Guard:";
  const MAX_REMOUNTS = 5;
  /** Per review key: what the panel last showed, so a re-rendered row gets its panel back. */
  const states = new Map();
  /** capture_id → review key, to route `capture.delivered` to the right panel. */
  const keyByCapture = new Map();
  /** review key → live panel api. */
  const panels = new Map();
  let run = null;

  function reviewKey(adapter, row) {
    return `${adapter.id}:${row.getAttribute("data-row-key") || (adapter.order(row) || {}).order_id || ""}`;
  }

  function render(panel, state) {
    if (!state) return panel.idle();
    if (state.kind === "result") panel.result(state.result, { delivered: state.delivered });
    else if (state.kind === "queued") panel.queued(state.count, state.code);
    else if (state.kind === "error") panel.error(state.message, state.level);
    else panel.idle();
  }

  function setState(key, state) {
    states.set(key, state);
    const panel = panels.get(key);
    if (panel) render(panel, state);
  }

  function mount(adapter, row, signal) {
    const key = reviewKey(adapter, row);
    const panel = RC.panel.create({
      onCapture: () => capture(adapter, row, key, panel),
      onRetry: () => retry(key),
    });
    const missing = adapter.missingAnchor(row);
    adapter.anchor(row).appendChild(panel.host);
    row.setAttribute("data-rc-key", key);
    panels.set(key, panel);
    if (missing) {
      console.warn(LOG, `layout not recognised on ${adapter.id}: missing anchor "${missing}"`, row);
      panel.layout(missing);
      return;
    }
    try {
      panel.setPreview(adapter.extract(row));
    } catch (err) {
      console.warn(LOG, err.message, row);
      panel.layout(err.anchor || "?");
      return;
    }
    render(panel, states.get(key));
    signal.addEventListener("abort", () => panels.get(key) === panel && panels.delete(key), { once: true });
  }

  async function capture(adapter, row, key, panel) {
    let review;
    let order;
    try {
      review = adapter.extract(row);
      order = adapter.order(row);
    } catch (err) {
      // Never send a half-understood row: the seller would appeal with wrong data.
      console.warn(LOG, err.message, row);
      panel.layout(err.anchor || "?");
      return;
    }
    panel.busy();
    // The screenshot is of the visible tab, so the row must be on screen first.
    row.scrollIntoView({ block: "center", inline: "nearest" });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const reply = await RC.send("capture.submit", {
      platform: adapter.id,
      page_url: location.href,
      page_title: document.title,
      shop: adapter.shop ? adapter.shop(document) : null,
      review,
      order,
    });
    handleReply(key, reply);
  }

  function handleReply(key, reply) {
    if (reply.capture_id) keyByCapture.set(reply.capture_id, key);
    if (reply.ok) return setState(key, { kind: "result", result: reply.result });
    const code = reply.error && reply.error.code;
    if (reply.queued) return setState(key, { kind: "queued", count: reply.queue_length, code, captureId: reply.capture_id });
    if (code === "unauthorized") return setState(key, { kind: "error", message: RC.t("statusUnauthorized") });
    const message = (reply.error && reply.error.message) || code || "unknown error";
    if (reply.failed) return setState(key, { kind: "error", message: RC.t("statusRefused", [message]) });
    setState(key, { kind: "error", message: RC.t("statusError", [message]) });
  }

  async function retry(key) {
    const reply = await RC.send("queue.flush");
    const st = states.get(key);
    // A delivered capture updates the panel through `capture.delivered`; otherwise refresh the count.
    if (reply.ok && st && st.kind === "queued" && reply.result.remaining > 0) {
      setState(key, { ...st, count: reply.result.remaining });
    }
  }

  /** Remount panels that the page removed while keeping the row (re-render in place). */
  function repair(adapter, signal) {
    const check = () => {
      for (const row of document.querySelectorAll(`${adapter.rowSelector}`)) {
        if (!row.hasAttribute("data-rc-seen") || row.querySelector("rc-panel")) continue;
        const n = Number(row.getAttribute("data-rc-remounts") || 0);
        if (n >= MAX_REMOUNTS) continue;
        row.setAttribute("data-rc-remounts", String(n + 1));
        mount(adapter, row, signal);
      }
    };
    const mo = new MutationObserver(check);
    mo.observe(document, { childList: true, subtree: true });
    signal.addEventListener("abort", () => mo.disconnect(), { once: true });
  }

  function cleanup() {
    for (const host of document.querySelectorAll("rc-panel")) host.remove();
    for (const row of document.querySelectorAll("[data-rc-seen]")) {
      row.removeAttribute("data-rc-seen");
      row.removeAttribute("data-rc-remounts");
    }
    panels.clear();
  }

  function start() {
    if (run) run.abort();
    cleanup();
    run = new AbortController();
    const signal = run.signal;
    const adapter = RC.adapters.forUrl(location.href);
    if (!adapter) return;
    if (adapter.overlaySelector && adapter.dismissOverlay) {
      RC.observe(adapter.overlaySelector, (el) => adapter.dismissOverlay(el), { signal, warnAfterMs: 1e9 });
    }
    RC.observe(adapter.rowSelector, (row) => mount(adapter, row, signal), { signal });
    repair(adapter, signal);
  }

  /**
   * Messages from the service worker.
   * `capture.delivered` {capture_id, result}: a queued capture reached the companion.
   * `capture.failed` {capture_id, error}: the companion refused a queued capture (kept in rc-failed).
   */
  chrome.runtime.onMessage.addListener((msg) => {
    if (!msg || (msg.type !== "capture.delivered" && msg.type !== "capture.failed")) return false;
    const { capture_id: captureId, result, error } = msg.payload || {};
    const key = keyByCapture.get(captureId);
    if (!key) return false;
    if (msg.type === "capture.delivered") setState(key, { kind: "result", result, delivered: true });
    else setState(key, { kind: "error", message: RC.t("statusRefused", [(error && error.message) || "?"]) });
    return false;
  });

  // SPA navigation (tabs, route changes): abort the run and start again for the new URL.
  RC.onNavigate(() => start());
  start();
})();
