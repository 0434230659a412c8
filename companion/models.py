"""Pydantic v2 models: the single source of truth for what the extension and the companion exchange.

`scripts/export_schemas.py` turns these into the JSON Schemas in `shared-schemas/`; a test fails
when the two drift apart. Inbound models forbid unknown keys so a typo in the extension is a clear
422 instead of silently lost data. Every id is a string: Douyin/Taobao order ids have 19 digits and
TikTok's 18, both above JavaScript's 2**53.

Over 350 lines on purpose: this file is the contract. The JSON Schemas (shared-schemas/) and the
extension's contract file (extension/shared/contract.js) are generated from it, and a reader checks a
field against the other side in one place. Inbound models come first, then the response models, each
response field typed (sub-models such as `CaseReview`, `AppealAdvice`, `CaseHistory`) rather than a bare dict.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

Platform = Literal["douyin", "tiktok", "taobao"]
PLATFORMS: tuple[str, ...] = ("douyin", "tiktok", "taobao")

PageKind = Literal["review", "order", "chat", "logistics", "after_sales"]

ComplaintType = Literal[
    "product_quality",
    "logistics",
    "service_attitude",
    "description_mismatch",
    "after_sales",
    "price",
    "malicious_or_unfounded",
    "other",
]
COMPLAINT_TYPES: tuple[str, ...] = ComplaintType.__args__  # type: ignore[attr-defined]
# How the dashboard and the appeal report name each complaint type (Chinese first, then English).
TYPE_LABELS = {
    "product_quality": "产品质量 Product quality",
    "logistics": "物流 Logistics",
    "service_attitude": "客服态度 Service attitude",
    "description_mismatch": "描述不符 Not as described",
    "after_sales": "售后 After-sales",
    "price": "价格 Price",
    "malicious_or_unfounded": "恶意/无理由 Malicious or unfounded",
    "other": "其他 Other",
}

AppealFlag = Literal[
    "abusive_language",
    "privacy_leak",
    "irrelevant_to_product",
    "ad_or_spam",
    "extortion",
    "false_claim",
]
APPEAL_FLAGS: tuple[str, ...] = AppealFlag.__args__  # type: ignore[attr-defined]

Sentiment = Literal["negative", "neutral", "positive"]
Lang = Literal["zh", "en"]  # languages the drafts are written in
# Languages a review is recognised in: zh and en are classified fully; for the others (TikTok Shop
# Southeast Asia above all) the flags that do not depend on language — contact data, links, ID and
# phone numbers — and the sentiment from the rating. Anything else is recorded as "other".
ReviewLang = Literal["zh", "en", "ms", "id", "th", "vi", "tl", "ja", "ko", "es", "fr", "de", "pt", "it", "ru", "ar", "tr", "other"]
# A language tag as the caller gives it ("zh", "en", "ms", "zh-CN", "pt-BR"): never refused; an
# unknown or empty tag means "detect it from the text".
LangTag = Annotated[str, StringConstraints(max_length=35)]

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
ShortText = Annotated[str, StringConstraints(max_length=2000)]
Url = Annotated[str, StringConstraints(max_length=4096)]

# Every time the companion reads must lie in this window: a review row showing 9999-12-31 or 0001-01-01
# is refused with a 422 naming the field, instead of overflowing the deadline arithmetic (a 500 that a
# retrying client would send again forever).
EARLIEST_TIME = datetime(1990, 1, 1, tzinfo=timezone.utc)
LATEST_TIME = datetime(2100, 1, 1, tzinfo=timezone.utc)


def _in_window(dt: datetime) -> bool:
    aware = dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)
    try:
        return EARLIEST_TIME <= aware <= LATEST_TIME
    except OverflowError:  # an offset that pushes the instant past datetime's own range
        return False


def _bounded_datetime(value: datetime) -> datetime:
    if not _in_window(value):
        raise ValueError(f"time out of range (between {EARLIEST_TIME:%Y-%m-%d} and {LATEST_TIME:%Y-%m-%d})")
    return value


def _bounded_shown_time(value: str | None) -> str | None:
    """A time as the page shows it stays text; when it reads as a time, that time must be in the window."""
    if not value:
        return value
    from .drafting import parse_time

    try:
        dt = parse_time(value)
    except (OverflowError, OSError, ValueError):
        raise ValueError("time out of range") from None
    if dt is not None and not _in_window(dt):
        raise ValueError(f"time out of range (between {EARLIEST_TIME:%Y-%m-%d} and {LATEST_TIME:%Y-%m-%d})")
    return value


BoundedDatetime = Annotated[datetime, AfterValidator(_bounded_datetime)]
ShownTime = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_bounded_shown_time)]


class Inbound(BaseModel):
    """Base for everything the companion receives: unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


