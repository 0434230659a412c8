"""The dashboard's case page (`GET /cases/<id>`, routed in companion/dashboard.py): one language (the
browser's, `?lang=` overrides), the full timeline and the evidence re-verified on every view
(companion/case_view.py); screenshots shown inline from `/cases/<id>/evidence/<eid>` (same session)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template

WORDS = {
    "zh": {
        "case": "案件", "order": "订单", "status": "状态", "reply_due": "回复截止", "risk": "升级风险", "review": "评价",
        "follow_up": "追评", "classification": "分类", "reasons": "依据", "advice": "申诉建议", "worth": "建议申诉",
        "not_worth": "不建议申诉", "expired": "申诉期已过", "reason": "申诉理由", "deadline": "申诉截止",
        "expired_on": "已于 {d} 截止", "days_left": "剩 {n} 天", "checklist": "证据清单", "by_hand": "手动补充：",
        "drafts": "草稿", "timeline": "完整时间线", "zone": "时间为卖家中心所在时区（{z}），按时间排序。",
        "no_timeline": "暂无记录。", "evidence": "证据", "package": "申诉材料包（图片已按平台格式和大小处理，含 PDF 报告）：",
        "package_zh": "下载中文版", "package_en": "下载英文版",
        "archive": "完整存档（所有文件、MHTML、清单、时间线）：", "archive_link": "下载证据包（.zip）",
        "kind": "类型", "version": "版本", "size": "大小", "captured": "采集时间", "source": "来源", "integrity": "校验",
        "ok": "✓ 与采集时一致", "bad": "✗ 文件已被改动", "missing": "✗ 文件缺失",
        "verify_note": "每次打开本页都会重新计算文件的 SHA-256，并与采集时记录的值比对。",
        "recorded": "采集时记录", "now": "现在计算", "open": "打开原文件", "no_evidence": "暂无证据。",
        "back": "← 返回工作台", "lang_switch": "English", "title": "案件 {id}",
        "draft_lint": "提示", "copied_sha": "SHA-256",
    },
    "en": {
        "case": "Case", "order": "order", "status": "Status", "reply_due": "Reply due", "risk": "escalation risk",
        "review": "Review", "follow_up": "Follow-up", "classification": "Classification", "reasons": "Why",
        "advice": "Appeal advice", "worth": "Worth appealing", "not_worth": "Not worth appealing",
        "expired": "Appeal window expired", "reason": "reason", "deadline": "Appeal deadline", "expired_on": "expired on {d}",
        "days_left": "{n} days left", "checklist": "Evidence checklist", "by_hand": "Add by hand: ", "drafts": "Drafts",
        "timeline": "Full timeline", "zone": "Times in the seller center's time zone ({z}), in order.",
        "no_timeline": "Nothing recorded yet.", "evidence": "Evidence",
        "package": "Upload-ready appeal package (images in the platform's format and limits + PDF report):",
        "package_zh": "Chinese", "package_en": "English",
        "archive": "Full archive (every file, MHTML, manifest, timeline):", "archive_link": "download the evidence package (.zip)",
        "kind": "Kind", "version": "Version", "size": "Size", "captured": "Captured", "source": "Source", "integrity": "Check",
        "ok": "✓ matches the capture", "bad": "✗ file changed", "missing": "✗ file missing",
        "verify_note": "Every time this page opens, each file's SHA-256 is computed again and compared with the one recorded at capture.",
        "recorded": "recorded", "now": "now", "open": "open the file", "no_evidence": "No evidence yet.",
        "back": "← Back to the workspace", "lang_switch": "中文", "title": "Case {id}",
        "draft_lint": "note", "copied_sha": "SHA-256",
    },
}


def render_case_page(db, case_id: int):
    """The case page response (404 page for an unknown case, as before)."""
    from flask import abort

    from .analytics import reason_label
    from .case_view import DRAFT_KINDS, EVIDENCE_KINDS, timeline, verify_evidence, zone_label
    from .dashboard_i18n import pick_lang, words
    from .services.views import case_result
    from .store import cases as store

    if store.get_case(db, case_id) is None:
        abort(404)
    lang = pick_lang()
    w = words(lang)
    c = case_result(db, case_id)
    entries, tz = timeline(db, c, lang, w["statuses"], reason_label)
    evidence = verify_evidence(Path(current_app.config["DATA_DIR"]), store.evidence_rows(db, case_id))
    appeal_reason = {a["id"]: reason_label(c["case"]["platform"], a["reason_code"], lang) for a in c["appeals"]}
    return render_template("case.html", c=c, w=w, t=w["t"], lang=lang, cw=WORDS[lang], timeline=entries, zone=zone_label(tz),
                           evidence=evidence, evidence_kinds=EVIDENCE_KINDS[lang], draft_kinds=DRAFT_KINDS[lang],
                           appeal_reason=appeal_reason)
