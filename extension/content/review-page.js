/* Review Guard on a review page: one panel per review row.
 *
 * Rows are found through the document observer (RC.observe) and keyed by review id; a row the page
 * re-renders in place gets its panel back with what it showed (repair); rows that mount together are
 * looked up in ONE `cases.lookup` per animation frame ("Captured before — case #N", panel memory).
 * The lookup never blocks Capture; failures stay quiet.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const S = RC.session;
  const LOG = S.LOG;
  const MAX_REMOUNTS = 5;
  /** The current review page's lookup batch (see `askKnown`); null on other pages. */
  let lookups = null;

  /** One key per review row: the adapter's own `rowKey` (review id), else the row's key or order id. */
  function reviewKey(adapter, row) {
    let id = null;
    try {
      id = typeof adapter.rowKey === "function" ? adapter.rowKey(row) : null;
    } catch {
      id = null; // a broken row is reported by extract(); the key only routes panel updates
    }
    return `${adapter.id}:${id || row.getAttribute("data-row-key") || (adapter.order(row) || {}).order_id || ""}`;
  }

  // ------------------------------------------------------------------ panel memory (cases.lookup)

  /**
   * A fresh lookup batch for one run of a review page.
   * @returns {{adapter: Object, signal: AbortSignal, pending: Map<string, string>, asked: Set<string>, scheduled: boolean}}
   *   `pending`: review id → review key waiting for the next request; `asked`: keys already looked up in this run
   */
  function newLookups(adapter, signal) {
    return { adapter, signal, pending: new Map(), asked: new Set(), scheduled: false };
  }

  /** The review id a lookup asks about: the adapter's `extract(row).review_id`, else its `rowKey(row)`. */
  function reviewIdOf(adapter, row, review) {
    if (review && review.review_id) return String(review.review_id);
    try {
      const id = typeof adapter.rowKey === "function" ? adapter.rowKey(row) : null;
      return id ? String(id) : null;
    } catch {
      return null;
    }
  }

  /**
   * Queue a row for the "captured before?" lookup. Rows that mount together (one render of the list,
   * one page of results) go out as ONE `cases.lookup` on the next animation frame — no timers, no
   * request per row. Rows that already show something (a capture this tab made) are not asked about;
   * a remounted row is not asked twice in one run.
   */
  function askKnown(key, reviewId) {
    const lk = lookups;
    if (!lk || lk.signal.aborted || !reviewId || S.states.has(key) || lk.asked.has(key)) return;
    lk.asked.add(key);
    lk.pending.set(reviewId, key);
    if (lk.scheduled) return;
    lk.scheduled = true;
    requestAnimationFrame(() => flushKnown(lk));
  }

  /** Send the batched review ids; a hit becomes the row's "known" state. Failures leave panels idle. */
  async function flushKnown(lk) {
    lk.scheduled = false;
    if (lk.signal.aborted || !lk.pending.size) return;
    const batch = new Map(lk.pending);
    lk.pending.clear();
    const reply = await RC.send("cases.lookup", { platform: lk.adapter.id, review_ids: [...batch.keys()] });
    // Companion down, not paired, old extension context: nothing is known, the panels simply stay idle.
    if (!reply.ok || lk.signal.aborted) return;
    const found = (reply.result && reply.result.reviews) || {};
    for (const [reviewId, key] of batch) {
      const summary = found[reviewId];
      // A capture started or finished meanwhile: its own state wins.
      if (!summary || summary.id == null || S.states.has(key) || S.inFlight.has(key)) continue;
      const st = { kind: "known", summary };
      S.states.set(key, st);
      const panel = S.panels.get(key);
      if (panel && !S.blockedPanels.has(panel)) S.render(panel, st);
    }
  }

  /** The panel of one review row: Capture runs the one capture routine on the row. */
  function mount(adapter, row, signal) {
    const key = reviewKey(adapter, row);
    const panel = RC.panel.create(RC.caseActions(key, adapter, {
      onCapture: () => RC.capture({
        adapter, kind: "review", key, panel, signal, target: row, where: row, keepAfterNavigation: true,
        validate: () => adapter.extract(row),
        read: () => ({ review: adapter.extract(row), order: adapter.order(row) }),
        show: () => row.scrollIntoView({ block: "center", inline: "nearest" }),
      }),
      onRetry: () => S.retry(key),
    }));
    const missing = adapter.missingAnchor(row);
    adapter.anchor(row).appendChild(panel.host);
    row.setAttribute("data-rc-key", key);
    S.panels.set(key, panel);
    const blocked = S.blockedOf(adapter);
    if (blocked) {
      // Captcha, logged out, a dialog over the rows…: the page under it is not what the seller can act on.
      console.warn(LOG, `${adapter.id}: ${blocked.message}`);
      S.showBlocked(panel, blocked);
      return;
    }
    if (missing) {
      console.warn(LOG, `layout not recognised on ${adapter.id}: missing anchor "${missing}"`, row);
      panel.layout(missing);
      return;
    }
    let review;
    try {
      review = adapter.extract(row);
      panel.setPreview(review);
      // Positive reviews (4–5★) start as one line; the seller's own fold of this review wins.
      panel.fold(key, review.rating != null && Number(review.rating) >= 4);
    } catch (err) {
      S.refuse(panel, err, row);
      return;
    }
    S.render(panel, S.states.get(key));
    askKnown(key, reviewIdOf(adapter, row, review));
    signal.addEventListener("abort", () => S.panels.get(key) === panel && S.panels.delete(key), { once: true });
  }

  /** Remount panels that the page removed while keeping the row (re-render in place). */
  function repair(adapter, signal) {
    const check = () => {
      for (const row of document.querySelectorAll(adapter.rowSelector)) {
        if (!row.hasAttribute("data-rc-seen") || row.querySelector("rc-panel")) continue;
        const n = Number(row.getAttribute("data-rc-remounts") || 0);
        if (n >= MAX_REMOUNTS) continue;
        row.setAttribute("data-rc-remounts", String(n + 1));
        mount(adapter, row, signal);
      }
    };
    /** Did these mutations take a panel away (the panel itself, or a node holding one)? */
    const lostPanel = (records) => records.some((r) => [...r.removedNodes].some((n) => n.nodeType === 1
      && (n.nodeName === "RC-PANEL" || !!n.querySelector("rc-panel"))));
    // `own`: the page removing just our panel is a batch of our own nodes, and exactly what to repair.
    RC.watch((records) => lostPanel(records) && check(), { signal, own: true, childList: true });
  }

  RC.pages = RC.pages || {};
  /** A review page: panels for its rows, now and as they render. */
  RC.pages.review = function reviewPage(adapter, signal) {
    lookups = newLookups(adapter, signal);
    signal.addEventListener("abort", () => { if (lookups && lookups.signal === signal) lookups = null; }, { once: true });
    RC.observe(adapter.rowSelector, (row) => mount(adapter, row, signal), { signal });
    repair(adapter, signal);
    RC.pages.watchBlocked(adapter, signal);
  };
})();
