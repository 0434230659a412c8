/* Review Guard options: companion URL + pairing token, a connection test, and the companion's
 * optional local model (endpoint, model, key).
 * Settings live in chrome.storage.local (`rc-settings`); the companion itself is only ever called
 * by the service worker, so "Test connection", "Send queued" and the model settings are messages to it.
 */
const SETTINGS_KEY = "rc-settings";
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
  try {
    return await chrome.runtime.sendMessage({ type, payload: payload || {} });
  } catch (err) {
    return { ok: false, error: { code: "extension_unavailable", message: String(err.message || err) } };
  }
}

async function refreshQueue() {
  const r = await send("queue.status");
  if (r && r.ok) show("queue", t("optionsQueue", [r.result.length, r.result.failed]));
}

async function load() {
  const { [SETTINGS_KEY]: s } = await chrome.storage.local.get(SETTINGS_KEY);
  $("url").value = (s && s.url) || DEFAULT_URL;
  $("token").value = (s && s.token) || "";
  refreshQueue();
}

$("form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const url = $("url").value.trim().replace(/\/+$/, "") || DEFAULT_URL;
  if (!validUrl(url)) return show("saved", t("optionsBadUrl"), "error");
  await chrome.storage.local.set({ [SETTINGS_KEY]: { url, token: $("token").value.trim() } });
  show("saved", t("optionsSaved"), "ok");
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
  const { [SETTINGS_KEY]: s } = await chrome.storage.local.get(SETTINGS_KEY);
  if (!(s && s.token)) return show("llm-status", t("optionsLlmNeedsPairing"));
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
