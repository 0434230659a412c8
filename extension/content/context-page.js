/* Review Guard on a context page (order detail, chat, logistics, after-sales): ONE floating panel for
 * the page. The page renders after an XHR, so the order id in the panel follows the document observer
 * (one read per animation frame); Capture reads the page again at click time, through the one capture
 * routine. An order already in a case says so ("Order already in case #N").
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const S = RC.session;
  const LOG = S.LOG;

  /** A context page of `kind`: mount its floating panel and follow the page's order id. */
  function contextPage(adapter, kind, signal) {
    const key = `ctx:${adapter.id}:${kind}:${location.pathname}${location.search}`;
    let last = null;
    const actions = RC.caseActions(key, adapter);
    const panel = RC.panel.create({
      context: { kind },
      onCapture: () => RC.capture({
        adapter, kind, key, panel, signal, target: document, where: `${adapter.id} ${kind} page`,
        read: async () => {
          const page = await adapter.extractPage(document, kind);
          if (!page || !page.order || !page.order.order_id) throw new RC.LayoutError("order id");
          return { shop: page.shop, region: page.region, order: page.order, record: page.record || null };
        },
        show: (fields) => panel.setContext(fields.order.order_id),
      }),
      onRetry: () => S.retry(key),
      onPackage: actions.onPackage,
      links: actions.links,
    });
    (document.body || document.documentElement).appendChild(panel.host);
    S.panels.set(key, panel);
    signal.addEventListener("abort", () => {
      if (S.panels.get(key) === panel) S.panels.delete(key);
      panel.host.remove();
    }, { once: true });

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
        const st = S.states.get(key);
        if (!summary || summary.id == null || signal.aborted || last !== orderId || S.inFlight.has(key) || (st && st.kind === "result")) return;
        panel.setOrderCase(summary);
      });
    };
    const read = () => {
      // A blocked page (no permission, captcha, expired session) says so instead of an order id.
      const b = S.blockedOf(adapter);
      if (b) {
        if (b.code !== blockCode) {
          blockCode = b.code;
          last = null;
          console.warn(LOG, `${adapter.id} ${kind} page: ${b.message}`);
          S.showBlocked(panel, b);
        }
        return;
      }
      if (blockCode || S.blockedPanels.has(panel)) {
        // Unblocked (SPA re-render, dialog closed): the panel offers Capture again.
        blockCode = null;
        S.blockedPanels.delete(panel);
        S.render(panel, S.states.get(key));
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
    // Our own panel's changes are not the page's content (the observer leaves them out).
    RC.watch(RC.perFrame(read, signal), { signal });
    S.render(panel, S.states.get(key));
    read(); // after render: a blocked page's message must not be cleared by the idle state
  }

  RC.pages = RC.pages || {};
  RC.pages.context = contextPage;
})();
