/* Review Guard content-script core: adapter registry, DOM observation, navigation, messaging.
 *
 * Classic script (content scripts cannot `import`); later scripts in the manifest entry use
 * `globalThis.RC`. Must also load in a plain page without extension APIs: the adapter contract
 * test injects it with Playwright's add_script_tag.
 */
(function () {
  "use strict";
  const RC = (globalThis.RC = globalThis.RC || {});
  if (RC.core) return;
  RC.core = true;

  const LOG = "Review Guard:";
  const hasChrome = typeof chrome !== "undefined" && !!(chrome.runtime && chrome.runtime.id);

  // ------------------------------------------------------------------ adapter registry

  const adapters = new Map();
  /** Page kinds of companion.models.PageKind. */
  // "login": the platform's login page (nothing is captured there; main.js says "log in").
  const PAGE_KINDS = ["review", "order", "chat", "logistics", "after_sales", "login"];
  RC.PAGE_KINDS = PAGE_KINDS;

  /**
   * @typedef {Object} Adapter
   * @property {string} id                 platform id, as in companion.models.PLATFORMS
   * @property {(url: string) => boolean} detect  pure: is this a review page of the platform?
   * @property {string} rowSelector        CSS selector of one review row (stable hooks only)
   * @property {(root: ParentNode) => Element[]} [rows]  default: every element matching rowSelector
   * @property {(row: Element) => (string|null)} missingAnchor  name of the first anchor not found, or null
   * @property {(row: Element) => Object} extract  Review fields (throws RC.LayoutError)
   * @property {(row: Element) => (Object|null)} order  OrderFacts visible in the row
   * @property {(doc: Document) => (Object|null)} shop  shop identity if visible
   * @property {(row: Element) => Element} anchor  where the panel is mounted
   * @property {string[]} testUrls
   *
   * v2 (docs/ADAPTERS.md), all optional:
   * @property {(url: string) => (string|null)} [pageKind]  "review"|"order"|"chat"|"logistics"|"after_sales"|null
   * @property {(doc: Document, kind: string) => ({order: Object, record: (Object|null), shop: (Object|null), region?: string}|Promise<Object>)} [extractPage]
   *           a context page's record; throws (or rejects with) RC.LayoutError
   * @property {(target: (Element|Document), kind: string, opts: {signal: AbortSignal}) => (Function|null|Promise<Function|null>)} [beforeCapture]
   *           make the page show what the capture must hold (expand 展开, open a drawer); returns a restore function
   * @property {(orderId: string, ctx: {pageUrl: string, region?: string}) => Object} [contextLinks]
   * @property {Object<string, string[]>} [contextTestUrls]
   */

  RC.adapters = {
    /** Register a platform adapter; a second registration of the same id is a bug. @param {Adapter} adapter */
    register(adapter) {
      for (const k of ["id", "detect", "rowSelector", "extract", "anchor", "testUrls"]) {
        if (!(k in adapter)) throw new Error(`${LOG} adapter lacks "${k}"`);
      }
      if (adapters.has(adapter.id)) throw new Error(`${LOG} adapter "${adapter.id}" registered twice`);
      // Most layouts: every element matching rowSelector is a review row.
      if (typeof adapter.rows !== "function") adapter.rows = (root) => [...root.querySelectorAll(adapter.rowSelector)];
      adapters.set(adapter.id, adapter);
      return adapter;
    },
    /** @returns {Adapter|undefined} */
    get: (id) => adapters.get(id),
    /** @returns {Adapter[]} */
    all: () => [...adapters.values()],
    /**
     * The adapter and page kind for `url`: the first adapter whose detect(url) is true, and its
     * `pageKind(url)` ("review" for an adapter without pageKind). `kind` is null when the adapter
     * claims the platform but not this page (nothing is mounted then).
     * @returns {{adapter: Adapter, kind: ("review"|"order"|"chat"|"logistics"|"after_sales"|"login"|null)}|null}
     */
    pageFor(url) {
      const adapter = this.forUrl(url);
      if (!adapter) return null;
      let kind = "review";
      if (typeof adapter.pageKind === "function") {
        try {
          kind = adapter.pageKind(url);
        } catch (err) {
          console.warn(LOG, `pageKind() of ${adapter.id} threw`, err);
          kind = null;
        }
      }
      return { adapter, kind: PAGE_KINDS.includes(kind) ? kind : null };
    },
    /** First adapter whose detect(url) is true. @returns {Adapter|null} */
    forUrl(url) {
      for (const a of adapters.values()) {
        try {
          if (a.detect(url)) return a;
        } catch (err) {
          console.warn(LOG, `detect() of ${a.id} threw`, err);
        }
      }
      return null;
    },
  };

  /** Thrown by adapters when an anchor the layout must have is missing: never guess data. */
  class LayoutError extends Error {
    /** @param {string} anchor human-readable name of the missing anchor, e.g. "订单编号" */
    constructor(anchor) {
      super(`layout not recognised: missing anchor "${anchor}"`);
      this.name = "LayoutError";
      this.anchor = anchor;
    }
  }
  RC.LayoutError = LayoutError;

  // ------------------------------------------------------------------ DOM helpers for adapters

  /** Whitespace-normalised text of `el`, skipping descendants matching `skip` (e.g. a 展开 toggle). */
  RC.textOf = function textOf(el, skip) {
    if (!el) return "";
    let out = "";
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) out += child.nodeValue;
        else if (child.nodeType === 1 && !(skip && child.matches(skip))) walk(child);
      }
    };
    walk(el);
    return out.replace(/\s+/g, " ").trim();
  };

  /**
   * First element under `root` (document order) whose whole normalised text matches `re`.
   * Visible-text anchoring: labels such as `订单编号 <digits>` survive CSS-module hash changes.
   * @returns {{el: Element, match: RegExpExecArray}|null}
   */
  RC.findByText = function findByText(root, re, { exclude } = {}) {
    if (!root) return null;
    for (const el of root.querySelectorAll("*")) {
      if (exclude && exclude.some((x) => x && (x === el || x.contains(el)))) continue;
      const m = re.exec(RC.textOf(el));
      if (m) return { el, match: m };
    }
    return null;
  };

  // ------------------------------------------------------------------ observe()

  /**
   * Call `cb(el)` once for every element matching `selector`, now and whenever it appears later.
   * Uses a MutationObserver (never setTimeout polling) and marks handled nodes `data-rc-seen`, so
   * each node is processed once even across runs; warns once if nothing ever matched.
   * @param {string} selector
   * @param {(el: Element) => void} cb
   * @param {{signal?: AbortSignal, root?: Node, warnAfterMs?: number}} [options]
   */
  RC.observe = function observe(selector, cb, { signal, root = document, warnAfterMs = 15000 } = {}) {
    if (signal && signal.aborted) return;
    let found = false;
    const scan = () => {
      if (signal && signal.aborted) return;
      for (const el of root.querySelectorAll(selector)) {
        found = true;
        if (el.hasAttribute("data-rc-seen")) continue;
        el.setAttribute("data-rc-seen", "");
        try {
          cb(el);
        } catch (err) {
          // One broken row must not stop the others (refined-github's "never break the page").
          console.error(LOG, "handler failed for", selector, err);
        }
      }
    };
    const mo = new MutationObserver(scan);
    mo.observe(root, { childList: true, subtree: true });
    scan();
    // A one-shot timer for a diagnostic, not polling: a layout change shows up in the console.
    const timer = setTimeout(() => {
      if (!found && !(signal && signal.aborted)) console.warn(LOG, "selector not found on page:", selector);
    }, warnAfterMs);
    if (signal) {
      signal.addEventListener("abort", () => {
        mo.disconnect();
        clearTimeout(timer);
      }, { once: true });
    }
  };

  /**
   * Resolve with the first truthy value of `check()`, re-evaluated on DOM mutations under `root`
   * (a MutationObserver, never polling). Rejects with an AbortError on `signal`, and with a
   * TimeoutError after `timeoutMs` (a one-shot timer so a page that never renders cannot hang a capture).
   * @template T
   * @param {() => T} check
   * @param {{signal?: AbortSignal, root?: Node, timeoutMs?: number, attributes?: boolean}} [options]
   * @returns {Promise<T>}
   */
  RC.until = function until(check, { signal, root = document, timeoutMs = 10000, attributes = false } = {}) {
    return new Promise((resolve, reject) => {
      if (signal && signal.aborted) return reject(new DOMException("aborted", "AbortError"));
      let mo = null;
      let timer = null;
      const done = (fn, value) => {
        if (mo) mo.disconnect();
        clearTimeout(timer);
        if (signal) signal.removeEventListener("abort", onAbort);
        fn(value);
      };
      const onAbort = () => done(reject, new DOMException("aborted", "AbortError"));
      const test = () => {
        let value;
        try {
          value = check();
        } catch (err) {
          return done(reject, err);
        }
        if (value) done(resolve, value);
        return value;
      };
      if (test()) return;
      mo = new MutationObserver(test);
      mo.observe(root, { childList: true, subtree: true, characterData: true, attributes });
      timer = setTimeout(() => done(reject, new DOMException("timed out waiting for the page", "TimeoutError")), timeoutMs);
      if (signal) signal.addEventListener("abort", onAbort, { once: true });
    });
  };

  /**
   * Text of the value next to a visible label (`<span>订单编号</span><span>49…</span>`): the first
   * leaf element whose whole text is `label` and that has a next sibling. Labels survive CSS-module
   * hash changes; "-" / "" mean no value (null). `undefined` when the label is not on the page.
   * @param {ParentNode} root
   * @param {string} label
   * @returns {string|null|undefined}
   */
  /**
   * Close a blocking notice or guide through the one control `safeClose(el)` picks (知道了, 跳过, ×),
   * unless the page is blocked for another reason (captcha, login, no permission): those are said,
   * never clicked through. Adapters call this from their `dismissOverlay`.
   * @param {Element} el the overlay
   * @param {(doc: Document) => ({code: string}|null)} blocked the adapter's `blocked`
   * @param {(el: Element) => (HTMLElement|null)} safeClose the control to click, or null when unsafe (a form)
   * @returns {boolean} whether it was dismissed
   */
  RC.dismissSafely = function dismissSafely(el, blocked, safeClose) {
    const b = blocked(el.ownerDocument);
    if (b && b.code !== "overlay") return false;
    const target = safeClose(el);
    if (!target) return false;
    target.click();
    return true;
  };

  RC.fieldByLabel = function fieldByLabel(root, label) {
    if (!root) return undefined;
    const want = label.replace(/[:：]$/, "");
    for (const el of root.querySelectorAll("span, div, dt, th, label, td, p")) {
      if (el.children.length) continue;
      const text = RC.textOf(el).replace(/[:：]$/, "");
      if (text !== want || !el.nextElementSibling) continue;
      const value = RC.textOf(el.nextElementSibling);
      return value === "" || value === "-" || value === "--" ? null : value;
    }
    return undefined;
  };

  // ------------------------------------------------------------------ SPA navigation

  /**
   * Call `cb(url)` after an in-page navigation: history.pushState/replaceState (seen through the
   * Navigation API where it exists, because a content script's isolated world cannot patch the
   * page's own `history`), popstate, hashchange, and, as a fallback, a URL check on DOM mutations.
   * @param {(url: string) => void} cb
   * @param {{signal?: AbortSignal}} [options]
   */
  RC.onNavigate = function onNavigate(cb, { signal } = {}) {
    let last = location.href;
    const check = () => {
      if (location.href === last) return;
      last = location.href;
      cb(last);
    };
    const opts = { signal };
    window.addEventListener("popstate", check, opts);
    window.addEventListener("hashchange", check, opts);
    if (globalThis.navigation && typeof navigation.addEventListener === "function") {
      // `navigatesuccess` fires after the URL has changed, including for pushState.
      navigation.addEventListener("navigatesuccess", check, opts);
      navigation.addEventListener("navigate", () => queueMicrotask(check), opts);
    }
    const mo = new MutationObserver(check);
    mo.observe(document, { childList: true, subtree: true });
    if (signal) signal.addEventListener("abort", () => mo.disconnect(), { once: true });
  };

  // ------------------------------------------------------------------ screenshot helpers (page side)

  /**
   * The page side of a screenshot (the service worker drives it with `shot.*` messages, see main.js):
   * `begin()` hides every Review Guard element (the `rc-panel` hosts: row panels, floating panels and
   * notices) with `visibility: hidden !important` (no reflow, so nothing moves) and measures what scrolls;
   * `scrollTo(y)` moves that scroller; `hideFixed()` hides the page's own position:fixed elements after
   * the first slice; `end()` puts everything back (styles and scroll positions). `end()` is idempotent and
   * main.js also calls it when `capture.submit` returns, so a failed capture never leaves panels hidden.
   */
  const shot = { active: null };
  RC.shot = shot;

  function setHidden(el, saved) {
    saved.push([el, el.style.getPropertyValue("visibility"), el.style.getPropertyPriority("visibility")]);
    el.style.setProperty("visibility", "hidden", "important");
  }

  function overflowsY(el) {
    const oy = getComputedStyle(el).overflowY;
    return (oy === "auto" || oy === "scroll" || oy === "overlay") && el.scrollHeight > el.clientHeight + 2;
  }

  /**
   * What scrolls the page's content: the element that hides the most content below its fold (a chat's
   * message list, a drawer's body) when it hides more than the document does, else the document (null).
   * Only the largest visible scrolling element is considered.
   */
  function scrollerOf(doc) {
    const root = doc.scrollingElement || doc.documentElement;
    const vh = innerHeight;
    const docHidden = root.scrollHeight - vh;
    let best = null;
    let bestArea = 0;
    for (const el of doc.querySelectorAll("body *")) {
      if (el.nodeName === "RC-PANEL" || el.clientHeight < 80 || el.scrollHeight - el.clientHeight <= Math.max(2, docHidden) || !overflowsY(el)) continue;
      const r = el.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
      if (w * h > bestArea) {
        best = el;
        bestArea = w * h;
      }
    }
    return best;
  }

  const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

  function metrics(st) {
    const root = document.scrollingElement || document.documentElement;
    const el = st.scroller;
    const r = el ? el.getBoundingClientRect() : null;
    return {
      mode: el ? "element" : root.scrollHeight > innerHeight + 2 ? "document" : "viewport",
      viewport: { width: innerWidth, height: innerHeight },
      dpr: devicePixelRatio || 1,
      // The scrolling region in viewport CSS px, and its content height.
      rect: el ? { top: Math.max(0, r.top + el.clientTop), left: Math.max(0, r.left + el.clientLeft), width: el.clientWidth,
        height: Math.max(0, Math.min(el.clientHeight, innerHeight - Math.max(0, r.top + el.clientTop))) } : { top: 0, left: 0, width: innerWidth, height: innerHeight },
      scroll_height: el ? el.scrollHeight : Math.max(root.scrollHeight, innerHeight),
      scroll_top: el ? el.scrollTop : scrollY,
    };
  }

  /** Hide our elements and measure. `full`: also prepare scrolling (start at the top). */
  shot.begin = async function begin({ full } = {}) {
    shot.end();
    const st = { saved: [], fixed: [], scroller: null, x: scrollX, y: scrollY, elTop: 0, full: !!full };
    shot.active = st;
    for (const host of document.querySelectorAll("rc-panel")) setHidden(host, st.saved);
    if (full) {
      st.scroller = scrollerOf(document);
      if (st.scroller) st.elTop = st.scroller.scrollTop;
    }
    await twoFrames();
    const m = metrics(st);
    m.panels_hidden = st.saved.length;
    m.sticky = 0;
    if (full) {
      for (const el of document.querySelectorAll("body *")) {
        if (el.nodeName !== "RC-PANEL" && getComputedStyle(el).position === "sticky") m.sticky += 1;
      }
    }
    return m;
  };

  /** Scroll the content to `y` (CSS px from its top); resolves with where it really is. */
  shot.scrollTo = async function scrollTo(y) {
    const st = shot.active;
    if (!st) throw new Error("no screenshot in progress");
    if (st.scroller) st.scroller.scrollTop = y;
    else window.scrollTo({ left: st.x, top: y, behavior: "instant" });
    await twoFrames();
    return metrics(st);
  };

  /** After the first slice: hide the page's fixed headers/bars so they are not repeated down the picture. */
  shot.hideFixed = function hideFixed() {
    const st = shot.active;
    if (!st) return 0;
    let n = 0;
    for (const el of document.querySelectorAll("body *")) {
      if (el.nodeName === "RC-PANEL" || (el.closest && el.closest("rc-panel"))) continue;
      if (getComputedStyle(el).position !== "fixed") continue;
      setHidden(el, st.fixed);
      n += 1;
    }
    return n;
  };

  /** Put back every hidden element and the scroll positions. Safe to call any number of times. */
  shot.end = function end() {
    const st = shot.active;
    if (!st) return false;
    shot.active = null;
    for (const [el, value, priority] of [...st.fixed, ...st.saved].reverse()) {
      if (value) el.style.setProperty("visibility", value, priority);
      else el.style.removeProperty("visibility");
    }
    if (st.full) {
      if (st.scroller) st.scroller.scrollTop = st.elTop;
      window.scrollTo({ left: st.x, top: st.y, behavior: "instant" });
    }
    return true;
  };

  // ------------------------------------------------------------------ messaging + i18n

  /**
   * Send `{type, payload}` to the service worker; always resolves to `{ok, result}` or `{ok:false, error}`.
   * @param {string} type e.g. "capture.submit"
   * @param {Object} [payload]
   */
  RC.send = async function send(type, payload) {
    if (!hasChrome) return { ok: false, error: { code: "no_extension", message: "extension APIs unavailable" } };
    try {
      const reply = await chrome.runtime.sendMessage({ type, payload: payload || {} });
      return reply || { ok: false, error: { code: "no_reply", message: "no reply from the service worker" } };
    } catch (err) {
      // Typically "Extension context invalidated" after the extension was reloaded.
      return { ok: false, error: { code: "extension_unavailable", message: String(err && err.message || err) } };
    }
  };

  /** Localised UI string; falls back to the key outside the extension. */
  RC.t = function t(key, subs) {
    const list = subs === undefined ? undefined : [].concat(subs).map(String);
    const msg = hasChrome && chrome.i18n ? chrome.i18n.getMessage(key, list) : "";
    return msg || key;
  };
})();
