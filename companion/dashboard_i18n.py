"""The dashboard's words in the seller's language: zh (简体中文) and en, chosen from the browser's
Accept-Language (`?lang=zh|en` overrides it for one page); platforms named as sellers call them."""

from __future__ import annotations

from flask import request

LANGS = ("zh", "en")
DEFAULT = "zh"

PLATFORMS = {"douyin": "抖店", "taobao": "千牛", "tiktok": "TikTok Shop"}

TYPES = {
    "zh": {"product_quality": "产品质量", "logistics": "物流", "service_attitude": "客服态度", "description_mismatch": "描述不符",
           "after_sales": "售后", "price": "价格", "malicious_or_unfounded": "恶意/无理由", "other": "其他"},
    "en": {"product_quality": "Product quality", "logistics": "Logistics", "service_attitude": "Service attitude",
           "description_mismatch": "Not as described", "after_sales": "After-sales", "price": "Price",
           "malicious_or_unfounded": "Malicious or unfounded", "other": "Other"},
}

STATUSES = {
    "zh": {"open": "待处理", "replied": "已公开回复", "contacted": "已私信买家", "appealed": "已申诉", "resolved": "已解决", "closed": "已关闭"},
    "en": {"open": "Open", "replied": "Replied publicly", "contacted": "Messaged buyer", "appealed": "Appealed",
           "resolved": "Resolved", "closed": "Closed"},
}

# One-click actions on a queue row: the status each button sets.
ACTIONS = {
    "zh": {"open": "重新打开", "replied": "已回复", "contacted": "已私信", "appealed": "已申诉", "resolved": "已解决", "closed": "关闭"},
    "en": {"open": "Reopen", "replied": "Replied", "contacted": "Messaged", "appealed": "Appealed", "resolved": "Resolved",
           "closed": "Close"},
}

URGENCY = {
    "zh": {"overdue": "回复已超时", "escalation": "升级风险", "appeal_closing": "申诉期将截止", "due": "待回复", "none": ""},
    "en": {"overdue": "Reply overdue", "escalation": "Escalation risk", "appeal_closing": "Appeal window closing",
           "due": "Reply due", "none": ""},
}

T = {
    "zh": {
        "title": "差评卫士 · 工作台", "local": "本地助手", "queue": "工作队列", "queue_hint": "未结案件，按紧急程度排序：回复超时、升级风险、申诉期将截止、待回复。",
        "overdue": "回复已超时", "due_today": "今日待回复", "escalation": "未解决的升级风险", "appeal_closing": "3 天内申诉截止",
        "appeals": "申诉", "pending": "审核中", "accepted": "已通过", "rejected": "被驳回", "won": "通过率",
        "search": "搜索", "search_placeholder": "订单号、买家昵称、商品、评价内容…", "all": "全部", "platform": "平台", "shop": "店铺",
        "status": "状态", "type": "类型", "from": "起始日期", "to": "截止日期", "escalation_only": "仅升级风险", "clear": "清除",
        "results": "搜索结果", "no_results": "没有符合条件的案件。", "case": "案件", "rating": "评分", "review": "评价",
        "order": "订单", "buyer": "买家", "reply_due": "回复截止", "appeal_by": "申诉截止", "evidence": "证据", "actions": "标记为",
        "empty": "还没有案件。用扩展打开评价页面，点击「留存」。", "queue_empty": "没有待处理的案件。", "days_left": "剩 {n} 天",
        "expired": "已过期", "risk": "升级风险", "status_saved": "案件 #{id} 已标记为「{status}」。",
        "status_refused": "案件 #{id} 已结案，不能直接标记为「{status}」：请先点「重新打开」。", "more": "仅显示前 {n} 条。",
        "dates_note": "日期按案件创建日筛选。", "lang_switch": "English",
        "signin_needed": "请从浏览器工具栏的差评卫士图标打开工作台（点击图标 → 打开工作台）。登录链接只能使用一次，1 分钟内有效。",
    },
    "en": {
        "title": "Review Guard · Workspace", "local": "local companion", "queue": "Work queue",
        "queue_hint": "Open cases, most urgent first: reply overdue, escalation risk, appeal window closing, reply due.",
        "overdue": "Replies overdue", "due_today": "Due today", "escalation": "Unresolved escalation risks",
        "appeal_closing": "Appeal windows closing in 3 days", "appeals": "Appeals", "pending": "pending", "accepted": "accepted",
        "rejected": "rejected", "won": "won", "search": "Search", "search_placeholder": "Order id, buyer nickname, product, review text…",
        "all": "All", "platform": "Platform", "shop": "Shop", "status": "Status", "type": "Type", "from": "From", "to": "To",
        "escalation_only": "Escalation risks only", "clear": "Clear", "results": "Search results", "no_results": "No case matches.",
        "case": "Case", "rating": "Rating", "review": "Review", "order": "Order", "buyer": "Buyer", "reply_due": "Reply due",
        "appeal_by": "Appeal by", "evidence": "Evidence", "actions": "Mark as",
        "empty": "No cases yet. Open a review page with the extension and click Capture.", "queue_empty": "Nothing open.",
        "days_left": "{n} d left", "expired": "expired", "risk": "escalation risk", "status_saved": "Case #{id} marked “{status}”.",
        "status_refused": "Case #{id} is finished and cannot be marked “{status}” as it is: Reopen it first.",
        "more": "Showing the first {n}.", "dates_note": "Dates filter on the day the case was created.", "lang_switch": "中文",
        "signin_needed": "Open the dashboard from the Review Guard button in the browser's toolbar (click it → Open dashboard). "
                         "A sign-in link works once, within a minute.",
    },
}


def pick_lang() -> str:
    """`?lang=` if it is zh or en, else the browser's Accept-Language (zh-CN, zh-TW, zh → zh), else zh."""
    asked = (request.args.get("lang") or "").lower()
    if asked in LANGS:
        return asked
    best = request.accept_languages.best_match(["zh", "zh-CN", "zh-TW", "zh-HK", "en", "en-US", "en-GB"])
    if best:
        return "zh" if best.lower().startswith("zh") else "en"
    return DEFAULT


def words(lang: str) -> dict:
    return {"t": T[lang], "types": TYPES[lang], "statuses": STATUSES[lang], "actions": ACTIONS[lang],
            "urgency": URGENCY[lang], "platforms": PLATFORMS, "lang": lang}
