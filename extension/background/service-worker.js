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
const ALARM = "rc-flush";
const DEFAULT_URL = "http://127.0.0.1:8765";
const FETCH_TIMEOUT_MS = 15000;
// A local-model rewrite runs one completion per draft kind (each up to the model's timeout_s).
const REWRITE_TIMEOUT_MS = 180000;
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

/** PNG of the visible tab. Chrome allows ~2 calls per second; one retry covers a double click. */
async function screenshot(windowId) {
  for (let attempt = 0; ; attempt++) {
    try {
      const dataUrl = await chrome.tabs.captureVisibleTab(windowId, { format: "png" });
      const bin = atob(dataUrl.slice(dataUrl.indexOf(",") + 1));
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return bytes;
    } catch (err) {
      if (attempt >= 2 || !/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 600));
    }
  }
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

// All queue mutations run one after another, so concurrent captures never lose an entry.
let storageChain = Promise.resolve();
function mutate(key, fn) {
  const next = storageChain.then(async () => {
    const { [key]: list = [] } = await chrome.storage.local.get(key);
    const { list: updated, value } = fn(list);
    await chrome.storage.local.set({ [key]: updated });
    return value;
  });
  storageChain = next.catch(() => undefined);
  return next;
}

async function readList(key) {
  await storageChain;
  const { [key]: list = [] } = await chrome.storage.local.get(key);
  return list;
}

function enqueue(capture, tabId, error) {
  return mutate(QUEUE_KEY, (list) => {
    if (!list.some((i) => i.capture.capture_id === capture.capture_id)) {
      list.push({ capture, tabId, queued_at: new Date().toISOString(), attempts: 1, last_error: error });
    }
    return { list, value: list.length };
  });
}

function dequeue(captureId) {
  return mutate(QUEUE_KEY, (list) => {
    const kept = list.filter((i) => i.capture.capture_id !== captureId);
    return { list: kept, value: kept.length };
  });
}

function recordFailure(capture, status, error) {
  // A 4xx other than 401 will fail the same way on every retry: park it where the seller (and a
  // future "export failed captures" feature) can see it, instead of dropping it silently.
  return mutate(FAILED_KEY, (list) => {
    list.push({ capture, status, error, failed_at: new Date().toISOString() });
    return { list, value: list.length };
  });
}

/**
 * POST one capture. Classifies the outcome for the caller.
 * @returns {Promise<{outcome: "delivered"|"retry"|"failed", result?: Object, error?: Object, status?: number}>}
 */
async function post(settings, capture) {
  let r;
  try {
    r = await call(settings, "POST", "/api/v1/captures", capture);
  } catch (err) {
    return { outcome: "retry", error: { code: err.code, message: err.message } };
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
 * Deliver queued captures in order; stop at the first one the companion cannot take now.
 * Concurrent calls share one run.
 * @returns {Promise<{delivered: string[], failed: string[], remaining: number}>}
 */
function flushQueue() {
  if (!flushing) {
    flushing = (async () => {
      const delivered = [];
      const failed = [];
      const settings = await getSettings();
      for (const item of await readList(QUEUE_KEY)) {
        const res = await post(settings, item.capture);
        if (res.outcome === "retry") {
          await mutate(QUEUE_KEY, (list) => {
            const it = list.find((i) => i.capture.capture_id === item.capture.capture_id);
            if (it) {
              it.attempts += 1;
              it.last_error = res.error;
            }
            return { list, value: null };
          });
          break;
        }
        if (res.outcome === "failed") {
          await recordFailure(item.capture, res.status, res.error);
          failed.push(item.capture.capture_id);
        } else {
          delivered.push(item.capture.capture_id);
        }
        await dequeue(item.capture.capture_id);
        notifyTab(item.tabId, res.outcome === "delivered"
          ? { type: "capture.delivered", payload: { capture_id: item.capture.capture_id, result: res.result } }
          : { type: "capture.failed", payload: { capture_id: item.capture.capture_id, error: res.error } });
        if (res.outcome === "delivered") broadcastCase(res.result);
      }
      return { delivered, failed, remaining: (await readList(QUEUE_KEY)).length };
    })().finally(() => {
      flushing = null;
    });
  }
  return flushing;
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

/** After any successful contact with the companion, drain the queue in the background. */
function contacted() {
  flushQueue().catch((err) => console.warn("Review Guard: queue flush failed", err));
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
    const evidence = [await evidenceItem("screenshot", "image/png", await screenshot(sender.tab.windowId), pageUrl)];
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
      await recordFailure(capture, res.status, res.error);
      throw new RcError(res.error.code, res.error.message, { failed: true, capture_id: captureId, status: res.status });
    }
    const n = await enqueue(capture, sender.tab.id, res.error);
    const code = res.status === 401 ? "unauthorized" : "companion_unreachable";
    throw new RcError(code, res.error.message, { queued: true, queue_length: n, capture_id: captureId });
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
    return result;
  },

  /** @returns {{length: number, failed: number}} */
  async "queue.status"() {
    return { length: (await readList(QUEUE_KEY)).length, failed: (await readList(FAILED_KEY)).length };
  },

  /** Try to deliver the queue now. @returns {{delivered: string[], failed: string[], remaining: number}} */
  async "queue.flush"() {
    return flushQueue();
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
