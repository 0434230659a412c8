/* Review Guard on a blocked page: captcha, logged out, no permission, session expired, a dialog that
 * cannot be closed safely. Such a page says so and captures nothing: a login page of the platform (kind
 * "login") and a blocked review page without rows get ONE floating notice; row panels of a blocked review
 * page say "blocked" and come back fresh (repair) when the block clears.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const S = RC.session;
  const LOG = S.LOG;

  /**
   * ONE floating panel saying why nothing can be captured (no Capture): a login page of the platform, or a
   * review page that is blocked and has no review rows (no permission, session expired, logged out).
   * @returns {{host: Element, code: string}} remove it with `host.remove()`
   */
  function mountBlockedNotice(b, signal) {
    const panel = RC.panel.create({ floating: true, onCapture: () => {}, onRetry: () => {} });
    panel.host.setAttribute("data-blocked", b.code);
    panel.blocked(S.blockedMessage(b.code, b.message));
    (document.body || document.documentElement).appendChild(panel.host);
    signal.addEventListener("abort", () => panel.host.remove(), { once: true });
    return { host: panel.host, code: b.code };
  }

  /**
   * Review pages: follow the adapter's `blocked(document)` as the page changes (the document observer,
   * one check per animation frame; never polling).
   * - blocked and no review rows: ONE floating panel with the message;
   * - blocked with rows: every row panel says so (a dialog over the rows — code "overlay" — is only
   *   enforced at click time, so an open reply dialog does not wipe the drafts the seller is copying);
   * - unblocked again (SPA re-render, captcha solved, dialog closed): the floating panel goes, and row
   *   panels that said "blocked" are dropped so `repair` remounts them with a fresh read.
   */
  function watchBlocked(adapter, signal) {
    if (typeof adapter.blocked !== "function") return;
    let notice = null;
    const check = () => {
      const b = S.blockedOf(adapter);
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
        for (const [key, panel] of S.panels) {
          if (!key.startsWith("ctx:") && !S.blockedPanels.has(panel) && panel.host.isConnected) S.showBlocked(panel, b);
        }
      }
      if (!b && S.blockedPanels.size) {
        const stale = [...S.blockedPanels];
        S.blockedPanels.clear();
        for (const panel of stale) panel.host.remove();
      }
    };
    // Batches made only of our own panels coming and going are not the page changing (the observer
    // leaves them out); one check per animation frame.
    const schedule = RC.perFrame(check, signal);
    RC.watch(schedule, { signal });
    schedule();
  }

  RC.pages = RC.pages || {};
  RC.pages.watchBlocked = watchBlocked;
  /** The platform's login page (an expired session lands here): nothing to capture, say why. */
  RC.pages.login = function loginPage(adapter, signal) {
    console.warn(LOG, `${adapter.id}: login page — nothing will be captured`);
    mountBlockedNotice({ code: "logged_out", message: "not logged in" }, signal);
  };
})();
