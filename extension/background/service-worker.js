/* Review Guard service worker: the ONLY part of the extension that talks to the companion.
 *
 * An ES module (manifest `"type": "module"`); the handlers live per area:
 *   captures.js  capture.submit, queue.status / flush / retry / discard   (queue.js: the offline queue)
 *   cases.js     case.*, drafts.rewrite, appeal.*, draft.lint, cases.lookup
 *   pairing.js   settings.get / put (pairing), companion.status, companion.settings.get / put
 *   summary.js   popup.state, dashboard.open, cases.search (the popup's search box), the toolbar badge
 * Every message is `{type, payload}`; every reply is `{ok: true, result}` or `{ok: false, error: {code, message,
 * field?, details?}}` (errors.js). Before any handler runs, the sender is checked (senders.js): our own extension
 * pages may send every message; our content scripts, in the top frame of a seller-center page the manifest lists,
 * only those marked `from: "content"|"both"`, with the platform of that site and case ids their tab was shown
 * (tabs.js); anyone else is refused. The companion's URL and token come from the worker's own settings only.
 *
 * Captures that cannot be delivered wait in chrome.storage.local (`rc-queue`) and are retried by an alarm, on
 * worker start-up and after every successful contact; the companion dedups on capture_id, so a capture is stored
 * exactly once even if a retry races a slow first attempt.
 */
import { RcError, errorReply, okReply } from "./errors.js";
import { HANDLERS as CAPTURES } from "./captures.js";
import { HANDLERS as CASES } from "./cases.js";
import { HANDLERS as PAIRING } from "./pairing.js";
import { HANDLERS as SUMMARY, contacted } from "./summary.js";
import { QUEUE_LIMITS, flushQueue, queueStatus } from "./queue.js";
import { classifySender } from "./senders.js";
import { forgetTab, remember } from "./tabs.js";
import { getSettings } from "./settings.js";

const ALARM = "rc-flush";
const HANDLERS = { ...CAPTURES, ...CASES, ...PAIRING, ...SUMMARY };

/** Check sender and shape, run the handler. @returns {Promise<Object>} the reply */
async function dispatch(msg, sender) {
  if (!msg || typeof msg !== "object" || typeof msg.type !== "string") throw new RcError("bad_message", "a message is {type, payload}");
  const handler = Object.hasOwn(HANDLERS, msg.type) ? HANDLERS[msg.type] : null;
  if (!handler) throw new RcError("unknown_message", `unknown message type ${msg.type.slice(0, 60)}`, null, "type");
  const payload = msg.payload === undefined || msg.payload === null ? {} : msg.payload;
  if (typeof payload !== "object" || Array.isArray(payload)) throw new RcError("bad_payload", "payload must be an object", null, "payload");
  const from = classifySender(sender);
  if (!from) throw new RcError("bad_sender", "only Review Guard's own pages and its content scripts on seller-center pages may send this");
  if (from.kind === "content" && handler.from === "page") {
    throw new RcError("forbidden", `${msg.type} is answered for the extension's own pages only`);
  }
  const ctx = { ...from, sender };
  const result = await handler.run(payload, ctx);
  if (from.kind === "content") await remember(ctx.tabId, result);
  return result;
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Messages to tabs (`shot.*`, `case.updated` …) are sent with chrome.tabs.sendMessage and never arrive here.
  dispatch(msg, sender).then(
    (result) => sendResponse(okReply(result)),
    (err) => {
      if (!(err instanceof RcError)) console.warn("Review Guard: message failed", msg && msg.type, err);
      sendResponse(errorReply(err, msg && msg.type === "capture.submit"));
    },
  );
  return true; // async reply
});

chrome.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
});

// Retry: on an alarm (30 s is Chrome's minimum period since Chrome 120), on start-up, and after pairing.
chrome.alarms.create(ALARM, { periodInMinutes: 0.5 });
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) contacted();
});
getSettings().then(() => contacted(), (err) => console.warn("Review Guard: settings unreadable", err));

// For e2e tests and debugging from the worker console.
globalThis.rcFlushQueue = flushQueue;
globalThis.rcQueueStatus = queueStatus;
globalThis.rcQueueLimits = QUEUE_LIMITS;
