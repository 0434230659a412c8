/* The toolbar: badge (replies overdue + due today), the popup's one question, the signed-in dashboard link. */
import { RcError } from "./errors.js";
import { call, okBody, ready } from "./companion.js";
import { flushQueue, queueStatus } from "./queue.js";

/** After any successful contact with the companion, drain the queue in the background (and refresh the badge). */
export function contacted() {
  flushQueue().catch((err) => console.warn("Review Guard: queue flush failed", err));
  refreshBadge();
}

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
export async function fetchSummary(settings, limit) {
  if (!settings.token) throw new RcError("unauthorized", "Not paired yet: paste the companion's token in Options.");
  if (settings.pairing === "unpaired") throw new RcError("unauthorized", "This browser was unpaired on the companion's dashboard: pair again in Options.");
  const q = new URLSearchParams({ limit: String(limit) });
  const tz = sellerTimeZone();
  if (tz) q.set("tz", tz);
  return okBody(await call(settings, "GET", `/api/v1/summary?${q}`, undefined, SUMMARY_TIMEOUT_MS));
}

/** Badge = replies overdue + due today (red when any is overdue); empty when none or when unknown. */
export async function showBadge(summary) {
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
export function refreshBadge() {
  if (badgeRun) return badgeRun;
  badgeRun = (async () => {
    try {
      await showBadge(await fetchSummary(await ready(), 0));
    } catch {
      await showBadge(null);
    } finally {
      badgeRun = null;
    }
  })();
  return badgeRun;
}

export const HANDLERS = {
  /**
   * The popup's search box: `{q}` → `GET /api/v1/cases?q=…&limit=10` (order id, buyer, product, words of the
   * review; substring). Extension pages only: a content script never searches across cases.
   */
  "cases.search": { from: "page", async run(payload) {
    const q = String((payload && payload.q) || "").trim().slice(0, 200);
    if (!q) throw new RcError("bad_payload", "q must not be empty", {}, "q");
    const query = new URLSearchParams({ q, limit: "10" });
    return okBody(await call(await ready(), "GET", `/api/v1/cases?${query}`, undefined, SUMMARY_TIMEOUT_MS));
  } },

  /**
   * Open the dashboard signed in: `{path}` (e.g. "/cases/5") → a one-time sign-in link from the companion
   * (`POST /api/v1/dashboard/links`; the token stays here) opened in a new tab, which sets the session cookie.
   */
  "dashboard.open": { from: "page", async run(payload) {
    const path = String((payload && payload.path) || "/");
    if (!path.startsWith("/") || path.startsWith("//")) throw new RcError("bad_payload", "path must be a local path", {}, "path");
    const link = okBody(await call(await ready(), "POST", "/api/v1/dashboard/links", { next: path }, SUMMARY_TIMEOUT_MS));
    const tab = await chrome.tabs.create({ url: link.url });
    return { tab_id: tab.id };
  } },

  /**
   * The toolbar popup's one question (the popup never calls the companion itself): pairing, the offline
   * queue, replies overdue / due today with the most urgent cases, and the dashboard URL. Also sets the badge.
   * @returns {{url: string, paired: boolean, reachable: boolean, authorized: boolean, queue: {length: number, failed: number},
   *   summary: (Object|null), error: (Object|null)}}
   */
  "popup.state": { from: "page", async run(payload) {
    const settings = await ready();
    const limit = Math.min(Math.max(Number(payload && payload.limit) || 10, 1), 50);
    const q = await queueStatus();
    const out = { url: settings.url, paired: !!settings.token && settings.pairing !== "unpaired", pairing: settings.pairing,
      reachable: false, authorized: false,
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
  } },
};
