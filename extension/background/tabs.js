/* Messages to our content scripts in tabs, and what each tab has been shown.
 *
 * A content script may act only on cases and appeals its own tab has been shown — by a capture it made, a
 * queued capture delivered for it, a lookup it ran, a `case.updated` broadcast it received — never on an
 * arbitrary id (issue 12 item 5: a compromised page could otherwise read every case). The ids shown to each
 * tab are kept in chrome.storage.session (trusted contexts only; it outlives this worker's restarts, not the
 * browser's) and forgotten when the tab closes.
 */

const KNOWN_KEY = "rc-known";
const MAX_IDS_PER_TAB = 5000;
let known = null; // Map tabId → {cases: Set<number>, appeals: Set<number>}
let saving = Promise.resolve();

async function table() {
  if (known) return known;
  const store = chrome.storage.session;
  const { [KNOWN_KEY]: saved = {} } = store ? await store.get(KNOWN_KEY) : {};
  if (!known) {
    known = new Map();
    for (const [tabId, v] of Object.entries(saved)) {
      known.set(Number(tabId), { cases: new Set(v.c || []), appeals: new Set(v.a || []) });
    }
  }
  return known;
}

function persist() {
  const store = chrome.storage.session;
  if (!store) return;
  const out = {};
  for (const [tabId, v] of known) out[tabId] = { c: [...v.cases], a: [...v.appeals] };
  saving = saving.then(() => store.set({ [KNOWN_KEY]: out })).catch(() => undefined);
}

function ids(list) {
  return (list || []).map((x) => Number(x)).filter((x) => Number.isInteger(x) && x > 0);
}

/** The case and appeal ids a reply or broadcast shows: a CaptureResult, a lookup, an appeal row. */
export function shownIds(result) {
  const cases = [];
  const appeals = [];
  if (!result || typeof result !== "object") return { cases, appeals };
  if (result.case && result.case.id != null) cases.push(result.case.id);
  for (const a of Array.isArray(result.appeals) ? result.appeals : []) if (a) appeals.push(a.id);
  for (const list of [result.reviews, result.orders]) {
    if (list && typeof list === "object") for (const s of Object.values(list)) if (s) cases.push(s.id);
  }
  if (result.case_id != null && result.id != null && "outcome" in result) {
    cases.push(result.case_id);
    appeals.push(result.id);
  }
  return { cases: ids(cases), appeals: ids(appeals) };
}

/** Remember what `result` shows to tab `tabId`. */
export async function remember(tabId, result) {
  if (tabId == null) return;
  const { cases, appeals } = shownIds(result);
  if (!cases.length && !appeals.length) return;
  const t = await table();
  const entry = t.get(tabId) || { cases: new Set(), appeals: new Set() };
  for (const id of cases) entry.cases.add(id);
  for (const id of appeals) entry.appeals.add(id);
  for (const set of [entry.cases, entry.appeals]) {
    while (set.size > MAX_IDS_PER_TAB) set.delete(set.values().next().value);
  }
  t.set(tabId, entry);
  persist();
}

export async function tabKnows(tabId, kind, id) {
  const entry = (await table()).get(tabId);
  return !!entry && entry[kind].has(Number(id));
}

export async function forgetTab(tabId) {
  const t = await table();
  if (t.delete(tabId)) persist();
}

/**
 * Tell every tab that a case changed, so an open review panel shows the checklist ticked by a
 * capture made in another tab (order detail, chat …). Tabs without our content script ignore it.
 */
export async function broadcastCase(result) {
  if (!result || !result.case) return;
  let tabs = [];
  try {
    tabs = await chrome.tabs.query({});
  } catch {
    return;
  }
  for (const tab of tabs) notifyTab(tab.id, { type: "case.updated", payload: { result } }, result);
}

/** Send `message` to our content script in `tabId` (if any), remembering what `shows` shows that tab. */
export function notifyTab(tabId, message, shows) {
  if (tabId == null) return;
  if (shows) remember(tabId, shows);
  // The tab may be gone or navigated away: that is fine, the capture is stored either way.
  chrome.tabs.sendMessage(tabId, message).catch(() => undefined);
}
