/* Review Guard: the ONE capture routine, for a review row and for a context page alike.
 *
 * refuse a blocked page → check the layout → busy → the adapter's beforeCapture (expand 展开, open a
 * drawer) → read what the page shows now → bring it on screen → `capture.submit` to the service worker
 * (which takes the screenshot and the MHTML) → restore the page → show the reply. The page features
 * only say how to read and where the thing is (`job` below).
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const S = RC.session;

  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

  /** Run the adapter's optional beforeCapture; always returns a restore function. */
  async function prepare(adapter, target, kind, signal) {
    if (typeof adapter.beforeCapture !== "function") return () => {};
    try {
      const restore = await adapter.beforeCapture(target, kind, { signal });
      return typeof restore === "function" ? restore : () => {};
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      // Preparing is best effort: the capture still holds what the page shows.
      console.warn(S.LOG, "beforeCapture failed", err);
      return () => {};
    }
  }

  function runRestore(restore) {
    try {
      restore();
    } catch (err) {
      console.warn(S.LOG, "restore after capture failed", err);
    }
  }

  /**
   * Capture what `job` describes and show the reply on its panel.
   * @param {{adapter: Object, kind: string, key: string, panel: Object, signal: AbortSignal,
   *   target: (Element|Document), where: *,
   *   validate?: () => void, read: () => (Object|Promise<Object>), show: (fields: Object) => void,
   *   keepAfterNavigation?: boolean}} job
   *   `validate`: throws (LayoutError) when the layout is not understood, before anything is touched;
   *   `read`: after preparing, the capture's fields ({review, order} or {order, record, shop?, region?}),
   *   throws when the layout is not understood; `show`: bring the thing on screen before the screenshot;
   *   `keepAfterNavigation`: the reply still lands in the key's state after an SPA navigation (review rows
   *   come back with their state; a context page's state is dropped with the page).
   */
  RC.capture = async function capture(job) {
    const { adapter, kind, key, panel, signal } = job;
    if (S.refuseBlocked(adapter, panel)) return;
    try {
      // Validate first: a row with a missing anchor is never touched nor sent.
      if (job.validate) job.validate();
    } catch (err) {
      S.refuse(panel, err, job.where);
      return;
    }
    panel.busy();
    S.inFlight.add(key);
    let restore = () => {};
    let reply;
    try {
      restore = await prepare(adapter, job.target, kind, signal);
      let fields;
      try {
        // Read after preparing: the expanded text and the lazy images' real URLs (data-src).
        fields = await job.read();
      } catch (err) {
        if (err && err.name === "AbortError") return;
        // Never send a half-understood page: the seller would appeal with wrong data.
        S.refuse(panel, err, job.where);
        return;
      }
      if (signal.aborted) return;
      // The screenshot is of the visible tab, so the row must be on screen first.
      job.show(fields);
      await frames();
      const { shop, region, ...data } = fields;
      reply = await RC.send("capture.submit", {
        platform: adapter.id,
        page_kind: kind,
        page_url: location.href,
        page_title: document.title,
        shop: shop || (adapter.shop ? adapter.shop(document) : null),
        region: region || S.regionOf(adapter),
        ...data,
      });
    } catch (err) {
      if (err && err.name === "AbortError") return;
      console.warn(S.LOG, `${kind} capture failed`, err);
      panel.error(RC.t("statusError", [String((err && err.message) || err)]));
      return;
    } finally {
      RC.shot.end(); // the worker ends the screenshot itself; this covers a worker that died mid-capture
      runRestore(restore);
      S.inFlight.delete(key);
    }
    // A navigation while the capture ran: the capture is stored; `capture.delivered` still finds the key.
    if (reply.capture_id) S.keyByCapture.set(reply.capture_id, key);
    if (signal.aborted && !job.keepAfterNavigation) return;
    S.handleReply(key, reply);
  };
})();
