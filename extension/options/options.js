/* Review Guard options: companion URL + pairing token, a connection test, and the companion's
 * optional local model (endpoint, model, key).
 * URL and token are kept by the service worker alone (in the extension's own IndexedDB, out of content scripts'
 * reach): this page sends them with `settings.put` — which also pairs this browser with the companion — and
 * reads back only `{url, has_token, pairing}`. The companion itself is only ever called by the service worker,
 * so "Test connection", "Send queued" and the model settings are messages to it.
 */
const DEFAULT_URL = "http://127.0.0.1:8765";
const $ = (id) => document.getElementById(id);
const t = (key, subs) => chrome.i18n.getMessage(key, subs === undefined ? undefined : [].concat(subs).map(String)) || key;

for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
document.title = t("optionsTitle");

function show(id, text, kind) {
  $(id).textContent = text;
  $(id).className = kind || "";
}

/** Only loopback http URLs: the token must never be sent to another machine. */
function validUrl(value) {
  try {
    const u = new URL(value);
    return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
  } catch {
    return false;
  }
}

async function send(type, payload) {
  // A worker that is (re)starting — right after install or an update — can miss the first message
  // ("Receiving end does not exist"): ask once more before telling the seller.
  for (let attempt = 0; ; attempt++) {
    try {
      return await chrome.runtime.sendMessage({ type, payload: payload || {} });
    } catch (err) {
      if (attempt < 2 && /Receiving end does not exist|message port closed/i.test(String(err && err.message))) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      return { ok: false, error: { code: "extension_unavailable", message: String(err.message || err) } };
    }
  }
}

const MB = (bytes) => (bytes / 1048576).toFixed(1);

function errorText(error, status) {
  if (!error) return "";
  return `${status ? `HTTP ${status}: ` : ""}${error.message || error.code || "?"}`;
}

/** A list item: text (always textContent: labels hold review text written by strangers) and buttons. */
function item(text, testid, captureId, buttons) {
  const li = document.createElement("li");
  li.dataset.testid = testid;
  li.dataset.captureId = captureId;
  li.append(document.createTextNode(text));
  for (const b of buttons || []) li.append(b);
  return li;
}

function button(label, testid, onclick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.dataset.testid = testid;
  b.addEventListener("click", onclick);
  return b;
}

/**
 * The offline queue: how many captures wait and how much room they take, each waiting capture with its
 * attempts and last error, and the parked ones (refused, or failed on too often) with Retry / Discard.
 */
async function refreshQueue() {
  const r = await send("queue.status");
  if (!(r && r.ok)) return;
  const q = r.result;
  show("queue", t("optionsQueue", [q.length, q.failed, MB(q.bytes || 0), MB(q.max_bytes || 0)]));
  $("waiting").replaceChildren(...(q.waiting || []).map((w) => item(
    t("optionsWaitingItem", [w.label || w.capture_id, w.attempts, w.last_error ? ` — ${errorText(w.last_error, w.last_status)}` : ""]),
    "rc-opt-waiting-item", w.capture_id)));
  const parked = q.parked || [];
  $("parked-box").hidden = parked.length === 0;
  $("parked").replaceChildren(...parked.map((p) => item(
    t("optionsParkedItem", [p.label || p.capture_id, errorText(p.error, p.status)]) + (p.kept ? "" : " " + t("optionsParkedNotKept")),
    "rc-opt-parked-item", p.capture_id, [
      ...(p.kept ? [button(t("optionsRetry"), "rc-opt-parked-retry", async () => {
        await send("queue.retry", { capture_id: p.capture_id });
        refreshQueue();
      })] : []),
      button(t("optionsDiscard"), "rc-opt-parked-discard", async () => {
        await send("queue.discard", { capture_id: p.capture_id });
        refreshQueue();
      }),
    ])));
}

/** The saved settings as the worker tells them: `{url, has_token, pairing}`, or null. */
async function savedSettings() {
  const r = await send("settings.get");
  return r && r.ok ? r.result : null;
}

function showPairing(s) {
  // A stored token is never shown again: the field stays empty ("leave empty to keep it").
  $("token").placeholder = s && s.has_token ? t("optionsTokenKept") : "";
  $("token").dataset.pairing = (s && s.pairing) || "";
}

async function load() {
  const s = await savedSettings();
  // The seller may already be typing (the worker answers asynchronously): never overwrite a field.
  if (!$("url").value) $("url").value = (s && s.url) || DEFAULT_URL;
  showPairing(s);
  refreshQueue();
}

