"""The neutral domain error: what went wrong, in which field, and which HTTP status it would be.

Services and the store raise `DomainError`; they know nothing of HTTP. The API edge
(companion/api/errors.py) turns it into the JSON error shape `{"ok": false, "error": {code, message,
field, …}}` with `status_hint` as the status; the CLI prints the same `error` object.
"""

from __future__ import annotations

from pydantic import ValidationError


class DomainError(Exception):
    """An error with a stable machine-readable code, the offending field and the HTTP status it maps to."""

    def __init__(self, code: str, message: str, field: str | None = None, status_hint: int = 422, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.status_hint = status_hint
        self.extra = extra

    @property
    def status(self) -> int:
        return self.status_hint

    def body(self) -> dict:
        """The JSON error body."""
        error = {"code": self.code, "message": self.message, "field": self.field, **self.extra}
        return {"ok": False, "error": error}


def not_found(what: str, ident, field: str) -> DomainError:
    """404: no such `what` (case, appeal, capture, evidence…)."""
    return DomainError("not_found", f"No {what} {ident}.", field=field, status_hint=404)


def _loc(loc: tuple) -> str:
    """('review', 'rating') -> 'review.rating'; list indexes as [0]."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validation_error(exc: ValidationError) -> DomainError:
    """Turn a pydantic ValidationError into a 422 naming the first bad field (all of them in `errors`)."""
    errors = [
        {"field": _loc(e["loc"]), "message": e["msg"], "type": e["type"]}
        for e in exc.errors(include_url=False, include_input=False)
    ]
    first = errors[0] if errors else {"field": None, "message": "invalid"}
    return DomainError(
        "validation_error",
        f"{first['field']}: {first['message']}" if first["field"] else first["message"],
        field=first["field"],
        status_hint=422,
        errors=errors,
    )
