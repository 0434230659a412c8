/* Review Guard content-script core: adapter registry, DOM observation, navigation, messaging.
 *
 * Classic script (content scripts cannot `import`); later scripts in the manifest entry use
 * `globalThis.RC`. Loads after shared/contract.js (`globalThis.RC_CONTRACT`). Must also load in a
 * plain page without extension APIs: the adapter contract tests inject contract.js, core.js and one
 * adapter with Playwright's add_script_tag.
 *
 * A little over ~350 lines on purpose: those pages inject this file alone, so everything an adapter may
 * use (registry, DOM helpers, the one document observer, `until`, navigation) stays in it.
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
  /** Page kinds of companion.models.PageKind (shared/contract.js, generated) and "login": the platform's
   * login page (nothing is captured there; blocked-page.js says "log in"). */
  const PAGE_KINDS = [...((globalThis.RC_CONTRACT || {}).PAGE_KINDS || []), "login"];
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
    // Nothing to skip: the native textContent is the same text, without a JS walk.
    if (!skip || !el.querySelector(skip)) return el.textContent.replace(/\s+/g, " ").trim();
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
      // textContent is textOf without `skip`, read natively (a JS walk per element is quadratic in depth).
      const m = re.exec(el.textContent.replace(/\s+/g, " ").trim());
      if (m) return { el, match: m };
    }
    return null;
  };

  /**
   * `fn(obj)` remembered per object for the rest of the current task (dropped at the next microtask
   * checkpoint), for reads the panel repeats on one row while it mounts (an adapter's cells, its blocked
   * state): a later task — a click, the next mutation batch — reads afresh.
   * @template T @param {(obj: Object) => T} fn @returns {(obj: Object) => T}
   */
  RC.perTask = function perTask(fn) {
    let memo = null;
    return (obj) => {
      if (!memo) {
        memo = new WeakMap();
        queueMicrotask(() => { memo = null; });
      }
      if (!memo.has(obj)) memo.set(obj, fn(obj));
      return memo.get(obj);
    };
  };

  // ------------------------------------------------------------------ ONE document observer

  /**
   * Everything that follows the page (rows appearing, panels the page removed, blocked states, a context
   * page's order id, the URL fallback, overlays, `until`) listens to ONE MutationObserver on the document
   * (childList + characterData, subtree). Its callback already comes batched (once per microtask
   * checkpoint, with every record since the previous one); listeners that read more than a selector do it
   * once per animation frame (`RC.perFrame`), and none reads layout. A batch made only of Review Guard's
   * own `rc-panel` hosts coming and going is not the page changing: listeners get it only with `own: true`.
   */
  const listeners = new Set();
  let hub = null;
  const ours = (node) => !!node && (node.nodeName === "RC-PANEL" || node.nodeName === "RC-BAR" || !!(node.closest && node.closest("rc-panel, rc-bar")));
  function ownRecord(r) {
    if (r.type !== "childList") return ours(r.target.parentElement);
    if (ours(r.target)) return true;
    const nodes = [...r.addedNodes, ...r.removedNodes];
    return nodes.length > 0 && nodes.every(ours);
  }
  function dispatch(records) {
    let page = null; // both computed at most once per batch
    let structure = null;
    for (const l of [...listeners]) {
      if (!listeners.has(l)) continue; // removed by an earlier listener of this batch
      if (l.childList && !(structure ??= records.some((r) => r.type === "childList"))) continue;
      if (!l.own && !(page ??= !records.every(ownRecord))) continue;
      try {
        l.fn(records);
      } catch (err) {
        console.error(LOG, "observer listener failed", err);
      }
    }
  }

  /**
   * Call `fn(records)` after each batch of DOM mutations of the document, until `signal` aborts.
   * @param {(records: MutationRecord[]) => void} fn
   * @param {{signal?: AbortSignal, own?: boolean, childList?: boolean}} [options]
   *   `own`: also batches made only of our own panels; `childList`: only batches that add or remove nodes
   * @returns {() => void} stop listening
   */
  RC.watch = function watch(fn, { signal, own = false, childList = false } = {}) {
    if (signal && signal.aborted) return () => {};
    const l = { fn, own, childList };
    listeners.add(l);
    if (!hub) {
      hub = new MutationObserver(dispatch);
      hub.observe(document, { childList: true, subtree: true, characterData: true });
    }
    const stop = () => {
      listeners.delete(l);
      if (!listeners.size && hub) {
        hub.disconnect();
        hub = null;
      }
    };
    if (signal) signal.addEventListener("abort", stop, { once: true });
    return stop;
  };
  /** How many listeners share the observer, and whether it is connected (0 or 1): for tests and the console. */
  RC.watchStats = () => ({ listeners: listeners.size, observers: hub ? 1 : 0 });

  /** A function that runs `fn` once on the next animation frame however often it is called before then. */
  RC.perFrame = function perFrame(fn, signal) {
    let scheduled = false;
    return () => {
      if (scheduled || (signal && signal.aborted)) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        if (!(signal && signal.aborted)) fn();
      });
    };
  };

  /**
   * Call `cb(el)` once for every element matching `selector`, now and whenever it appears later
   * (the document observer, never setTimeout polling; after the first scan only the added nodes are looked at). Handled nodes are marked `data-rc-seen`, so
   * each node is processed once even across runs; warns once if nothing ever matched.
   * @param {string} selector
   * @param {(el: Element) => void} cb
   * @param {{signal?: AbortSignal, root?: ParentNode, warnAfterMs?: number}} [options]
   */
  RC.observe = function observe(selector, cb, { signal, root = document, warnAfterMs = 15000 } = {}) {
    if (signal && signal.aborted) return;
    let found = false;
    /** What `records` added that matches (the nodes themselves or inside them); with no records, every match. */
    const candidates = (records) => {
      if (!records) return root.querySelectorAll(selector);
      const out = new Set();
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (node.nodeType !== 1 || !node.isConnected || (root !== document && !root.contains(node))) continue;
          if (node.matches(selector)) out.add(node);
          for (const el of node.querySelectorAll(selector)) out.add(el);
        }
      }
      return out;
    };
    const scan = (records) => {
      if (signal && signal.aborted) return;
      for (const el of candidates(records)) {
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
    const stop = RC.watch(scan, { signal, childList: true });
    scan(null);
    // A one-shot timer for a diagnostic, not polling: a layout change shows up in the console.
    const timer = setTimeout(() => {
      if (!found && !(signal && signal.aborted)) console.warn(LOG, "selector not found on page:", selector);
    }, warnAfterMs);
    if (signal) signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
    return stop;
  };

  /**
   * Resolve with the first truthy value of `check()`, re-evaluated on DOM mutations under `root`
   * (the document observer, or its own one while `attributes` are watched; never polling). Rejects with an AbortError on `signal`, and with a
   * TimeoutError after `timeoutMs` (a one-shot timer so a page that never renders cannot hang a capture).
   * @template T
   * @param {() => T} check
   * @param {{signal?: AbortSignal, root?: Node, timeoutMs?: number, attributes?: boolean}} [options]
   * @returns {Promise<T>}
   */
  RC.until = function until(check, { signal, root = document, timeoutMs = 10000, attributes = false } = {}) {
    return new Promise((resolve, reject) => {
      if (signal && signal.aborted) return reject(new DOMException("aborted", "AbortError"));
      let stop = null;
      let timer = null;
      const done = (fn, value) => {
        if (stop) stop();
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
      if (root === document && !attributes) {
        stop = RC.watch(test, { own: true });
      } else {
        // Attributes (a drawer's aria-hidden) or a detached root: a short-lived observer of its own.
        const mo = new MutationObserver(test);
        mo.observe(root, { childList: true, subtree: true, characterData: true, attributes });
        stop = () => mo.disconnect();
      }
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
    RC.watch(check, { signal, childList: true });
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
  const plain = new Map(); // key → message without substitutions (every panel asks for the same labels)
  RC.t = function t(key, subs) {
    if (subs === undefined && plain.has(key)) return plain.get(key);
    const list = subs === undefined ? undefined : [].concat(subs).map(String);
    const msg = (hasChrome && chrome.i18n ? chrome.i18n.getMessage(key, list) : "") || key;
    if (subs === undefined) plain.set(key, msg);
    return msg;
  };
})();
