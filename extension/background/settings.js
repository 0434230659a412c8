/* The extension's own settings: the companion URL (loopback only), the token, and the pairing state.
 *
 * token:   while "paired", this browser's own credential from the companion (never the companion's token,
 *          which is kept only until pairing succeeds)
 * pairing: "paired"   the companion recorded this browser's origin (POST /api/v1/pairing)
 *          "pending"  saved while the companion was down (or upgraded from a version that did not pair):
 *                     the next contact pairs first
 *          "refused"  the companion refused the token at pairing
 *          "unpaired" the companion refused this origin (unpaired from its dashboard): only the seller pairs
 *                     again (Save or Test connection in Options), never this worker on its own
 *          ""         no token
 */
import { secretGet, secretSet } from "./secrets.js";

export const DEFAULT_URL = "http://127.0.0.1:8765";
const KEY = "settings";
// Where versions before 0.1.0's pairing kept URL and token (readable by content scripts): moved once, then ignored.
const LEGACY_KEY = "rc-settings";

/** Only loopback http URLs: the token must never be sent to another machine. */
export function validUrl(value) {
  try {
    const u = new URL(value);
    return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname) && !u.username && !u.password
      && (u.pathname === "/" || u.pathname === "") && !u.search && !u.hash;
  } catch {
    return false;
  }
}

export function normalUrl(value) {
  return String(value || "").trim().replace(/\/+$/, "") || DEFAULT_URL;
}

let cache = null;

async function load() {
  let s = await secretGet(KEY);
  const { [LEGACY_KEY]: legacy } = await chrome.storage.local.get(LEGACY_KEY);
  if (!s) {
    // First start with this version: take the old settings over once (they were paired by the old id).
    const url = legacy && validUrl(normalUrl(legacy.url)) ? normalUrl(legacy.url) : DEFAULT_URL;
    const token = (legacy && typeof legacy.token === "string" && legacy.token.trim()) || "";
    s = { url, token, pairing: token ? "pending" : "" };
    await secretSet(KEY, s);
  }
  if (legacy !== undefined) await chrome.storage.local.remove(LEGACY_KEY);
  return { url: s.url || DEFAULT_URL, token: s.token || "", pairing: s.pairing || "" };
}

/** @returns {Promise<{url: string, token: string, pairing: string}>} */
export function getSettings() {
  if (!cache) {
    cache = load();
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

export async function saveSettings(patch) {
  const next = { ...(await getSettings()), ...patch };
  await secretSet(KEY, next);
  cache = Promise.resolve(next);
  return next;
}
