"""Optional rewrite of drafts by a local OpenAI-compatible model (Ollama, llama.cpp server, vLLM…).

Off by default. The endpoint must be on loopback: the product is local-first and review text
never leaves the machine. The model only *rewrites* a template draft; its output goes through the
same compliance lint, and is refused (the template stays) when the lint finds an error, the call
fails or times out. Templates remain the source of every fact.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

LOOPBACK = {"127.0.0.1", "localhost", "::1"}

PROMPTS = {
    "zh": (
        "你是电商客服文案助手。请把下面这段{kind}改写得更自然、更真诚，保持原意和所有事实，"
        "不要添加任何原文没有的事实、数字、承诺或优惠，不要提及评价修改或返现，不超过{limit}个字。"
        "只输出改写后的文本。\n\n{text}"
    ),
    "en": (
        "You are an e-commerce customer-service writing assistant. Rewrite the following {kind} so it reads "
        "natural and sincere. Keep its meaning and every fact; add no facts, numbers, promises or discounts; "
        "never mention changing or removing a review or any reward; at most {limit} characters. "
        "Output only the rewritten text.\n\n{text}"
    ),
}
KIND_NAMES = {
    "zh": {"public_reply": "公开回复", "private_message": "私信", "appeal_statement": "申诉说明"},
    "en": {"public_reply": "public reply", "private_message": "private message", "appeal_statement": "appeal statement"},
}


def loopback_url(value: str) -> str:
    """`value` without a trailing slash, if it is http(s) on a loopback host; else ValueError."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in LOOPBACK:
        raise ValueError("the model endpoint must be http(s) on 127.0.0.1, localhost or ::1 (nothing leaves the machine)")
    return value.rstrip("/")


class ModelError(Exception):
    """The model endpoint failed or answered nonsense."""


class LlmSettings(BaseModel):
    """`PUT /api/v1/settings` body part `llm`."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    base_url: str = Field(default="http://127.0.0.1:11434", description="OpenAI-compatible server; loopback only.")
    model: str = Field(default="qwen2.5:7b-instruct", min_length=1, max_length=200)
    api_key: str | None = Field(default=None, max_length=500)
    timeout_s: float = Field(default=20.0, gt=0, le=300)
    kinds: list[str] = Field(default_factory=lambda: ["public_reply", "private_message"])

    @field_validator("base_url")
    @classmethod
    def _loopback_only(cls, value: str) -> str:
        return loopback_url(value)

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value: list[str]) -> list[str]:
        unknown = set(value) - {"public_reply", "private_message", "appeal_statement"}
        if unknown:
            raise ValueError(f"unknown draft kind {sorted(unknown)[0]!r}")
        return value


class Settings(BaseModel):
    """All local settings."""

    model_config = ConfigDict(extra="forbid")

    llm: LlmSettings = Field(default_factory=LlmSettings)


def load_settings(db) -> Settings:
    """Settings from the database (defaults when never saved)."""
    row = db.execute("select value_json from settings where key = 'settings'").fetchone()
    return Settings.model_validate_json(row[0]) if row else Settings()


def save_settings(db, settings: Settings, now_s: str) -> None:
    """Replace the stored settings."""
    with db.atomic():
        db["settings"].upsert({"key": "settings", "value_json": settings.model_dump_json(), "updated_at": now_s}, pk="key")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is refused, never followed: the key and the review text go to the configured origin only."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise ModelRedirectRefused(f"the model endpoint answered {code} (redirect to {newurl!r}); redirects are never "
                                   "followed, so the API key and the review text stay with the configured loopback server")


class ModelRedirectRefused(ModelError):
    """The endpoint answered with a redirect (3xx)."""


def _opener() -> urllib.request.OpenerDirector:
    # No proxy either: HTTP(S)_PROXY in the environment would otherwise receive the key and the text.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirects())


def _check_loopback(base_url: str) -> None:
    """The configured host must resolve to loopback addresses only (a `localhost` in /etc/hosts could point away)."""
    host = urlsplit(base_url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as exc:
        raise ModelError(f"cannot resolve {host!r}: {exc}") from exc
    for info in infos:
        if not ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback:
            raise ModelError(f"{host!r} resolves to {info[4][0]}, which is not a loopback address; nothing was sent")


def complete(llm: LlmSettings, prompt: str) -> str:
    """One chat completion from the configured endpoint, sent there only (no redirects, no proxy)."""
    body = json.dumps({
        "model": llm.model,
        "messages": [{"role": "user", "content": prompt}],
        "temperature": 0.4,
        "stream": False,
    }).encode()
    headers = {"Content-Type": "application/json"}
    if llm.api_key:
        headers["Authorization"] = f"Bearer {llm.api_key}"
    try:
        loopback_url(llm.base_url)  # settings stored before the check, or built in code
    except ValueError as exc:
        raise ModelError(str(exc)) from None
    _check_loopback(llm.base_url)
    req = urllib.request.Request(f"{llm.base_url}/v1/chat/completions", data=body, headers=headers, method="POST")
    try:
        with _opener().open(req, timeout=llm.timeout_s) as resp:
            if resp.status != 200:  # 1xx/2xx other than 200 (3xx never reaches here)
                raise ModelError(f"the model endpoint answered {resp.status}")
            data = json.load(resp)
        text = data["choices"][0]["message"]["content"]
    except ModelError:
        raise
    except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise ModelError(str(exc)) from exc
    if not isinstance(text, str) or not text.strip():
        raise ModelError("empty answer")
    return text.strip().strip('"“”')


def rewrite(llm: LlmSettings, draft: dict, *, platform: str, region: str | None, facts: dict) -> dict:
    """Rewrite one draft; returns the new draft dict, or the original with an info finding why not."""
    from .drafting import lint_draft
    from .drafting.lint import has_errors

    lang = draft["lang"]
    limit = draft.get("max_chars") or (300 if lang == "zh" else 600)
    prompt = PROMPTS[lang].format(kind=KIND_NAMES[lang][draft["kind"]], limit=limit, text=draft["text"])
    try:
        text = complete(llm, prompt)
    except ModelRedirectRefused as exc:
        return _kept(draft, "model_redirect_refused", f"Local model not used: {exc}. The template draft stays.")
    except ModelError as exc:
        return _kept(draft, "model_unavailable", f"Local model not used ({exc}); the template draft stays.")
    lint = lint_draft(text, kind=draft["kind"], platform=platform, region=region, lang=lang, facts=facts)
    if has_errors(lint):
        codes = ", ".join(sorted({f["code"] for f in lint if f["severity"] == "error"}))
        return _kept(draft, "model_output_rejected", f"The model's rewrite failed the compliance lint ({codes}); the template draft stays.")
    return {**draft, "text": text, "source": "model", "lint": lint}


def _kept(draft: dict, code: str, message: str) -> dict:
    return {**draft, "source": "template", "lint": [*draft["lint"], {"code": code, "severity": "info", "message": message}]}
