/* The one reply shape of the service worker (content/core.js documents it for every caller):
 *   success: `{ok: true, result}`
 *   failure: `{ok: false, error: {code, message, field?, details?}}`
 * `details` carries facts a caller may act on (capture.submit: `{queued, queue_length, capture_id, failed, parked,
 * status}`). Until the content scripts read them from `error.details`, capture.submit's failures also repeat those
 * facts at the top level of the reply (main.js reads `reply.queued`, `reply.capture_id` …).
 */

/** An error that becomes `{ok:false, error:{code, message, field?, details?}}`. */
export class RcError extends Error {
  constructor(code, message, details, field) {
    super(message || code);
    this.code = code;
    this.details = details || null;
    this.field = field || null; // the companion's `error.field` (e.g. "llm.base_url"), for forms
  }
}

export function okReply(result) {
  return { ok: true, result: result === undefined ? null : result };
}

/** Any thrown value as the failure reply; `legacyTopLevel` repeats `details` beside `error` (capture.submit). */
export function errorReply(err, legacyTopLevel) {
  const error = { code: (err && err.code) || "internal_error", message: String((err && err.message) || err || "error") };
  if (err && err.field) error.field = err.field;
  if (err && err.details && Object.keys(err.details).length) error.details = err.details;
  return legacyTopLevel && error.details ? { ...error.details, ok: false, error } : { ok: false, error };
}