const PAIR_TEXT = { paired: "optionsPaired", unreachable: "optionsPairPending", refused: "optionsPairRefused" };

$("form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const url = $("url").value.trim().replace(/\/+$/, "") || DEFAULT_URL;
  if (!validUrl(url)) return show("saved", t("optionsBadUrl"), "error");
  show("saved", t("optionsPairing"));
  const r = await send("settings.put", { url, token: $("token").value.trim() });
  if (!r || !r.ok) return show("saved", (r && r.error && r.error.message) || "error", "error");
  let state = r.result.pair && r.result.pair.state;
  if (state === "kept") state = r.result.pairing === "paired" ? "paired" : null; // URL unchanged, no new token typed
  const extra = PAIR_TEXT[state] ? ` — ${t(PAIR_TEXT[state])}` : "";
  show("saved", t("optionsSaved") + extra, state === "refused" ? "error" : "ok");
  $("token").value = "";
  showPairing(r.result);
  loadModel();
});

$("test").addEventListener("click", async () => {
  const url = $("url").value.trim().replace(/\/+$/, "") || DEFAULT_URL;
  if (!validUrl(url)) return show("result", t("optionsBadUrl"), "error");
  show("result", t("optionsTesting"));
  const r = await send("companion.status", { url, token: $("token").value.trim() });
  if (!r || !r.ok) return show("result", (r && r.error && r.error.message) || "error", "error");
  const s = r.result;
  if (!s.reachable) return show("result", t("optionsTestDown", [s.url]), "error");
  show("result", s.authorized ? t("optionsTestOk", [s.version]) : t("optionsTestUnauthorized", [s.version]), s.authorized ? "ok" : "error");
  refreshQueue();
});

$("flush").addEventListener("click", async () => {
  await send("queue.flush");
  refreshQueue();
});

// ---------------------------------------------------------------- local model (companion settings)

/** The companion's `llm` settings as last loaded or saved (timeout_s and kinds are kept as they are). */
let llm = null;

function clearFieldErrors() {
  for (const node of document.querySelectorAll(".field-error")) node.textContent = "";
}

/** The companion's message without its "llm.base_url: Value error, " prefix. */
function fieldMessage(error) {
  let msg = String(error.message || error.code || "");
  if (error.field && msg.startsWith(error.field + ": ")) msg = msg.slice(error.field.length + 2);
  return msg.replace(/^Value error, /, "");
}

function fillModel(settings) {
  llm = settings.llm || {};
  $("llm-enabled").checked = !!llm.enabled;
  $("llm-url").value = llm.base_url || "";
  $("llm-model").value = llm.model || "";
  $("llm-key").value = llm.api_key || ""; // "********" when a key is stored: sent back as is, it keeps the key
}

/**
 * Load the model settings from the companion (only once paired: the companion wants the token).
 * The section stays disabled until they are loaded, so a save never overwrites settings unseen.
 */
async function loadModel() {
  $("llm").disabled = true;
  clearFieldErrors();
  const s = await savedSettings();
  if (!(s && s.has_token)) return show("llm-status", t("optionsLlmNeedsPairing"));
  const r = await send("companion.settings.get");
  if (!r || !r.ok) {
    const code = r && r.error && r.error.code;
    return show("llm-status", code === "unauthorized" ? t("optionsLlmNeedsPairing")
      : t("optionsLlmLoadFailed", [(r && r.error && r.error.message) || "?"]), "error");
  }
  fillModel(r.result);
  show("llm-status", "");
  $("llm").disabled = false;
}

$("llm-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!llm) return;
  clearFieldErrors();
  show("llm-status", "");
  const key = $("llm-key").value.trim();
  const payload = {
    ...llm,
    enabled: $("llm-enabled").checked,
    base_url: $("llm-url").value.trim(),
    model: $("llm-model").value.trim(),
    api_key: key || null,
  };
  const r = await send("companion.settings.put", { llm: payload });
  if (r && r.ok) {
    fillModel(r.result);
    return show("llm-status", t("optionsLlmSaved"), "ok");
  }
  const error = (r && r.error) || { message: "?" };
  const slot = error.field && document.querySelector(`.field-error[data-field="${CSS.escape(error.field)}"]`);
  if (slot) slot.textContent = fieldMessage(error);
  show("llm-status", t("optionsLlmSaveFailed", [fieldMessage(error)]), "error");
});

load();
loadModel();
// The queue changes under the page (deliveries, new captures): follow it while Options is open.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (changes["rc-queue"] || changes["rc-failed"])) refreshQueue();
});
