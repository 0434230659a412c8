/* Review Guard panel: one per review row, in a CLOSED shadow root inside an `rc-panel` element.
 *
 * Closed, so the page's own scripts cannot read the case (review text, buyer, drafts): `host.shadowRoot`
 * is null for them, and only this closure holds the root (issue 12 item 5). The e2e suite drives the panel
 * with Playwright locators, which cannot pierce a closed root: it loads a copy of the extension in which
 * SHADOW_MODE below reads "open" (e2e/rc_build.py; e2e/test_closed_panel.py checks the real one is closed).
 * `all: initial` on the host keeps the seller center's CSS out. Every string goes in through
 * textContent / DOM nodes: review texts are hostile input, so no HTML-string APIs anywhere.
 * Content scripts cannot define custom elements (customElements is null in the isolated world),
 * so `rc-panel` is an undefined element with a valid custom-element name, which attachShadow allows.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const t = RC.t;

  /**
   * Folded/unfolded per review, as the seller last left it: one `rc-folds` map in chrome.storage.local
   * ({"<platform>:<review id>": true|false}), read once per page, the newest 2,000 kept.
   */
  const FOLDS_KEY = "rc-folds";
  const FOLDS_MAX = 2000;
  let foldsRead = null;
  let foldsWrite = Promise.resolve();
  RC.folds = {
    async get(key) {
      try {
        foldsRead = foldsRead || chrome.storage.local.get(FOLDS_KEY).then((o) => o[FOLDS_KEY] || {});
        const map = await foldsRead;
        return Object.prototype.hasOwnProperty.call(map, key) ? !!map[key] : undefined;
      } catch {
        return undefined; // extension reloaded under the page: the default stands
      }
    },
    set(key, collapsed) {
      foldsWrite = foldsWrite.then(async () => {
        try {
          const map = { ...((await chrome.storage.local.get(FOLDS_KEY))[FOLDS_KEY] || {}) };
          delete map[key];
          map[key] = collapsed;
          const keys = Object.keys(map);
          for (const k of keys.slice(0, Math.max(0, keys.length - FOLDS_MAX))) delete map[k];
          await chrome.storage.local.set({ [FOLDS_KEY]: map });
          foldsRead = Promise.resolve(map);
        } catch {
          /* not remembered: nothing else to do */
        }
      });
      return foldsWrite;
    },
  };

  const CSS = `
:host { all: initial; display: block; }
[hidden] { display: none !important; }
.rc { font: 12px/1.5 system-ui, "PingFang SC", "WenQuanYi Micro Hei", sans-serif; color: #1f2329;
  background: #fff; border: 1px solid #d0d5dd; border-left: 3px solid #3b5bdb; border-radius: 6px;
  padding: 8px; margin-top: 8px; width: auto; max-width: 560px; min-width: 0; box-sizing: border-box;
  overflow-wrap: anywhere; }
.head { display: flex; align-items: center; gap: 6px; min-width: 0; }
.title { font-weight: 600; color: #3b5bdb; flex: none; }
.summary { flex: 1 1 auto; min-width: 0; color: #667085; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.head > button { flex: none; }
button.toggle { border: none; background: none; color: #3b5bdb; padding: 0 2px; width: 18px; font-size: 12px; line-height: 1; }
.rc[data-collapsed] .preview, .rc[data-collapsed] .memo, .rc[data-collapsed] .body { display: none !important; }
.rc[data-collapsed] { padding-top: 4px; padding-bottom: 4px; margin-top: 4px; }
.rc:not([data-collapsed]) .summary { visibility: hidden; }
.draft-head, .marks, .tools { flex-wrap: wrap; }
button { font: inherit; border: 1px solid #3b5bdb; background: #3b5bdb; color: #fff; border-radius: 4px;
  padding: 2px 10px; cursor: pointer; }
button.ghost { background: #fff; color: #3b5bdb; }
button:disabled { opacity: .6; cursor: default; }
.preview { color: #667085; margin-top: 4px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status { margin-top: 6px; padding: 4px 6px; border-radius: 4px; background: #f2f4f7; }
.status.warn { background: #fffaeb; color: #93370d; }
.status.error { background: #fef3f2; color: #b42318; }
.status.ok { background: #ecfdf3; color: #05603a; }
.row { margin-top: 6px; }
.label { color: #667085; margin-right: 4px; }
.chip { display: inline-block; padding: 0 6px; margin: 0 4px 2px 0; border-radius: 9px; background: #eef2ff; color: #3538cd; }
.chip.flag { background: #fff1f3; color: #c01048; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-weight: 600; }
.badge.risk { background: #b42318; color: #fff; }
.badge.norisk { background: #ecfdf3; color: #05603a; }
.type { font-weight: 600; font-size: 13px; }
ul { margin: 2px 0 0; padding-left: 16px; }
.draft { margin-top: 6px; border-top: 1px dashed #d0d5dd; padding-top: 4px; }
.draft-head { display: flex; align-items: center; gap: 6px; }
.draft-kind { font-weight: 600; margin-right: auto; }
.draft-text { display: block; width: 100%; box-sizing: border-box; font: inherit; color: inherit; white-space: pre-wrap;
  word-break: break-word; background: #f9fafb; border: 1px solid #e4e7ec; border-radius: 4px; padding: 4px; margin-top: 2px;
  resize: vertical; field-sizing: content; min-height: 3.2em; max-height: 16em; }
.draft-text:focus { outline: 2px solid #b2c3ff; background: #fff; }
.draft[data-edited="1"] .draft-text { border-color: #3b5bdb; background: #fff; }
.edited { display: inline-block; padding: 0 6px; border-radius: 4px; background: #fef0c7; color: #93370d; font-weight: 400; margin-left: 4px; }
button.link { border: none; background: none; color: #3b5bdb; padding: 0 2px; text-decoration: underline; }
.deadline { margin-top: 6px; padding: 4px 6px; border-radius: 4px; font-weight: 600; background: #eef2ff; color: #1f2329; }
.deadline[data-state="overdue"] { background: #b42318; color: #fff; }
.deadline[data-state="soon"] { background: #fffaeb; color: #93370d; }
.deadline[data-state="done"] { background: #ecfdf3; color: #05603a; font-weight: 400; }
.marks { margin-top: 6px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
.marks button { padding: 1px 8px; }
.marks button[aria-pressed="true"] { background: #05603a; border-color: #05603a; color: #fff; opacity: 1; }
.lint { color: #93370d; }
.lint.clean { color: #05603a; }
.muted { color: #667085; }
:host([data-floating]) { position: fixed !important; right: 16px; bottom: 16px; z-index: 2147483646; }
:host([data-floating]) .rc { margin-top: 0; width: 320px; max-width: calc(100vw - 32px); box-shadow: 0 4px 16px rgba(16,24,40,.18); max-height: 70vh; overflow: auto; }
.kind { display: inline-block; padding: 0 6px; border-radius: 4px; background: #eef2ff; color: #3538cd; margin-right: 4px; }
.advice { margin-top: 6px; padding: 4px 6px; border-radius: 4px; background: #f9fafb; }
.advice.yes { background: #fff1f3; }
.advice-head { font-weight: 600; }
.check { list-style: none; padding-left: 0; }
.check li { display: flex; gap: 6px; align-items: baseline; }
.check .mark { width: 12px; font-weight: 700; }
.check .have .mark { color: #05603a; }
.check .miss .mark { color: #b42318; }
.check a { color: #3b5bdb; margin-left: auto; }
.check .what { flex: 1; }
.check .how { font-size: 11px; line-height: 1.35; margin-top: 1px; }
.sev-error, .sev-block { color: #b42318; font-weight: 600; }
.sev-warn, .sev-warning { color: #93370d; font-weight: 600; }
.sev-info { color: #667085; font-weight: 600; }
select { font: inherit; margin-left: 4px; max-width: 170px; }
.correct { margin-top: 4px; }
.source-model { display: inline-block; padding: 0 6px; border-radius: 4px; background: #f4f3ff; color: #5925dc; font-weight: 400; margin-left: 4px; }
.tools { margin-top: 6px; display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.tools button { padding: 1px 8px; }
.note { margin-top: 4px; }
.note.warn { color: #93370d; }
.note.error { color: #b42318; }
.note.ok { color: #05603a; }
.memo { margin-top: 6px; padding: 4px 6px; border-radius: 4px; background: #eef2ff; color: #1f2329; }
.memo .tools { margin-top: 4px; }
.appeal { margin-top: 6px; padding: 4px 6px; border-radius: 4px; background: #f9fafb; }
.appeal-state { font-weight: 600; }
.appeal-state[data-outcome="accepted"] { color: #05603a; }
.appeal-state[data-outcome="rejected"] { color: #b42318; }
`;

  const DRAFT_KIND_KEY = {
    public_reply: "draftPublicReply",
    private_message: "draftPrivateMessage",
    appeal_statement: "draftAppealStatement",
    review_update_request: "draftReviewUpdateRequest",
  };
  /** Enums and limits of companion/models.py (shared/contract.js, generated). */
  const CONTRACT = globalThis.RC_CONTRACT;
  const DRAFT_ORDER = CONTRACT.DRAFT_KINDS;
  const APPEAL_STATE_KEY = { pending: "appealPending", accepted: "appealAccepted", rejected: "appealRejected" };

  /** Tiny element builder: strings become text nodes, never markup. */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "testid") node.setAttribute("data-testid", v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of [].concat(children || [])) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  const TYPES = CONTRACT.COMPLAINT_TYPES;
  /** The checklist's "Open" links: every context page kind (not the review list). */
  const LINKABLE = new Set(CONTRACT.PAGE_KINDS.filter((k) => k !== "review"));
  /** "closed" in the product; the e2e suite's copy of the extension says "open" (see the top of this file). */
  const SHADOW_MODE = "closed";

  /** Only http(s) links go into an href (adapters build them, but never trust a string into a sink). */
  function safeHref(url) {
    try {
      const u = new URL(url, location.href);
      return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
    } catch {
      return null;
    }
  }

  function localized(prefix, value) {
    const msg = t(prefix + value);
    return msg === prefix + value ? value : msg;
  }

  // ------------------------------------------------------------------ reply deadline

  /** The browser's UI language: dates read the way the seller reads the rest of the browser. */
  const UI_LOCALE = (() => {
    try {
      return chrome.i18n.getUILanguage() || undefined;
    } catch {
      return undefined;
    }
  })();
  /** Less than this left: the deadline is shown as urgent. */
  const SOON_MS = 4 * 3600e3;

  /**
   * A UTC ISO instant as local date and time in the browser's time zone and language
   * ("11月24日周二 03:57", "Tue, Nov 24, 03:57"; the year only when it is not this year). Null if unreadable.
   */
  function formatWhen(iso, now) {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime())) return null;
    const opts = { month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (d.getFullYear() !== new Date(now).getFullYear()) opts.year = "numeric";
    try {
      return new Intl.DateTimeFormat(UI_LOCALE, opts).format(d);
    } catch {
      return new Intl.DateTimeFormat(undefined, opts).format(d);
    }
  }

  /**
   * "20 h left" / "Overdue by 3 h", rounded like companion/deadlines.py: time left and time overdue are
   * rounded down to whole minutes (< 1 h), hours, and for overdue from 48 h on whole days.
   */
  function leftText(ms) {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    const left = ms > 0;
    if (minutes < 60) return t(left ? "leftMin" : "overdueMin", [minutes]);
    const hours = Math.floor(minutes / 60);
    if (!left && hours >= 48) return t("overdueD", [Math.floor(hours / 24)]);
    return t(left ? "leftH" : "overdueH", [hours]);
  }

  /**
   * The public-reply deadline of a case summary (`reply_due_at`, UTC ISO 8601, and `reply_state`), now.
   * @returns {{state: "due"|"soon"|"overdue"|"done", when: string, left: string, iso: string} | null}
   */
  function deadlineOf(c, now) {
    now = now === undefined ? Date.now() : now;
    if (!c || !c.reply_due_at) return null;
    const when = formatWhen(c.reply_due_at, now);
    if (!when) return null;
    const ms = new Date(c.reply_due_at).getTime() - now;
    const state = c.reply_state === "done" ? "done" : ms <= 0 ? "overdue" : ms < SOON_MS ? "soon" : "due";
    return { state, when, left: leftText(ms), iso: c.reply_due_at };
  }

  function deadlineText(d) {
    if (d.state === "done") return t("deadlineDone", [d.when]);
    return t(d.state === "overdue" ? "deadlineOverdue" : "deadlineDue", [d.when, d.left]);
  }

  function renderDeadline(c) {
    const d = deadlineOf(c);
    if (!d) return null;
    return el("div", { class: "deadline", testid: "rc-deadline", "data-state": d.state, "data-due": d.iso, title: d.iso, text: deadlineText(d) });
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Clipboard API refused (no focus / permission): fall back to a hidden textarea + execCommand.
      const area = el("textarea", { style: "position:fixed;left:-9999px;top:0" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch {
        ok = false;
      }
      area.remove();
      return ok;
    }
  }

  /**
   * Create a panel. Handlers are called when the seller clicks the buttons.
   * `context` (a context page: order/chat/logistics/after_sales) makes it ONE floating panel for the page;
   * `floating` alone makes a floating panel without a page kind (a blocked page: login, no permission).
   * @param {{onCapture: () => void, onRetry: () => void, onCorrect?: (primary: string) => void,
   *   onRewrite?: () => void, onAppeal?: () => void, onDecide?: (outcome: string) => void,
   *   onShowCase?: () => void, onStatus?: (status: string) => void, onDraftInput?: (kind: string, text: (string|null)) => void,
   *   onLint?: (kind: string, text: string, lang: string) => Promise<Object>, onCopied?: (kind: string, text: string, edited: boolean) => Promise<Object>,
   *   links?: (orderId: string) => Object, context?: {kind: string}, floating?: boolean}} handlers
   */
  function createPanel(handlers) {
    const host = document.createElement("rc-panel");
    const floating = !!(handlers.context || handlers.floating);
    // In a row, the panel takes the width of the column it sits in and never more: `contain: inline-size`
    // keeps its content out of the table's column sizing (a wide panel used to widen the whole page).
    host.style.cssText = floating
      ? "all: initial; display: block; position: fixed; right: 16px; bottom: 16px; z-index: 2147483646;"
      : "all: initial; display: block; contain: inline-size; max-width: 100%; min-width: 0; box-sizing: border-box;";
    if (floating) host.setAttribute("data-floating", "");
    if (handlers.context) host.setAttribute("data-page-kind", handlers.context.kind);
    const shadow = host.attachShadow({ mode: SHADOW_MODE });
    shadow.appendChild(el("style", { text: CSS }));
    const captureBtn = el("button", { testid: "rc-capture", type: "button", text: t("capture"), onclick: () => handlers.onCapture() });
    const preview = el("div", { class: "preview", testid: "rc-preview" });
    const status = el("div", { class: "status", testid: "rc-status", hidden: "" });
    // What the companion already knows about this row / order (cases.lookup): shown until a result replaces it.
    const memo = el("div", { class: "memo", testid: "rc-memory", hidden: "" });
    const body = el("div", { class: "body", testid: "rc-result" });
    // Collapsed: one line (title, what the row is, Capture). Row panels only; the toggle's state is kept per review.
    const summary = el("span", { class: "summary", testid: "rc-summary" });
    const toggle = floating ? null : el("button", { class: "toggle", type: "button", testid: "rc-toggle" });
    const head = el("div", { class: "head" }, [
      toggle,
      handlers.context ? el("span", { class: "kind", testid: "rc-page-kind", "data-kind": handlers.context.kind, text: localized("kind_", handlers.context.kind) }) : null,
      el("span", { class: "title", text: t("panelTitle") }), summary, captureBtn]);
    const box = el("div", { class: "rc", part: "panel" }, [head, preview, memo, status, body]);
    shadow.appendChild(box);
    if (handlers.context) preview.textContent = t("contextWaiting");

    let foldKey = null;
    function setCollapsed(on, remember) {
      if (!toggle) return;
      box.toggleAttribute("data-collapsed", !!on);
      host.toggleAttribute("data-collapsed", !!on);
      toggle.setAttribute("aria-expanded", on ? "false" : "true");
      toggle.textContent = on ? "▸" : "▾";
      toggle.title = t(on ? "panelExpand" : "panelCollapse");
      toggle.setAttribute("aria-label", toggle.title);
      if (remember && foldKey) RC.folds.set(foldKey, !!on);
    }
    if (toggle) {
      toggle.addEventListener("click", () => setCollapsed(!box.hasAttribute("data-collapsed"), true));
      setCollapsed(false, false);
    }

    function setMemo(children) {
      memo.hidden = !children.length;
      memo.replaceChildren(...children);
    }

    function setStatus(kind, text, extra) {
      status.hidden = !text;
      status.className = "status " + (kind || "");
      status.replaceChildren(text || "", ...(extra || []));
    }

    const api = {
      host,
      /** One-line summary of what would be captured, so the seller sees it is the right row. */
      setPreview(review) {
        const line = t("reviewLine", [review.rating_label || "", review.rating == null ? "?" : review.rating, review.order_id || "?"]);
        preview.textContent = line + " · " + (review.text || t("emptyReview"));
        preview.title = review.text || "";
        summary.textContent = preview.textContent;
        summary.title = preview.title;
      },
      /**
       * Fold state of a review row: the seller's own choice for this review (`key`) when there is one, else
       * `byDefault` (main.js: collapsed on positive 4–5★ reviews). Only the toggle's clicks are remembered.
       */
      fold(key, byDefault) {
        foldKey = key;
        setCollapsed(!!byDefault, false);
        RC.folds.get(key).then((stored) => {
          if (stored !== undefined && foldKey === key) setCollapsed(stored, false);
        });
      },
      /** Open the panel without remembering it (a capture's result must be seen). */
      expand() {
        setCollapsed(false, false);
      },
      /** Context page: what a click will capture ("Capture this page as evidence (order 49…)"). */
      setContext(orderId) {
        preview.textContent = orderId ? t("contextPreview", [orderId]) : t("contextWaiting");
        preview.setAttribute("data-order-id", orderId || "");
        preview.title = preview.textContent;
      },
      idle() {
        captureBtn.disabled = false;
        captureBtn.textContent = t("capture");
        setStatus(null, "");
      },
      busy() {
        setCollapsed(false, false);
        captureBtn.disabled = true;
        captureBtn.textContent = t("capturing");
        setStatus(null, "");
      },
      layout(anchor) {
        captureBtn.disabled = true;
        body.replaceChildren();
        setMemo([]);
        setStatus("error", t("statusLayout", [anchor]));
      },
      /**
       * The page is blocked (captcha, logged out, no permission, session expired, a dialog over it): say
       * why, and offer no Capture until it is not (`idle()` / a render lifts it).
       */
      blocked(message) {
        captureBtn.disabled = true;
        body.replaceChildren();
        setMemo([]);
        setStatus("warn", message);
      },
      /**
       * A review row captured before (a page reload, paging back): "Captured before — case #N · status ·
       * type · reply due <date>" with **Show case** (→ `onShowCase`), and Capture relabelled "Capture again"
       * (a re-capture is a new evidence version). `opts.pending` while the case loads, `opts.note`
       * ({level, text}) when loading it failed.
       * @param {{id: number, status?: string, primary?: string, reply_due_at?: string, capture_count?: number}} summary
       * @param {{pending?: boolean, note?: {level: string, text: string}}} [opts]
       */
      known(summary, opts) {
        const o = opts || {};
        captureBtn.disabled = false;
        captureBtn.textContent = t("captureAgain");
        setStatus(null, "");
        body.replaceChildren();
        const parts = [t("knownCase", [summary.id])];
        if (summary.status) parts.push(localized("caseStatus_", summary.status));
        if (summary.primary) parts.push(localized("type_", summary.primary));
        const due = deadlineOf(summary);
        if (due) parts.push(due.state === "done" ? t("deadlineDone", [due.when]) : t("knownReplyDue", [due.when + " · " + due.left]));
        const show = el("button", { class: "ghost", type: "button", testid: "rc-show-case", text: o.pending ? t("showCaseLoading") : t("showCase"),
          onclick: () => handlers.onShowCase && handlers.onShowCase() });
        show.disabled = !!o.pending;
        setMemo([
          el("div", { testid: "rc-known", "data-case-id": String(summary.id), "data-status": summary.status || "",
            "data-reply-state": due ? due.state : null, "data-due": due ? due.iso : null,
            "data-type": summary.primary || "", "data-capture-count": summary.capture_count == null ? null : String(summary.capture_count),
            text: parts.join(" · ") }),
          el("div", { class: "tools" }, [show]),
          o.note && o.note.text ? el("div", { class: "note " + (o.note.level || ""), testid: "rc-known-note", text: o.note.text }) : null,
        ].filter(Boolean));
      },
      /** Context page: the order shown already belongs to a case ("Order already in case #N"); null hides it. */
      setOrderCase(summary) {
        setMemo(summary ? [el("div", { testid: "rc-order-case", "data-case-id": String(summary.id), "data-status": summary.status || "",
          text: t("orderInCase", [summary.id]) })] : []);
      },
      queued(count, code) {
        captureBtn.disabled = false;
        captureBtn.textContent = t("capture");
        // Down (no answer) and "answered with an error" are different troubles: say which.
        const msg = code === "unauthorized" ? t("statusUnauthorizedQueued", [count])
          : code === "companion_error" ? t("statusErrorQueued", [count]) : t("statusQueued", [count]);
        const retry = el("button", { class: "ghost", testid: "rc-retry", type: "button", text: t("retryNow"), style: "margin-left:6px", onclick: () => handlers.onRetry() });
        setStatus("warn", msg, [retry]);
      },
      error(message, kind) {
        captureBtn.disabled = false;
        captureBtn.textContent = t("capture");
        setStatus(kind || "error", message);
      },
      /**
       * Render a CaptureResult (companion.models.CaptureResult).
       * `appeal`: the case's current appeal row (or null); `pending`: "rewrite"|"appeal"|"status" while a
       * request runs; `notes`: {rewrite?, appeal?, status?: {level, text}} shown under those controls;
       * `edits`: {kind: {text, lint?}} the seller's edits of the drafts (kept across re-renders).
       * @param {Object} result
       * @param {{delivered?: boolean, appeal?: Object, pending?: string, notes?: Object, edits?: Object}} [opts]
       */
      result(result, opts) {
        captureBtn.disabled = false;
        captureBtn.textContent = t("captureAgain");
        setMemo([]);
        const note = opts && opts.delivered ? t("statusDelivered") : result.duplicate ? t("statusDuplicate") : "";
        setStatus(note ? "ok" : null, note);
        body.replaceChildren(...(handlers.context ? renderContextResult(result, handlers) : renderResult(result, handlers, opts || {})));
      },
    };
    return api;
  }

  /** After a context-page capture: the case it joined and that case's evidence checklist. */
  function renderContextResult(result, handlers) {
    const out = [];
    if (result.case) {
      out.push(el("div", { class: "row", testid: "rc-case", "data-case-id": String(result.case.id),
        text: t("linkedToCase", [result.case.id, (result.evidence || []).length]) }));
    }
    const kinds = [...new Set((result.captures || []).map((c) => c.page_kind))];
    if (kinds.length) {
      out.push(el("div", { class: "row", testid: "rc-captured-kinds" }, [el("span", { class: "label", text: t("labelCaptured") }),
        ...kinds.map((k) => el("span", { class: "chip", "data-kind": k, text: localized("kind_", k) }))]));
    }
    if (result.checklist && result.checklist.length) out.push(renderChecklist(result, handlers));
    else out.push(el("div", { class: "row muted", testid: "rc-checklist-pending", text: t("checklistNeedsReview") }));
    if (result.case && handlers.onPackage) out.push(renderPackage(handlers));
    return out;
  }

  /** ✓/✗ per evidence item; a missing order/chat/logistics/after-sales item gets an "Open" link (new tab). */
  function renderChecklist(result, handlers) {
    const orderId = result.case && result.case.order_id;
    let links = {};
    try {
      links = (orderId && handlers.links && handlers.links(orderId)) || {};
    } catch (err) {
      console.warn("Review Guard: contextLinks failed", err);
    }
    const items = result.checklist.map((item) => {
      const href = !item.have && LINKABLE.has(item.id) && links[item.id] ? safeHref(links[item.id]) : null;
      const label = localized("ev_", item.id) === item.id ? item.label : localized("ev_", item.id);
      // No page to open (photos, reports, the listing as sold), or no link here: say what to do by hand.
      const how = !item.have && !href && item.how
        ? el("div", { class: "how muted", testid: `rc-how-${item.id}`, "data-by-hand": item.by_hand ? "1" : "0",
          text: (item.by_hand ? t("byHand") : "") + item.how })
        : null;
      return el("li", { class: item.have ? "have" : "miss", testid: `rc-check-${item.id}`, "data-have": item.have ? "1" : "0" }, [
        el("span", { class: "mark", text: item.have ? "✓" : "✗" }),
        el("span", { class: "what" }, [label, how]),
        href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", testid: `rc-open-${item.id}`, text: t("open"), title: item.how || null }) : null,
      ]);
    });
    return el("div", { class: "row", testid: "rc-checklist" }, [el("span", { class: "label", text: t("labelChecklist") }), el("ul", { class: "check" }, items)]);
  }

  /** One verdict from the companion (recommended / not_recommended / expired); older companions send only worth_appealing. */
  function adviceVerdict(advice) {
    if (advice.verdict === "recommended" || advice.verdict === "not_recommended" || advice.verdict === "expired") return advice.verdict;
    return advice.worth_appealing ? "recommended" : "not_recommended";
  }

  function renderAdvice(advice) {
    const verdict = adviceVerdict(advice);
    const heading = { recommended: "adviceWorth", not_recommended: "adviceNotWorth", expired: "adviceExpired" }[verdict];
    const parts = [el("div", { class: "advice-head", testid: "rc-advice-verdict", "data-worth": advice.worth_appealing ? "1" : "0",
      "data-verdict": verdict, text: t(heading) })];
    // The reason is shown only under a "worth appealing" heading, so heading and body never disagree.
    if (verdict === "recommended" && (advice.reason_label || advice.reason_code)) {
      parts.push(el("div", { testid: "rc-advice-reason", "data-reason": advice.reason_code || "" }, [
        el("span", { class: "label", text: t("labelAppealReason") }), advice.reason_label || advice.reason_code]));
    }
    if (advice.deadline) {
      const day = String(advice.deadline).slice(0, 10);
      let left = "";
      if (verdict === "expired" || advice.expired_on) left = " " + t("expiredOn", [String(advice.expired_on || day)]);
      else if (advice.days_left != null && Number(advice.days_left) >= 0) left = " " + t("daysLeft", [Math.floor(Number(advice.days_left))]);
      parts.push(el("div", { testid: "rc-advice-deadline", "data-expired": verdict === "expired" ? "1" : "0" },
        [el("span", { class: "label", text: t("labelDeadline") }), day + left]));
    }
    if (advice.why) parts.push(el("div", { class: "muted", testid: "rc-advice-why", text: advice.why }));
    if (advice.evidence_missing && advice.evidence_missing.length) {
      parts.push(el("div", { testid: "rc-advice-missing" }, [el("span", { class: "label", text: t("labelEvidenceMissing") }),
        advice.evidence_missing.map((id) => localized("ev_", id)).join(", ")]));
    }
    return el("div", { class: "advice" + (advice.worth_appealing ? " yes" : ""), testid: "rc-advice" }, parts);
  }

  function renderCorrection(result, handlers, current) {
    const select = el("select", { testid: "rc-correct", "aria-label": t("wrongType") },
      [el("option", { value: "", text: t("wrongType") }),
        ...TYPES.filter((x) => x !== current).map((x) => el("option", { value: x, text: localized("type_", x) }))]);
    select.addEventListener("change", () => {
      if (!select.value) return;
      select.disabled = true;
      handlers.onCorrect(select.value);
    });
    return el("div", { class: "correct" }, [select]);
  }

  // Two types almost equally likely: the seller settles it with one click (the other is a correction).
  function renderEitherOr(primary, alt, handlers) {
    const row = el("div", { class: "row either", testid: "rc-either-or" }, [
      el("span", { text: t("eitherOr", [localized("type_", primary), localized("type_", alt)]) + " " }),
    ]);
    const keep = el("button", { type: "button", testid: "rc-either-keep", "data-type": primary, title: t("eitherOrPick"),
      text: localized("type_", primary) });
    const other = el("button", { type: "button", testid: "rc-either-other", "data-type": alt, title: t("eitherOrPick"),
      text: localized("type_", alt) });
    keep.addEventListener("click", () => { row.hidden = true; });
    other.addEventListener("click", () => { keep.disabled = other.disabled = true; handlers.onCorrect(alt); });
    row.append(keep, " ", other);
    return row;
  }

  function renderNote(note, testid) {
    return note && note.text ? el("div", { class: "note " + (note.level || ""), testid, text: note.text }) : null;
  }

  /** "Rewrite with local model" under the drafts (the companion says when the model is off). */
  function renderRewrite(handlers, opts) {
    const busy = opts.pending === "rewrite";
    const btn = el("button", { class: "ghost", type: "button", testid: "rc-rewrite", text: busy ? t("rewriting") : t("rewriteButton"),
      onclick: () => handlers.onRewrite() });
    btn.disabled = !!opts.pending;
    return el("div", {}, [el("div", { class: "tools" }, [btn]), renderNote(opts.notes && opts.notes.rewrite, "rc-rewrite-status")]);
  }

  /**
   * Appeal tracking: "Mark appeal submitted" → "Appeal submitted <date> — pending" with Accepted /
   * Rejected → the outcome and the case status. After a rejection the seller may appeal again.
   */
  function renderAppeal(result, handlers, opts) {
    const appeal = opts.appeal;
    const parts = [];
    if (appeal) {
      const outcome = APPEAL_STATE_KEY[appeal.outcome] ? appeal.outcome : "pending";
      const day = String(appeal.submitted_at || appeal.created_at || "").slice(0, 10);
      parts.push(el("div", { class: "appeal-state", testid: "rc-appeal-state", "data-outcome": outcome, "data-appeal-id": String(appeal.id),
        text: t(APPEAL_STATE_KEY[outcome], [day]) }));
    }
    const buttons = [];
    if (!appeal || appeal.outcome === "rejected") {
      buttons.push(el("button", { type: "button", testid: "rc-appeal-submit", text: t("appealMark"), onclick: () => handlers.onAppeal() }));
    } else if (appeal.outcome === "pending") {
      buttons.push(el("button", { class: "ghost", type: "button", testid: "rc-appeal-accepted", text: t("appealAcceptedButton"),
        onclick: () => handlers.onDecide("accepted") }));
      buttons.push(el("button", { class: "ghost", type: "button", testid: "rc-appeal-rejected", text: t("appealRejectedButton"),
        onclick: () => handlers.onDecide("rejected") }));
    }
    for (const b of buttons) b.disabled = !!opts.pending;
    if (buttons.length) parts.push(el("div", { class: "tools" }, buttons));
    parts.push(renderNote(opts.notes && opts.notes.appeal, "rc-appeal-note"));
    return el("div", { class: "appeal", testid: "rc-appeal" }, parts);
  }

  const MARKS = ["replied", "contacted", "appealed", "resolved"];
  const MARK_KEY = { replied: "markStatus_replied", contacted: "markStatus_contacted", appealed: "markStatus_appealed", resolved: "markStatus_resolved" };

  /**
   * One click per step: replied publicly / messaged the buyer / appealed / resolved (PATCH the case status).
   * The current status is pressed. "Appealed" is left out when the appeal box is shown: its
   * "Mark appeal submitted" records the appeal itself and sets the status.
   */
  function renderMarks(result, handlers, opts, appealBox) {
    const status = result.case.status;
    const buttons = MARKS.filter((m) => !(appealBox && m === "appealed")).map((m) => {
      const on = m === status;
      const b = el("button", { class: on ? "" : "ghost", type: "button", testid: `rc-mark-${m}`, "aria-pressed": on ? "true" : "false",
        text: t(MARK_KEY[m]), onclick: () => handlers.onStatus(m) });
      b.disabled = on || opts.pending === "status";
      return b;
    });
    return el("div", { testid: "rc-marks" }, [
      el("div", { class: "marks" }, [el("span", { class: "label", text: opts.pending === "status" ? t("markStatusSaving") : t("labelMarkAs") }), ...buttons]),
      renderNote(opts.notes && opts.notes.status, "rc-mark-note"),
    ]);
  }

  /**
   * "Download appeal package": the upload-ready zip (images in the platform's format and limits, named in the
   * seller's language, plus the PDF report) through the service worker (`handlers.onPackage` → `case.package`);
   * the bytes come back base64 and are saved from here with a blob URL. The full archive stays on the dashboard.
   */
  function renderPackage(handlers) {
    const note = el("span", { class: "muted", testid: "rc-package-note" });
    const btn = el("button", { class: "ghost", type: "button", testid: "rc-package", text: t("packageButton") });
    btn.addEventListener("click", async () => {
      btn.disabled = true;
      note.textContent = t("packageBusy");
      try {
        const reply = await handlers.onPackage();
        if (!reply || !reply.ok) {
          note.textContent = t("requestFailed", [(reply && reply.error && (reply.error.message || reply.error.code)) || "?"]);
          return;
        }
        const { filename, data_base64: b64, media_type: type } = reply.result;
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const url = URL.createObjectURL(new Blob([bytes], { type: type || "application/zip" }));
        const a = el("a", { href: url, download: filename, hidden: "" });
        btn.after(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        note.textContent = t("packageDone", [filename]);
        note.setAttribute("data-filename", filename);
      } finally {
        btn.disabled = false;
      }
    });
    return el("div", { class: "tools", testid: "rc-package-row" }, [btn, note]);
  }

  function renderResult(result, handlers, opts) {
    const out = [];
    const cls = result.classification;
    // First what the seller must act on in time: the public-reply deadline, in local time.
    const deadline = result.case && result.review ? renderDeadline(result.case) : null;
    if (deadline) out.push(deadline);
    if (cls) {
      // A seller correction changes the case's type (and the companion classifies again with it).
      const primary = (result.case && result.case.primary) || cls.primary;
      const corrected = primary !== cls.primary || !!(result.case && result.case.corrected);
      const risk = cls.escalation_risk
        ? el("span", { class: "badge risk", testid: "rc-escalation", text: t("escalationRisk") + (cls.escalation_terms && cls.escalation_terms.length ? ": " + cls.escalation_terms.join(", ") : "") })
        : el("span", { class: "badge norisk", testid: "rc-escalation", text: t("noEscalation") });
      out.push(el("div", { class: "row" }, [
        el("span", { class: "label", text: t("labelComplaint") }),
        el("span", { class: "type", testid: "rc-type", "data-type": primary, "data-corrected": corrected ? "1" : null, text: localized("type_", primary) }),
        corrected ? el("span", { class: "muted", testid: "rc-corrected", text: " " + t("correctedNote") }) : null,
      ]));
      const alt = (cls.alternatives || []).find((x) => x !== primary);
      if (alt && !corrected && handlers.onCorrect && result.case) out.push(renderEitherOr(primary, alt, handlers));
      if (handlers.onCorrect && result.case) out.push(renderCorrection(result, handlers, primary));
      const others = (cls.labels || []).filter((l) => l !== primary);
      if (others.length) {
        out.push(el("div", { class: "row", testid: "rc-labels" }, [el("span", { class: "label", text: t("labelAlso") }),
          ...others.map((l) => el("span", { class: "chip", text: localized("type_", l) }))]));
      }
      out.push(el("div", { class: "row", testid: "rc-flags" }, [el("span", { class: "label", text: t("labelFlags") }),
        ...(cls.appeal_flags && cls.appeal_flags.length
          ? cls.appeal_flags.map((f) => el("span", { class: "chip flag", "data-flag": f, text: localized("flag_", f) }))
          : [el("span", { class: "muted", text: t("labelNoFlags") })])]));
      out.push(el("div", { class: "row" }, [risk]));
      if (cls.reasons && cls.reasons.length) {
        out.push(el("div", { class: "row", testid: "rc-reasons" }, [el("span", { class: "label", text: t("labelReasons") }),
          el("ul", {}, cls.reasons.map((r) => el("li", { text: r })))]));
      }
    }
    if (result.advice) out.push(renderAdvice(result.advice));
    if (result.checklist && result.checklist.length) out.push(renderChecklist(result, handlers));
    const drafts = [...(result.drafts || [])].sort((a, b) => DRAFT_ORDER.indexOf(a.kind) - DRAFT_ORDER.indexOf(b.kind));
    const edits = opts.edits || {};
    for (const d of drafts) out.push(renderDraft(d, handlers, edits[d.kind], result.case));
    if (drafts.length && result.case && handlers.onRewrite) out.push(renderRewrite(handlers, opts));
    const appealable = (result.advice && result.advice.worth_appealing) || drafts.some((d) => d.kind === "appeal_statement");
    const appealBox = !!(result.case && handlers.onAppeal && (appealable || opts.appeal));
    if (appealBox) out.push(renderAppeal(result, handlers, opts));
    if (result.case && result.case.status && handlers.onStatus) out.push(renderMarks(result, handlers, opts, appealBox));
    if (result.case && handlers.onPackage) out.push(renderPackage(handlers));
    const h = result.history || {};
    const buyer = (h.buyer && h.buyer.count) || 0;
    const product = (h.product && h.product.count) || 0;
    out.push(el("div", { class: "row muted", testid: "rc-history", text: t("historyLine", [buyer, product]) }));
    if (result.case) {
      out.push(el("div", { class: "row muted", testid: "rc-case", "data-case-id": String(result.case.id),
        text: t("caseLine", [result.case.id, (result.evidence || []).length]) }));
      if (result.case.status) {
        out.push(el("div", { class: "row muted", testid: "rc-case-status", "data-status": result.case.status,
          text: t("caseStatusLine", [localized("caseStatus_", result.case.status)]) }));
      }
    }
    return out;
  }

  function renderLint(kind, lint) {
    return lint && lint.length
      ? el("ul", { class: "lint", testid: `rc-lint-${kind}` }, lint.map((l) => el("li", { "data-code": l.code || "", "data-severity": l.severity || "warn" }, [
        el("span", { class: "sev-" + (l.severity || "warn"), text: localized("sev_", l.severity || "warn") + ": " }), l.message || l.code || ""])))
      : el("div", { class: "lint clean", testid: `rc-lint-${kind}`, text: `${t("labelLint")}: ${t("lintClean")}` });
  }

  const LINT_DEBOUNCE_MS = 400;

  /**
   * One draft: an editable textarea (the seller has the last word), its lint — re-run by the companion on the
   * edited text (`handlers.onLint`, debounced) — Undo edits, and Copy, which copies what is in the box and
   * records it on the case timeline (`handlers.onCopied`).
   * `edit`: this tab's edit of the draft `{text, lint?}` (kept by main.js across re-renders).
   */
  function renderDraft(d, handlers, edit, caseSummary) {
    const area = el("textarea", { class: "draft-text", testid: `rc-draft-text-${d.kind}`, "data-source": d.source || "template",
      spellcheck: "false", "aria-label": t(DRAFT_KIND_KEY[d.kind] || d.kind), maxlength: String(CONTRACT.LIMITS.lint_text_chars) });
    area.textContent = d.text; // the draft as proposed (defaultValue)
    area.value = edit ? edit.text : d.text;
    const box = el("div", { class: "draft", testid: `rc-draft-${d.kind}`, "data-source": d.source || "template" });
    const editedTag = el("span", { class: "edited", testid: `rc-draft-edited-${d.kind}`, text: t("draftEdited") });
    const reset = el("button", { class: "link", type: "button", testid: `rc-reset-${d.kind}`, text: t("draftReset") });
    // An edit whose check has not come back yet keeps the draft's lint under "Checking…".
    let lintNode = renderLint(d.kind, edit && edit.lint ? edit.lint : d.lint);
    const lintNote = el("div", { class: "note muted", testid: `rc-lint-status-${d.kind}`, hidden: "" });
    const copyNote = el("div", { class: "note", testid: `rc-copy-note-${d.kind}`, hidden: "" });
    let currentLint = edit ? edit.lint || null : d.lint || [];
    let timer = null;

    const setLint = (lint) => {
      currentLint = lint;
      const next = renderLint(d.kind, lint);
      lintNode.replaceWith(next);
      lintNode = next;
    };
    const setEdited = (on) => {
      box.setAttribute("data-edited", on ? "1" : "0");
      editedTag.hidden = !on;
      reset.hidden = !on;
    };
    const relint = () => {
      const text = area.value;
      if (text === d.text) return;
      if (!handlers.onLint) return;
      lintNote.hidden = false;
      lintNote.className = "note muted";
      lintNote.textContent = t("lintChecking");
      Promise.resolve(handlers.onLint(d.kind, text, d.lang)).then((reply) => {
        if (area.value !== text) return; // typed on meanwhile: a newer check follows
        if (reply && reply.ok) {
          lintNote.hidden = true;
          setLint((reply.result && reply.result.findings) || []);
        } else {
          lintNote.className = "note error";
          lintNote.textContent = t("lintUnavailable", [(reply && reply.error && (reply.error.message || reply.error.code)) || "?"]);
        }
      });
    };
    area.addEventListener("input", () => {
      const edited = area.value !== d.text;
      setEdited(edited);
      copyNote.hidden = true;
      if (handlers.onDraftInput) handlers.onDraftInput(d.kind, edited ? area.value : null);
      clearTimeout(timer);
      if (edited) timer = setTimeout(relint, LINT_DEBOUNCE_MS);
      else {
        lintNote.hidden = true;
        setLint(d.lint);
      }
    });
    reset.addEventListener("click", () => {
      area.value = d.text;
      area.dispatchEvent(new Event("input"));
    });

    const copyBtn = el("button", { class: "ghost", type: "button", testid: `rc-copy-${d.kind}`, text: t("copy") });
    copyBtn.addEventListener("click", async () => {
      const text = area.value;
      const ok = await copyText(text);
      copyBtn.textContent = ok ? t("copied") : t("copyFailed");
      if (!ok || !handlers.onCopied || !caseSummary) return;
      const edited = text !== d.text;
      const reply = await handlers.onCopied(d.kind, text, edited);
      if (area.value !== text) return;
      const errors = (currentLint || []).filter((l) => l.severity === "error" || l.severity === "block").length;
      copyNote.hidden = false;
      if (reply && reply.ok) {
        copyNote.className = "note " + (errors ? "warn" : "ok");
        copyNote.textContent = errors ? t("copyLoggedErrors", [errors]) : t("copyLogged");
        copyNote.setAttribute("data-event-id", String((reply.result && reply.result.id) || ""));
      } else {
        copyNote.className = "note error";
        copyNote.textContent = t("copyNotLogged", [(reply && reply.error && (reply.error.message || reply.error.code)) || "?"]);
      }
    });

    box.append(
      el("div", { class: "draft-head" }, [el("span", { class: "draft-kind" }, [t(DRAFT_KIND_KEY[d.kind] || d.kind),
        d.source === "model" ? el("span", { class: "source-model", testid: `rc-draft-source-${d.kind}`, text: t("rewrittenByModel") }) : null,
        editedTag]), reset, copyBtn]),
      area, lintNote, lintNode, copyNote,
    );
    setEdited(!!edit && edit.text !== d.text);
    if (edit && edit.text !== d.text && !edit.lint) relint();
    return box;
  }

  RC.panel = { create: createPanel };
})();