# --------------------------------------------------------------------------- classification input


class ClassifyRequest(BaseModel):
    """One review to classify (`POST /api/v1/classify`, one line of `review-companion classify`)."""

    model_config = ConfigDict(extra="allow")

    text: Annotated[str, StringConstraints(max_length=20000)] = Field(
        description="Review text as the buyer wrote it; may be empty."
    )
    rating: int | None = Field(default=None, ge=1, le=5, description="Overall stars, 1-5.")
    lang: LangTag | None = Field(default=None, description="Language tag (zh, en, ms, zh-CN…); detected from the text when absent or unknown.")
    platform: Platform | None = None


# --------------------------------------------------------------------------- capture payload


class Shop(Inbound):
    """The shop the seller was logged into; sellers run several shops."""

    id: Id | None = None
    name: ShortText | None = None


class FollowUp(Inbound):
    """A buyer's follow-up review (追评)."""

    text: Annotated[str, StringConstraints(max_length=20000)] = ""
    time: ShownTime | None = None


class Review(Inbound):
    """A review as the seller center shows it."""

    review_id: Id = Field(description="Platform review id, or a stable id derived by the adapter.")
    order_id: Id | None = Field(default=None, description="Sku-level order id, always a string.")
    product_id: Id | None = None
    product_title: ShortText | None = None
    sku: ShortText | None = None
    rating: int | None = Field(default=None, ge=1, le=5)
    sub_ratings: dict[Annotated[str, StringConstraints(max_length=100)], Annotated[int, Field(ge=0, le=100)]] = Field(
        default_factory=dict, max_length=50, description="e.g. product/logistics/service stars.")
    rating_label: ShortText | None = Field(default=None, description="好评/中评/差评 as shown.")
    text: Annotated[str, StringConstraints(max_length=20000)] = ""
    lang: LangTag | None = None
    buyer_nick: ShortText | None = Field(default=None, description="As shown (usually masked).")
    review_time: ShownTime | None = Field(default=None, description="As shown, e.g. 2026-11-20 14:03:11.")
    images: list[Url] = Field(default_factory=list)
    has_video: bool = False
    follow_up: FollowUp | None = None
    seller_reply: Annotated[str, StringConstraints(max_length=20000)] | None = None
    tags: list[ShortText] = Field(default_factory=list)


class OrderFacts(Inbound):
    """Order context: from the review row, or from the order/logistics/after-sales pages."""

    order_id: Id
    product_title: ShortText | None = None
    sku: ShortText | None = None
    price: ShortText | None = None
    status: ShortText | None = None
    order_time: ShownTime | None = None
    pay_time: ShownTime | None = None
    ship_time: ShownTime | None = None
    delivery_time: ShownTime | None = None
    sign_time: ShownTime | None = None
    tracking_no: ShortText | None = None
    carrier: ShortText | None = None


class ChatMessage(Inbound):
    """One chat line (飞鸽 / 旺旺 / TikTok IM) as shown, with its timestamp and sender."""

    time: ShownTime | None = None
    sender: Literal["buyer", "seller", "system", "unknown"] = "unknown"
    text: Annotated[str, StringConstraints(max_length=20000)] = ""


class TrackingEvent(Inbound):
    """One line of the logistics timeline."""

    time: ShownTime | None = None
    text: ShortText = ""
    location: ShortText | None = None


class TimelineEvent(Inbound):
    """One step of an after-sales/refund record."""

    time: ShownTime | None = None
    text: ShortText = ""


