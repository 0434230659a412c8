/* Calls to the companion: the URL and token come from the worker's own settings only (never from a message). */
import { RcError } from "./errors.js";
import { getSettings, saveSettings } from "./settings.js";

export const FETCH_TIMEOUT_MS = 15000;

export function apiUrl(base, path) {
  return base.replace(/\/+$/, "") + path;
}

/**
 * fetch() with a timeout. Network failures become RcError("companion_unreachable"). A 403 `bad_origin` while
 * paired means the seller unpaired this browser on the dashboard: the pairing state becomes "unpaired".
 * @returns {Promise<{status: number, body: any, headers: Headers, response: Response}>}
 */
export async function call(settings, method, path, body, timeoutMs, raw) {
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
  if (raw && resp.ok) return { status: resp.status, body: null, headers: resp.headers, response: resp };
  let parsed = null;
  try {
    parsed = await resp.json();
  } catch {
    parsed = null;
  }
  const refusedOrigin = resp.status === 403 && parsed && parsed.error && parsed.error.code === "bad_origin";
  // This browser's own credential refused: it was unpaired on the companion (or the companion's token changed).
  const refusedCredential = resp.status === 401 && isCredential(settings.token);
  if (refusedOrigin || refusedCredential) {
    await lostPairing(settings);
    // One answer for both, whatever the request (browsers send no Origin on some GETs): not paired.
    return { status: 403, body: { error: { code: "bad_origin", field: "Origin",
      message: "This browser is not paired with the companion (any more): paste the token in Options and save." } },
    headers: resp.headers, response: resp };
  }
  return { status: resp.status, body: parsed, headers: resp.headers, response: resp };
}

/** A paired browser's own credential (`rgp_…`, from POST /api/v1/pairing), as opposed to the companion's token. */
export function isCredential(token) {
  return typeof token === "string" && token.startsWith("rgp_");
}

async function lostPairing(settings) {
  const now = await getSettings();
  if (now.url === settings.url && now.token === settings.token && now.pairing === "paired") await saveSettings({ pairing: "unpaired" });
}

export function apiError(status, body) {
  const e = (body && body.error) || {};
  let code = e.code || `http_${status}`;
  if (status === 401) code = "unauthorized";
  // Not paired (any more): for the seller the same as a wrong token — pair in Options.
  if (status === 403 && code === "bad_origin") code = "unauthorized";
  return { code, message: e.message || `HTTP ${status}`, field: e.field || null };
}

/** The body of a 2xx answer; any other status becomes an RcError with the companion's code and field. */
export function okBody(r) {
  if (r.status >= 200 && r.status < 300) return r.body;
  const e = apiError(r.status, r.body);
  throw new RcError(e.code, e.message, { status: r.status }, e.field);
}

/** What the companion shows for this browser on its "Paired browsers" page. */
function pairingLabel() {
  const ua = navigator.userAgentData;
  const brand = ua && (ua.brands || []).map((b) => b.brand).find((b) => !/not.a.brand|chromium/i.test(b));
  const name = brand || (ua && ua.brands && ua.brands.length ? "Chromium" : "");
  const os = ua && ua.platform;
  return [name, os && `on ${os}`].filter(Boolean).join(" ").slice(0, 100) || null;
}

/**
 * Pair this browser: `POST /api/v1/pairing` with the companion's token; the browser adds this extension's Origin,
 * which the companion records and allows from then on, and answers with this browser's own credential — the one
 * the extension keeps from then on (the token itself is forgotten), so unpairing on the companion locks it out.
 * @returns {Promise<{state: "paired"|"unreachable"|"refused", status?: number, error?: Object, pairing?: Object}>}
 */
export async function pairWith(url, token) {
  let r;
  try {
    r = await call({ url, token }, "POST", "/api/v1/pairing", { label: pairingLabel() });
  } catch (err) {
    return { state: "unreachable", error: { code: err.code, message: err.message } };
  }
  if ((r.status === 200 || r.status === 201) && r.body && r.body.token) {
    return { state: "paired", status: r.status, pairing: r.body.pairing, credential: r.body.token };
  }
  return { state: "refused", status: r.status, error: apiError(r.status, r.body) };
}

/** The settings to call the companion with; a pairing left pending (companion was down at Save) is done first. */
export async function ready() {
  const settings = await getSettings();
  if (!settings.token || settings.pairing !== "pending") return settings;
  const res = await pairWith(settings.url, settings.token);
  if (res.state === "paired") return saveSettings({ token: res.credential, pairing: "paired" });
  return settings;
}
