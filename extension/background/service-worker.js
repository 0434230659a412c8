/* Review Guard service worker: the ONLY part of the extension that talks to the companion.
 *
 * Messages `{type, payload}` from content scripts and the options page are dispatched through
 * HANDLERS; every reply is `{ok: true, result}` or `{ok: false, error: {code, message}, ...}`.
 * Captures that cannot be delivered wait in chrome.storage.local (`rc-queue`) and are retried by
 * an alarm, on worker start-up and after every successful contact; the companion dedups on
 * capture_id, so a capture is stored exactly once even if a retry races a slow first attempt.
 */

const SETTINGS_KEY = "rc-settings";
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
const QUEUE_LIMITS = { maxBytes: 256 * 1024 * 1024, maxAttempts: 5, backoffMs: 30000, backoffMaxMs: 30 * 60000 };
const ALARM = "rc-flush";
const DEFAULT_URL = "http://127.0.0.1:8765";
const FETCH_TIMEOUT_MS = 15000;
// A local-model rewrite runs one completion per draft kind (each up to the model's timeout_s).
const REWRITE_TIMEOUT_MS = 180000;
// An appeal package re-encodes up to a few large screenshots and writes a PDF.
const PACKAGE_TIMEOUT_MS = 60000;
// A lookup only decorates panels: give up fast, the panel simply stays idle.
const LOOKUP_TIMEOUT_MS = 5000;
const LOOKUP_MAX_IDS = 500; // per list and request (models.LookupRequest)
const APPEAL_OUTCOMES = ["accepted", "rejected", "pending"];
// Statuses the panel's one-click buttons set (PATCH /api/v1/cases/<id>); the companion knows open and closed too.
const CASE_STATUSES = ["open", "replied", "contacted", "appealed", "resolved", "closed"];
const DRAFT_KINDS = ["public_reply", "private_message", "appeal_statement", "review_update_request"];
// Linting an edited draft only decorates it: give up fast.
const LINT_TIMEOUT_MS = 5000;
const PLATFORMS = ["douyin", "tiktok", "taobao"];
// Capture fields the companion accepts (models.Capture forbids unknown keys).
const REVIEW_KEYS = ["review_id", "order_id", "product_id", "product_title", "sku", "rating", "sub_ratings", "rating_label", "text",
  "lang", "buyer_nick", "review_time", "images", "has_video", "follow_up", "seller_reply", "tags"];
const ORDER_KEYS = ["order_id", "product_title", "sku", "price", "status", "order_time", "pay_time", "ship_time", "delivery_time",
  "sign_time", "tracking_no", "carrier"];
const PAGE_KINDS = ["review", "order", "chat", "logistics", "after_sales"];
const COMPLAINT_TYPES = ["product_quality", "logistics", "service_attitude", "description_mismatch", "after_sales", "price",
  "malicious_or_unfounded", "other"];
// models.ContextRecord and its list items.
const RECORD_KEYS = ["buyer_nick", "tracking_no", "carrier", "aftersale_id", "aftersale_type", "aftersale_status",
  "aftersale_reason", "refund_amount"];
const RECORD_LISTS = {
  messages: ["time", "sender", "text"],
  tracking_events: ["time", "text", "location"],
  timeline: ["time", "text"],
};
const SENDERS = ["buyer", "seller", "system", "unknown"];

/** An error that becomes `{ok:false, error:{code, message}, ...extra}` in the reply. */
class RcError extends Error {
  constructor(code, message, extra, field) {
    super(message || code);
    this.code = code;
    this.extra = extra || {};
    this.field = field || null; // the companion's `error.field` (e.g. "llm.base_url"), for forms
  }
}

// ---------------------------------------------------------------------------- settings

async function getSettings() {
  const { [SETTINGS_KEY]: s } = await chrome.storage.local.get(SETTINGS_KEY);
  return { url: (s && s.url) || DEFAULT_URL, token: (s && s.token) || "" };
}

function apiUrl(base, path) {
  return base.replace(/\/+$/, "") + path;
}

/**
 * fetch() with a timeout. Network failures become RcError("companion_unreachable").
 * @returns {Promise<{status: number, body: any}>}
 */
async function call(settings, method, path, body, timeoutMs) {
  const headers = { Accept: "application/json" };
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let resp;
  try {
    resp = await fetch(apiUrl(settings.url, path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs || FETCH_TIMEOUT_MS),
      cache: "no-store",
    });
  } catch (err) {
    throw new RcError("companion_unreachable", `Companion not reachable at ${settings.url} (${err.message})`);
  }
  let parsed = null;
  try {
    parsed = await resp.json();
  } catch {
    parsed = null;
  }
  return { status: resp.status, body: parsed };
}