class ContextRecord(Inbound):
    """Structured record of a context page; which parts are filled depends on `page_kind`."""

    buyer_nick: ShortText | None = None
    messages: list[ChatMessage] = Field(default_factory=list, max_length=5000, description="page_kind=chat")
    tracking_no: ShortText | None = None
    carrier: ShortText | None = None
    tracking_events: list[TrackingEvent] = Field(default_factory=list, max_length=2000, description="page_kind=logistics")
    aftersale_id: Id | None = None
    aftersale_type: ShortText | None = Field(default=None, description="refund / return / exchange / 仅退款 / 退货退款 …")
    aftersale_status: ShortText | None = None
    aftersale_reason: ShortText | None = None
    refund_amount: ShortText | None = None
    timeline: list[TimelineEvent] = Field(default_factory=list, max_length=2000, description="page_kind=after_sales")


EvidenceKind = Literal["screenshot", "mhtml", "html", "image", "json"]


# Media types the companion stores (it serves them back in a Content-Type header, so nothing else:
# a CR/LF or a non-ASCII byte there would make the file unreadable forever).
MEDIA_TYPES: tuple[str, ...] = (
    "image/png", "image/jpeg", "image/webp", "image/gif",
    "multipart/related", "application/x-mimearchive", "message/rfc822",
    "text/html", "text/plain", "application/json", "application/pdf", "video/mp4",
)


def _allowed_media_type(value: str) -> str:
    base, _, params = value.partition(";")
    if base.strip().lower() not in MEDIA_TYPES:
        raise ValueError(f"media type must be one of {', '.join(MEDIA_TYPES)}")
    if params and not re.fullmatch(r"([ \t]*[A-Za-z0-9_.-]+=[A-Za-z0-9_.-]+[ \t]*;?)+", params):
        raise ValueError("media type parameters must be plain ASCII name=value pairs")
    return value.strip()


class EvidenceUpload(Inbound):
    """A file captured with the record. The companion names it by its SHA-256."""

    kind: EvidenceKind
    media_type: Annotated[str, StringConstraints(max_length=100), AfterValidator(_allowed_media_type)] = Field(
        description="e.g. image/png, multipart/related (MHTML); one of MEDIA_TYPES, optionally with ASCII parameters (charset=utf-8)."
    )
    data_base64: Annotated[str, StringConstraints(max_length=60_000_000)]
    source_url: Url | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="Optional: the extension's own hash; the upload is refused if it differs."
    )


class ScreenshotInfo(Inbound):
    """How the extension took a capture's screenshot (stored with the capture; the appeal report says it).

    `mode`: "viewport" (the visible window, review pages), "document" (the page scrolled and stitched) or
    "element" (the element that scrolls the content — a chat's message list — grown to its full height).
    `truncated`: the page was taller than the cap (the picture ends with a band saying so)."""

    mode: Literal["viewport", "document", "element"] = "viewport"
    slices: int = Field(default=1, ge=1, le=1000)
    truncated: bool = False
    panels_hidden: int = Field(default=0, ge=0, le=100_000, description="Review Guard elements hidden for the screenshot.")
    fixed_hidden: int = Field(default=0, ge=0, le=100_000, description="The page's fixed elements hidden after the first slice.")
    sticky_elements: int = Field(default=0, ge=0, le=100_000, description="Sticky elements on the page (they may repeat per slice).")
    width_px: int | None = Field(default=None, ge=0, le=1_000_000)
    height_px: int | None = Field(default=None, ge=0, le=1_000_000)
    page_height_px: int | None = Field(default=None, ge=0, le=100_000_000, description="The whole page's height at the same scale.")
    scale: float | None = Field(default=None, ge=0, le=100, description="Device pixels per CSS pixel.")
    downscaled: bool = False


class Capture(Inbound):
    """What one click on Capture sends (`POST /api/v1/captures`)."""

    schema_version: Literal[1] = SCHEMA_VERSION
    capture_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")] = Field(
        description="Client-made idempotency key: a retried capture is stored once."
    )
    platform: Platform
    page_kind: PageKind = "review"
    page_url: Url
    page_title: ShortText | None = None
    captured_at: BoundedDatetime = Field(description="When the seller clicked Capture (client clock).")
    region: Annotated[str, StringConstraints(max_length=8)] | None = Field(
        default=None, description="Shop region, e.g. US for TikTok Shop US."
    )
    shop: Shop | None = None
    review: Review | None = None
    order: OrderFacts | None = None
    record: ContextRecord | None = Field(
        default=None, description="Structured record of a context page (chat, logistics, after-sales)."
    )
    evidence: list[EvidenceUpload] = Field(default_factory=list, max_length=20)
    screenshot: ScreenshotInfo | None = Field(default=None, description="How the screenshot evidence was taken (stitched, truncated…).")
    extension_version: ShortText | None = None


