"""The dashboard's case page, Flask-free: the full timeline in one language and the evidence re-verified.

Timeline (time order, in the seller center's zone with the offset said; companion/timeline.py prints
the same facts as one-line text for the export): the order's times, the review and its follow-up, every
capture (with its tracking, chat and after-sales rows), drafts copied, status changes (a reply sent is
the change to 已公开回复 / replied), a seller reply seen on the page, appeals submitted (reason as the
platform names it, the statement) and the platform's result (the rejection text as recorded).

Evidence: every file is hashed again when the page is built and compared with the SHA-256 recorded at
capture: `verified` True (✓), False (✗, the file changed on disk) or None (the file is missing).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone, tzinfo
from pathlib import Path

from sqlite_utils import Database

from .timeline import ORDER_LABELS, PAGE_LABELS, SENDER_LABELS, _when, case_region, fmt

EVIDENCE_KINDS = {
    "zh": {"screenshot": "截图", "mhtml": "网页存档（MHTML）", "html": "网页", "image": "图片", "json": "数据"},
    "en": {"screenshot": "screenshot", "mhtml": "page archive (MHTML)", "html": "web page", "image": "image", "json": "data"},
}

DRAFT_KINDS = {
    "zh": {"public_reply": "公开回复", "private_message": "私信", "appeal_statement": "申诉说明",
           "review_update_request": "询问更新评价"},
    "en": {"public_reply": "public reply", "private_message": "private message", "appeal_statement": "appeal statement",
           "review_update_request": "review update request"},
}
OUTCOMES = {"zh": {"pending": "审核中", "accepted": "已通过", "rejected": "被驳回"},
            "en": {"pending": "pending", "accepted": "accepted", "rejected": "rejected"}}
INLINE_IMAGES = ("image/png", "image/jpeg", "image/webp")


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256 (streamed), or None when it is missing or unreadable."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def verify_evidence(data_dir: Path, rows: list[dict]) -> list[dict]:
    """Each evidence item with `actual_sha256` (hashed now) and `verified` (True / False / None = missing),
    `inline` True for a screenshot or image the page may show."""
    out = []
    for row in rows:
        actual = file_sha256(Path(data_dir) / row["path"]) if row.get("path") else None
        media = (row.get("media_type") or "").split(";")[0].strip().lower()
        out.append({**row, "actual_sha256": actual, "verified": None if actual is None else actual == row["sha256"],
                    "inline": media in INLINE_IMAGES and row["kind"] in ("screenshot", "image")})
    return out


def timeline(db: Database, result: dict, lang: str, statuses: dict, reason_label) -> tuple[list[dict], tzinfo]:
    """`([entry, …], zone)`: entries `{at, time, kind, title, detail, code}` sorted, unknown times last."""
    from .services.deadlines import platform_tz

    zh = lang == "zh"
    case = result["case"]
    platform = case["platform"]
    tz = platform_tz(platform, case_region(db, case["id"]))
    L = (lambda pair: pair[0] if zh else pair[1])  # noqa: E731
    entries: list[dict] = []

    def add(value, kind: str, title: str, detail: str | None = None, code: str | None = None) -> None:
        if value in (None, ""):
            return
        at = _when(value, tz)
        entries.append({"at": at, "time": fmt(at, tz) if at else str(value), "kind": kind, "title": title,
                        "detail": detail or None, "code": code})

    order = result.get("order") or {}
    for key, pair in ORDER_LABELS.items():
        add(order.get(key), "order", L(pair))
    review = result.get("review") or {}
    stars = review.get("rating") or "?"
    add(review.get("review_time"), "review", f"买家评价（{stars}★）" if zh else f"Review posted ({stars}★)", review.get("text"))
    add(review.get("follow_up_time"), "review", "追评" if zh else "Follow-up review", review.get("follow_up_text"))
    evidence_by_capture: dict[str, list[str]] = {}
    for e in result.get("evidence") or []:
        evidence_by_capture.setdefault(e["capture_id"], []).append(e["kind"])
    seen_tracking: set[tuple] = set()
    for cap in db.query("select capture_id, page_kind, page_url, captured_at, record_json from captures where case_id = ?"
                        " order by received_at", [case["id"]]):
        page = L(PAGE_LABELS.get(cap["page_kind"], (cap["page_kind"],) * 2))
        names = EVIDENCE_KINDS["zh" if zh else "en"]
        kinds = ("、" if zh else ", ").join(names.get(k, k) for k in evidence_by_capture.get(cap["capture_id"], []))
        add(cap["captured_at"], "capture", (f"采集{page}" if zh else f"Captured the {page}") + (f"（{kinds}）" if kinds and zh else f" ({kinds})" if kinds else ""),
            cap["page_url"])
        try:
            rec = (json.loads(cap["record_json"] or "null") or {}).get("record") or {}
        except (ValueError, AttributeError):
            rec = {}
        for ev in rec.get("tracking_events") or []:
            key = (ev.get("time"), ev.get("text"))
            if key not in seen_tracking:
                seen_tracking.add(key)
                add(ev.get("time"), "fact", "物流" if zh else "Tracking", (ev.get("text") or "") + (f" · {ev['location']}" if ev.get("location") else ""))
        for m in rec.get("messages") or []:
            who = L(SENDER_LABELS.get(m.get("sender"), ("未知", "unknown")))
            add(m.get("time"), "fact", f"聊天 · {who}" if zh else f"Chat · {who}", m.get("text"))
        for ev in rec.get("timeline") or []:
            add(ev.get("time"), "fact", "售后" if zh else "After-sales", ev.get("text"))
    for ev in result.get("events") or []:
        if ev.get("kind") == "draft_copied":
            what = DRAFT_KINDS[lang].get(ev.get("draft_kind"), ev.get("draft_kind") or "")
            edited = ("（已修改）" if zh else " (edited)") if ev.get("edited") else ""
            add(ev.get("created_at"), "draft", (f"复制草稿：{what}{edited}" if zh else f"Draft copied: {what}{edited}"),
                ev.get("text"), ev.get("text_sha256"))
        elif ev.get("status") == "replied":
            add(ev.get("created_at"), "reply", "已公开回复（标记）" if zh else "Public reply sent (marked)")
        else:
            status = statuses.get(ev.get("status"), ev.get("status"))
            add(ev.get("created_at"), "status", f"状态 → {status}" if zh else f"Status → {status}")
    if review.get("seller_reply"):
        add(review.get("last_captured_at"), "reply", "页面上已有商家回复（采集时所见）" if zh else "Seller reply seen on the page (as captured)",
            review.get("seller_reply"))
    for ap in result.get("appeals") or []:
        reason = reason_label(platform, ap.get("reason_code"), lang)
        add(ap.get("submitted_at"), "appeal", f"提交申诉：{reason}" if zh else f"Appeal submitted: {reason}", ap.get("statement"))
        if ap.get("decided_at") and ap.get("outcome") in ("accepted", "rejected"):
            outcome = OUTCOMES[lang][ap["outcome"]]
            note = ap.get("note")
            title = f"平台结果：{outcome}" if zh else f"Platform result: {outcome}"
            if ap["outcome"] == "rejected" and note:
                title += "（驳回理由如下）" if zh else " (rejection text below)"
            add(ap.get("decided_at"), "result" if ap["outcome"] == "accepted" else "rejected", title, note)
    far = datetime.max.replace(tzinfo=timezone.utc)
    entries.sort(key=lambda e: (e["at"] is None, e["at"] or far))
    return entries, tz


def zone_label(tz: tzinfo) -> str:
    off = datetime.now(timezone.utc).astimezone(tz).strftime("%z")
    return f"UTC{off[:3]}:{off[3:]}"