function apiError(status, body) {
  const e = (body && body.error) || {};
  return { code: e.code || `http_${status}`, message: e.message || `HTTP ${status}`, field: e.field };
}

/** The body of a 2xx answer; any other status becomes an RcError with the companion's code and field. */
function okBody(r) {
  if (r.status >= 200 && r.status < 300) return r.body;
  const e = apiError(r.status, r.body);
  throw new RcError(r.status === 401 ? "unauthorized" : e.code, e.message, { status: r.status }, e.field);
}

/** A positive integer id from a message payload, or a bad_payload error naming it. */
function positiveId(value, name) {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new RcError("bad_payload", `${name} must be a positive integer`, {}, name);
  return id;
}

// ---------------------------------------------------------------------------- evidence

function base64(bytes) {
  let s = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function evidenceItem(kind, mediaType, bytes, sourceUrl) {
  return { kind, media_type: mediaType, data_base64: base64(bytes), sha256: await sha256Hex(bytes), source_url: sourceUrl || null };
}

// captureVisibleTab is rate limited (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND = 2): keep calls this far apart.
const SHOT_GAP_MS = 550;
// A stitched screenshot stops at this many pixels of height (and says so in the picture and the capture).
const SHOT_MAX_HEIGHT_PX = 12000;
// Above this many bytes the PNG is re-encoded as JPEG, then scaled down (the whole capture must stay < 64 MB).
const SHOT_MAX_BYTES = 12 * 1024 * 1024;
const SHOT_MAX_SLICES = 40;
let lastShotAt = 0;

function dataUrlBytes(dataUrl) {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(",") + 1));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** PNG of the visible tab. Calls are spaced SHOT_GAP_MS apart; a rate-limit error is retried twice. */
async function screenshot(windowId) {
  for (let attempt = 0; ; attempt++) {
    const wait = lastShotAt + SHOT_GAP_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastShotAt = Date.now();
    try {
      return dataUrlBytes(await chrome.tabs.captureVisibleTab(windowId, { format: "png" }));
    } catch (err) {
      if (attempt >= 2 || !/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 600));
    }
  }
}

/** Ask the tab's content script (top frame) to do one screenshot step (`shot.*`, main.js). */
async function tabStep(tabId, type, payload) {
  const reply = await chrome.tabs.sendMessage(tabId, { type, payload: payload || {} }, { frameId: 0 });
  if (!reply || !reply.ok) throw new Error((reply && reply.error && reply.error.message) || `${type}: no answer from the page`);
  return reply.result;
}

/** The tab must still be the one shown: captureVisibleTab takes whatever tab the window shows. */
async function assertShown(tabId) {
  const tab = await chrome.tabs.get(tabId);
  if (!tab.active) throw new RcError("tab_hidden", "The tab was switched away during the screenshot; capture again with the page in front.");
}

/**
 * The evidence screenshot of a tab, without any Review Guard element in it.
 * `full` (context pages: order, chat, logistics, after-sales): the whole page, scrolled and stitched
 * in an OffscreenCanvas — the document, or the element that scrolls the content (a chat's message
 * list) with the rest of the window around it once. Capped at SHOT_MAX_HEIGHT_PX (a band at the bottom
 * says so) and SHOT_MAX_BYTES; fixed elements are hidden after the first slice, sticky ones may repeat.
 * Review pages (`full` false) keep the visible window around the row. The page's panels and scroll
 * position are restored in every case (`shot.end`, also called by the content script on its side).
 * @returns {Promise<{bytes: Uint8Array, mediaType: string, info: Object}>} info = Capture.screenshot
 */
async function pageScreenshot(tab, full) {
  let m = null;
  try {
    m = await tabStep(tab.id, "shot.begin", { full });
  } catch (err) {
    // No content script answering (e.g. Firefox, an old tab): the visible window as before.
    console.warn("Review Guard: screenshot without hiding panels", err);
  }
  try {
    if (!m || !full || m.mode === "viewport" || typeof OffscreenCanvas === "undefined") {
      const bytes = await screenshot(tab.windowId);
      return { bytes, mediaType: "image/png", info: { mode: "viewport", slices: 1, truncated: false,
        panels_hidden: m ? m.panels_hidden : 0, fixed_hidden: 0, sticky_elements: 0 } };
    }
    return await stitched(tab, m);
  } finally {
    if (m) await tabStep(tab.id, "shot.end").catch(() => undefined);
  }
}

