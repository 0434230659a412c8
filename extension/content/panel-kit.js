/* Review Guard panel, part 1 of 3: what every panel part shares — the fold memory, the panel's CSS, the
 * tiny element builder (strings become text nodes, never markup), the contract's enums (shared/contract.js)
 * and the reply-deadline wording. Exposed as `RC.panelKit` to panel-result.js and panel.js.
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
.rc.bar { margin-top: 0; box-shadow: 0 2px 8px rgba(16, 24, 40, .15); }
.rc.bar .summary { white-space: normal; }
.head { display: flex; align-items: center; gap: 6px; min-width: 0; }
.title { font-weight: 600; color: #3b5bdb; flex: none; }
.summary { flex: 1 1 auto; min-width: 0; color: #667085; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.head > button { flex: none; }
button.toggle { border: none; background: none; color: #3b5bdb; padding: 0 2px; width: 18px; font-size: 12px; line-height: 1; }
.rc[data-collapsed] .preview, .rc[data-collapsed] .memo, .rc[data-collapsed] .body { display: none !important; }
.rc[data-collapsed] { padding-top: 4px; padding-bottom: 4px; margin-top: 4px; }
.rc:not(.bar):not([data-collapsed]) .summary { visibility: hidden; }
.draft-head, .marks, .tools { flex-wrap: wrap; }
button { font: inherit; border: 1px solid #3b5bdb; background: #3b5bdb; color: #fff; border-radius: 4px;
  padding: 2px 10px; cursor: pointer; }
button.ghost { background: #fff; color: #3b5bdb; }
button:disabled { opacity: .6; cursor: default; }
.preview { color: #667085; margin-top: 4px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
/* A shell (review-page.js: not built yet) keeps the preview's line, so building it does not move the row. */
:host([data-rc-shell]) .preview { min-height: 1.5em; }
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

  RC.panelKit = { CSS, CONTRACT, DRAFT_KIND_KEY, DRAFT_ORDER, APPEAL_STATE_KEY, TYPES, LINKABLE, el, safeHref, localized, formatWhen, leftText, deadlineOf, deadlineText, renderDeadline, copyText };
})();
