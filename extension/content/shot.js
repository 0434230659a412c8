/* Review Guard: the page side of a screenshot (the service worker drives it with `shot.*` messages).
 * Classic content script after core.js; only the extension loads it (the adapter contract pages do not).
 */
(function () {
  "use strict";
  const RC = globalThis.RC;

  /**
   * `begin()` hides every Review Guard element (the `rc-panel` hosts: row panels, floating panels and
   * notices) with `visibility: hidden !important` (no reflow, so nothing moves) and measures what scrolls;
   * `scrollTo(y)` moves that scroller; `hideFixed()` hides the page's own position:fixed elements after
   * the first slice; `end()` puts everything back (styles and scroll positions). `end()` is idempotent and
   * capture.js also calls it when `capture.submit` returns, so a failed capture never leaves panels hidden.
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
    for (const host of document.querySelectorAll("rc-panel, rc-bar")) setHidden(host, st.saved);
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
      if (el.nodeName === "RC-PANEL" || el.nodeName === "RC-BAR" || (el.closest && el.closest("rc-panel, rc-bar"))) continue;
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

  /**
   * The service worker drives a screenshot through these (`shot.begin` {full}, `shot.scroll` {y},
   * `shot.hideFixed`, `shot.end`): Review Guard's own panels are hidden while it captures the tab, and a
   * long page is scrolled slice by slice. Replies `{ok, result}` / `{ok:false, error}`.
   */
  const SHOT = {
    "shot.begin": (p) => shot.begin({ full: !!p.full }),
    "shot.scroll": (p) => shot.scrollTo(Number(p.y) || 0),
    "shot.hideFixed": () => shot.hideFixed(),
    "shot.end": () => shot.end(),
  };
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    const fn = msg && SHOT[msg.type];
    if (!fn || sender.id !== chrome.runtime.id || sender.tab) return false;
    Promise.resolve()
      .then(() => fn(msg.payload || {}))
      .then((result) => sendResponse({ ok: true, result }), (err) => sendResponse({ ok: false, error: { code: "shot_failed", message: String((err && err.message) || err) } }));
    return true;
  });
})();