async function stitched(tab, m) {
  const vh = m.viewport.height;
  const r = m.rect;
  // CSS px of the whole picture: the window, with the scrolling region grown to its full content height.
  const fullCss = vh + Math.max(0, m.scroll_height - r.height);
  let pos = await tabStep(tab.id, "shot.scroll", { y: 0 });
  await assertShown(tab.id);
  const first = await createImageBitmap(new Blob([await screenshot(tab.windowId)], { type: "image/png" }));
  const scale = first.height / vh; // device px per CSS px
  const widthPx = first.width;
  const fullPx = Math.round(fullCss * scale);
  const heightPx = Math.min(fullPx, SHOT_MAX_HEIGHT_PX);
  const truncated = fullPx > SHOT_MAX_HEIGHT_PX;
  const canvas = new OffscreenCanvas(widthPx, heightPx);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, widthPx, heightPx);
  const px = (v) => Math.round(v * scale);
  // First slice: the whole window; what lies below the scrolling region (a chat's input box) goes to the bottom.
  const below = vh - (r.top + r.height);
  ctx.drawImage(first, 0, 0, widthPx, px(r.top + r.height), 0, 0, widthPx, px(r.top + r.height));
  if (below > 0) ctx.drawImage(first, 0, px(r.top + r.height), widthPx, px(below), 0, px(fullCss - below), widthPx, px(below));
  first.close();
  let fixedHidden = 0;
  let slices = 1;
  let y = pos.scroll_top;
  const limitCss = heightPx / scale;
  while (slices < SHOT_MAX_SLICES && r.top + y + r.height < limitCss && y + r.height < pos.scroll_height) {
    if (slices === 1 && m.mode === "document") fixedHidden = await tabStep(tab.id, "shot.hideFixed");
    pos = await tabStep(tab.id, "shot.scroll", { y: y + r.height });
    if (pos.scroll_top <= y) break; // it did not move: the end (or a page that refuses to scroll)
    y = pos.scroll_top;
    await assertShown(tab.id);
    const bmp = await createImageBitmap(new Blob([await screenshot(tab.windowId)], { type: "image/png" }));
    // The scrolling region of this slice lands at its content offset.
    ctx.drawImage(bmp, px(r.left), px(r.top), px(r.width), px(r.height), px(r.left), px(r.top + y), px(r.width), px(r.height));
    bmp.close();
    slices += 1;
  }
  if (truncated) {
    const band = Math.max(28, px(28));
    ctx.fillStyle = "#b42318";
    ctx.fillRect(0, heightPx - band, widthPx, band);
    ctx.fillStyle = "#ffffff";
    ctx.font = `${Math.round(band * 0.5)}px sans-serif`;
    ctx.textBaseline = "middle";
    ctx.fillText(`Review Guard: 截图已截断 / screenshot truncated — ${heightPx} of ${fullPx} px shown`, px(12), heightPx - band / 2);
  }
  let blob = await canvas.convertToBlob({ type: "image/png" });
  let mediaType = "image/png";
  let downscaled = false;
  if (blob.size > SHOT_MAX_BYTES) {
    blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.85 });
    mediaType = "image/jpeg";
    for (let f = 0.75; blob.size > SHOT_MAX_BYTES && f > 0.2; f -= 0.25) {
      const small = new OffscreenCanvas(Math.round(widthPx * f), Math.round(heightPx * f));
      small.getContext("2d").drawImage(canvas, 0, 0, small.width, small.height);
      blob = await small.convertToBlob({ type: "image/jpeg", quality: 0.85 });
      downscaled = true;
    }
  }
  return {
    bytes: new Uint8Array(await blob.arrayBuffer()),
    mediaType,
    info: { mode: m.mode, slices, truncated, panels_hidden: m.panels_hidden, fixed_hidden: fixedHidden, sticky_elements: m.sticky,
      width_px: widthPx, height_px: heightPx, page_height_px: fullPx, scale: Math.round(scale * 100) / 100, downscaled },
  };
}

/**
 * MHTML of the whole tab. Reading a fresh MHTML blob intermittently fails with NotFoundError
 * (shared research browser-testing.md §2, pitfall 4): retry the read, and after a second failure
 * take a new snapshot, up to three snapshots in all.
 */
