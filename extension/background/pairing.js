/* Settings and pairing — extension pages only (options): the companion URL and token (kept in the worker's own
 * IndexedDB, secrets.js), pairing this browser with the companion, the connection test, and the companion's own
 * settings (the optional local model). */
import { RcError } from "./errors.js";
import { call, okBody, pairWith, ready } from "./companion.js";
import { getSettings, normalUrl, saveSettings, validUrl } from "./settings.js";
import { contacted } from "./summary.js";

const PAIR_STATE = { paired: "paired", unreachable: "pending", refused: "refused" };

function publicSettings(s) {
  return { url: s.url, has_token: !!s.token, pairing: s.pairing };
}

function loopbackUrl(value) {
  const url = normalUrl(value);
  if (!validUrl(url)) throw new RcError("bad_url", "The companion URL must be http://127.0.0.1:<port> (or localhost)", null, "url");
  return url;
}

export const HANDLERS = {
  /** What Options shows: `{url, has_token, pairing}` (the token itself never leaves this worker). */
  "settings.get": { from: "page", async run() {
    return publicSettings(await getSettings());
  } },

  /**
   * Save URL and token (Options' Save) and pair this browser: `{url, token?}` (an empty or missing token keeps
   * the saved one). Replies `{url, has_token, pairing, pair: {state: "paired"|"unreachable"|"refused"|"none",
   * status?, error?}}`; a companion that is down pairs at the next contact ("pending").
   */
  "settings.put": { from: "page", async run(payload) {
    const url = loopbackUrl(payload.url);
    const typed = typeof payload.token === "string" ? payload.token.trim() : "";
    if (typed.length > 512) throw new RcError("bad_payload", "token is too long", null, "token");
    const before = await getSettings();
    if (!typed) {
      // No token typed: keep the pairing when the companion is the same; another companion needs its token.
      if (url === before.url && before.token) return { ...publicSettings(before), pair: { state: "kept" } };
      const s = await saveSettings({ url, token: "", pairing: "" });
      return { ...publicSettings(s), pair: { state: "none" } };
    }
    const res = await pairWith(url, typed);
    const s = await saveSettings(res.state === "paired" ? { url, token: res.credential, pairing: "paired" }
      : { url, token: typed, pairing: PAIR_STATE[res.state] });
    if (res.state === "paired") contacted();
    return { ...publicSettings(s), pair: { state: res.state, status: res.status || null, error: res.error || null } };
  } },

  /**
   * "Test connection" in Options, with the values typed (saved ones where a field is empty): health, then the
   * token — a right token pairs this browser (the token is the proof pairing asks for).
   * @returns {{reachable: boolean, version?: string, authorized?: boolean, url: string, status?: number}}
   */
  "companion.status": { from: "page", async run(payload) {
    const saved = await getSettings();
    const url = payload.url ? loopbackUrl(payload.url) : saved.url;
    const typed = typeof payload.token === "string" ? payload.token.trim() : "";
    let health;
    try {
      health = await call({ url, token: "" }, "GET", "/api/v1/health");
    } catch {
      return { reachable: false, url };
    }
    if (health.status !== 200 || !health.body || health.body.service !== "review-companion") {
      return { reachable: false, url, status: health.status };
    }
    const out = { reachable: true, url, version: health.body.version };
    if (!typed && url === saved.url && saved.pairing !== "pending") {
      // The saved pairing as it is.
      const auth = await call(saved, "GET", "/api/v1/auth");
      return { ...out, authorized: auth.status === 200, status: auth.status };
    }
    const res = await pairWith(url, typed || saved.token);
    if (res.state === "paired" && url === saved.url) {
      await saveSettings({ token: res.credential, pairing: "paired" });
      contacted();
    }
    return { ...out, authorized: res.state === "paired", status: res.status || null };
  } },

  /**
   * The companion's own settings (the optional local model): GET /api/v1/settings.
   * The API key comes back masked ("********"); the options page sends it back unchanged to keep it.
   * @returns {{llm: {enabled: boolean, base_url: string, model: string, api_key: (string|null), timeout_s: number, kinds: string[]}}}
   */
  "companion.settings.get": { from: "page", async run(payload, ctx) {
    return okBody(await call(await ready(), "GET", "/api/v1/settings"));
  } },

  /**
   * Replace the companion's settings: `{llm: {...}}` → PUT /api/v1/settings.
   * A 422 replies `{ok:false, error:{code:"validation_error", message, field:"llm.base_url"}}`.
   * @param {{llm: Object}} payload
   * @returns the saved settings (key masked)
   */
  "companion.settings.put": { from: "page", async run(payload, ctx) {
    if (!payload.llm || typeof payload.llm !== "object") throw new RcError("bad_payload", "settings need an llm object", {}, "llm");
    return okBody(await call(await ready(), "PUT", "/api/v1/settings", { llm: payload.llm }));
  } },
};
