/* The offline queue: captures the companion could not take yet, each delivered on its own, exactly once
 * (the companion dedups on capture_id), with backoff per capture and a parked list the seller retries or discards. */
import { RcError } from "./errors.js";
import { apiError, call, ready } from "./companion.js";
import { broadcastCase, notifyTab } from "./tabs.js";

const QUEUE_KEY = "rc-queue";
const FAILED_KEY = "rc-failed";
// Each queued capture's body (evidence included) lives under its own key; `rc-queue` and `rc-failed`
// hold only small index entries, so queueing a capture never rewrites the megabytes of the others.
const BLOB_PREFIX = "rc-capture:";
/**
 * Queue limits (mutable for tests through `globalThis.rcQueueLimits`):
 * maxBytes: waiting + parked capture bodies together; a capture that would pass it is refused (queue_full).
 * maxAttempts: answers of 5xx/408/429 for one capture before it is parked with its error.
 * backoffMs / backoffMaxMs: per-capture wait after such an answer, doubling up to the maximum.
 */
export const QUEUE_LIMITS = { maxBytes: 256 * 1024 * 1024, maxAttempts: 5, backoffMs: 30000, backoffMaxMs: 30 * 60000 };

// ---------------------------------------------------------------------------- queue
//
// `rc-queue`: captures waiting for delivery, `[{capture_id, tabId, queued_at, bytes, label, attempts,
// next_at, last_error, last_status}]`. `rc-failed`: captures parked because the companion refused them
// (4xx) or kept failing on them (5xx, QUEUE_LIMITS.maxAttempts times), `[{capture_id, tabId, queued_at,
// bytes, label, attempts, status, error, reason: "refused"|"attempts", failed_at, kept}]`; the seller
// retries or discards them in Options. Bodies: `rc-capture:<capture_id>` (kept = the body is stored).
// Each capture is delivered on its own: one that fails never holds back the ones after it.

// All queue mutations run one after another, so concurrent captures never lose an entry.
let storageChain = Promise.resolve();
function serial(fn) {
  const next = storageChain.then(fn);
  storageChain = next.catch(() => undefined);
  return next;
}

function mutate(key, fn) {
  return serial(async () => {
    const { [key]: list = [] } = await chrome.storage.local.get(key);
    const { list: updated, value, extra } = fn(list);
    await chrome.storage.local.set({ [key]: updated, ...(extra || {}) });
    return value;
  });
}

async function readList(key) {
  await storageChain;
  const { [key]: list = [] } = await chrome.storage.local.get(key);
  return list;
}

const blobKey = (captureId) => BLOB_PREFIX + captureId;

async function loadCapture(captureId) {
  const { [blobKey(captureId)]: capture } = await chrome.storage.local.get(blobKey(captureId));
  return capture || null;
}

/** A short human label for lists (Options): platform, page kind, order or review id, the text's start. */
function captureLabel(capture) {
  const review = capture.review || {};
  const id = (capture.order && capture.order.order_id) || review.order_id || review.review_id || "";
  const text = String(review.text || "").slice(0, 40);
  return [capture.platform, capture.page_kind || "review", id, text && `“${text}”`].filter(Boolean).join(" · ");
}

function captureBytes(capture) {
  return JSON.stringify(capture).length; // base64 and ids are ASCII: about the stored size
}

function usedBytes(queue, failed) {
  return [...queue, ...failed].reduce((sum, i) => sum + (i.kept === false ? 0 : i.bytes || 0), 0);
}

/**
 * Queue a capture for later delivery: its body under its own key, a small entry in `rc-queue`.
 * Refused with `queue_full` when waiting + parked bodies would pass QUEUE_LIMITS.maxBytes.
 * @returns {Promise<number>} captures waiting
 */
