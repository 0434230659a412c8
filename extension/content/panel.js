/* Review Guard panel: one per review row, in an OPEN shadow root inside an `rc-panel` element.
 *
 * Open (not closed) so Playwright locators pierce it and sellers' other tools can inspect it.
 * `all: initial` on the host keeps the seller center's CSS out. Every string goes in through
 * textContent / DOM nodes: review texts are hostile input, so no HTML-string APIs anywhere.
 * Content scripts cannot define custom elements (customElements is null in the isolated world),
 * so `rc-panel` is an undefined element with a valid custom-element name, which attachShadow allows.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const t = RC.t;

  const CSS = `
:host { all: initial; display: block; }
.rc { font: 12px/1.5 system-ui, "PingFang SC", "WenQuanYi Micro Hei", sans-serif; color: #1f2329;
  background: #fff; border: 1px solid #d0d5dd; border-left: 3px solid #3b5bdb; border-radius: 6px;
  padding: 8px; margin-top: 8px; width: 300px; box-sizing: border-box; }
.head { display: flex; align-items: center; gap: 6px; }
.title { font-weight: 600; color: #3b5bdb; margin-right: auto; }
button { font: inherit; border: 1px solid #3b5bdb; background: #3b5bdb; color: #fff; border-radius: 4px;
  padding: 2px 10px; cursor: pointer; }
button.ghost { background: #fff; color: #3b5bdb; }
button:disabled { opacity: .6; cursor: default; }
.preview { color: #667085; margin-top: 4px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status { margin-top: 6px; padding: 4px 6px; border-radius: 4px; background: #f2f4f7; }
.status.warn { background: #fffaeb; color: #93370d; }
.status.error { background: #fef3f2; color: #b42318; }
.status.ok { background: #ecfdf3; color: #05603a; }
.row { margin-top: 6px; }
.label { color: #667085; margin-right: 4px; }
.chip { display: inline-block; padding: 0 6px; margin: 0 4px 2px 0; border-radius: 9px; background: #eef2ff; color: #3538cd; }
.chip.flag { background: #fff1f3; color: #c01048; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-weight: 600; }
.badge.risk { background: #b42318; color: #fff; }
.badge.norisk { background: #ecfdf3; color: #05603a; }
.type { font-weight: 600; font-size: 13px; }
ul { margin: 2px 0 0; padding-left: 16px; }
.draft { margin-top: 6px; border-top: 1px dashed #d0d5dd; padding-top: 4px; }
.draft-head { display: flex; align-items: center; gap: 6px; }
.draft-kind { font-weight: 600; margin-right: auto; }
.draft-text { white-space: pre-wrap; word-break: break-word; background: #f9fafb; border-radius: 4px; padding: 4px; margin-top: 2px; }
.lint { color: #93370d; }
.lint.clean { color: #05603a; }
.muted { color: #667085; }
`;

  const DRAFT_KIND_KEY = {
    public_reply: "draftPublicReply",
    private_message: "draftPrivateMessage",
    appeal_statement: "draftAppealStatement",
  };
  const DRAFT_ORDER = ["public_reply", "private_message", "appeal_statement"];

  /** Tiny element builder: strings become text nodes, never markup. */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "testid") node.setAttribute("data-testid", v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of [].concat(children || [])) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function localized(prefix, value) {
    const msg = t(prefix + value);
    return msg === prefix + value ? value : msg;
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Clipboard API refused (no focus / permission): fall back to a hidden textarea + execCommand.
      const area = el("textarea", { style: "position:fixed;left:-9999px;top:0" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch {
        ok = false;
      }
      area.remove();
      return ok;
    }
  }

  /**
   * Create a panel. Handlers are called when the seller clicks the buttons.
   * @param {{onCapture: () => void, onRetry: () => void}} handlers
   */
  function createPanel(handlers) {
    const host = document.createElement("rc-panel");
    host.style.cssText = "all: initial; display: block;";
    const shadow = host.attachShadow({ mode: "open" });
    shadow.appendChild(el("style", { text: CSS }));
    const captureBtn = el("button", { testid: "rc-capture", type: "button", text: t("capture"), onclick: () => handlers.onCapture() });
    const preview = el("div", { class: "preview", testid: "rc-preview" });
    const status = el("div", { class: "status", testid: "rc-status", hidden: "" });
    const body = el("div", { testid: "rc-result" });
    shadow.appendChild(el("div", { class: "rc", part: "panel" }, [
      el("div", { class: "head" }, [el("span", { class: "title", text: t("panelTitle") }), captureBtn]),
      preview, status, body,
    ]));

    function setStatus(kind, text, extra) {
      status.hidden = !text;
      status.className = "status " + (kind || "");
      status.replaceChildren(text || "", ...(extra || []));
    }

    const api = {
      host,
      /** One-line summary of what would be captured, so the seller sees it is the right row. */
      setPreview(review) {
        const line = t("reviewLine", [review.rating_label || "", review.rating == null ? "?" : review.rating, review.order_id || "?"]);
        preview.textContent = line + " · " + (review.text || t("emptyReview"));
        preview.title = review.text || "";
      },
      idle() {
        captureBtn.disabled = false;
        captureBtn.textContent = t("capture");
        setStatus(null, "");
      },
      busy() {
        captureBtn.disabled = true;
        captureBtn.textContent = t("capturing");
        setStatus(null, "");
      },
      layout(anchor) {
        captureBtn.disabled = true;
        body.replaceChildren();
        setStatus("error", t("statusLayout", [anchor]));
      },
      queued(count, code) {
        captureBtn.disabled = false;
        captureBtn.textContent = t("capture");
        const msg = code === "unauthorized" ? t("statusUnauthorizedQueued", [count]) : t("statusQueued", [count]);
        const retry = el("button", { class: "ghost", testid: "rc-retry", type: "button", text: t("retryNow"), style: "margin-left:6px", onclick: () => handlers.onRetry() });
        setStatus("warn", msg, [retry]);
      },
      error(message, kind) {
        captureBtn.disabled = false;
        captureBtn.textContent = t("capture");
        setStatus(kind || "error", message);
      },
      /**
       * Render a CaptureResult (companion.models.CaptureResult).
       * @param {Object} result
       * @param {{delivered?: boolean}} [opts]
       */
      result(result, opts) {
        captureBtn.disabled = false;
        captureBtn.textContent = t("captureAgain");
        const note = opts && opts.delivered ? t("statusDelivered") : result.duplicate ? t("statusDuplicate") : "";
        setStatus(note ? "ok" : null, note);
        body.replaceChildren(...renderResult(result));
      },
    };
    return api;
  }

  function renderResult(result) {
    const out = [];
    const cls = result.classification;
    if (cls) {
      const risk = cls.escalation_risk
        ? el("span", { class: "badge risk", testid: "rc-escalation", text: t("escalationRisk") + (cls.escalation_terms && cls.escalation_terms.length ? ": " + cls.escalation_terms.join(", ") : "") })
        : el("span", { class: "badge norisk", testid: "rc-escalation", text: t("noEscalation") });
      out.push(el("div", { class: "row" }, [
        el("span", { class: "label", text: t("labelComplaint") }),
        el("span", { class: "type", testid: "rc-type", "data-type": cls.primary, text: localized("type_", cls.primary) }),
      ]));
      const others = (cls.labels || []).filter((l) => l !== cls.primary);
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
    const drafts = [...(result.drafts || [])].sort((a, b) => DRAFT_ORDER.indexOf(a.kind) - DRAFT_ORDER.indexOf(b.kind));
    for (const d of drafts) out.push(renderDraft(d));
    const h = result.history || {};
    const buyer = (h.buyer && h.buyer.count) || 0;
    const product = (h.product && h.product.count) || 0;
    out.push(el("div", { class: "row muted", testid: "rc-history", text: t("historyLine", [buyer, product]) }));
    if (result.case) {
      out.push(el("div", { class: "row muted", testid: "rc-case", "data-case-id": String(result.case.id),
        text: t("caseLine", [result.case.id, (result.evidence || []).length]) }));
    }
    return out;
  }

  function renderDraft(d) {
    const copyBtn = el("button", { class: "ghost", type: "button", testid: `rc-copy-${d.kind}`, text: t("copy") });
    copyBtn.addEventListener("click", async () => {
      const ok = await copyText(d.text);
      copyBtn.textContent = ok ? t("copied") : t("copyFailed");
    });
    const lint = d.lint && d.lint.length
      ? el("ul", { class: "lint", testid: `rc-lint-${d.kind}` }, d.lint.map((l) => el("li", { text: `${l.severity || "warn"}: ${l.message || l.code}` })))
      : el("div", { class: "lint clean", testid: `rc-lint-${d.kind}`, text: `${t("labelLint")}: ${t("lintClean")}` });
    return el("div", { class: "draft", testid: `rc-draft-${d.kind}` }, [
      el("div", { class: "draft-head" }, [el("span", { class: "draft-kind", text: t(DRAFT_KIND_KEY[d.kind] || d.kind) }), copyBtn]),
      el("div", { class: "draft-text", testid: `rc-draft-text-${d.kind}`, text: d.text }),
      lint,
    ]);
  }

  RC.panel = { create: createPanel };
})();
