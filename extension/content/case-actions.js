/* Review Guard: what the seller does with a case from its panel — correct the type, rewrite the drafts
 * with the local model, record an appeal and its outcome, one-click status, edit / lint / copy a draft,
 * download the appeal package, "Show case" on a row the companion already knows. Each action is a
 * message to the service worker; the panel then shows what the companion answered (RC.session).
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const S = RC.session;

  /** The seller says the type is wrong: tell the companion, then show the corrected case. */
  async function correct(key, primary) {
    const st = S.states.get(key);
    const caseId = st && st.result && st.result.case && st.result.case.id;
    if (!caseId) return;
    const reply = await RC.send("case.correct", { case_id: caseId, primary });
    if (reply.ok) return S.setState(key, S.resultState(S.states.get(key), reply.result));
    S.setState(key, { ...st });
    const panel = S.panels.get(key);
    if (panel) panel.error(RC.t("statusError", [(reply.error && reply.error.message) || "?"]));
  }



  /**
   * "Rewrite with local model": the companion rewrites the case's drafts (lint applies; the template
   * stays when a rewrite fails it). The panel shows the returned drafts, model-written ones marked.
   */
  async function rewrite(key) {
    const caseId = S.caseIdOf(key);
    if (!caseId) return;
    S.patchState(key, { pending: "rewrite", notes: { ...(S.states.get(key).notes || {}), rewrite: null } });
    const reply = await RC.send("drafts.rewrite", { case_id: caseId });
    const st = S.states.get(key);
    if (!st || st.kind !== "result") return;
    const notes = { ...(st.notes || {}) };
    if (reply.ok) {
      const fresh = (reply.result && reply.result.drafts) || [];
      const byKind = new Map((st.result.drafts || []).map((d) => [d.kind, d]));
      for (const d of fresh) byKind.set(d.kind, d);
      const n = fresh.filter((d) => d.source === "model").length;
      notes.rewrite = n ? { level: "ok", text: RC.t("rewriteDone", [n]) } : { level: "warn", text: RC.t("rewriteNotUsed") };
      // A rewritten draft replaces the seller's edit of it (the seller asked for the rewrite).
      const edits = { ...(st.edits || {}) };
      for (const d of fresh) if (d.source === "model") delete edits[d.kind];
      S.setState(key, { ...st, pending: null, notes, edits, result: { ...st.result, drafts: [...byKind.values()] } });
      return;
    }
    const code = reply.error && reply.error.code;
    notes.rewrite = code === "model_disabled"
      ? { level: "warn", text: RC.t("rewriteModelOff") }
      : { level: "error", text: code === "unauthorized" ? RC.t("statusUnauthorized") : S.errorText(reply) };
    S.setState(key, { ...st, pending: null, notes });
  }

  /** Read the case again (case.get) after an appeal change, so its status follows. */
  async function refreshCase(key, caseId, appeal, note) {
    const got = await RC.send("case.get", { case_id: caseId });
    const st = S.states.get(key);
    if (!st || st.kind !== "result") return;
    const notes = { ...(st.notes || {}), appeal: got.ok ? note || null : { level: "error", text: S.errorText(got) } };
    S.setState(key, { ...st, result: got.ok ? got.result : st.result, appeal, pending: null, notes });
  }

  /** "Mark appeal submitted": record the appeal with the advice's reason and the appeal statement draft. */
  async function markAppeal(key) {
    const caseId = S.caseIdOf(key);
    if (!caseId) return;
    const result = S.states.get(key).result;
    const advice = result.advice || {};
    const draft = (result.drafts || []).find((d) => d.kind === "appeal_statement");
    const statement = (draft && draft.text) || advice.why || advice.reason_label || advice.reason_code || "other";
    S.patchState(key, { pending: "appeal", notes: { ...(S.states.get(key).notes || {}), appeal: null } });
    const reply = await RC.send("appeal.record", { case_id: caseId, reason_code: advice.reason_code || "other", statement });
    if (!reply.ok) return S.patchState(key, { pending: null, notes: { ...(S.states.get(key).notes || {}), appeal: { level: "error", text: S.errorText(reply) } } });
    await refreshCase(key, caseId, reply.result);
  }

  /** Accepted / Rejected: record the platform's decision, then show the case's new status. */
  async function decide(key, outcome) {
    const st = S.states.get(key);
    const caseId = S.caseIdOf(key);
    const appeal = st && S.currentAppeal(st);
    if (!caseId || !appeal) return;
    S.patchState(key, { pending: "appeal", notes: { ...(st.notes || {}), appeal: null } });
    const reply = await RC.send("appeal.decide", { appeal_id: appeal.id, outcome });
    if (!reply.ok) return S.patchState(key, { pending: null, notes: { ...(S.states.get(key).notes || {}), appeal: { level: "error", text: S.errorText(reply) } } });
    await refreshCase(key, caseId, reply.result);
  }

  // ------------------------------------------------------------------ the seller stays in control

  /**
   * The seller typed in a draft: remember the text (null = back to the draft) without re-rendering — the
   * textarea is the truth while typing; a later re-render (status change, case.updated) shows the edit again.
   */
  function editDraft(key, kind, text) {
    const st = S.states.get(key);
    if (!st || st.kind !== "result") return;
    const edits = { ...(st.edits || {}) };
    if (text == null) delete edits[kind];
    else edits[kind] = { text };
    S.states.set(key, { ...st, edits });
  }

  /** Lint the edited text with the companion (`draft.lint`); numbers are checked against the case's facts. */
  async function lintDraft(key, adapter, kind, text, lang) {
    const st = S.states.get(key);
    const c = st && st.kind === "result" && st.result && st.result.case;
    if (!c) return { ok: false, error: { code: "no_case", message: "no case" } };
    const reply = await RC.send("draft.lint", { text, kind, platform: c.platform || adapter.id, region: S.regionOf(adapter), lang, case_id: c.id });
    const now = S.states.get(key);
    if (reply.ok && now && now.kind === "result" && now.edits && now.edits[kind] && now.edits[kind].text === text) {
      S.states.set(key, { ...now, edits: { ...now.edits, [kind]: { text, lint: (reply.result && reply.result.findings) || [] } } });
    }
    return reply;
  }

  /** What the seller copied goes on the case timeline (`case.event`: draft kind, SHA-256, text, edited). */
  async function draftCopied(key, kind, text, edited) {
    const caseId = S.caseIdOf(key);
    if (!caseId) return { ok: false, error: { code: "no_case", message: "no case" } };
    return RC.send("case.event", { case_id: caseId, draft_kind: kind, text, edited });
  }

  /** One-click status (replied / messaged / appealed / resolved): PATCH the case, show what the companion says. */
  async function markStatus(key, status) {
    const caseId = S.caseIdOf(key);
    if (!caseId) return;
    S.patchState(key, { pending: "status", notes: { ...(S.states.get(key).notes || {}), status: null } });
    const reply = await RC.send("case.status", { case_id: caseId, status });
    const st = S.states.get(key);
    if (!st || st.kind !== "result") return;
    const notes = { ...(st.notes || {}), status: reply.ok ? null : { level: "error", text: S.code(reply) === "unauthorized" ? RC.t("statusUnauthorized") : S.errorText(reply) } };
    S.setState(key, { ...st, result: reply.ok ? reply.result : st.result, pending: null, notes });
  }

  /** The case's upload-ready appeal package (`case.package`), in the browser's language (zh or en). */
  function downloadPackage(key) {
    const caseId = S.caseIdOf(key);
    if (!caseId) return Promise.resolve({ ok: false, error: { code: "no_case", message: "no case" } });
    const ui = (chrome.i18n && chrome.i18n.getUILanguage && chrome.i18n.getUILanguage()) || navigator.language || "";
    return RC.send("case.package", { case_id: caseId, lang: /^zh/i.test(ui) ? "zh" : "en" });
  }


  /** "Show case": read the whole case (case.get) and render it as after a capture. */
  async function showCase(key) {
    const st = S.states.get(key);
    if (!st || st.kind !== "known" || st.pending) return;
    S.setState(key, { ...st, pending: true, note: null });
    const reply = await RC.send("case.get", { case_id: st.summary.id });
    const now = S.states.get(key);
    if (!now || now.kind !== "known" || S.inFlight.has(key)) return; // a capture got there first
    if (reply.ok) return S.setState(key, S.resultState(null, reply.result));
    const code = reply.error && reply.error.code;
    S.setState(key, { ...now, pending: false, note: { level: "error", text: code === "unauthorized" ? RC.t("statusUnauthorized") : S.errorText(reply) } });
  }

  /**
   * The panel handlers of a case panel (`RC.panel.create`), for the panel of `key`.
   * @param {string} key
   * @param {Object} adapter
   * @param {Object} [extra] more handlers (onCapture, onRetry…)
   */
  RC.caseActions = function caseActions(key, adapter, extra) {
    return {
      onCorrect: (primary) => correct(key, primary),
      onRewrite: () => rewrite(key),
      onAppeal: () => markAppeal(key),
      onDecide: (outcome) => decide(key, outcome),
      onShowCase: () => showCase(key),
      onStatus: (status) => markStatus(key, status),
      onDraftInput: (kind, text) => editDraft(key, kind, text),
      onLint: (kind, text, lang) => lintDraft(key, adapter, kind, text, lang),
      onCopied: (kind, text, edited) => draftCopied(key, kind, text, edited),
      onPackage: () => downloadPackage(key),
      links: S.linksFor(adapter),
      ...(extra || {}),
    };
  };
})();
