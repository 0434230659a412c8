/* Review Guard: what the panels of this tab show, shared by the page features (review-page.js,
 * context-page.js, blocked-page.js, case-actions.js, capture.js) and the router (main.js).
 *
 * Classic content script after the adapter; everything hangs off `RC.session` (content scripts share
 * one isolated world, not modules). A panel is found by its key: `<platform>:<review id>` for a review
 * row, `ctx:<platform>:<kind>:<path>` for a context page's floating panel.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const LOG = "Review Guard:";

  const S = (RC.session = {
    LOG,
    /** Per key: what the panel last showed, so a re-rendered row gets its panel back. */
    states: new Map(),
    /** capture_id → key, to route `capture.delivered` to the right panel. */
    keyByCapture: new Map(),
    /** key → live panel api. */
    panels: new Map(),
    /** Keys whose capture is running: a late lookup or Show case answer must not repaint them. */
    inFlight: new Set(),
    /** Panels showing "blocked": when the block clears they are dropped, and repair remounts fresh ones. */
    blockedPanels: new Set(),
  });

  /** `blockedOf`'s answer for the current task (see there). */
  let blockedMemo = null;

  const BLOCKED_KEYS = {
    captcha: "blockedCaptcha",
    logged_out: "blockedLoggedOut",
    no_permission: "blockedNoPermission",
    session_expired: "blockedSessionExpired",
    overlay: "blockedOverlay",
  };

  /** A blocked page (captcha, logged out, no permission…) in the seller's language; the adapter's words otherwise. */
  S.blockedMessage = function blockedMessage(code, fallback) {
    const key = BLOCKED_KEYS[code];
    const msg = key ? RC.t(key) : "";
    return msg && msg !== key ? msg : fallback;
  };

  /**
   * The adapter's `blocked(document)` ({code, message} or null); null for an adapter without it. A
   * throwing hook is logged and treated as "not blocked" (extract still refuses a broken layout).
   */
  S.blockedOf = function blockedOf(adapter) {
    if (typeof adapter.blocked !== "function") return null;
    // Once per task: mounting a batch of rows asks for every row, and `blocked` reads the whole document
    // (and layout, for shown modals) — O(rows × document) when asked row by row. The answer is dropped at
    // the end of the task (a microtask), so a click or the next mutation batch always reads afresh.
    if (blockedMemo && blockedMemo.adapter === adapter) return blockedMemo.value;
    let value = null;
    try {
      value = adapter.blocked(document) || null;
    } catch (err) {
      console.warn(LOG, `blocked() of ${adapter.id} threw`, err);
    }
    blockedMemo = { adapter, value };
    queueMicrotask(() => { blockedMemo = null; });
    return value;
  };

  /** Show a blocked state on `panel` (and remember it, so it comes back when the block clears). */
  S.showBlocked = function showBlocked(panel, b) {
    S.blockedPanels.add(panel);
    panel.blocked(S.blockedMessage(b.code, b.message));
  };

  /**
   * At click time: is the page blocked now (a dialog opened, the session expired)? Then say so on `panel`
   * and send nothing.
   * @returns {boolean} true when the capture must not go on
   */
  S.refuseBlocked = function refuseBlocked(adapter, panel) {
    const b = S.blockedOf(adapter);
    if (!b) return false;
    console.warn(LOG, `${adapter.id}: ${b.message} — nothing captured`);
    S.showBlocked(panel, b);
    return true;
  };

  /**
   * Say why nothing is captured: a blocked page (captcha, logged out) in its own words, anything
   * else as "layout not recognised" naming the missing anchor.
   */
  S.refuse = function refuse(panel, err, where) {
    if (err && err.name === "BlockedError") {
      console.warn(LOG, err.message, where || "");
      panel.blocked(S.blockedMessage(err.code, err.message));
      return;
    }
    console.warn(LOG, `layout not recognised: ${err && err.message}`, where || "");
    panel.layout((err && err.anchor) || "?");
  };

  /** The shop region the page is in (TikTok Shop: US, TH…), when the adapter can tell. */
  S.regionOf = function regionOf(adapter) {
    try {
      return typeof adapter.region === "function" ? adapter.region(location.href) || null : null;
    } catch {
      return null;
    }
  };

  /** Deep links for the checklist's "Open" buttons, for one order. */
  S.linksFor = function linksFor(adapter) {
    if (typeof adapter.contextLinks !== "function") return null;
    return (orderId) => adapter.contextLinks(orderId, { pageUrl: location.href, region: S.regionOf(adapter) });
  };

  /**
   * The case's current appeal: the newest of the case result's `appeals` (when the companion lists
   * them) and the row this tab last got back from appeal.record / appeal.decide.
   */
  S.currentAppeal = function currentAppeal(state) {
    const rows = [...((state.result && Array.isArray(state.result.appeals)) ? state.result.appeals : []), state.appeal].filter(Boolean);
    let best = null;
    for (const row of rows) {
      // Same appeal twice: a decided copy is newer than a pending one (decisions only move forward).
      if (!best || row.id > best.id || (row.id === best.id && best.outcome === "pending" && row.outcome !== "pending")) best = row;
    }
    return best;
  };

  /** A result state for `result`, keeping this tab's appeal row when it is still the same case. */
  S.resultState = function resultState(prev, result, extra) {
    const sameCase = prev && prev.result && prev.result.case && result && result.case && prev.result.case.id === result.case.id;
    return { kind: "result", result, appeal: sameCase ? prev.appeal || null : null, ...(extra || {}) };
  };

  S.render = function render(panel, state) {
    if (!state) return panel.idle();
    if (state.kind === "result") {
      panel.result(state.result, { delivered: state.delivered, appeal: S.currentAppeal(state), pending: state.pending || null, notes: state.notes || {},
        edits: state.edits || {} });
    }
    else if (state.kind === "known") panel.known(state.summary, { pending: state.pending, note: state.note });
    else if (state.kind === "queued") panel.queued(state.count, state.code);
    else if (state.kind === "error") panel.error(state.message, state.level);
    else panel.idle();
  };

  S.setState = function setState(key, state) {
    S.states.set(key, state);
    const panel = S.panels.get(key);
    if (panel) S.render(panel, state);
  };

  /** The case id a panel shows, or null. */
  S.caseIdOf = function caseIdOf(key) {
    const st = S.states.get(key);
    return st && st.kind === "result" && st.result && st.result.case ? st.result.case.id : null;
  };

  /** Update the result state of `key` (if it still shows a result) with `patch`. */
  S.patchState = function patchState(key, patch) {
    const st = S.states.get(key);
    if (st && st.kind === "result") S.setState(key, { ...st, ...patch });
  };

  S.code = (reply) => reply && reply.error && reply.error.code;

  S.errorText = function errorText(reply) {
    if (S.code(reply) === "invalid_transition") return RC.t("statusNeedsReopen");
    return RC.t("requestFailed", [(reply.error && (reply.error.message || reply.error.code)) || "?"]);
  };

  /** What `capture.submit` answered, on the panel of `key`: the case, "queued", or why not. */
  S.handleReply = function handleReply(key, reply) {
    if (reply.capture_id) S.keyByCapture.set(reply.capture_id, key);
    if (reply.ok) return S.setState(key, S.resultState(S.states.get(key), reply.result));
    const code = S.code(reply);
    if (reply.queued) return S.setState(key, { kind: "queued", count: reply.queue_length, code, captureId: reply.capture_id });
    if (code === "unauthorized") return S.setState(key, { kind: "error", message: RC.t("statusUnauthorized") });
    const message = (reply.error && reply.error.message) || code || "unknown error";
    if (reply.failed) return S.setState(key, { kind: "error", message: RC.t("statusRefused", [message]) });
    S.setState(key, { kind: "error", message: RC.t("statusError", [message]) });
  };

  /** "Retry now" on a queued capture: flush the queue; a delivered capture arrives as `capture.delivered`. */
  S.retry = async function retry(key) {
    const reply = await RC.send("queue.flush");
    const st = S.states.get(key);
    if (reply.ok && st && st.kind === "queued" && reply.result.remaining > 0) {
      S.setState(key, { ...st, count: reply.result.remaining });
    }
  };

  let refreshing = false;
  /**
   * The seller changed cases on the dashboard (replied, messaged, appealed, resolved, closed): when the tab
   * comes back into view, ONE `cases.lookup` for the reviews whose panels show a case, and each panel takes
   * the status the companion has now (a known row also its type and reply due). At most one request in
   * flight; a failure leaves the panels as they were.
   * @param {string} platform
   * @param {Map<string, string>} ids review key → review id
   */
  S.refreshCases = async function refreshCases(platform, ids) {
    if (refreshing) return;
    const ask = new Map();
    for (const [key, reviewId] of ids) {
      const st = S.states.get(key);
      if (reviewId && st && (st.kind === "known" || (st.kind === "result" && st.result && st.result.case)) && !S.inFlight.has(key)) ask.set(reviewId, key);
    }
    if (!ask.size) return;
    refreshing = true;
    try {
      const reply = await RC.send("cases.lookup", { platform, review_ids: [...ask.keys()] });
      if (!reply.ok) return;
      const found = (reply.result && reply.result.reviews) || {};
      for (const [reviewId, key] of ask) {
        const now = found[reviewId];
        const st = S.states.get(key);
        if (!now || now.id == null || !st || S.inFlight.has(key)) continue;
        if (st.kind === "known" && st.summary.id === now.id) {
          const summary = { ...st.summary, ...now };
          if (["status", "primary", "reply_due_at"].some((k) => summary[k] !== st.summary[k])) S.setState(key, { ...st, summary });
        } else if (st.kind === "result" && st.result.case && st.result.case.id === now.id && now.status && now.status !== st.result.case.status) {
          S.setState(key, { ...st, result: { ...st.result, case: { ...st.result.case, status: now.status } } });
        }
      }
    } finally {
      refreshing = false;
    }
  };

  /** Replace the result shown for every panel of `caseId` (a capture of another page joined the case). */
  S.caseUpdated = function caseUpdated(result) {
    const caseId = result && result.case && result.case.id;
    if (caseId == null) return;
    for (const [key, st] of S.states) {
      if (st && st.kind === "result" && st.result && st.result.case && st.result.case.id === caseId) {
        S.setState(key, { ...st, result });
      } else if (st && st.kind === "known" && st.summary.id === caseId) {
        // A row known from the lookup: its one-line summary follows the case (status, type, reply due).
        const c = result.case;
        S.setState(key, { ...st, summary: { ...st.summary, status: c.status, primary: c.primary, reply_due_at: c.reply_due_at } });
      }
    }
  };
})();
