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
  /** The current review page's row queue (see `newMounter`); null on other pages. */
  let mounter = null;
  /**
   * A mounting slice's budget. Large on purpose: measured on a 500-row 抖店 table (bench/panel.py), every
   * frame that adds panels to the table re-lays out the whole table (~80–200 ms), so 8 ms or 40 ms slices
   * that yield between frames cost 1.5–38 s and dozens of long tasks, while one pass in the page's own
   * render task costs ~225 ms and no extra long task. Only a far bigger page is split.
   */
  const SLICE_MS = 400;
  /**
   * The first rows of each render are filled in (panel built) while mounting, in the page's own render
   * task: a page opens at its top, and the rows on its first screen then need no second layout of the
   * table (the near-viewport observer answers a frame or more later). Two screens of 抖店 rows (~215 px).
   */
  const EAGER_ROWS = 8;

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
    if (mounter && mounter.pending()) {
      // Rows of this render are still being mounted (slices): they go out together, in ONE request.
      lk.scheduled = true;
      requestAnimationFrame(() => flushKnown(lk));
      return;
    }
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
      // A shell shows its state when it is filled (near the viewport): 500 known rows build no 500 panels here.
      if (panel && !S.blockedPanels.has(panel) && panel.isBuilt()) S.render(panel, st);
    }
    barChanged();
  }

  // ------------------------------------------------------------------ capture all negative reviews

  /** This page's rows: review key → {rating, capture()} (the panel's own Capture); null on other pages. */
  let rowJobs = null;
  /** Schedules a refresh of the "capture all" bar (once per frame); a no-op on other pages. */
  let barChanged = () => {};
  const isNegative = (rating) => rating != null && Number(rating) >= 1 && Number(rating) <= 3;
  /** This tab captured it (delivered or queued), the companion knew it (lookup), or its capture runs. */
  function alreadyCaptured(key) {
    const st = S.states.get(key);
    return S.inFlight.has(key) || (!!st && (st.kind === "result" || st.kind === "known" || st.kind === "queued"));
  }

  /**
   * "Capture all negative reviews on this page" (1–3★): ONE floating bar, shown once the page has such a
   * row. A click captures every such row not captured yet, one after the other, through each panel's own
   * capture routine; progress "n / total · failed"; a failure (refused layout, companion error) is counted
   * and the next row goes on; a second click while it runs does nothing, and after it skips what is done.
   * @returns {() => void} refresh the bar (once per animation frame)
   */
  function captureAllBar(signal) {
    const st = { count: 0, running: false, finished: false, done: 0, total: 0, failed: 0, skipped: 0 };
    const jobs = rowJobs;
    const negatives = () => [...jobs].filter(([key, job]) => isNegative(job.rating) && S.panels.has(key));
    const todo = () => negatives().filter(([key]) => !alreadyCaptured(key) && !S.blockedPanels.has(S.panels.get(key)));
    let bar = null;
    const refresh = () => {
      if (signal.aborted) return;
      st.count = todo().length;
      if (!bar) {
        if (!st.count) return;
        bar = RC.panel.bar(run);
        (document.body || document.documentElement).appendChild(bar.host);
        signal.addEventListener("abort", () => bar.host.remove(), { once: true });
      }
      bar.set(st);
    };
    async function run() {
      if (st.running) return;
      if (unrated) unrated.all(); // rows not filled yet: their ratings, now
      const queue = todo();
      Object.assign(st, { running: true, finished: false, done: 0, total: queue.length, failed: 0, skipped: negatives().length - queue.length });
      refresh();
      for (const [key, job] of queue) {
        if (signal.aborted) return;
        if (alreadyCaptured(key)) { // captured by hand meanwhile
          st.total -= 1;
          st.skipped += 1;
        } else {
          try {
            await job.capture();
          } catch (err) {
            console.warn(LOG, "capture failed", err);
          }
          const after = S.states.get(key);
          if (!after || (after.kind !== "result" && after.kind !== "queued")) st.failed += 1;
          st.done += 1;
        }
        refresh();
      }
      Object.assign(st, { running: false, finished: true });
      refresh();
    }
    return RC.perFrame(refresh, signal);
  }

  /**
   * A row's shell is filled in (its full panel built) when it comes within NEAR of the viewport — two
   * screens above and below — so it is finished before the seller scrolls to it; see `mount`.
   */
  const NEAR = "200% 0px";
  /** The current review page's "near the viewport" observer; null on other pages. */
  let near = null;
  /** Panel host → fill its row in (every shell of the current page). */
  const fillOf = new WeakMap();
  /** Rows whose rating is not read yet (the capture-all count), read in idle time; see `rateLater`. */
  let unrated = null;
  /** The current review page's panels (key → panel), dropped from S.panels when its run ends. */
  let mounted = null;

  /**
   * The panel of one review row: Capture runs the one capture routine on the row.
   *
   * Mounted as a light shell (panel.js `opts.shell`: the host, the heading, a working Capture), in the
   * page's own render task: on a 500-row 抖店 table the full panels — reading every row (extract) and
   * building 500 panels — cost ~290 ms there, and every later frame that changes panels re-lays out the
   * whole table (see SLICE_MS). The row is read and its panel built (`fill`) when it comes near the
   * viewport, gets keyboard focus, or anything renders on it (a capture, Capture all, a status from the
   * dashboard, a case update): those build it first (panel.js `onBuild`). The case lookup goes out for
   * every row at once (review ids through the adapter's cheap `rowKey`); the capture-all count reads the
   * ratings of the rows not filled yet in idle time (no DOM writes), and all at once on its click.
   */
  function mount(adapter, row, signal) {
    const key = reviewKey(adapter, row);
    const capture = () => RC.capture({
      adapter, kind: "review", key, panel, signal, target: row, where: row, keepAfterNavigation: true,
      validate: () => adapter.extract(row),
      read: () => ({ review: adapter.extract(row), order: adapter.order(row) }),
      show: () => row.scrollIntoView({ block: "center", inline: "nearest" }),
    }).finally(() => barChanged());
    const panel = RC.panel.create(RC.caseActions(key, adapter, {
      onCapture: capture,
      onRetry: () => S.retry(key),
      onBuild: () => fill(),
    }), { shell: true });
    const jobs = rowJobs;
    const job = jobs ? { rating: undefined, capture, reviewId: reviewIdOf(adapter, row, null), rate } : null;
    let filled = false;
    let ok = true;

    /** The rating alone (capture-all), for a row not filled yet: no DOM writes. */
    function rate() {
      if (!job || job.rating !== undefined) return;
      let review = null;
      try {
        review = adapter.extract(row);
      } catch {
        review = null; // refused when it is filled (layout)
      }
      job.rating = review ? review.rating : null;
      if (review && !job.reviewId) job.reviewId = reviewIdOf(adapter, row, review);
    }

    /** Read the row and build its panel (once); false when the row is refused (layout). */
    function fill() {
      if (filled) return ok;
      filled = true;
      if (near) near.unobserve(panel.host);
      panel.build();
      // Blocked: the panel says so until the block clears, then it is dropped and remounted fresh.
      if (S.blockedPanels.has(panel) || signal.aborted) return ok;
      const drop = () => { if (jobs && jobs.get(key) === job) jobs.delete(key); barChanged(); };
      const missing = adapter.missingAnchor(row);
      if (missing) {
        console.warn(LOG, `layout not recognised on ${adapter.id}: missing anchor "${missing}"`, row);
        panel.layout(missing);
        drop();
        return (ok = false);
      }
      let review;
      try {
        review = adapter.extract(row);
        panel.setPreview(review);
        // Positive reviews (4–5★) start as one line; the seller's own fold of this review wins.
        panel.fold(key, review.rating != null && Number(review.rating) >= 4);
      } catch (err) {
        S.refuse(panel, err, row);
        drop();
        return (ok = false);
      }
      S.render(panel, S.states.get(key));
      if (job) {
        job.rating = review.rating;
        job.reviewId = reviewIdOf(adapter, row, review);
        barChanged();
      }
      askKnown(key, reviewIdOf(adapter, row, review));
      return true;
    }

    adapter.anchor(row).appendChild(panel.host);
    row.setAttribute("data-rc-key", key);
    S.panels.set(key, panel);
    if (mounted) mounted.set(key, panel); // dropped from S.panels when the page run ends (one listener per run)
    const blocked = S.blockedOf(adapter);
    if (blocked) {
      // Captcha, logged out, a dialog over the rows…: the page under it is not what the seller can act on.
      console.warn(LOG, `${adapter.id}: ${blocked.message}`);
      S.showBlocked(panel, blocked);
      return;
    }
    fillOf.set(panel.host, fill);
    if (near) near.observe(panel.host);
    if (job) {
      jobs.set(key, job);
      if (unrated) unrated.add(job);
    }
    askKnown(key, job ? job.reviewId : reviewIdOf(adapter, row, null));
    return fill;
  }

  /**
   * Read the ratings of rows not filled yet in idle time (a few rows per idle period), so the capture-all
   * bar counts every negative review on the page without building its panel.
   * @returns {{add: (job: Object) => void, all: () => void}} `all`: read the rest now (the bar's click)
   */
  function rateLater(signal) {
    const queue = new Set();
    let scheduled = false;
    const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(() => fn({ timeRemaining: () => 8, didTimeout: true }), 16));
    const work = (deadline) => {
      scheduled = false;
      if (signal.aborted) return;
      const end = performance.now() + 20; // never a long task, even when the idle period is long or overdue
      let n = 0;
      for (const job of queue) {
        if (n >= 10 && (deadline.timeRemaining() < 2 || performance.now() > end)) break;
        queue.delete(job);
        job.rate();
        n += 1;
      }
      barChanged();
      if (queue.size) schedule();
    };
    const schedule = () => {
      if (scheduled || signal.aborted) return;
      scheduled = true;
      idle(work, { timeout: 1000 });
    };
    signal.addEventListener("abort", () => queue.clear(), { once: true });
    return {
      add(job) {
        queue.add(job);
        schedule();
      },
      all() {
        for (const job of queue) job.rate();
        queue.clear();
      },
    };
  }

  /**
   * Rows get their panels in slices of at most SLICE_MS, yielding to the page between slices (a
   * MessageChannel task: no timer clamping). The first slice runs right after the observer's batch, in
   * the page's own render task, so the table is laid out once with its panels (see SLICE_MS); rows are
   * mounted in document order (the rows on screen first).
   */
  function newMounter(adapter, signal) {
    const queue = [];
    const waiting = new Set();
    let head = 0;
    let scheduled = false;
    const channel = new MessageChannel();
    const slice = () => {
      scheduled = false;
      if (signal.aborted) return;
      const end = performance.now() + SLICE_MS;
      while (head < queue.length) {
        const row = queue[head++];
        waiting.delete(row);
        if (row.isConnected) {
          try {
            const fill = mount(adapter, row, signal);
            // The first rows of a render are the ones on screen: built now, in the same layout.
            if (fill && head <= EAGER_ROWS) fill();
          } catch (err) {
            console.error(LOG, "panel mount failed", err, row); // one broken row must not stop the others
          }
        }
        if (performance.now() > end) break;
      }
      if (head < queue.length) {
        scheduled = true;
        channel.port2.postMessage(0);
      } else {
        queue.length = 0;
        head = 0;
      }
    };
    channel.port1.onmessage = slice;
    signal.addEventListener("abort", () => {
      channel.port1.close();
      queue.length = 0;
      waiting.clear();
    }, { once: true });
    return {
      add(row) {
        if (signal.aborted || waiting.has(row)) return;
        waiting.add(row);
        queue.push(row);
        if (scheduled) return;
        scheduled = true;
        queueMicrotask(slice); // after the observer's batch: every row of this render is queued first
      },
      has: (row) => waiting.has(row),
      pending: () => waiting.size > 0,
    };
  }

  /** Remount panels that the page removed while keeping the row (re-render in place). */
  function repair(adapter, signal) {
    const check = () => {
      for (const row of document.querySelectorAll(adapter.rowSelector)) {
        if (!row.hasAttribute("data-rc-seen") || (mounter && mounter.has(row)) || row.querySelector("rc-panel")) continue;
        const n = Number(row.getAttribute("data-rc-remounts") || 0);
        if (n >= MAX_REMOUNTS) continue;
        row.setAttribute("data-rc-remounts", String(n + 1));
        const fill = mount(adapter, row, signal);
        // A panel that showed something (a case, a capture's reply) gets it back at once.
        if (fill && S.states.has(row.getAttribute("data-rc-key"))) fill();
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
    const rows = (mounter = newMounter(adapter, signal));
    const jobs = (rowJobs = new Map());
    const bar = (barChanged = captureAllBar(signal));
    const rating = (unrated = rateLater(signal));
    const io = (near = new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting && fillOf.has(e.target)) fillOf.get(e.target)();
    }, { rootMargin: NEAR }));
    const panels = (mounted = new Map());
    signal.addEventListener("abort", () => {
      io.disconnect();
      for (const [key, panel] of panels) if (S.panels.get(key) === panel) S.panels.delete(key);
      if (mounted === panels) mounted = null;
      if (lookups && lookups.signal === signal) lookups = null;
      if (mounter === rows) mounter = null;
      if (rowJobs === jobs) rowJobs = null;
      if (barChanged === bar) barChanged = () => {};
      if (near === io) near = null;
      if (unrated === rating) unrated = null;
    }, { once: true });
    // Keyboard focus on a shell's Capture (Tab): the panel is built first (focus events reach the host).
    document.addEventListener("focusin", (e) => {
      const fill = e.target && fillOf.get(e.target);
      if (fill) fill();
    }, { signal, capture: true });
    RC.observe(adapter.rowSelector, (row) => rows.add(row), { signal });
    // Back from the dashboard (or any other tab): the panels take the cases' current status (one lookup).
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && !signal.aborted) {
        S.refreshCases(adapter.id, new Map([...jobs].map(([key, job]) => [key, job.reviewId])));
      }
    }, { signal });
    repair(adapter, signal);
    RC.pages.watchBlocked(adapter, signal);
  };
})();