export function enqueue(capture, tabId, error, status) {
  return serial(async () => {
    const got = await chrome.storage.local.get([QUEUE_KEY, FAILED_KEY]);
    const queue = got[QUEUE_KEY] || [];
    const failed = got[FAILED_KEY] || [];
    if (queue.some((i) => i.capture_id === capture.capture_id)) return queue.length;
    const bytes = captureBytes(capture);
    const used = usedBytes(queue, failed);
    if (used + bytes > QUEUE_LIMITS.maxBytes) {
      throw new RcError("queue_full", `The offline queue is full (${queue.length} waiting, ${failed.length} parked, `
        + `${mb(used)} of ${mb(QUEUE_LIMITS.maxBytes)}): start the companion, or discard parked captures in Options. `
        + "This capture was not kept.", { queue_length: queue.length, failed: failed.length, bytes: used });
    }
    queue.push({ capture_id: capture.capture_id, tabId, queued_at: new Date().toISOString(), bytes, label: captureLabel(capture),
      attempts: 0, next_at: null, last_error: error || null, last_status: status || null });
    await chrome.storage.local.set({ [blobKey(capture.capture_id)]: capture, [QUEUE_KEY]: queue });
    return queue.length;
  });
}

function mb(bytes) {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** Delivered: the entry and its body go. */
function dequeue(captureId) {
  return serial(async () => {
    const { [QUEUE_KEY]: list = [] } = await chrome.storage.local.get(QUEUE_KEY);
    const kept = list.filter((i) => i.capture_id !== captureId);
    await chrome.storage.local.set({ [QUEUE_KEY]: kept });
    await chrome.storage.local.remove(blobKey(captureId));
    return kept.length;
  });
}

/**
 * Park a capture the companion refused (4xx) or kept failing on: out of `rc-queue`, into `rc-failed`
 * with its error, its body kept (when it fits) so the seller can retry it after a fix, or discard it.
 * `capture` is given for a capture that was never queued (refused on its first delivery).
 */
export function park(entry, { status, error, reason, capture }) {
  return serial(async () => {
    const got = await chrome.storage.local.get([QUEUE_KEY, FAILED_KEY]);
    const queue = (got[QUEUE_KEY] || []).filter((i) => i.capture_id !== entry.capture_id);
    const failed = (got[FAILED_KEY] || []).filter((i) => i.capture_id !== entry.capture_id);
    const parked = { ...entry, status: status || null, error: error || null, reason, failed_at: new Date().toISOString(), kept: true };
    delete parked.next_at;
    delete parked.last_error;
    delete parked.last_status;
    const set = { [QUEUE_KEY]: queue, [FAILED_KEY]: [...failed, parked] };
    if (capture) {
      parked.bytes = captureBytes(capture);
      parked.label = captureLabel(capture);
      if (usedBytes(queue, failed) + parked.bytes <= QUEUE_LIMITS.maxBytes) set[blobKey(entry.capture_id)] = capture;
      else parked.kept = false; // no room for the body: the error is still shown
    }
    await chrome.storage.local.set(set);
    return failed.length + 1;
  });
}

/** One more 5xx/408/429 answer for this capture: back off (doubling), park after maxAttempts. */
export async function failedAttempt(entry, res) {
  const attempts = (entry.attempts || 0) + 1;
  if (attempts >= QUEUE_LIMITS.maxAttempts) {
    await park({ ...entry, attempts }, { status: res.status, error: res.error, reason: "attempts" });
    return "parked";
  }
  const wait = Math.min(QUEUE_LIMITS.backoffMs * 2 ** (attempts - 1), QUEUE_LIMITS.backoffMaxMs);
  await mutate(QUEUE_KEY, (list) => {
    const it = list.find((i) => i.capture_id === entry.capture_id);
    if (it) Object.assign(it, { attempts, next_at: new Date(Date.now() + wait).toISOString(), last_error: res.error, last_status: res.status });
    return { list, value: null };
  });
  return "waiting";
}

/**
 * POST one capture. Classifies the outcome for the caller: `unreachable` (no answer at all) and 401
 * say nothing about this capture; 5xx/408/429 are this capture's failed attempt; any other 4xx is a refusal.
 * @returns {Promise<{outcome: "delivered"|"retry"|"failed", unreachable?: boolean, result?: Object, error?: Object, status?: number}>}
 */
export async function post(settings, capture) {
  let r;
  try {
    r = await call(settings, "POST", "/api/v1/captures", capture);
  } catch (err) {
    return { outcome: "retry", unreachable: true, error: { code: err.code, message: err.message } };
  }
  if (r.status >= 200 && r.status < 300) return { outcome: "delivered", result: r.body, status: r.status };
  // 401 / 403 bad_origin: not paired (yet, or any more) — keep it queued until the seller pairs. 5xx: companion trouble.
  if (r.status === 401 || notPaired(r) || r.status >= 500 || r.status === 408 || r.status === 429) {
    return { outcome: "retry", error: apiError(r.status, r.body), status: r.status, notPaired: notPaired(r) };
  }
  return { outcome: "failed", error: apiError(r.status, r.body), status: r.status };
}

/** The companion refused this browser's origin: it is not paired (any more). */
export function notPaired(r) {
  return r.status === 403 && !!(r.body && r.body.error && r.body.error.code === "bad_origin");
}

let flushing = null;

/**
 * Deliver queued captures, each on its own: a capture the companion answers with an error backs off or
 * is parked, and the next one is tried all the same. Only "no answer at all" (companion down), 401 or 403
 * bad_origin (not paired) ends the run, since every later capture would meet the same. Without `force`, captures
 * still backing off are skipped (the alarm, start-up, after a contact); `force` (Retry now, Options)
 * tries every one. Concurrent calls share one run; a forced call during an unforced run runs again after it.
 * @returns {Promise<{delivered: string[], failed: string[], remaining: number}>} failed = parked by this run
 */
export function flushQueue(opts) {
  const force = !!(opts && opts.force);
  if (flushing) return force ? flushing.then(() => flushQueue(opts)) : flushing;
  flushing = (async () => {
    await migrateQueue();
    const delivered = [];
    const failed = [];
    const settings = await ready();
    for (const entry of await readList(QUEUE_KEY)) {
      if (!force && entry.next_at && Date.parse(entry.next_at) > Date.now()) continue;
      const capture = await loadCapture(entry.capture_id);
      if (!capture) {
        // Its body is gone (storage cleared by hand): say so in the parked list instead of retrying nothing.
        await park(entry, { error: { code: "capture_body_missing", message: "The queued capture's data is no longer in the extension's storage." },
          reason: "refused" });
        failed.push(entry.capture_id);
        continue;
      }
      const res = await post(settings, capture);
      if (res.outcome === "retry" && (res.unreachable || res.status === 401 || res.notPaired)) {
        await mutate(QUEUE_KEY, (list) => {
          const it = list.find((i) => i.capture_id === entry.capture_id);
          if (it) Object.assign(it, { last_error: res.error, last_status: res.status || null });
          return { list, value: null };
        });
        break;
      }
      if (res.outcome === "retry") {
        if ((await failedAttempt(entry, res)) === "parked") {
          failed.push(entry.capture_id);
          notifyTab(entry.tabId, { type: "capture.failed", payload: { capture_id: entry.capture_id, error: res.error, parked: true, reason: "attempts" } });
        }
        continue;
      }
      if (res.outcome === "failed") {
        await park(entry, { status: res.status, error: res.error, reason: "refused" });
        failed.push(entry.capture_id);
        notifyTab(entry.tabId, { type: "capture.failed", payload: { capture_id: entry.capture_id, error: res.error, parked: true, reason: "refused" } });
        continue;
      }
      delivered.push(entry.capture_id);
      await dequeue(entry.capture_id);
      notifyTab(entry.tabId, { type: "capture.delivered", payload: { capture_id: entry.capture_id, result: res.result } }, res.result);
      broadcastCase(res.result);
    }
    return { delivered, failed, remaining: (await readList(QUEUE_KEY)).length };
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/**
 * Queues written by earlier versions kept whole captures in `rc-queue`/`rc-failed`: move the bodies out.
 * Checked before every flush and status (two small reads), so entries restored from an old profile move too.
 */
function migrateQueue() {
  return serial(async () => {
    const got = await chrome.storage.local.get([QUEUE_KEY, FAILED_KEY]);
    const set = {};
    for (const key of [QUEUE_KEY, FAILED_KEY]) {
      const list = got[key] || [];
      if (!list.some((i) => i && i.capture)) continue;
      set[key] = list.map((i) => {
        if (!i || !i.capture) return i;
        const { capture, ...rest } = i;
        set[blobKey(capture.capture_id)] = capture;
        return { ...rest, capture_id: capture.capture_id, bytes: captureBytes(capture), label: captureLabel(capture),
          attempts: key === QUEUE_KEY ? 0 : rest.attempts || 1, kept: true,
          ...(key === FAILED_KEY ? { reason: rest.reason || "refused" } : {}) };
      });
    }
    if (Object.keys(set).length) await chrome.storage.local.set(set);
  }).catch((err) => console.warn("Review Guard: queue migration failed", err));
}

/** What Options and the panels show: waiting and parked captures (index entries only), bytes used. */
export async function queueStatus() {
  await migrateQueue();
  await storageChain;
  const got = await chrome.storage.local.get([QUEUE_KEY, FAILED_KEY]);
  const queue = got[QUEUE_KEY] || [];
  const failed = got[FAILED_KEY] || [];
  return {
    length: queue.length,
    failed: failed.length,
    bytes: usedBytes(queue, failed),
    max_bytes: QUEUE_LIMITS.maxBytes,
    waiting: queue.map((i) => ({ capture_id: i.capture_id, label: i.label || "", queued_at: i.queued_at, attempts: i.attempts || 0,
      next_at: i.next_at || null, last_error: i.last_error || null, last_status: i.last_status || null })),
    parked: failed.map((i) => ({ capture_id: i.capture_id, label: i.label || "", queued_at: i.queued_at || null, failed_at: i.failed_at,
      attempts: i.attempts || 0, status: i.status || null, error: i.error || null, reason: i.reason || "refused", kept: i.kept !== false })),
  };
}

/** A parked capture goes back into the queue (attempts reset) and the queue is flushed now. */
export async function retryParked(captureId) {
  const entry = await serial(async () => {
    const got = await chrome.storage.local.get([QUEUE_KEY, FAILED_KEY]);
    const failed = got[FAILED_KEY] || [];
    const found = failed.find((i) => i.capture_id === captureId);
    if (!found) throw new RcError("not_found", `No parked capture ${captureId}`, {}, "capture_id");
    if (found.kept === false) throw new RcError("capture_body_missing", "This capture's data was not kept (the queue was full); capture the page again.", {}, "capture_id");
    const { error, status, reason, failed_at, kept, ...rest } = found;
    const queue = (got[QUEUE_KEY] || []).filter((i) => i.capture_id !== captureId);
    queue.push({ ...rest, attempts: 0, next_at: null, last_error: error || null, last_status: status || null });
    await chrome.storage.local.set({ [QUEUE_KEY]: queue, [FAILED_KEY]: failed.filter((i) => i.capture_id !== captureId) });
    return found;
  });
  return { capture_id: entry.capture_id, ...(await flushQueue({ force: true })) };
}

/** The seller gives up on a parked capture: its entry and body are deleted. */
export function discardParked(captureId) {
  return serial(async () => {
    const { [FAILED_KEY]: failed = [] } = await chrome.storage.local.get(FAILED_KEY);
    if (!failed.some((i) => i.capture_id === captureId)) throw new RcError("not_found", `No parked capture ${captureId}`, {}, "capture_id");
    await chrome.storage.local.set({ [FAILED_KEY]: failed.filter((i) => i.capture_id !== captureId) });
    await chrome.storage.local.remove(blobKey(captureId));
    return { discarded: captureId };
  });
}