class LookupRequest(Inbound):
    """`POST /api/v1/lookup`: which of these reviews/orders already have a case (panels after a reload)."""

    platform: Platform
    review_ids: list[Id] = Field(default_factory=list, max_length=500)
    order_ids: list[Id] = Field(default_factory=list, max_length=500)


DraftKind = Literal["public_reply", "private_message", "appeal_statement", "review_update_request"]


class LintRequest(Inbound):
    """`POST /api/v1/lint`: check a text the seller edited, with the same rules as the drafts."""

    text: Annotated[str, StringConstraints(max_length=10000)]
    kind: DraftKind
    platform: Platform
    region: Annotated[str, StringConstraints(max_length=8)] | None = None
    lang: Lang | None = Field(default=None, description="Language of the messages (and the draft); guessed from the text when absent.")
    case_id: int | None = Field(default=None, gt=0, le=2**63 - 1, description="When given, numbers in the text must come from this case's "
                                "captured facts (unsupported_fact), and its region applies when `region` is absent.")


class CaseEventRequest(Inbound):
    """`POST /api/v1/cases/<case_id>/events`: the seller did something with the case (the timeline)."""

    kind: Literal["draft_copied"]
    draft_kind: DraftKind
    text_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 (lower-case hex) of the UTF-8 text as copied.")
    text: Annotated[str, StringConstraints(max_length=10000)] | None = Field(
        default=None, description="The text as copied; when sent it must hash to text_sha256.")
    edited: bool | None = Field(default=None, description="The seller changed the draft before copying.")


CaseStatus = Literal["open", "replied", "contacted", "appealed", "resolved", "closed"]
CASE_STATUSES: tuple[str, ...] = CaseStatus.__args__  # type: ignore[attr-defined]
# A case whose public reply is done (replied, or past it).
DONE_STATUSES: tuple[str, ...] = ("replied", "resolved", "closed")


class CaseStatusUpdate(Inbound):
    """`PATCH /api/v1/cases/<case_id>`: the seller moved the case on (the panel's one-click buttons)."""

    status: CaseStatus


class CorrectionRequest(BaseModel):
    """`POST /api/v1/cases/<case_id>/corrections`: the seller's complaint type. Other keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    primary: ComplaintType


class AppealRequest(BaseModel):
    """`POST /api/v1/cases/<case_id>/appeals`: an appeal the seller submitted on the platform.

    Other keys are ignored, as they always were."""

    model_config = ConfigDict(extra="ignore")

    reason_code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    statement: Annotated[str, StringConstraints(min_length=1, max_length=20000, pattern=r"\S")]
    submitted_at: BoundedDatetime | None = Field(default=None, description="When it was submitted; default: now.")


class AppealDecision(BaseModel):
    """`PATCH /api/v1/appeals/<appeal_id>`: the platform's decision. Other keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    outcome: Literal["pending", "accepted", "rejected"]
    note: ShortText | None = None


# --------------------------------------------------------------------------- outbound


class Classification(BaseModel):
    """What the classifier says about one review."""

    primary: ComplaintType
    labels: list[ComplaintType] = Field(description="Every applicable type, primary first.")
    appeal_flags: list[AppealFlag] = Field(default_factory=list)
    sentiment: Sentiment
    escalation_risk: bool
    confidence: dict[str, float] = Field(
        default_factory=dict, description="0-1 per label, flag, 'sentiment' and 'escalation_risk'."
    )
    escalation_terms: list[str] = Field(default_factory=list)
    lang: ReviewLang
    evidence_needed: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list, description="Short human-readable why, for the panel.")
    alternatives: list[ComplaintType] = Field(
        default_factory=list, description="Types almost as likely as the primary: the panel asks 'A or B?'.")
    classifier_version: str = "rules-1"