async function mhtml(tabId) {
  if (!chrome.pageCapture) return null; // Firefox has no pageCapture.
  let lastErr;
  for (let snapshot = 0; snapshot < 3; snapshot++) {
    const blob = await chrome.pageCapture.saveAsMHTML({ tabId });
    for (let read = 0; read < 2; read++) {
      try {
        return new Uint8Array(await blob.arrayBuffer());
      } catch (err) {
        lastErr = err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  throw lastErr;
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
function enqueue(capture, tabId, error, status) {
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
function park(entry, { status, error, reason, capture }) {
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
async function failedAttempt(entry, res) {
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
async function post(settings, capture) {
  let r;
  try {
    r = await call(settings, "POST", "/api/v1/captures", capture);
  } catch (err) {
    return { outcome: "retry", unreachable: true, error: { code: err.code, message: err.message } };
  }
  if (r.status >= 200 && r.status < 300) return { outcome: "delivered", result: r.body, status: r.status };
  // 401: not paired yet — keep it queued until the seller pastes the token. 5xx: companion trouble.
  if (r.status === 401 || r.status >= 500 || r.status === 408 || r.status === 429) {
    return { outcome: "retry", error: apiError(r.status, r.body), status: r.status };
  }
  return { outcome: "failed", error: apiError(r.status, r.body), status: r.status };
}

let flushing = null;

/**
 * Deliver queued captures, each on its own: a capture the companion answers with an error backs off or
 * is parked, and the next one is tried all the same. Only "no answer at all" (companion down) or 401
 * (not paired) ends the run, since every later capture would meet the same. Without `force`, captures
 * still backing off are skipped (the alarm, start-up, after a contact); `force` (Retry now, Options)
 * tries every one. Concurrent calls share one run; a forced call during an unforced run runs again after it.
 * @returns {Promise<{delivered: string[], failed: string[], remaining: number}>} failed = parked by this run
 */
function flushQueue(opts) {
  const force = !!(opts && opts.force);
  if (flushing) return force ? flushing.then(() => flushQueue(opts)) : flushing;
  flushing = (async () => {
    await migrateQueue();
    const delivered = [];
    const failed = [];
    const settings = await getSettings();
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
      if (res.outcome === "retry" && (res.unreachable || res.status === 401)) {
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
      notifyTab(entry.tabId, { type: "capture.delivered", payload: { capture_id: entry.capture_id, result: res.result } });
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
async function queueStatus() {
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
async function retryParked(captureId) {
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
function discardParked(captureId) {
  return serial(async () => {
    const { [FAILED_KEY]: failed = [] } = await chrome.storage.local.get(FAILED_KEY);
    if (!failed.some((i) => i.capture_id === captureId)) throw new RcError("not_found", `No parked capture ${captureId}`, {}, "capture_id");
    await chrome.storage.local.set({ [FAILED_KEY]: failed.filter((i) => i.capture_id !== captureId) });
    await chrome.storage.local.remove(blobKey(captureId));
    return { discarded: captureId };
  });
}

/**
 * Tell every tab that a case changed, so an open review panel shows the checklist ticked by a
 * capture made in another tab (order detail, chat …). Tabs without our content script ignore it.
 */
async function broadcastCase(result) {
  if (!result || !result.case) return;
  let tabs = [];
  try {
    tabs = await chrome.tabs.query({});
  } catch {
    return;
  }
  for (const tab of tabs) notifyTab(tab.id, { type: "case.updated", payload: { result } });
}

function notifyTab(tabId, message) {
  if (tabId == null) return;
  // The tab may be gone or navigated away: that is fine, the capture is stored either way.
  chrome.tabs.sendMessage(tabId, message).catch(() => undefined);
}

/** After any successful contact with the companion, drain the queue in the background (and refresh the badge). */
function contacted() {
  flushQueue().catch((err) => console.warn("Review Guard: queue flush failed", err));
  refreshBadge();
}

// ---------------------------------------------------------------------------- toolbar badge and popup

const SUMMARY_TIMEOUT_MS = 5000;
const BADGE_OVERDUE = "#b42318";
const BADGE_DUE = "#dc6803";

/** The browser's time zone (IANA), so "due today" is the seller's today. */
function sellerTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return "";
  }
}

/** GET /api/v1/summary: replies overdue / due today and the most urgent `limit` cases. */
async function fetchSummary(settings, limit) {
  if (!settings.token) throw new RcError("unauthorized", "Not paired yet: paste the companion's token in Options.");
  const q = new URLSearchParams({ limit: String(limit) });
  const tz = sellerTimeZone();
  if (tz) q.set("tz", tz);
  return okBody(await call(settings, "GET", `/api/v1/summary?${q}`, undefined, SUMMARY_TIMEOUT_MS));
}

/** Badge = replies overdue + due today (red when any is overdue); empty when none or when unknown. */
async function showBadge(summary) {
  const r = (summary && summary.replies) || { overdue: 0, due_today: 0 };
  const n = (r.overdue || 0) + (r.due_today || 0);
  try {
    await chrome.action.setBadgeText({ text: n ? (n > 99 ? "99+" : String(n)) : "" });
    if (n) await chrome.action.setBadgeBackgroundColor({ color: r.overdue ? BADGE_OVERDUE : BADGE_DUE });
    await chrome.action.setTitle({ title: summary ? chrome.i18n.getMessage("badgeTitle", [String(r.overdue || 0), String(r.due_today || 0)])
      : chrome.i18n.getMessage("extName") });
  } catch (err) {
    console.warn("Review Guard: badge update failed", err);
  }
}

let badgeRun = null;
/** Refresh the badge from the companion; one request at a time. Failures leave an empty badge. */
function refreshBadge() {
  if (badgeRun) return badgeRun;
  badgeRun = (async () => {
    try {
      await showBadge(await fetchSummary(await getSettings(), 0));
    } catch {
      await showBadge(null);
    } finally {
      badgeRun = null;
    }
  })();
  return badgeRun;
}

// ---------------------------------------------------------------------------- handlers

/**
 * @typedef {Object} SubmitPayload
 * @property {string} platform  "douyin" | "tiktok" | "taobao"
 * @property {string} page_url
 * @property {string} [page_title]
 * @property {Object} [shop]    {id, name}
 * @property {string} [page_kind] "review" (default) | "order" | "chat" | "logistics" | "after_sales"
 * @property {Object} [review]  Review fields from the adapter (review pages only)
 * @property {Object} [order]   OrderFacts from the row or the context page (order_id required on context pages)
 * @property {Object} [record]  ContextRecord of a context page
 * @property {string} [region]  shop region, e.g. "US"
 */

const HANDLERS = {
  /**
   * Capture a review: screenshot + MHTML of the sender's tab, then POST a `Capture`.
   * Replies with the CaptureResult, or `{ok:false, error, queued:true, queue_length, capture_id}`
   * when the companion is unreachable (or not paired) and the capture waits in the queue.
   * @param {SubmitPayload} payload
   * @param {chrome.runtime.MessageSender} sender
   */
  async "capture.submit"(payload, sender) {
    if (!sender.tab) throw new RcError("bad_sender", "capture.submit must come from a tab");
    if (!PLATFORMS.includes(payload.platform)) throw new RcError("bad_platform", `unknown platform ${payload.platform}`);
    const pageKind = payload.page_kind || "review";
    if (!PAGE_KINDS.includes(pageKind)) throw new RcError("bad_page_kind", `unknown page kind ${pageKind}`);
    if (pageKind === "review" && !payload.review) throw new RcError("bad_payload", "a review capture needs the review");
    if (pageKind !== "review" && !(payload.order && payload.order.order_id)) throw new RcError("bad_payload", "a context capture needs order.order_id");
    const captureId = crypto.randomUUID();
    const capturedAt = new Date().toISOString();
    const pageUrl = sender.tab.url || payload.page_url;
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
    const settings = await getSettings();
    const res = await post(settings, capture);
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
    // Down (no answer), not paired (401), or an error answer (5xx) on this capture: it waits in the queue.
    const n = await enqueue(capture, sender.tab.id, res.error, res.status);
    if (!res.unreachable && res.status !== 401) await failedAttempt({ capture_id: captureId, tabId: sender.tab.id, attempts: 0 }, res);
    const code = res.status === 401 ? "unauthorized" : res.unreachable ? "companion_unreachable" : "companion_error";
    throw new RcError(code, res.error.message, { queued: true, queue_length: n, capture_id: captureId, status: res.status || null });
  },

  /**
   * Health and auth check for the options page. Optional `{url, token}` test unsaved values.
   * @returns {{reachable: boolean, version?: string, authorized?: boolean, url: string}}
   */
  async "companion.status"(payload) {
    const saved = await getSettings();
    const settings = { url: (payload && payload.url) || saved.url, token: payload && "token" in payload ? payload.token : saved.token };
    let health;
    try {
      health = await call(settings, "GET", "/api/v1/health");
    } catch {
      return { reachable: false, url: settings.url };
    }
    if (health.status !== 200 || !health.body || health.body.service !== "review-companion") {
      return { reachable: false, url: settings.url, status: health.status };
    }
    const auth = await call(settings, "GET", "/api/v1/auth");
    const authorized = auth.status === 200;
    if (authorized) contacted();
    return { reachable: true, url: settings.url, version: health.body.version, authorized, status: auth.status };
  },

  /**
   * The seller corrects a case's complaint type: `{case_id, primary}` → POST /cases/<id>/corrections.
   * @returns the updated case (CaptureResult shape, with `checklist`/`advice`)
   */
  async "case.correct"(payload) {
    const caseId = Number(payload.case_id);
    if (!Number.isInteger(caseId) || caseId <= 0) throw new RcError("bad_payload", "case_id must be a case number");
    if (!COMPLAINT_TYPES.includes(payload.primary)) throw new RcError("bad_payload", `unknown complaint type ${payload.primary}`);
    const r = await call(await getSettings(), "POST", `/api/v1/cases/${caseId}/corrections`, { primary: payload.primary });
    if (r.status < 200 || r.status >= 300) {
      const e = apiError(r.status, r.body);
      throw new RcError(r.status === 401 ? "unauthorized" : e.code, e.message);
    }
    broadcastCase(r.body);
    return r.body;
  },

  /** The current state of a case (GET /cases/<id>). */
  async "case.get"(payload) {
    const caseId = Number(payload.case_id);
    if (!Number.isInteger(caseId) || caseId <= 0) throw new RcError("bad_payload", "case_id must be a case number");
    const r = await call(await getSettings(), "GET", `/api/v1/cases/${caseId}`);
    if (r.status !== 200) {
      const e = apiError(r.status, r.body);
      throw new RcError(r.status === 401 ? "unauthorized" : e.code, e.message);
    }
    return r.body;
  },

  /**
   * The upload-ready appeal package of a case: `{case_id, lang}` → GET /cases/<id>/appeal-package.zip
   * (screenshots in the platform's format and limits + PDF report). Replies `{filename, media_type, size,
   * data_base64}`; the panel saves it (blob URL). The file name is the companion's (RFC 6266 filename*).
   * @param {{case_id: number, lang?: ("zh"|"en")}} payload
   */
  async "case.package"(payload) {
    const caseId = positiveId(payload.case_id, "case_id");
    const lang = payload.lang === "en" ? "en" : "zh";
    const settings = await getSettings();
    let resp;
    try {
      resp = await fetch(apiUrl(settings.url, `/api/v1/cases/${caseId}/appeal-package.zip?lang=${lang}`), {
        headers: settings.token ? { Authorization: `Bearer ${settings.token}` } : {},
        signal: AbortSignal.timeout(PACKAGE_TIMEOUT_MS),
        cache: "no-store",
      });
    } catch (err) {
      throw new RcError("companion_unreachable", `Companion not reachable at ${settings.url} (${err.message})`);
    }
    if (!resp.ok) {
      let body = null;
      try {
        body = await resp.json();
      } catch {
        body = null;
      }
      okBody({ status: resp.status, body });
    }
    const bytes = new Uint8Array(await resp.arrayBuffer());
    const cd = resp.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    let filename = `appeal-package-${caseId}.zip`;
    try {
      if (star) filename = decodeURIComponent(star[1]);
      else if (plain) filename = plain[1];
    } catch {
      // a malformed name: keep ours
    }
    // Never a path: the name is the companion's, but a download name must not climb directories.
    filename = filename.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 180);
    return { filename, media_type: "application/zip", size: bytes.length, data_base64: base64(bytes) };
  },

  /**
   * Which of these reviews / orders already have a case (a panel after a page reload shows it again):
   * `{platform, review_ids, order_ids}` → POST /api/v1/lookup, in chunks of 500 ids per list, merged.
   * Unpaired (no token) replies `{ok:false, error:{code:"unauthorized"}}` without calling; the companion
   * down replies `companion_unreachable`. Callers treat every failure as "nothing known" and stay quiet.
   * @param {{platform: string, review_ids?: string[], order_ids?: string[]}} payload
   * @returns {{reviews: Object<string, Object>, orders: Object<string, Object>}} case summaries by id
   *   (`{id, status, primary, escalation_risk, reply_due_at, capture_count?, last_captured_at?, …}`)
   */
  async "cases.lookup"(payload) {
    if (!PLATFORMS.includes(payload.platform)) throw new RcError("bad_platform", `unknown platform ${payload.platform}`, {}, "platform");
    const ids = (list) => [...new Set((Array.isArray(list) ? list : [])
      .map((x) => (x == null ? "" : String(x).trim())).filter((x) => x && x.length <= 128))];
    const reviewIds = ids(payload.review_ids);
    const orderIds = ids(payload.order_ids);
    const out = { reviews: {}, orders: {} };
    if (!reviewIds.length && !orderIds.length) return out;
    const settings = await getSettings();
    if (!settings.token) throw new RcError("unauthorized", "not paired with the companion yet");
    for (let i = 0; i < Math.max(reviewIds.length, orderIds.length); i += LOOKUP_MAX_IDS) {
      const body = await okBody(await call(settings, "POST", "/api/v1/lookup", {
        platform: payload.platform,
        review_ids: reviewIds.slice(i, i + LOOKUP_MAX_IDS),
        order_ids: orderIds.slice(i, i + LOOKUP_MAX_IDS),
      }, LOOKUP_TIMEOUT_MS));
      Object.assign(out.reviews, (body && body.reviews) || {});
      Object.assign(out.orders, (body && body.orders) || {});
    }
    return out;
  },

  /**
   * The companion's own settings (the optional local model): GET /api/v1/settings.
   * The API key comes back masked ("********"); the options page sends it back unchanged to keep it.
   * @returns {{llm: {enabled: boolean, base_url: string, model: string, api_key: (string|null), timeout_s: number, kinds: string[]}}}
   */
  async "companion.settings.get"() {
    return okBody(await call(await getSettings(), "GET", "/api/v1/settings"));
  },

  /**
   * Replace the companion's settings: `{llm: {...}}` → PUT /api/v1/settings.
   * A 422 replies `{ok:false, error:{code:"validation_error", message, field:"llm.base_url"}}`.
   * @param {{llm: Object}} payload
   * @returns the saved settings (key masked)
   */
  async "companion.settings.put"(payload) {
    if (!payload.llm || typeof payload.llm !== "object") throw new RcError("bad_payload", "settings need an llm object", {}, "llm");
    return okBody(await call(await getSettings(), "PUT", "/api/v1/settings", { llm: payload.llm }));
  },

  /**
   * Have the local model rewrite a case's latest drafts: `{case_id}` → POST /cases/<id>/drafts/rewrite.
   * Each returned draft has `source` "template"|"model" and its `lint`; a model that is off replies
   * `{ok:false, error:{code:"model_disabled"}}`. The companion stores accepted rewrites, so later
   * reads of the case show them too.
   * @param {{case_id: number}} payload
   * @returns {{drafts: Object[]}}
   */
  async "drafts.rewrite"(payload) {
    const caseId = positiveId(payload.case_id, "case_id");
    return okBody(await call(await getSettings(), "POST", `/api/v1/cases/${caseId}/drafts/rewrite`, {}, REWRITE_TIMEOUT_MS));
  },

  /**
   * The seller submitted an appeal on the platform: `{case_id, reason_code, statement}` →
   * POST /cases/<id>/appeals (the case becomes "appealed").
   * @param {{case_id: number, reason_code: string, statement: string}} payload
   * @returns the appeal row `{id, case_id, reason_code, statement, submitted_at, outcome: "pending", …}`
   */
  async "appeal.record"(payload) {
    const caseId = positiveId(payload.case_id, "case_id");
    const reason = String(payload.reason_code || "other").slice(0, 200);
    const statement = String(payload.statement || "").trim();
    if (!statement) throw new RcError("bad_payload", "an appeal needs its statement", {}, "statement");
    return okBody(await call(await getSettings(), "POST", `/api/v1/cases/${caseId}/appeals`, { reason_code: reason, statement }));
  },

  /**
   * The platform decided an appeal: `{appeal_id, outcome}` → PATCH /appeals/<id>
   * ("accepted" resolves the case, "rejected" reopens it).
   * @param {{appeal_id: number, outcome: ("accepted"|"rejected"|"pending")}} payload
   * @returns the updated appeal row
   */
  async "appeal.decide"(payload) {
    const appealId = positiveId(payload.appeal_id, "appeal_id");
    if (!APPEAL_OUTCOMES.includes(payload.outcome)) throw new RcError("bad_payload", `unknown outcome ${payload.outcome}`, {}, "outcome");
    return okBody(await call(await getSettings(), "PATCH", `/api/v1/appeals/${appealId}`, { outcome: payload.outcome }));
  },

  /**
   * Lint a text the seller edited: `{text, kind, platform, region?, lang?, case_id?}` → POST /api/v1/lint.
   * With case_id the companion checks numbers against the case's captured facts.
   * @returns {{findings: {code: string, severity: string, message: string}[], errors: number, ok: boolean}}
   */
  async "draft.lint"(payload) {
    if (!DRAFT_KINDS.includes(payload.kind)) throw new RcError("bad_payload", `unknown draft kind ${payload.kind}`, {}, "kind");
    if (!PLATFORMS.includes(payload.platform)) throw new RcError("bad_platform", `unknown platform ${payload.platform}`, {}, "platform");
    const body = { text: String(payload.text == null ? "" : payload.text), kind: payload.kind, platform: payload.platform };
    if (payload.region) body.region = String(payload.region).slice(0, 8);
    if (payload.lang === "zh" || payload.lang === "en") body.lang = payload.lang;
    if (payload.case_id != null) body.case_id = positiveId(payload.case_id, "case_id");
    return okBody(await call(await getSettings(), "POST", "/api/v1/lint", body, LINT_TIMEOUT_MS));
  },

  /**
   * The seller copied a draft (as edited): record it on the case timeline →
   * POST /api/v1/cases/<id>/events `{kind: "draft_copied", draft_kind, text_sha256, text, edited}`.
   * @param {{case_id: number, draft_kind: string, text: string, edited?: boolean}} payload
   * @returns the event `{id, kind, draft_kind, text_sha256, text, edited, created_at}`
   */
  async "case.event"(payload) {
    const caseId = positiveId(payload.case_id, "case_id");
    if (!DRAFT_KINDS.includes(payload.draft_kind)) throw new RcError("bad_payload", `unknown draft kind ${payload.draft_kind}`, {}, "draft_kind");
    const text = String(payload.text == null ? "" : payload.text);
    const body = { kind: "draft_copied", draft_kind: payload.draft_kind, text_sha256: await sha256Hex(new TextEncoder().encode(text)), text,
      edited: !!payload.edited };
    return okBody(await call(await getSettings(), "POST", `/api/v1/cases/${caseId}/events`, body));
  },

  /**
   * One-click status from the panel: `{case_id, status}` → PATCH /api/v1/cases/<id> (recorded on the case
   * timeline by the companion). Every tab showing the case refreshes (`case.updated`).
   * @returns the case (CaptureResult shape)
   */
  async "case.status"(payload) {
    const caseId = positiveId(payload.case_id, "case_id");
    if (!CASE_STATUSES.includes(payload.status)) throw new RcError("bad_payload", `unknown status ${payload.status}`, {}, "status");
    const result = okBody(await call(await getSettings(), "PATCH", `/api/v1/cases/${caseId}`, { status: payload.status }));
    broadcastCase(result);
    refreshBadge();
    return result;
  },

  /**
   * Open the dashboard signed in: `{path}` (e.g. "/cases/5") → a one-time sign-in link from the companion
   * (`POST /api/v1/dashboard/links`; the token stays here) opened in a new tab, which sets the session cookie.
   */
  async "dashboard.open"(payload) {
    const path = String((payload && payload.path) || "/");
    if (!path.startsWith("/") || path.startsWith("//")) throw new RcError("bad_payload", "path must be a local path", {}, "path");
    const link = okBody(await call(await getSettings(), "POST", "/api/v1/dashboard/links", { next: path }, SUMMARY_TIMEOUT_MS));
    const tab = await chrome.tabs.create({ url: link.url });
    return { tab_id: tab.id };
  },

  /**
   * The toolbar popup's one question (the popup never calls the companion itself): pairing, the offline
   * queue, replies overdue / due today with the most urgent cases, and the dashboard URL. Also sets the badge.
   * @returns {{url: string, paired: boolean, reachable: boolean, authorized: boolean, queue: {length: number, failed: number},
   *   summary: (Object|null), error: (Object|null)}}
   */
  async "popup.state"(payload) {
    const settings = await getSettings();
    const limit = Math.min(Math.max(Number(payload && payload.limit) || 10, 1), 50);
    const q = await queueStatus();
    const out = { url: settings.url, paired: !!settings.token, reachable: false, authorized: false,
      queue: { length: q.length, failed: q.failed }, summary: null, error: null };
    try {
      out.summary = await fetchSummary(settings, limit);
      out.reachable = out.authorized = true;
      flushQueue().catch(() => undefined);
    } catch (err) {
      out.reachable = err.code !== "companion_unreachable" && !!settings.token;
      out.error = { code: err.code || "internal_error", message: String(err.message || err) };
    }
    await showBadge(out.summary);
    return out;
  },

  /**
   * The offline queue: waiting and parked captures (index entries, never the bodies) and bytes used.
   * @returns {{length: number, failed: number, bytes: number, max_bytes: number, waiting: Object[], parked: Object[]}}
   */
  async "queue.status"() {
    return queueStatus();
  },

  /** Try to deliver every waiting capture now (backoff ignored). @returns {{delivered: string[], failed: string[], remaining: number}} */
  async "queue.flush"() {
    return flushQueue({ force: true });
  },

  /** Put a parked capture back into the queue and flush: `{capture_id}`. */
  async "queue.retry"(payload) {
    return retryParked(String(payload.capture_id || ""));
  },

  /** Delete a parked capture (entry and body): `{capture_id}`. */
  async "queue.discard"(payload) {
    return discardParked(String(payload.capture_id || ""));
  },
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && HANDLERS[msg.type];
  if (!handler) return false;
  // Only our own pages and content scripts can reach this listener (no externally_connectable).
  Promise.resolve()
    .then(() => handler(msg.payload || {}, sender))
    .then(
      (result) => sendResponse({ ok: true, result }),
      (err) => sendResponse({
        ok: false,
        error: { code: err.code || "internal_error", message: String(err.message || err), ...(err.field ? { field: err.field } : {}) },
        ...(err.extra || {}),
      }),
    );
  return true; // async reply
});

// Retry: on an alarm (30 s is Chrome's minimum period since Chrome 120), on start-up, and when
// the seller saves new settings (e.g. after pairing).
chrome.alarms.create(ALARM, { periodInMinutes: 0.5 });
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) contacted();
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes[SETTINGS_KEY]) contacted();
});
contacted();

// For e2e tests and debugging from the worker console.
globalThis.rcFlushQueue = flushQueue;
globalThis.rcQueueStatus = queueStatus;
globalThis.rcQueueLimits = QUEUE_LIMITS;
