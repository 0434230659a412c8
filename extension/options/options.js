/* Review Guard options: companion URL + pairing token, and a connection test.
 * Settings live in chrome.storage.local (`rc-settings`); the companion itself is only ever called
 * by the service worker, so "Test connection" and "Send queued" are messages to it.
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

load();