class Draft(BaseModel):
    """One text the seller may send, with its compliance lint."""

    kind: Literal["public_reply", "private_message", "appeal_statement", "review_update_request"] = Field(
        description="review_update_request: the optional review-update ask, made only once the case is resolved and "
                    "only where the platform/region allows it; it never carries any benefit."
    )
    text: str
    lang: Lang
    max_chars: int | None = None
    variant: int = 0
    source: Literal["template", "model"] = Field(default="template", description="model = rewritten by the optional local model.")
    lint: list[dict] = Field(default_factory=list, description="[{code, severity, message}]; empty = clean.")


class EvidenceItem(BaseModel):
    """A stored evidence file: never modified after capture."""

    id: int
    case_id: int
    capture_id: str
    kind: str
    media_type: str
    sha256: str
    size: int
    source_url: str | None
    captured_at: str
    stored_at: str
    version: int
    url: str


class Case(BaseModel):
    """One dispute: a review plus everything captured for its order."""

    id: int
    platform: Platform
    order_id: str | None
    review_id: str | None
    shop_id: str | None
    status: str
    primary: str | None
    escalation_risk: bool
    created_at: str
    updated_at: str
    reply_due_at: str | None = Field(description="When the public reply is due: UTC, ISO 8601 with a Z (parse this one).")
    reply_due_shown: str | None = Field(default=None, description="The same instant in the platform's shown time zone, "
                                        "ISO 8601 with its offset (2026-11-24T03:57:43+08:00).")
    reply_hours_left: float | None = Field(default=None, description="Hours left at the time of the response; negative = overdue.")
    reply_state: Literal["due", "overdue", "done"] | None = Field(
        default=None, description="done: replied/resolved/closed, or a seller reply is already on the page.")
    corrected: bool = Field(default=False, description="The seller corrected the complaint type of this case.")


class CaseReview(BaseModel):
    """The case's review: its latest fields as captured (every capture's full record stays with the capture)."""

    platform: str
    review_id: str
    case_id: int | None = None
    shop_id: str | None = None
    order_id: str | None = None
    product_id: str | None = None
    product_title: str | None = None
    sku: str | None = None
    rating: int | None = None
    text: str | None = None
    lang: str | None = None
    buyer_nick: str | None = None
    review_time: str | None = None
    follow_up_text: str | None = None
    follow_up_time: str | None = None
    seller_reply: str | None = None
    tags: list[str] = Field(default_factory=list)
    images: list[str] = Field(default_factory=list)
    first_captured_at: str | None = None
    last_captured_at: str | None = None
    capture_count: int | None = None


class CaptureRef(BaseModel):
    """One capture of the case, in the order received."""

    capture_id: str
    page_kind: str
    page_url: str | None = None
    captured_at: str | None = None
    received_at: str | None = None


class MergedOrderFacts(BaseModel):
    """Order facts merged over all captures of the case (latest wins); other keys a page brought are kept."""

    model_config = ConfigDict(extra="allow")

    order_id: str | None = None
    product_title: str | None = None
    sku: str | None = None
    price: str | None = None
    status: str | None = None
    order_time: str | None = None
    pay_time: str | None = None
    ship_time: str | None = None
    delivery_time: str | None = None
    sign_time: str | None = None
    tracking_no: str | None = None
    carrier: str | None = None
    tracking_events: list[dict[str, Any]] | None = Field(default=None, description="From the logistics page: [{time, text, location}].")


class HistoryCase(BaseModel):
    """An earlier case in a history group (review text cut to 140 characters)."""

    case_id: int
    order_id: str | None = None
    primary: str | None = None
    status: str | None = None
    rating: int | None = None
    review_time: str | None = None
    text: str = ""


class HistoryGroup(BaseModel):
    """Earlier cases of one buyer or one product: how many, the newest five, and a count per complaint type."""

    count: int
    cases: list[HistoryCase]
    types: dict[str, int] = Field(default_factory=dict)


class CaseHistory(BaseModel):
    """Earlier cases of this buyer and this product (same platform and shop)."""

    buyer: HistoryGroup
    product: HistoryGroup


