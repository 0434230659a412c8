/* Review Guard content-script entry: pick the adapter for this URL (detect), then the page kind
 * (pageKind). Review pages get one panel per review row; context pages (order, chat, logistics,
 * after-sales) get ONE floating panel for the page. Capture goes to the service worker. Re-runs on
 * SPA navigation, aborting the previous run's observers and in-flight work.
 * Blocked pages (adapter `blocked(doc)`: captcha, logged out, no permission, session expired, a dialog
 * that cannot be closed safely) say so and capture nothing; a login page of the platform (kind "login")
 * and a blocked review page without rows get ONE floating panel with the message.
 * Panel memory: rows that mount together are looked up in ONE `cases.lookup` (batched per animation
 * frame); a row captured before shows "Captured before — case #N …" with Show case, a context page
 * whose order is already in a case says so. The lookup never blocks Capture; failures stay quiet.
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
  /** Review keys whose capture is running: a late lookup or Show case answer must not repaint them. */
  const inFlight = new Set();
  /** The current review page's lookup batch (see `askKnown`); null on other pages. */
  let lookups = null;
  let run = null;

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

  const BLOCKED_KEYS = {
    captcha: "blockedCaptcha",
    logged_out: "blockedLoggedOut",
    no_permission: "blockedNoPermission",
    session_expired: "blockedSessionExpired",
    overlay: "blockedOverlay",
  };

  /** A blocked page (captcha, logged out, no permission…) in the seller's language; the adapter's words otherwise. */
  function blockedMessage(code, fallback) {
    const key = BLOCKED_KEYS[code];
    const msg = key ? RC.t(key) : "";
    return msg && msg !== key ? msg : fallback;
  }

  /**
   * The adapter's `blocked(document)` ({code, message} or null); null for an adapter without it. A
   * throwing hook is logged and treated as "not blocked" (extract still refuses a broken layout).
   */
  function blockedOf(adapter) {
    if (typeof adapter.blocked !== "function") return null;
    try {
      return adapter.blocked(document) || null;
    } catch (err) {
      console.warn(LOG, `blocked() of ${adapter.id} threw`, err);
      return null;
    }
  }

  /** Panels showing "blocked": when the block clears they are dropped, and `repair` remounts fresh ones. */
  const blockedPanels = new Set();

  /** Show a blocked state on `panel` (and remember it, so it comes back when the block clears). */
  function showBlocked(panel, b) {
    blockedPanels.add(panel);
    panel.blocked(blockedMessage(b.code, b.message));
  }

  /** The shop region the page is in (TikTok Shop: US, TH…), when the adapter can tell. */
  function regionOf(adapter) {
    try {
      return typeof adapter.region === "function" ? adapter.region(location.href) || null : null;
    } catch {
      return null;
    }
  }

  /**
   * Say why nothing is captured: a blocked page (captcha, logged out) in its own words, anything
   * else as "layout not recognised" naming the missing anchor.
   */
  function refuse(panel, err, where) {
    if (err && err.name === "BlockedError") {
      console.warn(LOG, err.message, where || "");
      panel.blocked(blockedMessage(err.code, err.message));
      return;
    }
    console.warn(LOG, `layout not recognised: ${err && err.message}`, where || "");
    panel.layout((err && err.anchor) || "?");
  }

  /**
   * The case's current appeal: the newest of the case result's `appeals` (when the companion lists
   * them) and the row this tab last got back from appeal.record / appeal.decide.
   */
  function currentAppeal(state) {
    const rows = [...((state.result && Array.isArray(state.result.appeals)) ? state.result.appeals : []), state.appeal].filter(Boolean);
    let best = null;
    for (const row of rows) {
      // Same appeal twice: a decided copy is newer than a pending one (decisions only move forward).
      if (!best || row.id > best.id || (row.id === best.id && best.outcome === "pending" && row.outcome !== "pending")) best = row;
    }
    return best;
  }

  /** A result state for `result`, keeping this tab's appeal row when it is still the same case. */
  function resultState(prev, result, extra) {
    const sameCase = prev && prev.result && prev.result.case && result && result.case && prev.result.case.id === result.case.id;
    return { kind: "result", result, appeal: sameCase ? prev.appeal || null : null, ...(extra || {}) };
  }

  function render(panel, state) {
    if (!state) return panel.idle();
    if (state.kind === "result") {
      panel.result(state.result, { delivered: state.delivered, appeal: currentAppeal(state), pending: state.pending || null, notes: state.notes || {},
        edits: state.edits || {} });
    }
    else if (state.kind === "known") panel.known(state.summary, { pending: state.pending, note: state.note });
    else if (state.kind === "queued") panel.queued(state.count, state.code);
    else if (state.kind === "error") panel.error(state.message, state.level);
    else panel.idle();
  }

  function setState(key, state) {
    states.set(key, state);
    const panel = panels.get(key);
    if (panel) render(panel, state);
  }

  /** Deep links for the checklist's "Open" buttons, for one order. */
  function linksFor(adapter) {
    if (typeof adapter.contextLinks !== "function") return null;
    return (orderId) => adapter.contextLinks(orderId, { pageUrl: location.href, region: regionOf(adapter) });
  }

  /** The seller says the type is wrong: tell the companion, then show the corrected case. */
  async function correct(key, primary) {
    const st = states.get(key);
    const caseId = st && st.result && st.result.case && st.result.case.id;
    if (!caseId) return;
    const reply = await RC.send("case.correct", { case_id: caseId, primary });
    if (reply.ok) return setState(key, resultState(states.get(key), reply.result));
    setState(key, { ...st });
    const panel = panels.get(key);
    if (panel) panel.error(RC.t("statusError", [(reply.error && reply.error.message) || "?"]));
  }

  /** The case id a review panel shows, or null. */
  function caseIdOf(key) {
    const st = states.get(key);
    return st && st.kind === "result" && st.result && st.result.case ? st.result.case.id : null;
  }

  /** Update the result state of `key` (if it still shows a result) with `patch`. */
  function patchState(key, patch) {
    const st = states.get(key);
    if (st && st.kind === "result") setState(key, { ...st, ...patch });
  }

  function errorText(reply) {
    return RC.t("requestFailed", [(reply.error && (reply.error.message || reply.error.code)) || "?"]);
  }

  /**
   * "Rewrite with local model": the companion rewrites the case's drafts (lint applies; the template
   * stays when a rewrite fails it). The panel shows the returned drafts, model-written ones marked.
   */
  async function rewrite(key) {
    const caseId = caseIdOf(key);
    if (!caseId) return;
    patchState(key, { pending: "rewrite", notes: { ...(states.get(key).notes || {}), rewrite: null } });
    const reply = await RC.send("drafts.rewrite", { case_id: caseId });
    const st = states.get(key);
    if (!st || st.kind !== "result") return;
    const notes = { ...(st.notes || {}) };
    if (reply.ok) {
      const fresh = (reply.result && reply.result.drafts) || [];
      const byKind = new Map((st.result.drafts || []).map((d) => [d.kind, d]));
      for (const d of fresh) byKind.set(d.kind, d);
      const n = fresh.filter((d) => d.source === "model").length;
      notes.rewrite = n ? { level: "ok", text: RC.t("rewriteDone", [n]) } : { level: "warn", text: RC.t("rewriteNotUsed") };
      // A rewritten draft replaces the seller's edit of it (the seller asked for the rewrite).
      const edits = { ...(st.edits || {}) };
      for (const d of fresh) if (d.source === "model") delete edits[d.kind];
      setState(key, { ...st, pending: null, notes, edits, result: { ...st.result, drafts: [...byKind.values()] } });
      return;
    }
    const code = reply.error && reply.error.code;
    notes.rewrite = code === "model_disabled"
      ? { level: "warn", text: RC.t("rewriteModelOff") }
      : { level: "error", text: code === "unauthorized" ? RC.t("statusUnauthorized") : errorText(reply) };
    setState(key, { ...st, pending: null, notes });
  }

  /** Read the case again (case.get) after an appeal change, so its status follows. */
  async function refreshCase(key, caseId, appeal, note) {
    const got = await RC.send("case.get", { case_id: caseId });
    const st = states.get(key);
    if (!st || st.kind !== "result") return;
    const notes = { ...(st.notes || {}), appeal: got.ok ? note || null : { level: "error", text: errorText(got) } };
    setState(key, { ...st, result: got.ok ? got.result : st.result, appeal, pending: null, notes });
  }

  /** "Mark appeal submitted": record the appeal with the advice's reason and the appeal statement draft. */
  async function markAppeal(key) {
    const caseId = caseIdOf(key);
    if (!caseId) return;
    const result = states.get(key).result;
    const advice = result.advice || {};
    const draft = (result.drafts || []).find((d) => d.kind === "appeal_statement");
    const statement = (draft && draft.text) || advice.why || advice.reason_label || advice.reason_code || "other";
    patchState(key, { pending: "appeal", notes: { ...(states.get(key).notes || {}), appeal: null } });
    const reply = await RC.send("appeal.record", { case_id: caseId, reason_code: advice.reason_code || "other", statement });
    if (!reply.ok) return patchState(key, { pending: null, notes: { ...(states.get(key).notes || {}), appeal: { level: "error", text: errorText(reply) } } });
    await refreshCase(key, caseId, reply.result);
  }

  /** Accepted / Rejected: record the platform's decision, then show the case's new status. */
  async function decide(key, outcome) {
    const st = states.get(key);
    const caseId = caseIdOf(key);
    const appeal = st && currentAppeal(st);
    if (!caseId || !appeal) return;
    patchState(key, { pending: "appeal", notes: { ...(st.notes || {}), appeal: null } });
    const reply = await RC.send("appeal.decide", { appeal_id: appeal.id, outcome });
    if (!reply.ok) return patchState(key, { pending: null, notes: { ...(states.get(key).notes || {}), appeal: { level: "error", text: errorText(reply) } } });
    await refreshCase(key, caseId, reply.result);
  }

  // ------------------------------------------------------------------ the seller stays in control

  /**
   * The seller typed in a draft: remember the text (null = back to the draft) without re-rendering — the
   * textarea is the truth while typing; a later re-render (status change, case.updated) shows the edit again.
   */
  function editDraft(key, kind, text) {
    const st = states.get(key);
    if (!st || st.kind !== "result") return;
    const edits = { ...(st.edits || {}) };
    if (text == null) delete edits[kind];
    else edits[kind] = { text };
    states.set(key, { ...st, edits });
  }

  /** Lint the edited text with the companion (`draft.lint`); numbers are checked against the case's facts. */
  async function lintDraft(key, adapter, kind, text, lang) {
    const st = states.get(key);
    const c = st && st.kind === "result" && st.result && st.result.case;
    if (!c) return { ok: false, error: { code: "no_case", message: "no case" } };
    const reply = await RC.send("draft.lint", { text, kind, platform: c.platform || adapter.id, region: regionOf(adapter), lang, case_id: c.id });
    const now = states.get(key);
    if (reply.ok && now && now.kind === "result" && now.edits && now.edits[kind] && now.edits[kind].text === text) {
      states.set(key, { ...now, edits: { ...now.edits, [kind]: { text, lint: (reply.result && reply.result.findings) || [] } } });
    }
    return reply;
  }

  /** What the seller copied goes on the case timeline (`case.event`: draft kind, SHA-256, text, edited). */
  async function draftCopied(key, kind, text, edited) {
    const caseId = caseIdOf(key);
    if (!caseId) return { ok: false, error: { code: "no_case", message: "no case" } };
    return RC.send("case.event", { case_id: caseId, draft_kind: kind, text, edited });
  }

  /** One-click status (replied / messaged / appealed / resolved): PATCH the case, show what the companion says. */
  async function markStatus(key, status) {
    const caseId = caseIdOf(key);
    if (!caseId) return;
    patchState(key, { pending: "status", notes: { ...(states.get(key).notes || {}), status: null } });
    const reply = await RC.send("case.status", { case_id: caseId, status });
    const st = states.get(key);
    if (!st || st.kind !== "result") return;
    const notes = { ...(st.notes || {}), status: reply.ok ? null : { level: "error", text: code(reply) === "unauthorized" ? RC.t("statusUnauthorized") : errorText(reply) } };
    setState(key, { ...st, result: reply.ok ? reply.result : st.result, pending: null, notes });
  }

  /** The case's upload-ready appeal package (`case.package`), in the browser's language (zh or en). */
  function downloadPackage(key) {
    const caseId = caseIdOf(key);
    if (!caseId) return Promise.resolve({ ok: false, error: { code: "no_case", message: "no case" } });
    const ui = (chrome.i18n && chrome.i18n.getUILanguage && chrome.i18n.getUILanguage()) || navigator.language || "";
    return RC.send("case.package", { case_id: caseId, lang: /^zh/i.test(ui) ? "zh" : "en" });
  }

  function code(reply) {
    return reply && reply.error && reply.error.code;
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
    if (!lk || lk.signal.aborted || !reviewId || states.has(key) || lk.asked.has(key)) return;
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
      if (!summary || summary.id == null || states.has(key) || inFlight.has(key)) continue;
      const st = { kind: "known", summary };
      states.set(key, st);
      const panel = panels.get(key);
      if (panel && !blockedPanels.has(panel)) render(panel, st);
    }
  }

  /** "Show case": read the whole case (case.get) and render it as after a capture. */
  async function showCase(key) {
    const st = states.get(key);
    if (!st || st.kind !== "known" || st.pending) return;
    setState(key, { ...st, pending: true, note: null });
    const reply = await RC.send("case.get", { case_id: st.summary.id });
    const now = states.get(key);
    if (!now || now.kind !== "known" || inFlight.has(key)) return; // a capture got there first
    if (reply.ok) return setState(key, resultState(null, reply.result));
    const code = reply.error && reply.error.code;
    setState(key, { ...now, pending: false, note: { level: "error", text: code === "unauthorized" ? RC.t("statusUnauthorized") : errorText(reply) } });
  }

  function mount(adapter, row, signal) {
    const key = reviewKey(adapter, row);
    const panel = RC.panel.create({
      onCapture: () => capture(adapter, row, key, panel, signal),
      onRetry: () => retry(key),
      onCorrect: (primary) => correct(key, primary),
      onRewrite: () => rewrite(key),
      onAppeal: () => markAppeal(key),
      onDecide: (outcome) => decide(key, outcome),
      onShowCase: () => showCase(key),
      onStatus: (status) => markStatus(key, status),
      onDraftInput: (kind, text) => editDraft(key, kind, text),
      onLint: (kind, text, lang) => lintDraft(key, adapter, kind, text, lang),
      onCopied: (kind, text, edited) => draftCopied(key, kind, text, edited),
      onPackage: () => downloadPackage(key),
      links: linksFor(adapter),
    });
    const missing = adapter.missingAnchor(row);
    adapter.anchor(row).appendChild(panel.host);
    row.setAttribute("data-rc-key", key);
    panels.set(key, panel);
    const blocked = blockedOf(adapter);
    if (blocked) {
      // Captcha, logged out, a dialog over the rows…: the page under it is not what the seller can act on.
      console.warn(LOG, `${adapter.id}: ${blocked.message}`);
      showBlocked(panel, blocked);
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
      refuse(panel, err, row);
      return;
    }
    render(panel, states.get(key));
    askKnown(key, reviewIdOf(adapter, row, review));
    signal.addEventListener("abort", () => panels.get(key) === panel && panels.delete(key), { once: true });
  }

  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

  /** Run the adapter's optional beforeCapture (expand 展开, open a drawer); always returns a restore function. */
  async function prepare(adapter, target, kind, signal) {
    if (typeof adapter.beforeCapture !== "function") return () => {};
    try {
      const restore = await adapter.beforeCapture(target, kind, { signal });
      return typeof restore === "function" ? restore : () => {};
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      // Preparing is best effort: the capture still holds what the page shows.
      console.warn(LOG, "beforeCapture failed", err);
      return () => {};
    }
  }

  function runRestore(restore) {
    try {
      restore();
    } catch (err) {
      console.warn(LOG, "restore after capture failed", err);
    }
  }

  /**
   * At click time: is the page blocked now (a dialog opened, the session expired)? Then say so on `panel`
   * and send nothing.
   * @returns {boolean} true when the capture must not go on
   */
  function refuseBlocked(adapter, panel) {
    const b = blockedOf(adapter);
    if (!b) return false;
    console.warn(LOG, `${adapter.id}: ${b.message} — nothing captured`);
    showBlocked(panel, b);
    return true;
  }

  async function capture(adapter, row, key, panel, signal) {
    if (refuseBlocked(adapter, panel)) return;
    try {
      // Validate first: a row with a missing anchor is never touched nor sent.
      adapter.extract(row);
    } catch (err) {
      refuse(panel, err, row);
      return;
    }
    panel.busy();
    inFlight.add(key);
    let restore = () => {};
    let reply;
    try {
      restore = await prepare(adapter, row, "review", signal);
      let review;
      let order;
      try {
        // Read after preparing: the expanded text and the lazy images' real URLs (data-src).
        review = adapter.extract(row);
        order = adapter.order(row);
      } catch (err) {
        // Never send a half-understood row: the seller would appeal with wrong data.
        refuse(panel, err, row);
        return;
      }
      // The screenshot is of the visible tab, so the row must be on screen first.
      row.scrollIntoView({ block: "center", inline: "nearest" });
      await frames();
      reply = await RC.send("capture.submit", {
        platform: adapter.id,
        page_kind: "review",
        page_url: location.href,
        page_title: document.title,
        shop: adapter.shop ? adapter.shop(document) : null,
        region: regionOf(adapter),
        review,
        order,
      });
    } catch (err) {
      if (err && err.name === "AbortError") return;
      throw err;
    } finally {
      RC.shot.end(); // the worker ends the screenshot itself; this covers a worker that died mid-capture
      runRestore(restore);
      inFlight.delete(key);
    }
    handleReply(key, reply);
  }

  // ------------------------------------------------------------------ context pages

  /**
   * A context page (order detail, chat, logistics, after-sales): ONE floating panel for the page.
   * The page renders after an XHR, so the order id in the panel follows DOM mutations (a
   * MutationObserver, throttled to one read per frame); Capture reads the page again at click time.
   */
  function mountContext(adapter, kind, signal) {
    const key = `ctx:${adapter.id}:${kind}:${location.pathname}${location.search}`;
    let last = null;
    const panel = RC.panel.create({
      context: { kind },
      onCapture: () => captureContext(adapter, kind, key, panel, signal),
      onRetry: () => retry(key),
      onPackage: () => downloadPackage(key),
      links: linksFor(adapter),
    });
    (document.body || document.documentElement).appendChild(panel.host);
    panels.set(key, panel);
    signal.addEventListener("abort", () => {
      if (panels.get(key) === panel) panels.delete(key);
      panel.host.remove();
    }, { once: true });

    let scheduled = false;
    let blockCode = null;
    /** order id → Promise of its case summary (or null): one `cases.lookup` per order shown in this run. */
    const orderLookups = new Map();
    /** "Order already in case #N" under the preview, unless the panel shows a capture result by then. */
    const knownOrder = (orderId) => {
      if (!orderLookups.has(orderId)) {
        orderLookups.set(orderId, RC.send("cases.lookup", { platform: adapter.id, order_ids: [orderId] })
          .then((reply) => (reply.ok && reply.result && reply.result.orders && reply.result.orders[orderId]) || null));
      }
      orderLookups.get(orderId).then((summary) => {
        const st = states.get(key);
        if (!summary || summary.id == null || signal.aborted || last !== orderId || inFlight.has(key) || (st && st.kind === "result")) return;
        panel.setOrderCase(summary);
      });
    };
    const read = () => {
      scheduled = false;
      if (signal.aborted) return;
      // A blocked page (no permission, captcha, expired session) says so instead of an order id.
      const b = blockedOf(adapter);
      if (b) {
        if (b.code !== blockCode) {
          blockCode = b.code;
          last = null;
          console.warn(LOG, `${adapter.id} ${kind} page: ${b.message}`);
          showBlocked(panel, b);
        }
        return;
      }
      if (blockCode || blockedPanels.has(panel)) {
        // Unblocked (SPA re-render, dialog closed): the panel offers Capture again.
        blockCode = null;
        blockedPanels.delete(panel);
        render(panel, states.get(key));
      }
      let orderId = null;
      try {
        const page = adapter.extractPage(document, kind);
        // A promise means the adapter reads asynchronously; the preview waits for the click then.
        orderId = page && typeof page.then !== "function" && page.order ? page.order.order_id : null;
      } catch {
        orderId = null; // still rendering (or a changed layout: said at click time)
      }
      if (orderId !== last) {
        last = orderId;
        panel.setContext(orderId);
        panel.setOrderCase(null);
        if (orderId) knownOrder(orderId);
      }
    };
    const schedule = () => {
      if (scheduled || signal.aborted) return;
      scheduled = true;
      requestAnimationFrame(read);
    };
    const mo = new MutationObserver((records) => {
      // Our own panel's changes are not the page's content.
      if (records.every((r) => r.target === panel.host || panel.host.contains(r.target))) return;
      schedule();
    });
    mo.observe(document, { childList: true, subtree: true, characterData: true });
    signal.addEventListener("abort", () => mo.disconnect(), { once: true });
    render(panel, states.get(key));
    read(); // after render: a blocked page's message must not be cleared by the idle state
  }

  async function captureContext(adapter, kind, key, panel, signal) {
    if (refuseBlocked(adapter, panel)) return;
    panel.busy();
    inFlight.add(key);
    let restore = () => {};
    let reply;
    try {
      restore = await prepare(adapter, document, kind, signal);
      let page;
      try {
        page = await adapter.extractPage(document, kind);
        if (!page || !page.order || !page.order.order_id) throw new RC.LayoutError("order id");
      } catch (err) {
        if (err && err.name === "AbortError") return;
        refuse(panel, err, `${adapter.id} ${kind} page`);
        return;
      }
      if (signal.aborted) return;
      panel.setContext(page.order.order_id);
      await frames();
      reply = await RC.send("capture.submit", {
        platform: adapter.id,
        page_kind: kind,
        page_url: location.href,
        page_title: document.title,
        shop: page.shop || (adapter.shop ? adapter.shop(document) : null),
        region: page.region || regionOf(adapter),
        order: page.order,
        record: page.record || null,
      });
    } catch (err) {
      if (err && err.name === "AbortError") return;
      console.warn(LOG, "context capture failed", err);
      panel.error(RC.t("statusError", [String((err && err.message) || err)]));
      return;
    } finally {
      RC.shot.end(); // the worker ends the screenshot itself; this covers a worker that died mid-capture
      runRestore(restore);
      inFlight.delete(key);
    }
    // A navigation while the capture ran: the capture is stored, but this panel is gone.
    if (reply.capture_id) keyByCapture.set(reply.capture_id, key);
    if (signal.aborted) return;
    handleReply(key, reply);
  }

  // ------------------------------------------------------------------ blocked pages

  /**
   * ONE floating panel saying why nothing can be captured (no Capture): a login page of the platform, or a
   * review page that is blocked and has no review rows (no permission, session expired, logged out).
   * @returns {{host: Element, code: string}} remove it with `host.remove()`
   */
  function mountBlockedNotice(b, signal) {
    const panel = RC.panel.create({ floating: true, onCapture: () => {}, onRetry: () => {} });
    panel.host.setAttribute("data-blocked", b.code);
    panel.blocked(blockedMessage(b.code, b.message));
    (document.body || document.documentElement).appendChild(panel.host);
    signal.addEventListener("abort", () => panel.host.remove(), { once: true });
    return { host: panel.host, code: b.code };
  }

  /**
   * Review pages: follow the adapter's `blocked(document)` as the page changes (a MutationObserver,
   * throttled to one check per frame; never polling).
   * - blocked and no review rows: ONE floating panel with the message;
   * - blocked with rows: every row panel says so (a dialog over the rows — code "overlay" — is only
   *   enforced at click time, so an open reply dialog does not wipe the drafts the seller is copying);
   * - unblocked again (SPA re-render, captcha solved, dialog closed): the floating panel goes, and row
   *   panels that said "blocked" are dropped so `repair` remounts them with a fresh read.
   */
  function watchBlocked(adapter, signal) {
    if (typeof adapter.blocked !== "function") return;
    let notice = null;
    let scheduled = false;
    const check = () => {
      scheduled = false;
      if (signal.aborted) return;
      const b = blockedOf(adapter);
      const hasRows = !!document.querySelector(adapter.rowSelector);
      if (b && !hasRows) {
        if (!notice || notice.code !== b.code || !notice.host.isConnected) {
          if (notice) notice.host.remove();
          console.warn(LOG, `${adapter.id}: ${b.message} — nothing will be captured on this page`);
          notice = mountBlockedNotice(b, signal);
        }
      } else if (notice) {
        notice.host.remove();
        notice = null;
      }
      if (b && hasRows && b.code !== "overlay") {
        for (const [key, panel] of panels) {
          if (!key.startsWith("ctx:") && !blockedPanels.has(panel) && panel.host.isConnected) showBlocked(panel, b);
        }
      }
      if (!b && blockedPanels.size) {
        const stale = [...blockedPanels];
        blockedPanels.clear();
        for (const panel of stale) panel.host.remove();
      }
    };
    const schedule = () => {
      if (scheduled || signal.aborted) return;
      scheduled = true;
      requestAnimationFrame(check);
    };
    const ours = (node) => !!node && (node.nodeName === "RC-PANEL" || !!(node.closest && node.closest("rc-panel")));
    /** A mutation of our own panels (coming and going) is not the page changing. */
    const mine = (r) => r.type === "childList"
      ? ours(r.target) || (r.addedNodes.length + r.removedNodes.length > 0 && [...r.addedNodes, ...r.removedNodes].every(ours))
      : ours(r.target.parentElement);
    const mo = new MutationObserver((records) => {
      if (!records.every(mine)) schedule();
    });
    mo.observe(document, { childList: true, subtree: true, characterData: true });
    signal.addEventListener("abort", () => mo.disconnect(), { once: true });
    schedule();
  }

  function handleReply(key, reply) {
    if (reply.capture_id) keyByCapture.set(reply.capture_id, key);
    if (reply.ok) return setState(key, resultState(states.get(key), reply.result));
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
    // Drop what context pages showed: after navigation the page is another order or kind.
    for (const key of [...states.keys()]) if (key.startsWith("ctx:")) states.delete(key);
    for (const row of document.querySelectorAll("[data-rc-seen]")) {
      row.removeAttribute("data-rc-seen");
      row.removeAttribute("data-rc-remounts");
    }
    panels.clear();
    blockedPanels.clear();
  }

  let current = "";

  function start() {
    const found = RC.adapters.pageFor(location.href);
    const kind = found && found.kind;
    // Same page kind after a same-page URL change (e.g. review-list paging via pushState) restarts too:
    // rows are re-read; context pages may now show another order.
    if (run) run.abort();
    cleanup();
    run = new AbortController();
    const signal = run.signal;
    lookups = null;
    current = kind ? `${found.adapter.id}:${kind}` : "";
    html.setAttribute("data-rc-page", current);
    if (!found || !kind) return;
    const { adapter } = found;
    if (adapter.overlaySelector && adapter.dismissOverlay) {
      RC.observe(adapter.overlaySelector, (el) => adapter.dismissOverlay(el), { signal, warnAfterMs: 1e9 });
    }
    if (kind === "login") {
      // The platform's login page (an expired session lands here): nothing to capture, say why.
      console.warn(LOG, `${adapter.id}: login page — nothing will be captured`);
      mountBlockedNotice({ code: "logged_out", message: "not logged in" }, signal);
    } else if (kind === "review") {
      lookups = newLookups(adapter, signal);
      RC.observe(adapter.rowSelector, (row) => mount(adapter, row, signal), { signal });
      repair(adapter, signal);
      watchBlocked(adapter, signal);
    } else if (typeof adapter.extractPage === "function") {
      mountContext(adapter, kind, signal);
    }
  }

  /** Replace the result shown for every panel of `caseId` (a capture of another page joined the case). */
  function caseUpdated(result) {
    const caseId = result && result.case && result.case.id;
    if (caseId == null) return;
    for (const [key, st] of states) {
      if (st && st.kind === "result" && st.result && st.result.case && st.result.case.id === caseId) {
        setState(key, { ...st, result });
      } else if (st && st.kind === "known" && st.summary.id === caseId) {
        // A row known from the lookup: its one-line summary follows the case (status, type, reply due).
        const c = result.case;
        setState(key, { ...st, summary: { ...st.summary, status: c.status, primary: c.primary, reply_due_at: c.reply_due_at } });
      }
    }
  }

  /**
   * Messages from the service worker.
   * `capture.delivered` {capture_id, result}: a queued capture reached the companion.
   * `capture.failed` {capture_id, error, reason: "refused"|"attempts"}: a queued capture was parked (rc-failed).
   */
  chrome.runtime.onMessage.addListener((msg) => {
    // `case.updated` {result}: any capture (this tab or another) changed a case; panels showing it refresh.
    if (msg && msg.type === "case.updated") {
      caseUpdated(msg.payload && msg.payload.result);
      return false;
    }
    if (!msg || (msg.type !== "capture.delivered" && msg.type !== "capture.failed")) return false;
    const { capture_id: captureId, result, error } = msg.payload || {};
    const key = keyByCapture.get(captureId);
    if (!key) return false;
    if (msg.type === "capture.delivered") setState(key, resultState(states.get(key), result, { delivered: true }));
    else {
      // Parked: refused (4xx), or failed on QUEUE_LIMITS.maxAttempts times (5xx); Options offers retry / discard.
      const which = msg.payload && msg.payload.reason === "attempts" ? "statusParked" : "statusRefused";
      setState(key, { kind: "error", message: RC.t(which, [(error && error.message) || "?"]) });
    }
    return false;
  });

  /**
   * The service worker drives a screenshot through these (`shot.begin` {full}, `shot.scroll` {y},
   * `shot.hideFixed`, `shot.end`): Review Guard's own panels are hidden while it captures the tab, and a
   * long page is scrolled slice by slice (core.js `RC.shot`). Replies `{ok, result}` / `{ok:false, error}`.
   */
  const SHOT = {
    "shot.begin": (p) => RC.shot.begin({ full: !!p.full }),
    "shot.scroll": (p) => RC.shot.scrollTo(Number(p.y) || 0),
    "shot.hideFixed": () => RC.shot.hideFixed(),
    "shot.end": () => RC.shot.end(),
  };
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    const fn = msg && SHOT[msg.type];
    if (!fn || sender.id !== chrome.runtime.id || sender.tab) return false;
    Promise.resolve()
      .then(() => fn(msg.payload || {}))
      .then((result) => sendResponse({ ok: true, result }), (err) => sendResponse({ ok: false, error: { code: "shot_failed", message: String((err && err.message) || err) } }));
    return true;
  });

  // SPA navigation (tabs, route changes): abort the run and start again for the new URL.
  RC.onNavigate(() => start());
  start();
})();
