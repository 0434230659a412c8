"""Upload-ready appeal package for one case: `GET /api/v1/cases/<id>/appeal-package.zip?lang=zh|en`.

What a seller drags into the platform's appeal form, and nothing else:
- the case's screenshots, one per captured page (newest first within a page kind), named in the
  seller's language for what each shows (评价截图.png, 订单详情.png, 聊天记录-1.png, 物流轨迹.png,
  售后记录.png / review-screenshot.png, order-details.png, chat-1.png, tracking.png, after-sales.png),
  at most the platform's number of files, each in one of its formats and under its size limit
  (companion/rules/<platform>.json `evidence_max_files`, `evidence_max_file_mb`,
  `evidence_image_formats`; `evidence.json` `package_defaults` where a platform's is unknown). An image
  over the limit is re-encoded (JPEG) and, if need be, scaled down with Pillow; the stored evidence
  is never touched — the report names both hashes.
- a printable PDF report (reportlab, CID font STSong-Light: Chinese without any font file): the case,
  the review, the advice, the images in this package with their SHA-256, every captured evidence file
  with capture time and SHA-256, and the timeline sorted in the platform's time zone.
The full archive (every file as stored, MHTML, manifest with the hash chain) stays export.zip.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from sqlite_utils import Database

from ..caselog import report_line
from ..drafting.rules import is_verified, load_rules, rule_source, shared_rules, shared_source
from ..evidence import sha256_hex
from ..models import TYPE_LABELS
from ..timeline import case_region, fmt, timeline_rows
from .views import case_result

LANGS = ("zh", "en")
# Page kind → (zh name, en name, what it shows); the order is the order of the files in the package.
IMAGE_NAMES = {
    "review": ("评价截图", "review-screenshot", "评价页截图", "Review as shown on the review page"),
    "order": ("订单详情", "order-details", "订单详情页截图", "Order detail page"),
    "chat": ("聊天记录", "chat", "聊天记录截图", "Chat with the buyer"),
    "logistics": ("物流轨迹", "tracking", "物流轨迹截图", "Logistics tracking"),
    "after_sales": ("售后记录", "after-sales", "售后记录截图", "After-sales record"),
}
VERDICTS = {"recommended": ("建议申诉", "Worth appealing"), "not_recommended": ("暂不建议申诉", "Not worth appealing now"),
            "expired": ("申诉期已过", "Appeal window expired")}
REPORT_NAME = {"zh": "申诉材料报告.pdf", "en": "appeal-report.pdf"}
PIL_FORMATS = {"PNG": "png", "JPEG": "jpg"}
# A screenshot is never this large (12,000 px × a wide window); anything bigger is not opened.
MAX_PIXELS = 80_000_000


def package_limits(platform: str, region: str | None) -> dict:
    """`{max_files, max_file_mb, formats, verified, source}` for the platform (defaults where unknown)."""
    rules = load_rules(platform, region)
    defaults = shared_rules("evidence").get("package_defaults") or {"max_files": 6, "max_file_mb": 5, "formats": ["png", "jpg"]}
    out = {"verified": True, "sources": []}
    for key, rule_key in (("max_files", "evidence_max_files"), ("max_file_mb", "evidence_max_file_mb"), ("formats", "evidence_image_formats")):
        value = rules.get(rule_key)
        if value in (None, [], ""):
            out[key] = defaults[key]
            out["verified"] = False
            out["sources"].append(f"{rule_key}: {shared_source('evidence', 'package_defaults')}")
        else:
            out[key] = value
            out["verified"] = out["verified"] and is_verified(platform, rule_key, region)
            out["sources"].append(f"{rule_key}: {rule_source(platform, rule_key, region)}")
    out["formats"] = [f.lower().replace("jpeg", "jpg") for f in out["formats"]]
    out["max_bytes"] = int(float(out["max_file_mb"]) * 1024 * 1024)
    return out


def fit_image(data: bytes, formats: list[str], max_bytes: int) -> tuple[bytes, str, str | None]:
    """The image in an allowed format under `max_bytes`: `(bytes, ext, note)`; note says what was done.

    Unchanged when it already fits; else re-encoded as JPEG (quality 90 → 60), then scaled down by
    steps of 0.8. Raises ValueError when it cannot be read or made to fit.
    """
    from PIL import Image

    try:
        img = Image.open(io.BytesIO(data))
        if img.width * img.height > MAX_PIXELS:
            raise ValueError(f"image too large to open ({img.width}×{img.height})")
        fmt_ = PIL_FORMATS.get(img.format or "")
        if fmt_ in formats and len(data) <= max_bytes:
            return data, fmt_, None
        img.load()
    except ValueError:
        raise
    except Exception as exc:  # Pillow raises many kinds (UnidentifiedImageError, DecompressionBombError, OSError)
        raise ValueError(f"not a readable image ({type(exc).__name__})") from None
    original = f"{img.format or '?'} {img.width}×{img.height}, {len(data) / 1048576:.1f} MB"
    target = "jpg" if "jpg" in formats else "png" if "png" in formats else None
    if target is None:
        raise ValueError(f"the platform accepts none of the formats we can write ({', '.join(formats)})")
    rgb = img.convert("RGB")
    scale = 1.0
    while True:
        frame = rgb if scale == 1.0 else rgb.resize((max(1, int(rgb.width * scale)), max(1, int(rgb.height * scale))), Image.LANCZOS)
        for quality in ((90, 80, 70, 60) if target == "jpg" else (None,)):
            buf = io.BytesIO()
            if target == "jpg":
                frame.save(buf, "JPEG", quality=quality, optimize=True)
            else:
                frame.save(buf, "PNG", optimize=True)
            if buf.tell() <= max_bytes:
                how = f"{target.upper()}" + (f" quality {quality}" if quality else "") + (f", scaled to {frame.width}×{frame.height}" if scale != 1.0 else "")
                return buf.getvalue(), target, f"re-encoded from {original} to {how}, {buf.tell() / 1048576:.1f} MB"
        scale *= 0.8
        if rgb.width * scale < 320:
            raise ValueError(f"cannot bring {original} under {max_bytes / 1048576:.0f} MB")


def default_lang(result: dict) -> str:
    cls = result.get("classification") or {}
    lang = str(cls.get("lang") or "")
    if lang.startswith("zh"):
        return "zh"
    if lang:
        return "en"
    return "en" if result["case"]["platform"] == "tiktok" else "zh"


def choose_images(db: Database, case_id: int) -> list[dict]:
    """Screenshot rows to offer, in package order: page kinds as IMAGE_NAMES; per page URL the newest
    screenshot; within a kind in the order the pages were captured (聊天记录-1 before 聊天记录-2)."""
    rows = list(db.query(
        "select e.*, c.page_kind, c.page_url, c.record_json from evidence e join captures c on c.capture_id = e.capture_id "
        "where e.case_id = ? and e.kind = 'screenshot' order by e.id desc", [case_id]))
    out = []
    for kind in IMAGE_NAMES:
        urls, picked = set(), []
        for r in rows:
            if r["page_kind"] != kind or r["page_url"] in urls:
                continue
            urls.add(r["page_url"])
            picked.append(r)
        out += sorted(picked, key=lambda r: r["id"])
    return out


def shot_note(record_json: str | None, zh: bool) -> str | None:
    """What the report says about how a screenshot was taken (Capture.screenshot): stitched, truncated."""
    import json

    try:
        info = (json.loads(record_json or "{}") or {}).get("screenshot") or {}
    except ValueError:
        return None
    parts = []
    if info.get("mode") in ("document", "element") and (info.get("slices") or 1) > 1:
        parts.append(f"整页截图（{info['slices']} 屏拼接）" if zh else f"whole page, stitched from {info['slices']} screens")
    if info.get("truncated"):
        shown, full = info.get("height_px"), info.get("page_height_px")
        parts.append(f"已截断：显示 {shown} / {full} 像素" if zh else f"truncated: {shown} of {full} px shown")
    if info.get("sticky_elements"):
        parts.append("页面吸顶元素可能在每屏重复" if zh else "sticky page headers may repeat per screen")
    return ("；" if zh else "; ").join(parts) or None


def appeal_package(db: Database, data_dir: Path, case_id: int, lang: str | None = None) -> tuple[bytes, str, dict]:
    """Build the zip in memory: `(bytes, file name, summary)`; summary lists what is in it and what was left out."""
    result = case_result(db, case_id)
    case = result["case"]
    lang = lang or default_lang(result)
    region = case_region(db, case_id)
    limits = package_limits(case["platform"], region)
    zh = lang == "zh"
    candidates = choose_images(db, case_id)
    per_kind: dict[str, int] = {}
    for r in candidates:
        per_kind[r["page_kind"]] = per_kind.get(r["page_kind"], 0) + 1
    images, skipped = [], []
    seen_kind: dict[str, int] = {}
    for r in candidates:
        seen_kind[r["page_kind"]] = seen_kind.get(r["page_kind"], 0) + 1
        zh_name, en_name, what_zh, what_en = IMAGE_NAMES[r["page_kind"]]
        base = zh_name if zh else en_name
        if per_kind[r["page_kind"]] > 1:
            base += f"-{seen_kind[r['page_kind']]}"
        if len(images) >= limits["max_files"]:
            skipped.append({"evidence_id": r["id"], "name": base, "why": f"limit of {limits['max_files']} images"})
            continue
        path = Path(data_dir) / r["path"]
        if not path.exists():
            skipped.append({"evidence_id": r["id"], "name": base, "why": "file missing from the data directory"})
            continue
        try:
            data, ext, note = fit_image(path.read_bytes(), limits["formats"], limits["max_bytes"])
        except ValueError as exc:
            skipped.append({"evidence_id": r["id"], "name": base, "why": str(exc)})
            continue
        images.append({"file": f"{base}.{ext}", "data": data, "sha256": sha256_hex(data), "size": len(data), "note": note,
                       "shot": shot_note(r.get("record_json"), zh),
                       "what": what_zh if zh else what_en, "evidence_id": r["id"], "evidence_sha256": r["sha256"],
                       "captured_at": r["captured_at"], "page_url": r["page_url"]})
    pdf = report_pdf(db, result, images, skipped, limits, lang)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for im in images:
            zf.writestr(im["file"], im["data"], compress_type=zipfile.ZIP_STORED)  # images are compressed already
        zf.writestr(REPORT_NAME[lang], pdf)
    order = case["order_id"] or case["review_id"] or str(case_id)
    name = (f"申诉材料-{case['platform']}-{order}.zip" if zh else f"appeal-package-{case['platform']}-{order}.zip")
    summary = {"images": [{k: v for k, v in im.items() if k != "data"} for im in images], "skipped": skipped,
               "limits": limits, "report": REPORT_NAME[lang]}
    return buf.getvalue(), name, summary


# ----------------------------------------------------------------------------------------- PDF

_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _p(text, style):
    """A paragraph of untrusted text: escaped (reportlab parses markup), control characters dropped, newlines kept."""
    from reportlab.platypus import Paragraph

    safe = escape(_CTRL.sub("", "" if text is None else str(text))).replace("\n", "<br/>")
    return Paragraph(safe, style)


def report_pdf(db: Database, result: dict, images: list[dict], skipped: list[dict], limits: dict, lang: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    zh = lang == "zh"
    base = ParagraphStyle("rg", fontName=font, fontSize=9, leading=12.5, wordWrap="CJK")
    small = ParagraphStyle("rg-small", parent=base, fontSize=7.5, leading=10)
    h1 = ParagraphStyle("rg-h1", parent=base, fontSize=15, leading=20, spaceAfter=6)
    h2 = ParagraphStyle("rg-h2", parent=base, fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=4)
    T = (lambda z, e: z if zh else e)  # noqa: E731

    case = result["case"]
    rows, tz = timeline_rows(db, result, lang)

    def when(value) -> str:
        from ..timeline import _when

        dt = _when(value, tz)
        return fmt(dt, tz) if dt else ("" if value is None else str(value))

    def table(data, widths, head=True):
        t = Table([[c if not isinstance(c, str) else _p(c, small) for c in row] for row in data], colWidths=widths, repeatRows=1 if head else 0)
        style = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#c8ccd2")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        if head:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")))
        t.setStyle(TableStyle(style))
        return t

    story = [_p(T(f"申诉材料报告 · 案件 #{case['id']}", f"Appeal evidence report · case #{case['id']}"), h1)]
    review = result.get("review") or {}
    cls = result.get("classification") or {}
    advice = result.get("advice") or {}
    facts = [
        (T("平台", "Platform"), case["platform"] + (f" ({case_region(db, case['id'])})" if case_region(db, case["id"]) else "")),
        (T("店铺", "Shop"), case.get("shop_name") or case.get("shop_id") or "—"),
        (T("订单编号", "Order id"), case.get("order_id") or "—"),
        (T("评价编号", "Review id"), case.get("review_id") or "—"),
        (T("案件状态", "Case status"), case.get("status") or "—"),
        (T("投诉类型", "Complaint type"), TYPE_LABELS.get(case.get("primary") or cls.get("primary"), case.get("primary") or cls.get("primary") or "—")),
        (T("生成时间", "Generated"), fmt(datetime.now(timezone.utc), tz)),
    ]
    story.append(table([[k, v] for k, v in facts], [35 * mm, 135 * mm], head=False))

    story.append(_p(T("评价", "Review"), h2))
    rv = [
        (T("买家", "Buyer"), review.get("buyer_nick") or "—"),
        (T("评分", "Rating"), f"{review.get('rating') or '—'}"),
        (T("评价时间", "Posted"), when(review.get("review_time")) or "—"),
        (T("评价内容", "Text"), review.get("text") or "—"),
    ]
    if review.get("follow_up_text"):
        rv.append((T("追评", "Follow-up"), f"{when(review.get('follow_up_time'))} {review['follow_up_text']}".strip()))
    if review.get("seller_reply"):
        rv.append((T("商家回复", "Seller reply"), review["seller_reply"]))
    story.append(table([[k, v] for k, v in rv], [35 * mm, 135 * mm], head=False))

    if advice:
        story.append(_p(T("申诉建议", "Appeal advice"), h2))
        label = advice.get("reason_label") or advice.get("reason_code") or ""
        verdict = VERDICTS.get(advice.get("verdict") or ("recommended" if advice.get("worth_appealing") else "not_recommended"), ("", ""))
        story.append(_p(f"{T(*verdict)}{' · ' + label if label and advice.get('worth_appealing') else ''}\n{advice.get('why') or ''}", base))

    story.append(_p(T("本包中的图片（可直接上传）", "Images in this package (ready to upload)"), h2))
    lim = T(f"平台限制：最多 {limits['max_files']} 张，每张 ≤ {limits['max_file_mb']} MB，格式 {'/'.join(limits['formats']).upper()}",
            f"Platform limits: up to {limits['max_files']} images of ≤ {limits['max_file_mb']} MB, {'/'.join(limits['formats']).upper()}")
    if not limits["verified"]:
        lim += T("（部分限制未经核实，以平台页面为准）", " (some limits unverified: the platform's form decides)")
    story.append(_p(lim, small))
    data = [[T("文件", "File"), T("内容", "Shows"), T("采集时间", "Captured"), "SHA-256", T("说明", "Note")]]
    for im in images:
        note = im["note"] or T("原样（与存档一致）", "as captured (identical to the archive)")
        if im.get("shot"):
            note = f"{im['shot']}{T('；', '; ')}{note}"
        if im["note"]:
            note += T(f"；原始证据 #{im['evidence_id']} SHA-256 {im['evidence_sha256']}", f"; original evidence #{im['evidence_id']} SHA-256 {im['evidence_sha256']}")
        data.append([im["file"], f"{im['what']}\n{im['page_url'] or ''}", when(im["captured_at"]), im["sha256"], note])
    if len(data) == 1:
        data.append([T("（无截图）", "(no screenshots)"), "", "", "", ""])
    story.append(table(data, [28 * mm, 40 * mm, 27 * mm, 40 * mm, 35 * mm]))
    for s in skipped:
        story.append(_p(T(f"未放入：{s['name']}（证据 #{s['evidence_id']}）— {s['why']}", f"Left out: {s['name']} (evidence #{s['evidence_id']}) — {s['why']}"), small))

    story.append(_p(T("全部已采集证据（完整存档见 export.zip）", "Every captured evidence file (the full archive is export.zip)"), h2))
    data = [["#", T("类型", "Kind"), T("版本", "Ver."), T("采集时间", "Captured"), T("大小", "Size"), "SHA-256", T("来源", "Source")]]
    for e in result.get("evidence") or []:
        data.append([str(e["id"]), e["kind"], str(e["version"]), when(e["captured_at"]), f"{e['size']:,}", e["sha256"], e.get("source_url") or ""])
    story.append(table(data, [9 * mm, 18 * mm, 10 * mm, 27 * mm, 16 * mm, 45 * mm, 45 * mm]))

    story.append(_p(T("时间线（平台时区，按时间排序）", "Timeline (platform time zone, in time order)"), h2))
    data = [[T("时间", "Time"), T("事件", "Event")]] + [[t, what] for t, what in rows]
    if len(data) == 1:
        data.append(["—", "—"])
    story.append(table(data, [38 * mm, 132 * mm]))
    story.append(Spacer(1, 6))
    story.append(_p(T("图片文件的 SHA-256 为本包中文件的哈希；原样文件与存档证据相同。review-companion verify 可校验存档。",
                      "SHA-256 of each image is of the file in this package; files marked 'as captured' are identical to the archived evidence. "
                      "`review-companion verify` checks the archive."), small))
    story.append(_p(report_line(db, case["id"], zh), small))  # the case tamper log's head (issue 12)

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"Review Guard case {case['id']}", author="Review Guard")
    doc.build(story)
    return buf.getvalue()