class AppealAdvice(BaseModel):
    """Whether an appeal is worth it, on which reason, by when, with which evidence (drafting/advice.py)."""

    model_config = ConfigDict(extra="allow")

    verdict: Literal["recommended", "not_recommended", "expired"]
    worth_appealing: bool
    grounds: Any = None
    reason_code: str | None = None
    reason_label: str | None = None
    basis: Any = None
    why: str | None = None
    deadline: str | None = Field(default=None, description="The absolute appeal deadline (ISO 8601).")
    days_left: float | None = Field(default=None, description="Counted at the time of the response.")
    expired_on: str | None = Field(default=None, description="The deadline's date once it has passed.")
    evidence_needed: list[str] = Field(default_factory=list)
    evidence_missing: list[str] = Field(default_factory=list)
    evidence_have: list[str] = Field(default_factory=list)
    limits: dict[str, Any] = Field(default_factory=dict)
    appeal_entry: Any = None
    sources: list[dict[str, Any]] = Field(default_factory=list)
    low_confidence_flags: list[str] = Field(default_factory=list)
    lang: str | None = None


class ChecklistItem(BaseModel):
    """One piece of evidence the appeal (or the complaint type) wants."""

    model_config = ConfigDict(extra="allow")

    id: str
    label: str
    have: bool
    how: str | None = Field(default=None, description="Which page to capture, or for by_hand items what to do by hand.")
    by_hand: bool = False


class AssessmentRef(BaseModel):
    """The stored assessment the classification, advice, checklist and drafts come from."""

    id: int
    version: int
    assessed_at: str
    cause: str = Field(description="review_capture | context_capture | correction | import")


class AppealRecord(BaseModel):
    """An appeal the seller submitted, with the platform's decision once known."""

    id: int
    case_id: int
    reason_code: str
    statement: str
    submitted_at: str | None = None
    outcome: Literal["pending", "accepted", "rejected"]
    decided_at: str | None = None
    note: str | None = None
    created_at: str | None = None


class CaseEvent(BaseModel):
    """The seller's action on the case timeline."""

    id: int
    kind: Literal["draft_copied", "status_changed"]
    draft_kind: str | None = None
    text_sha256: str | None = None
    text: str | None = None
    edited: bool | None = None
    status: str | None = None
    created_at: str


class CaptureResult(BaseModel):
    """Response to `POST /api/v1/captures` and `GET /api/v1/cases/<case_id>`: the whole case."""

    capture_id: str
    duplicate: bool = Field(description="True when this capture_id had been stored already.")
    case: Case
    review: CaseReview | None
    classification: Classification | None
    drafts: list[Draft]
    evidence: list[EvidenceItem]
    captures: list[CaptureRef] = Field(description="Every capture of the case, in order.")
    order: MergedOrderFacts = Field(description="Order facts merged over all captures of the case (latest wins).")
    history: CaseHistory = Field(description="Earlier cases of this buyer and this product.")
    advice: AppealAdvice | None = Field(description="Appeal advice: verdict (recommended/not_recommended/expired), "
                                        "worth_appealing, reason_code, why, deadline (absolute), days_left/expired_on "
                                        "(counted at the time of the response), evidence_missing…")
    checklist: list[ChecklistItem] = Field(description="Evidence checklist (the chosen appeal reason's when appealing, else "
                                           "the complaint type's).")
    assessment: AssessmentRef | None = Field(default=None, description="Absent for cases assessed before it was stored.")
    appeals: list[AppealRecord] = Field(description="Appeals recorded for the case, with their outcomes.")
    events: list[CaseEvent] = Field(default_factory=list, description="The seller's actions, oldest first.")


class FieldError(BaseModel):
    """One invalid field of a request (pydantic's verdict)."""

    field: str | None
    message: str
    type: str


class ErrorDetail(BaseModel):
    """What went wrong: a stable code, a message for people and the offending field."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: str
    field: str | None = None
    errors: list[FieldError] | None = Field(default=None, description="Every invalid field (validation_error only).")


class ErrorBody(BaseModel):
    """Every API error looks like this."""

    ok: Literal[False] = False
    error: ErrorDetail


EXPORTED_MODELS: dict[str, type[BaseModel]] = {
    "capture": Capture,
    "classify-request": ClassifyRequest,
    "lookup-request": LookupRequest,
    "lint-request": LintRequest,
    "case-event-request": CaseEventRequest,
    "classification": Classification,
    "draft": Draft,
    "evidence-item": EvidenceItem,
    "case": Case,
    "capture-result": CaptureResult,
    "error": ErrorBody,
}
