/* Cases: the panel's actions on a case (correct, status, drafts, appeals, lint, copy events, package) and the
 * lookup of which reviews and orders already have one. From a content script, a case or appeal id must be one
 * its tab has been shown (tabs.js); extension pages may name any. */
import { RcError } from "./errors.js";
import { C } from "./contract.js";
import { call, okBody, ready } from "./companion.js";
import { base64, sha256Hex } from "./evidence.js";
import { broadcastCase, tabKnows } from "./tabs.js";
import { checkPlatform } from "./captures.js";
import { refreshBadge } from "./summary.js";

// A local-model rewrite runs one completion per draft kind (each up to the model's timeout_s).
const REWRITE_TIMEOUT_MS = 180000;
// An appeal package re-encodes up to a few large screenshots and writes a PDF.
const PACKAGE_TIMEOUT_MS = 60000;
// A lookup only decorates panels: give up fast, the panel simply stays idle.
const LOOKUP_TIMEOUT_MS = 5000;
const LOOKUP_MAX_IDS = C.LIMITS.lookup_ids; // per list and request (models.LookupRequest)
// Linting an edited draft only decorates it: give up fast.
const LINT_TIMEOUT_MS = 5000;
const APPEAL_OUTCOMES = C.APPEAL_OUTCOMES;
// Statuses the panel's one-click buttons set (PATCH /api/v1/cases/<id>).
const CASE_STATUSES = C.CASE_STATUSES;
const DRAFT_KINDS = C.DRAFT_KINDS;
const COMPLAINT_TYPES = C.COMPLAINT_TYPES;

/** A positive integer id from a message payload, or a bad_payload error naming it. */
export function positiveId(value, name) {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new RcError("bad_payload", `${name} must be a positive integer`, null, name);
  return id;
}

async function shownId(ctx, value, name, kind) {
  const id = positiveId(value, name);
  if (ctx.kind === "content" && !(await tabKnows(ctx.tabId, kind, id))) {
    throw new RcError("forbidden", `this page has not been shown ${name} ${id}`, null, name);
  }
  return id;
}

const shownCase = (ctx, value) => shownId(ctx, value, "case_id", "cases");
const shownAppeal = (ctx, value) => shownId(ctx, value, "appeal_id", "appeals");

