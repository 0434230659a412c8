/* Captures and the offline queue: `capture.submit` from a review or context page (content scripts), and the
 * queue's status / flush / retry / discard (Options; a panel's "Retry now" flushes too). */
import { RcError } from "./errors.js";
import { C } from "./contract.js";
import { ready } from "./companion.js";
import { evidenceItem, mhtml, pageScreenshot } from "./evidence.js";
import { broadcastCase } from "./tabs.js";
import { discardParked, enqueue, failedAttempt, flushQueue, park, post, queueStatus, retryParked } from "./queue.js";
import { contacted } from "./summary.js";

export const PLATFORMS = C.PLATFORMS;
// Capture fields the companion accepts (models.Capture forbids unknown keys).
const REVIEW_KEYS = C.REVIEW_KEYS;
const ORDER_KEYS = C.ORDER_KEYS;
const PAGE_KINDS = C.PAGE_KINDS;
// models.ContextRecord and its list items.
const RECORD_KEYS = C.RECORD_KEYS;
const RECORD_LISTS = C.RECORD_LISTS;
const SENDERS = C.CHAT_SENDERS;

/** A known platform, and from a content script the platform of the site it runs on. */
export function checkPlatform(platform, ctx) {
  if (!PLATFORMS.includes(platform)) throw new RcError("bad_platform", `unknown platform ${platform}`, null, "platform");
  if (ctx.kind === "content" && ctx.platform && ctx.platform !== platform) {
    throw new RcError("bad_platform", `a ${ctx.platform} page cannot speak for ${platform}`, null, "platform");
  }
}

function pick(obj, keys) {
  if (!obj) return null;
  const out = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** Strings only (ids are strings end to end), nulls dropped; unknown keys never reach the companion. */
function cleanRecord(record) {
  if (!record || typeof record !== "object") return null;
  const out = {};
  for (const k of RECORD_KEYS) {
    if (record[k] !== undefined && record[k] !== null) out[k] = String(record[k]);
  }
  for (const [name, keys] of Object.entries(RECORD_LISTS)) {
    if (!Array.isArray(record[name])) continue;
    out[name] = record[name].slice(0, name === "messages" ? 5000 : 2000).map((item) => {
      const clean = {};
      for (const k of keys) if (item && item[k] !== undefined && item[k] !== null) clean[k] = String(item[k]);
      if (name === "messages" && !SENDERS.includes(clean.sender)) clean.sender = "unknown";
      return clean;
    });
  }
  return out;
}

function cleanOrder(order) {
  if (!order || !order.order_id) return null;
  const out = {};
  for (const k of ORDER_KEYS) if (order[k] !== undefined && order[k] !== null) out[k] = String(order[k]);
  return out;
}


/**
 * @typedef {Object} SubmitPayload
 * @property {string} platform  "douyin" | "tiktok" | "taobao" (the platform of the sending page's site)
 * @property {string} [page_title]
 * @property {Object} [shop]    {id, name}
 * @property {string} [page_kind] "review" (default) | "order" | "chat" | "logistics" | "after_sales"
 * @property {Object} [review]  Review fields from the adapter (review pages only)
 * @property {Object} [order]   OrderFacts from the row or the context page (order_id required on context pages)
 * @property {Object} [record]  ContextRecord of a context page
 * @property {string} [region]  shop region, e.g. "US"
 * (`page_url` is ignored: the capture takes the frame's URL from the browser.)
 */

export const HANDLERS = {
  "capture.submit": { from: "content", async run(payload, ctx) {
    const sender = ctx.sender;
    checkPlatform(payload.platform, ctx);
    const pageKind = payload.page_kind || "review";
    if (!PAGE_KINDS.includes(pageKind)) throw new RcError("bad_page_kind", `unknown page kind ${pageKind}`);
    if (pageKind === "review" && !payload.review) throw new RcError("bad_payload", "a review capture needs the review");
    if (pageKind !== "review" && !(payload.order && payload.order.order_id)) throw new RcError("bad_payload", "a context capture needs order.order_id");
    const captureId = crypto.randomUUID();
    const capturedAt = new Date().toISOString();
    // The frame's URL as the browser reports it (never the page's word for it).
    const pageUrl = ctx.url;
    // Context pages are captured whole (scrolled and stitched); a review keeps the window around its row.
    const shot = await pageScreenshot(sender.tab, pageKind !== "review");
    const evidence = [await evidenceItem("screenshot", shot.mediaType, shot.bytes, pageUrl)];
    const page = await mhtml(sender.tab.id);
    if (page) evidence.push(await evidenceItem("mhtml", "multipart/related", page, pageUrl));
    const shop = payload.shop && (payload.shop.id || payload.shop.name) ? pick(payload.shop, ["id", "name"]) : null;
    const capture = {
      schema_version: 1,
      capture_id: captureId,
      platform: payload.platform,
      page_kind: pageKind,
      page_url: pageUrl,
      page_title: sender.tab.title || payload.page_title || null,
      captured_at: capturedAt,
      region: payload.region ? String(payload.region).slice(0, 8) : null,
      shop,
      review: pageKind === "review" ? pick(payload.review, REVIEW_KEYS) : null,
      order: cleanOrder(payload.order),
      record: pageKind === "review" ? null : cleanRecord(payload.record),
      evidence,
      screenshot: shot.info,
      extension_version: chrome.runtime.getManifest().version,
    };
    const res = await post(await ready(), capture);
    if (res.outcome === "delivered") {
      contacted();
      broadcastCase(res.result);
      return res.result;
    }
    if (res.outcome === "failed") {
      // Refused (4xx): parked with its error, for the seller to retry after a fix or discard (Options).
      await park({ capture_id: captureId, tabId: sender.tab.id, queued_at: capturedAt, attempts: 1 },
        { status: res.status, error: res.error, reason: "refused", capture });
      throw new RcError(res.error.code, res.error.message, { failed: true, parked: true, capture_id: captureId, status: res.status }, res.error.field);
    }
    // Down (no answer), not paired (401, 403 bad_origin), or an error answer (5xx) on this capture: it waits in the queue.
    const n = await enqueue(capture, sender.tab.id, res.error, res.status);
    if (!res.unreachable && res.status !== 401 && !res.notPaired) await failedAttempt({ capture_id: captureId, tabId: sender.tab.id, attempts: 0 }, res);
    const code = res.status === 401 || res.notPaired ? "unauthorized" : res.unreachable ? "companion_unreachable" : "companion_error";
    throw new RcError(code, res.error.message, { queued: true, queue_length: n, capture_id: captureId, status: res.status || null });
  } },

  /**
   * The offline queue: waiting and parked captures (index entries, never the bodies) and bytes used.
   * @returns {{length: number, failed: number, bytes: number, max_bytes: number, waiting: Object[], parked: Object[]}}
   */
  "queue.status": { from: "page", run: () => queueStatus() },

  /** Try to deliver every waiting capture now (backoff ignored). @returns {{delivered: string[], failed: string[], remaining: number}} */
  "queue.flush": { from: "both", run: () => flushQueue({ force: true }) },

  /** Put a parked capture back into the queue and flush: `{capture_id}`. */
  "queue.retry": { from: "page", run: (payload) => retryParked(String(payload.capture_id || "")) },

  /** Delete a parked capture (entry and body): `{capture_id}`. */
  "queue.discard": { from: "page", run: (payload) => discardParked(String(payload.capture_id || "")) },
};
