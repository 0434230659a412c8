/* Review Guard panel: one per review row, in a CLOSED shadow root inside an `rc-panel` element.
 *
 * Closed, so the page's own scripts cannot read the case (review text, buyer, drafts): `host.shadowRoot`
 * is null for them, and only this closure holds the root (issue 12 item 5). The e2e suite drives the panel
 * with Playwright locators, which cannot pierce a closed root: it loads a copy of the extension in which
 * SHADOW_MODE below reads "open" (e2e/rc_build.py; e2e/test_closed_panel.py checks the real one is closed).
 * `all: initial` on the host keeps the seller center's CSS out. Every string goes in through
 * textContent / DOM nodes: review texts are hostile input, so no HTML-string APIs anywhere.
 * Part 3 of 3 (after panel-kit.js and panel-result.js): the element and its api (idle, busy, known, result…).
 * Content scripts cannot define custom elements (customElements is null in the isolated world),
 * so `rc-panel` is an undefined element with a valid custom-element name, which attachShadow allows.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const t = RC.t;
  const { CSS, el, localized, deadlineOf, renderResult, renderContextResult } = RC.panelKit;
  /** "closed" in the product; the e2e suite's copy of the extension says "open" (see the top of this file). */
  const SHADOW_MODE = "closed";

  /**
   * ONE constructed stylesheet shared by every panel's shadow root (adoptedStyleSheets): 500 rows used to
   * parse and match 500 copies of the same <style>. A `<style>` per root where constructable sheets are
   * missing.
   */
  let sheet = null;
  function adoptCss(shadow) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      sheet = null;
    }
    shadow.appendChild(el("style", { text: CSS }));
  }


  /** The `rc-panel` element with its inline style, once per kind: a row's host is a copy (no style parse per row). */
  const hosts = new Map();
  function hostTemplate(floating) {
    if (!hosts.has(floating)) {
      const host = document.createElement("rc-panel");
      // In a row, the panel takes the width of the column it sits in and never more: `contain: inline-size`
      // keeps its content out of the table's column sizing (a wide panel used to widen the whole page).
      // `content-visibility: auto`: a panel far from the viewport is not styled, laid out nor painted (500
      // rows, 500 shadow trees); its last rendered height stands in for it (`auto`), ~one idle panel before.
      host.style.cssText = floating
        ? "all: initial; display: block; position: fixed; right: 16px; bottom: 16px; z-index: 2147483646;"
        : "all: initial; display: block; contain: inline-size; max-width: 100%; min-width: 0; box-sizing: border-box;"
          + " content-visibility: auto; contain-intrinsic-block-size: auto 64px;";
      hosts.set(floating, host);
    }
    return hosts.get(floating);
  }

  /**
   * Every panel starts as a copy of this (cloneNode: 500 row panels, one build): the box with its heading —
   * title, summary (collapsed: what the row is), Capture — and the preview line.
   */
  let template = null;
  function shellTemplate() {
    template = template || el("div", { class: "rc", part: "panel" }, [
      el("div", { class: "head" }, [
        el("span", { class: "title", text: t("panelTitle") }),
        // Collapsed: one line (title, what the row is, Capture). Row panels only; the toggle's state is kept per review.
        el("span", { class: "summary", testid: "rc-summary" }),
        el("button", { testid: "rc-capture", type: "button", text: t("capture") }),
      ]),
      el("div", { class: "preview", testid: "rc-preview" }),
    ]);
    return template;
  }

  /**
   * Create a panel. Handlers are called when the seller clicks the buttons.
   * `context` (a context page: order/chat/logistics/after_sales) makes it ONE floating panel for the page;
   * `floating` alone makes a floating panel without a page kind (a blocked page: login, no permission).
   *
   * `opts.shell` (review rows): a light shell — the host, its closed root, the heading and a working
   * Capture over one reserved preview line (about the height of an idle panel) — and the rest is built
   * on first use: `build()`, or any api call. A call that builds first asks `handlers.onBuild()` (the row
   * fills itself in: preview, fold, its state); when that answers false (the row refused: layout) the
   * call itself is dropped, so the refusal stays shown. `blocked` and `layout` build without it. The host
   * carries `data-rc-shell` until it is built. A 500-row page mounts 500 shells in its own render task and
   * builds the panels near the viewport (review-page.js).
   * @param {{onCapture: () => void, onRetry: () => void, onCorrect?: (primary: string) => void,
   *   onRewrite?: () => void, onAppeal?: () => void, onDecide?: (outcome: string) => void,
   *   onShowCase?: () => void, onStatus?: (status: string) => void, onDraftInput?: (kind: string, text: (string|null)) => void,
   *   onLint?: (kind: string, text: string, lang: string) => Promise<Object>, onCopied?: (kind: string, text: string, edited: boolean) => Promise<Object>,
   *   onBuild?: () => (boolean|void),
   *   links?: (orderId: string) => Object, context?: {kind: string}, floating?: boolean}} handlers
   * @param {{shell?: boolean}} [opts]
   */
  function createPanel(handlers, opts) {
    const floating = !!(handlers.context || handlers.floating);
    const host = hostTemplate(floating).cloneNode(false);
    if (floating) host.setAttribute("data-floating", "");
    if (handlers.context) host.setAttribute("data-page-kind", handlers.context.kind);
    const shadow = host.attachShadow({ mode: SHADOW_MODE });
    adoptCss(shadow);
    // The heading (title, the one-line summary, Capture) and the preview line: a copy of one template.
    const box = shellTemplate().cloneNode(true);
    const head = box.firstChild;
    const preview = box.lastChild;
    const [title, summary, captureBtn] = head.children;
    captureBtn.addEventListener("click", () => handlers.onCapture());
    if (handlers.context) {
      head.insertBefore(el("span", { class: "kind", testid: "rc-page-kind", "data-kind": handlers.context.kind, text: localized("kind_", handlers.context.kind) }), title);
    }
    shadow.appendChild(box);
    if (handlers.context) preview.textContent = t("contextWaiting");

    // Built on first use (see `opts.shell`): the status line, the case memory, the result, the fold.
    let built = false;
    let status = null;
    let memo = null;
    let body = null;
    let toggle = null;
    let foldKey = null;
    function build() {
      if (built) return;
      built = true;
      status = el("div", { class: "status", testid: "rc-status", hidden: "" });
      // What the companion already knows about this row / order (cases.lookup): shown until a result replaces it.
      memo = el("div", { class: "memo", testid: "rc-memory", hidden: "" });
      body = el("div", { class: "body", testid: "rc-result" });
      box.append(memo, status, body);
      if (!floating) {
        toggle = el("button", { class: "toggle", type: "button", testid: "rc-toggle" });
        head.prepend(toggle);
        toggle.addEventListener("click", () => setCollapsed(!box.hasAttribute("data-collapsed"), true));
        setCollapsed(false, false);
      }
      host.removeAttribute("data-rc-shell");
    }
    /** Build before a call; false when the row refused while filling itself in (the call is dropped). */
    function ready() {
      if (built) return true;
      build();
      return !(handlers.onBuild && handlers.onBuild() === false);
    }
    if (opts && opts.shell && !floating) host.setAttribute("data-rc-shell", "");
    else build();

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
      /** Build the whole panel now (a shell fills in near the viewport); no `onBuild`. */
      build,
      /** False while the panel is still a shell. */
      isBuilt: () => built,
      /** One-line summary of what would be captured, so the seller sees it is the right row. */
      setPreview(review) {
        build();
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
        build();
        foldKey = key;
        setCollapsed(!!byDefault, false);
        RC.folds.get(key).then((stored) => {
          if (stored !== undefined && foldKey === key) setCollapsed(stored, false);
        });
      },
      /** Open the panel without remembering it (a capture's result must be seen). */
      expand() {
        build();
        setCollapsed(false, false);
      },
      /** Context page: what a click will capture ("Capture this page as evidence (order 49…)"). */
      setContext(orderId) {
        build();
        preview.textContent = orderId ? t("contextPreview", [orderId]) : t("contextWaiting");
        preview.setAttribute("data-order-id", orderId || "");
        preview.title = preview.textContent;
      },
      idle() {
        if (!ready()) return;
        captureBtn.disabled = false;
        captureBtn.textContent = t("capture");
        setStatus(null, "");
      },
      busy() {
        if (!ready()) return;
        setCollapsed(false, false);
        captureBtn.disabled = true;
        captureBtn.textContent = t("capturing");
        setStatus(null, "");
      },
      layout(anchor) {
        build();
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
        build();
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
        if (!ready()) return;
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
        if (!ready()) return;
        setMemo(summary ? [el("div", { testid: "rc-order-case", "data-case-id": String(summary.id), "data-status": summary.status || "",
          text: t("orderInCase", [summary.id]) })] : []);
      },
      queued(count, code) {
        if (!ready()) return;
        captureBtn.disabled = false;
        captureBtn.textContent = t("capture");
        // Down (no answer) and "answered with an error" are different troubles: say which.
        const msg = code === "unauthorized" ? t("statusUnauthorizedQueued", [count])
          : code === "companion_error" ? t("statusErrorQueued", [count]) : t("statusQueued", [count]);
        const retry = el("button", { class: "ghost", testid: "rc-retry", type: "button", text: t("retryNow"), style: "margin-left:6px", onclick: () => handlers.onRetry() });
        setStatus("warn", msg, [retry]);
      },
      error(message, kind) {
        if (!ready()) return;
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
        if (!ready()) return;
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

  /**
   * A review page's "capture all negative reviews on this page" bar: ONE small floating `rc-bar` (bottom
   * left; the panels' closed root and stylesheet; hidden from evidence screenshots like them).
   * `set({count, running, done, total, failed, skipped, finished})` shows the button's count and the progress.
   * @param {() => void} onRun
   */
  function createBar(onRun) {
    const host = document.createElement("rc-bar");
    host.style.cssText = "all: initial; display: block; position: fixed; left: 16px; bottom: 16px; z-index: 2147483646; max-width: calc(100vw - 32px);";
    const shadow = host.attachShadow({ mode: SHADOW_MODE });
    adoptCss(shadow);
    const button = el("button", { type: "button", testid: "rc-capture-all", onclick: () => onRun() });
    const progress = el("span", { class: "summary", testid: "rc-capture-all-progress", role: "status", "aria-live": "polite" });
    shadow.appendChild(el("div", { class: "rc bar", part: "bar" }, [el("div", { class: "head" }, [
      el("span", { class: "title", text: t("panelTitle") }), button, progress])]));
    return {
      host,
      set(st) {
        button.textContent = t("captureAllButton", [st.count]);
        button.disabled = !!st.running || !st.count;
        host.setAttribute("data-count", String(st.count));
        host.toggleAttribute("data-running", !!st.running);
        for (const k of ["done", "total", "failed", "skipped"]) host.setAttribute("data-" + k, String(st[k] || 0));
        if (st.running) progress.textContent = t("captureAllProgress", [st.done, st.total, st.failed]);
        else if (st.finished) progress.textContent = t("captureAllDone", [st.done - st.failed, st.failed, st.skipped]);
        else progress.textContent = "";
        host.toggleAttribute("data-finished", !!st.finished && !st.running);
      },
    };
  }

  RC.panel = { create: createPanel, bar: createBar };
})();