export const HANDLERS = {
  /**
   * The seller corrects a case's complaint type: `{case_id, primary}` → POST /cases/<id>/corrections.
   * @returns the updated case (CaptureResult shape, with `checklist`/`advice`)
   */
  "case.correct": { from: "both", async run(payload, ctx) {
    const caseId = await shownCase(ctx, payload.case_id);
    if (!COMPLAINT_TYPES.includes(payload.primary)) throw new RcError("bad_payload", `unknown complaint type ${payload.primary}`);
    const result = okBody(await call(await ready(), "POST", `/api/v1/cases/${caseId}/corrections`, { primary: payload.primary }));
    broadcastCase(result);
    return result;
  } },

  /** The current state of a case (GET /cases/<id>). */
  "case.get": { from: "both", async run(payload, ctx) {
    const caseId = await shownCase(ctx, payload.case_id);
    return okBody(await call(await ready(), "GET", `/api/v1/cases/${caseId}`));
  } },

  /**
   * The upload-ready appeal package of a case: `{case_id, lang}` → GET /cases/<id>/appeal-package.zip
   * (screenshots in the platform's format and limits + PDF report). Replies `{filename, media_type, size,
   * data_base64}`; the panel saves it (blob URL). The file name is the companion's (RFC 6266 filename*).
   * @param {{case_id: number, lang?: ("zh"|"en")}} payload
   */
  "case.package": { from: "both", async run(payload, ctx) {
    const caseId = await shownCase(ctx, payload.case_id);
    const lang = payload.lang === "en" ? "en" : "zh";
    const r = await call(await ready(), "GET", `/api/v1/cases/${caseId}/appeal-package.zip?lang=${lang}`, undefined, PACKAGE_TIMEOUT_MS, true);
    okBody(r);
    const resp = r.response;
    const bytes = new Uint8Array(await resp.arrayBuffer());
    const cd = resp.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    let filename = `appeal-package-${caseId}.zip`;
    try {
      if (star) filename = decodeURIComponent(star[1]);
      else if (plain) filename = plain[1];
    } catch {
      // a malformed name: keep ours
    }
    // Never a path: the name is the companion's, but a download name must not climb directories.
    filename = filename.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 180);
    return { filename, media_type: "application/zip", size: bytes.length, data_base64: base64(bytes) };
  } },

  /**
   * Which of these reviews / orders already have a case (a panel after a page reload shows it again):
   * `{platform, review_ids, order_ids}` → POST /api/v1/lookup, in chunks of 500 ids per list, merged.
   * Unpaired (no token) replies `{ok:false, error:{code:"unauthorized"}}` without calling; the companion
   * down replies `companion_unreachable`. Callers treat every failure as "nothing known" and stay quiet.
   * @param {{platform: string, review_ids?: string[], order_ids?: string[]}} payload
   * @returns {{reviews: Object<string, Object>, orders: Object<string, Object>}} case summaries by id
   *   (`{id, status, primary, escalation_risk, reply_due_at, capture_count?, last_captured_at?, …}`)
   */
  "cases.lookup": { from: "both", async run(payload, ctx) {
    checkPlatform(payload.platform, ctx);
    const ids = (list) => [...new Set((Array.isArray(list) ? list : [])
      .map((x) => (x == null ? "" : String(x).trim())).filter((x) => x && x.length <= 128))];
    const reviewIds = ids(payload.review_ids);
    const orderIds = ids(payload.order_ids);
    const out = { reviews: {}, orders: {} };
    if (!reviewIds.length && !orderIds.length) return out;
    const settings = await ready();
    if (!settings.token) throw new RcError("unauthorized", "not paired with the companion yet");
    for (let i = 0; i < Math.max(reviewIds.length, orderIds.length); i += LOOKUP_MAX_IDS) {
      const body = await okBody(await call(settings, "POST", "/api/v1/lookup", {
        platform: payload.platform,
        review_ids: reviewIds.slice(i, i + LOOKUP_MAX_IDS),
        order_ids: orderIds.slice(i, i + LOOKUP_MAX_IDS),
      }, LOOKUP_TIMEOUT_MS));
      Object.assign(out.reviews, (body && body.reviews) || {});
      Object.assign(out.orders, (body && body.orders) || {});
    }
    return out;
  } },

  /**
   * Have the local model rewrite a case's latest drafts: `{case_id}` → POST /cases/<id>/drafts/rewrite.
   * Each returned draft has `source` "template"|"model" and its `lint`; a model that is off replies
   * `{ok:false, error:{code:"model_disabled"}}`. The companion stores accepted rewrites, so later
   * reads of the case show them too.
   * @param {{case_id: number}} payload
   * @returns {{drafts: Object[]}}
   */
  "drafts.rewrite": { from: "both", async run(payload, ctx) {
    const caseId = await shownCase(ctx, payload.case_id);
    return okBody(await call(await ready(), "POST", `/api/v1/cases/${caseId}/drafts/rewrite`, {}, REWRITE_TIMEOUT_MS));
  } },

  /**
   * The seller submitted an appeal on the platform: `{case_id, reason_code, statement}` →
   * POST /cases/<id>/appeals (the case becomes "appealed").
   * @param {{case_id: number, reason_code: string, statement: string}} payload
   * @returns the appeal row `{id, case_id, reason_code, statement, submitted_at, outcome: "pending", …}`
   */
  "appeal.record": { from: "both", async run(payload, ctx) {
    const caseId = await shownCase(ctx, payload.case_id);
    const reason = String(payload.reason_code || "other").slice(0, 200);
    const statement = String(payload.statement || "").trim();
    if (!statement) throw new RcError("bad_payload", "an appeal needs its statement", {}, "statement");
    return okBody(await call(await ready(), "POST", `/api/v1/cases/${caseId}/appeals`, { reason_code: reason, statement }));
  } },

  /**
   * The platform decided an appeal: `{appeal_id, outcome}` → PATCH /appeals/<id>
   * ("accepted" resolves the case, "rejected" reopens it).
   * @param {{appeal_id: number, outcome: ("accepted"|"rejected"|"pending")}} payload
   * @returns the updated appeal row
   */
  "appeal.decide": { from: "both", async run(payload, ctx) {
    const appealId = await shownAppeal(ctx, payload.appeal_id);
    if (!APPEAL_OUTCOMES.includes(payload.outcome)) throw new RcError("bad_payload", `unknown outcome ${payload.outcome}`, {}, "outcome");
    return okBody(await call(await ready(), "PATCH", `/api/v1/appeals/${appealId}`, { outcome: payload.outcome }));
  } },

  /**
   * Lint a text the seller edited: `{text, kind, platform, region?, lang?, case_id?}` → POST /api/v1/lint.
   * With case_id the companion checks numbers against the case's captured facts.
   * @returns {{findings: {code: string, severity: string, message: string}[], errors: number, ok: boolean}}
   */
  "draft.lint": { from: "both", async run(payload, ctx) {
    if (!DRAFT_KINDS.includes(payload.kind)) throw new RcError("bad_payload", `unknown draft kind ${payload.kind}`, {}, "kind");
    checkPlatform(payload.platform, ctx);
    const body = { text: String(payload.text == null ? "" : payload.text), kind: payload.kind, platform: payload.platform };
    if (payload.region) body.region = String(payload.region).slice(0, 8);
    if (payload.lang === "zh" || payload.lang === "en") body.lang = payload.lang;
    if (payload.case_id != null) body.case_id = await shownCase(ctx, payload.case_id);
    return okBody(await call(await ready(), "POST", "/api/v1/lint", body, LINT_TIMEOUT_MS));
  } },

  /**
   * The seller copied a draft (as edited): record it on the case timeline →
   * POST /api/v1/cases/<id>/events `{kind: "draft_copied", draft_kind, text_sha256, text, edited}`.
   * @param {{case_id: number, draft_kind: string, text: string, edited?: boolean}} payload
   * @returns the event `{id, kind, draft_kind, text_sha256, text, edited, created_at}`
   */
  "case.event": { from: "both", async run(payload, ctx) {
    const caseId = await shownCase(ctx, payload.case_id);
    if (!DRAFT_KINDS.includes(payload.draft_kind)) throw new RcError("bad_payload", `unknown draft kind ${payload.draft_kind}`, {}, "draft_kind");
    const text = String(payload.text == null ? "" : payload.text);
    const body = { kind: "draft_copied", draft_kind: payload.draft_kind, text_sha256: await sha256Hex(new TextEncoder().encode(text)), text,
      edited: !!payload.edited };
    return okBody(await call(await ready(), "POST", `/api/v1/cases/${caseId}/events`, body));
  } },

  /**
   * One-click status from the panel: `{case_id, status}` → PATCH /api/v1/cases/<id> (recorded on the case
   * timeline by the companion). Every tab showing the case refreshes (`case.updated`).
   * @returns the case (CaptureResult shape)
   */
  "case.status": { from: "both", async run(payload, ctx) {
    const caseId = await shownCase(ctx, payload.case_id);
    if (!CASE_STATUSES.includes(payload.status)) throw new RcError("bad_payload", `unknown status ${payload.status}`, {}, "status");
    const result = okBody(await call(await ready(), "PATCH", `/api/v1/cases/${caseId}`, { status: payload.status }));
    broadcastCase(result);
    refreshBadge();
    return result;
  } },
};
