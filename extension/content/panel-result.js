/* Review Guard panel, part 2 of 3: what a case panel shows after a capture — the type and flags, the
 * correction, appeal advice, the evidence checklist, the appeal and its outcome, one-click status, the
 * appeal package and the drafts (editable, linted, copied). Pure DOM builders over RC.panelKit; the
 * handlers come from the panel's owner (case-actions.js). Every string through textContent.
 * Size (~390 lines): the sections of one result, in the order the seller reads them; each builder is short.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const t = RC.t;
  const { CONTRACT, DRAFT_KIND_KEY, DRAFT_ORDER, APPEAL_STATE_KEY, TYPES, LINKABLE, el, safeHref, localized, renderDeadline, copyText } = RC.panelKit;

  /** After a context-page capture: the case it joined and that case's evidence checklist. */
  function renderContextResult(result, handlers) {
    const out = [];
    if (result.case) {
      out.push(el("div", { class: "row", testid: "rc-case", "data-case-id": String(result.case.id),
        text: t("linkedToCase", [result.case.id, (result.evidence || []).length]) }));
    }
    const kinds = [...new Set((result.captures || []).map((c) => c.page_kind))];
    if (kinds.length) {
      out.push(el("div", { class: "row", testid: "rc-captured-kinds" }, [el("span", { class: "label", text: t("labelCaptured") }),
        ...kinds.map((k) => el("span", { class: "chip", "data-kind": k, text: localized("kind_", k) }))]));
    }
    if (result.checklist && result.checklist.length) out.push(renderChecklist(result, handlers));
    else out.push(el("div", { class: "row muted", testid: "rc-checklist-pending", text: t("checklistNeedsReview") }));
    if (result.case && handlers.onPackage) out.push(renderPackage(handlers));
    return out;
  }

  /** ✓/✗ per evidence item; a missing order/chat/logistics/after-sales item gets an "Open" link (new tab). */
  function renderChecklist(result, handlers) {
    const orderId = result.case && result.case.order_id;
    let links = {};
    try {
      links = (orderId && handlers.links && handlers.links(orderId)) || {};
    } catch (err) {
      console.warn("Review Guard: contextLinks failed", err);
    }
    const items = result.checklist.map((item) => {
      const href = !item.have && LINKABLE.has(item.id) && links[item.id] ? safeHref(links[item.id]) : null;
      const label = localized("ev_", item.id) === item.id ? item.label : localized("ev_", item.id);
      // No page to open (photos, reports, the listing as sold), or no link here: say what to do by hand.
      const how = !item.have && !href && item.how
        ? el("div", { class: "how muted", testid: `rc-how-${item.id}`, "data-by-hand": item.by_hand ? "1" : "0",
          text: (item.by_hand ? t("byHand") : "") + item.how })
        : null;
      return el("li", { class: item.have ? "have" : "miss", testid: `rc-check-${item.id}`, "data-have": item.have ? "1" : "0" }, [
        el("span", { class: "mark", text: item.have ? "✓" : "✗" }),
        el("span", { class: "what" }, [label, how]),
        href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", testid: `rc-open-${item.id}`, text: t("open"), title: item.how || null }) : null,
      ]);
    });
    return el("div", { class: "row", testid: "rc-checklist" }, [el("span", { class: "label", text: t("labelChecklist") }), el("ul", { class: "check" }, items)]);
  }

  /** One verdict from the companion (recommended / not_recommended / expired); older companions send only worth_appealing. */
  function adviceVerdict(advice) {
    if (advice.verdict === "recommended" || advice.verdict === "not_recommended" || advice.verdict === "expired") return advice.verdict;
    return advice.worth_appealing ? "recommended" : "not_recommended";
  }

  function renderAdvice(advice) {
    const verdict = adviceVerdict(advice);
    const heading = { recommended: "adviceWorth", not_recommended: "adviceNotWorth", expired: "adviceExpired" }[verdict];
    const parts = [el("div", { class: "advice-head", testid: "rc-advice-verdict", "data-worth": advice.worth_appealing ? "1" : "0",
      "data-verdict": verdict, text: t(heading) })];
    // The reason is shown only under a "worth appealing" heading, so heading and body never disagree.
    if (verdict === "recommended" && (advice.reason_label || advice.reason_code)) {
      parts.push(el("div", { testid: "rc-advice-reason", "data-reason": advice.reason_code || "" }, [
        el("span", { class: "label", text: t("labelAppealReason") }), advice.reason_label || advice.reason_code]));
    }
    if (advice.deadline) {
      const day = String(advice.deadline).slice(0, 10);
      let left = "";
      if (verdict === "expired" || advice.expired_on) left = " " + t("expiredOn", [String(advice.expired_on || day)]);
      else if (advice.days_left != null && Number(advice.days_left) >= 0) left = " " + t("daysLeft", [Math.floor(Number(advice.days_left))]);
      parts.push(el("div", { testid: "rc-advice-deadline", "data-expired": verdict === "expired" ? "1" : "0" },
        [el("span", { class: "label", text: t("labelDeadline") }), day + left]));
    }
    if (advice.why) parts.push(el("div", { class: "muted", testid: "rc-advice-why", text: advice.why }));
    if (advice.evidence_missing && advice.evidence_missing.length) {
      parts.push(el("div", { testid: "rc-advice-missing" }, [el("span", { class: "label", text: t("labelEvidenceMissing") }),
        advice.evidence_missing.map((id) => localized("ev_", id)).join(", ")]));
    }
    return el("div", { class: "advice" + (advice.worth_appealing ? " yes" : ""), testid: "rc-advice" }, parts);
  }

  function renderCorrection(result, handlers, current) {
    const select = el("select", { testid: "rc-correct", "aria-label": t("wrongType") },
      [el("option", { value: "", text: t("wrongType") }),
        ...TYPES.filter((x) => x !== current).map((x) => el("option", { value: x, text: localized("type_", x) }))]);
    select.addEventListener("change", () => {
      if (!select.value) return;
      select.disabled = true;
      handlers.onCorrect(select.value);
    });
    return el("div", { class: "correct" }, [select]);
  }

  // Two types almost equally likely: the seller settles it with one click (the other is a correction).
  function renderEitherOr(primary, alt, handlers) {
    const row = el("div", { class: "row either", testid: "rc-either-or" }, [
      el("span", { text: t("eitherOr", [localized("type_", primary), localized("type_", alt)]) + " " }),
    ]);
    const keep = el("button", { type: "button", testid: "rc-either-keep", "data-type": primary, title: t("eitherOrPick"),
      text: localized("type_", primary) });
    const other = el("button", { type: "button", testid: "rc-either-other", "data-type": alt, title: t("eitherOrPick"),
      text: localized("type_", alt) });
    keep.addEventListener("click", () => { row.hidden = true; });
    other.addEventListener("click", () => { keep.disabled = other.disabled = true; handlers.onCorrect(alt); });
    row.append(keep, " ", other);
    return row;
  }

  function renderNote(note, testid) {
    return note && note.text ? el("div", { class: "note " + (note.level || ""), testid, text: note.text }) : null;
  }

  /** "Rewrite with local model" under the drafts (the companion says when the model is off). */
  function renderRewrite(handlers, opts) {
    const busy = opts.pending === "rewrite";
    const btn = el("button", { class: "ghost", type: "button", testid: "rc-rewrite", text: busy ? t("rewriting") : t("rewriteButton"),
      onclick: () => handlers.onRewrite() });
    btn.disabled = !!opts.pending;
    return el("div", {}, [el("div", { class: "tools" }, [btn]), renderNote(opts.notes && opts.notes.rewrite, "rc-rewrite-status")]);
  }

  /**
   * Appeal tracking: "Mark appeal submitted" → "Appeal submitted <date> — pending" with Accepted /
   * Rejected → the outcome and the case status. After a rejection the seller may appeal again.
   */
  function renderAppeal(result, handlers, opts) {
    const appeal = opts.appeal;
    const parts = [];
    if (appeal) {
      const outcome = APPEAL_STATE_KEY[appeal.outcome] ? appeal.outcome : "pending";
      const day = String(appeal.submitted_at || appeal.created_at || "").slice(0, 10);
      parts.push(el("div", { class: "appeal-state", testid: "rc-appeal-state", "data-outcome": outcome, "data-appeal-id": String(appeal.id),
        text: t(APPEAL_STATE_KEY[outcome], [day]) }));
    }
    const buttons = [];
    if (!appeal || appeal.outcome === "rejected") {
      buttons.push(el("button", { type: "button", testid: "rc-appeal-submit", text: t("appealMark"), onclick: () => handlers.onAppeal() }));
    } else if (appeal.outcome === "pending") {
      buttons.push(el("button", { class: "ghost", type: "button", testid: "rc-appeal-accepted", text: t("appealAcceptedButton"),
        onclick: () => handlers.onDecide("accepted") }));
      buttons.push(el("button", { class: "ghost", type: "button", testid: "rc-appeal-rejected", text: t("appealRejectedButton"),
        onclick: () => handlers.onDecide("rejected") }));
    }
    for (const b of buttons) b.disabled = !!opts.pending;
    if (buttons.length) parts.push(el("div", { class: "tools" }, buttons));
    parts.push(renderNote(opts.notes && opts.notes.appeal, "rc-appeal-note"));
    return el("div", { class: "appeal", testid: "rc-appeal" }, parts);
  }

  const MARKS = ["replied", "contacted", "appealed", "resolved"];
  const MARK_KEY = { replied: "markStatus_replied", contacted: "markStatus_contacted", appealed: "markStatus_appealed", resolved: "markStatus_resolved",
    open: "markStatus_open" };
  // A finished case is reopened before it is worked again (the companion's lifecycle refuses the other steps).
  const FINISHED = ["resolved", "closed"];

  /**
   * One click per step: replied publicly / messaged the buyer / appealed / resolved (PATCH the case status).
   * The current status is pressed. "Appealed" is left out when the appeal box is shown: its
   * "Mark appeal submitted" records the appeal itself and sets the status.
   */
  function renderMarks(result, handlers, opts, appealBox) {
    const status = result.case.status;
    const marks = FINISHED.includes(status) ? [status === "resolved" ? "resolved" : null, "open"].filter(Boolean)
      : MARKS.filter((m) => !(appealBox && m === "appealed"));
    const buttons = marks.map((m) => {
      const on = m === status;
      const b = el("button", { class: on ? "" : "ghost", type: "button", testid: `rc-mark-${m}`, "aria-pressed": on ? "true" : "false",
        text: t(MARK_KEY[m]), onclick: () => handlers.onStatus(m) });
      b.disabled = on || opts.pending === "status";
      return b;
    });
    return el("div", { testid: "rc-marks" }, [
      el("div", { class: "marks" }, [el("span", { class: "label", text: opts.pending === "status" ? t("markStatusSaving") : t("labelMarkAs") }), ...buttons]),
      renderNote(opts.notes && opts.notes.status, "rc-mark-note"),
    ]);
  }

  /**
   * "Download appeal package": the upload-ready zip (images in the platform's format and limits, named in the
   * seller's language, plus the PDF report) through the service worker (`handlers.onPackage` → `case.package`);
   * the bytes come back base64 and are saved from here with a blob URL. The full archive stays on the dashboard.
   */
  function renderPackage(handlers) {
    const note = el("span", { class: "muted", testid: "rc-package-note" });
    const btn = el("button", { class: "ghost", type: "button", testid: "rc-package", text: t("packageButton") });
    btn.addEventListener("click", async () => {
      btn.disabled = true;
      note.textContent = t("packageBusy");
      try {
        const reply = await handlers.onPackage();
        if (!reply || !reply.ok) {
          note.textContent = t("requestFailed", [(reply && reply.error && (reply.error.message || reply.error.code)) || "?"]);
          return;
        }
        const { filename, data_base64: b64, media_type: type } = reply.result;
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const url = URL.createObjectURL(new Blob([bytes], { type: type || "application/zip" }));
        const a = el("a", { href: url, download: filename, hidden: "" });
        btn.after(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        note.textContent = t("packageDone", [filename]);
        note.setAttribute("data-filename", filename);
      } finally {
        btn.disabled = false;
      }
    });
    return el("div", { class: "tools", testid: "rc-package-row" }, [btn, note]);
  }

  function renderResult(result, handlers, opts) {
    const out = [];
    const cls = result.classification;
    // First what the seller must act on in time: the public-reply deadline, in local time.
    const deadline = result.case && result.review ? renderDeadline(result.case) : null;
    if (deadline) out.push(deadline);
    if (cls) {
      // A seller correction changes the case's type (and the companion classifies again with it).
      const primary = (result.case && result.case.primary) || cls.primary;
      const corrected = primary !== cls.primary || !!(result.case && result.case.corrected);
      const risk = cls.escalation_risk
        ? el("span", { class: "badge risk", testid: "rc-escalation", text: t("escalationRisk") + (cls.escalation_terms && cls.escalation_terms.length ? ": " + cls.escalation_terms.join(", ") : "") })
        : el("span", { class: "badge norisk", testid: "rc-escalation", text: t("noEscalation") });
      out.push(el("div", { class: "row" }, [
        el("span", { class: "label", text: t("labelComplaint") }),
        el("span", { class: "type", testid: "rc-type", "data-type": primary, "data-corrected": corrected ? "1" : null, text: localized("type_", primary) }),
        corrected ? el("span", { class: "muted", testid: "rc-corrected", text: " " + t("correctedNote") }) : null,
      ]));
      const alt = (cls.alternatives || []).find((x) => x !== primary);
      if (alt && !corrected && handlers.onCorrect && result.case) out.push(renderEitherOr(primary, alt, handlers));
      if (handlers.onCorrect && result.case) out.push(renderCorrection(result, handlers, primary));
      const others = (cls.labels || []).filter((l) => l !== primary);
      if (others.length) {
        out.push(el("div", { class: "row", testid: "rc-labels" }, [el("span", { class: "label", text: t("labelAlso") }),
          ...others.map((l) => el("span", { class: "chip", text: localized("type_", l) }))]));
      }
      out.push(el("div", { class: "row", testid: "rc-flags" }, [el("span", { class: "label", text: t("labelFlags") }),
        ...(cls.appeal_flags && cls.appeal_flags.length
          ? cls.appeal_flags.map((f) => el("span", { class: "chip flag", "data-flag": f, text: localized("flag_", f) }))
          : [el("span", { class: "muted", text: t("labelNoFlags") })])]));
      out.push(el("div", { class: "row" }, [risk]));
      if (cls.reasons && cls.reasons.length) {
        out.push(el("div", { class: "row", testid: "rc-reasons" }, [el("span", { class: "label", text: t("labelReasons") }),
          el("ul", {}, cls.reasons.map((r) => el("li", { text: r })))]));
      }
    }
    if (result.advice) out.push(renderAdvice(result.advice));
    if (result.checklist && result.checklist.length) out.push(renderChecklist(result, handlers));
    const drafts = [...(result.drafts || [])].sort((a, b) => DRAFT_ORDER.indexOf(a.kind) - DRAFT_ORDER.indexOf(b.kind));
    const edits = opts.edits || {};
    for (const d of drafts) out.push(renderDraft(d, handlers, edits[d.kind], result.case));
    if (drafts.length && result.case && handlers.onRewrite) out.push(renderRewrite(handlers, opts));
    const appealable = (result.advice && result.advice.worth_appealing) || drafts.some((d) => d.kind === "appeal_statement");
    const appealBox = !!(result.case && handlers.onAppeal && (appealable || opts.appeal));
    if (appealBox) out.push(renderAppeal(result, handlers, opts));
    if (result.case && result.case.status && handlers.onStatus) out.push(renderMarks(result, handlers, opts, appealBox));
    if (result.case && handlers.onPackage) out.push(renderPackage(handlers));
    const h = result.history || {};
    const buyer = (h.buyer && h.buyer.count) || 0;
    const product = (h.product && h.product.count) || 0;
    out.push(el("div", { class: "row muted", testid: "rc-history", text: t("historyLine", [buyer, product]) }));
    if (result.case) {
      out.push(el("div", { class: "row muted", testid: "rc-case", "data-case-id": String(result.case.id),
        text: t("caseLine", [result.case.id, (result.evidence || []).length]) }));
      if (result.case.status) {
        out.push(el("div", { class: "row muted", testid: "rc-case-status", "data-status": result.case.status,
          text: t("caseStatusLine", [localized("caseStatus_", result.case.status)]) }));
      }
    }
    return out;
  }

  function renderLint(kind, lint) {
    return lint && lint.length
      ? el("ul", { class: "lint", testid: `rc-lint-${kind}` }, lint.map((l) => el("li", { "data-code": l.code || "", "data-severity": l.severity || "warn" }, [
        el("span", { class: "sev-" + (l.severity || "warn"), text: localized("sev_", l.severity || "warn") + ": " }), l.message || l.code || ""])))
      : el("div", { class: "lint clean", testid: `rc-lint-${kind}`, text: `${t("labelLint")}: ${t("lintClean")}` });
  }

  const LINT_DEBOUNCE_MS = 400;

  /**
   * One draft: an editable textarea (the seller has the last word), its lint — re-run by the companion on the
   * edited text (`handlers.onLint`, debounced) — Undo edits, and Copy, which copies what is in the box and
   * records it on the case timeline (`handlers.onCopied`).
   * `edit`: this tab's edit of the draft `{text, lint?}` (kept by main.js across re-renders).
   */
  function renderDraft(d, handlers, edit, caseSummary) {
    const area = el("textarea", { class: "draft-text", testid: `rc-draft-text-${d.kind}`, "data-source": d.source || "template",
      spellcheck: "false", "aria-label": t(DRAFT_KIND_KEY[d.kind] || d.kind), maxlength: String(CONTRACT.LIMITS.lint_text_chars) });
    area.textContent = d.text; // the draft as proposed (defaultValue)
    area.value = edit ? edit.text : d.text;
    const box = el("div", { class: "draft", testid: `rc-draft-${d.kind}`, "data-source": d.source || "template" });
    const editedTag = el("span", { class: "edited", testid: `rc-draft-edited-${d.kind}`, text: t("draftEdited") });
    const reset = el("button", { class: "link", type: "button", testid: `rc-reset-${d.kind}`, text: t("draftReset") });
    // An edit whose check has not come back yet keeps the draft's lint under "Checking…".
    let lintNode = renderLint(d.kind, edit && edit.lint ? edit.lint : d.lint);
    const lintNote = el("div", { class: "note muted", testid: `rc-lint-status-${d.kind}`, hidden: "" });
    const copyNote = el("div", { class: "note", testid: `rc-copy-note-${d.kind}`, hidden: "" });
    let currentLint = edit ? edit.lint || null : d.lint || [];
    let timer = null;

    const setLint = (lint) => {
      currentLint = lint;
      const next = renderLint(d.kind, lint);
      lintNode.replaceWith(next);
      lintNode = next;
    };
    const setEdited = (on) => {
      box.setAttribute("data-edited", on ? "1" : "0");
      editedTag.hidden = !on;
      reset.hidden = !on;
    };
    const relint = () => {
      const text = area.value;
      if (text === d.text) return;
      if (!handlers.onLint) return;
      lintNote.hidden = false;
      lintNote.className = "note muted";
      lintNote.textContent = t("lintChecking");
      Promise.resolve(handlers.onLint(d.kind, text, d.lang)).then((reply) => {
        if (area.value !== text) return; // typed on meanwhile: a newer check follows
        if (reply && reply.ok) {
          lintNote.hidden = true;
          setLint((reply.result && reply.result.findings) || []);
        } else {
          lintNote.className = "note error";
          lintNote.textContent = t("lintUnavailable", [(reply && reply.error && (reply.error.message || reply.error.code)) || "?"]);
        }
      });
    };
    area.addEventListener("input", () => {
      const edited = area.value !== d.text;
      setEdited(edited);
      copyNote.hidden = true;
      if (handlers.onDraftInput) handlers.onDraftInput(d.kind, edited ? area.value : null);
      clearTimeout(timer);
      if (edited) timer = setTimeout(relint, LINT_DEBOUNCE_MS);
      else {
        lintNote.hidden = true;
        setLint(d.lint);
      }
    });
    reset.addEventListener("click", () => {
      area.value = d.text;
      area.dispatchEvent(new Event("input"));
    });

    const copyBtn = el("button", { class: "ghost", type: "button", testid: `rc-copy-${d.kind}`, text: t("copy") });
    copyBtn.addEventListener("click", async () => {
      const text = area.value;
      const ok = await copyText(text);
      copyBtn.textContent = ok ? t("copied") : t("copyFailed");
      if (!ok || !handlers.onCopied || !caseSummary) return;
      const edited = text !== d.text;
      const reply = await handlers.onCopied(d.kind, text, edited);
      if (area.value !== text) return;
      const errors = (currentLint || []).filter((l) => l.severity === "error" || l.severity === "block").length;
      copyNote.hidden = false;
      if (reply && reply.ok) {
        copyNote.className = "note " + (errors ? "warn" : "ok");
        copyNote.textContent = errors ? t("copyLoggedErrors", [errors]) : t("copyLogged");
        copyNote.setAttribute("data-event-id", String((reply.result && reply.result.id) || ""));
      } else {
        copyNote.className = "note error";
        copyNote.textContent = t("copyNotLogged", [(reply && reply.error && (reply.error.message || reply.error.code)) || "?"]);
      }
    });

    box.append(
      el("div", { class: "draft-head" }, [el("span", { class: "draft-kind" }, [t(DRAFT_KIND_KEY[d.kind] || d.kind),
        d.source === "model" ? el("span", { class: "source-model", testid: `rc-draft-source-${d.kind}`, text: t("rewrittenByModel") }) : null,
        editedTag]), reset, copyBtn]),
      area, lintNote, lintNode, copyNote,
    );
    setEdited(!!edit && edit.text !== d.text);
    if (edit && edit.text !== d.text && !edit.lint) relint();
    return box;
  }

  Object.assign(RC.panelKit, { renderResult, renderContextResult });
})();
