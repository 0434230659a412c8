"""One error shape for every endpoint: `{"ok": false, "error": {"code", "message", "field", …}}`."""

from __future__ import annotations

from flask import jsonify
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException


class ApiError(Exception):
    """An error with a stable machine-readable code and the offending field."""

    def __init__(self, status: int, code: str, message: str, *, field: str | None = None, **extra):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.extra = extra

    def body(self) -> dict:
        """The JSON body."""
        error = {"code": self.code, "message": self.message, "field": self.field, **self.extra}
        return {"ok": False, "error": error}


def _loc(loc: tuple) -> str:
    """('review', 'rating') -> 'review.rating'; list indexes as [0]."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validation_error(exc: ValidationError) -> ApiError:
    """Turn a pydantic ValidationError into a 422 ApiError naming the first bad field."""
    errors = [
        {"field": _loc(e["loc"]), "message": e["msg"], "type": e["type"]}
        for e in exc.errors(include_url=False, include_input=False)
    ]
    first = errors[0] if errors else {"field": None, "message": "invalid"}
    return ApiError(
        422,
        "validation_error",
        f"{first['field']}: {first['message']}" if first["field"] else first["message"],
        field=first["field"],
        errors=errors,
    )


def register_error_handlers(app) -> None:
    """Every error, including Flask's own 404/405/413, comes back as JSON."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return jsonify(exc.body()), exc.status

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError):
        err = validation_error(exc)
        return jsonify(err.body()), err.status

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = {
            404: "not_found",
            405: "method_not_allowed",
            413: "payload_too_large",
            400: "bad_request",
        }.get(exc.code or 500, "http_error")
        err = ApiError(exc.code or 500, code, exc.description or exc.name)
        return jsonify(err.body()), err.status

    @app.errorhandler(Exception)
    def _internal(exc: Exception):
        app.logger.exception("unhandled error")
        err = ApiError(500, "internal_error", "The companion hit an unexpected error; see its log.")
        return jsonify(err.body()), 500
