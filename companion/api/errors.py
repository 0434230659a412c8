"""One error shape for every endpoint: `{"ok": false, "error": {"code", "message", "field", …}}`.

The edge of the companion: services and the store raise the neutral `companion.errors.DomainError`;
`ApiError` is the same error written HTTP-first (status, code, message) for the routes themselves.
"""

from __future__ import annotations

from flask import jsonify
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from ..errors import DomainError, validation_error


class ApiError(DomainError):
    """An error raised by a route: the HTTP status first, then the code, message and field."""

    def __init__(self, status: int, code: str, message: str, *, field: str | None = None, **extra):
        super().__init__(code, message, field=field, status_hint=status, **extra)


def register_error_handlers(app) -> None:
    """Every error, including Flask's own 404/405/413, comes back as JSON."""

    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError):
        return jsonify(exc.body()), exc.status_hint

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError):
        err = validation_error(exc)
        return jsonify(err.body()), err.status_hint

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = {
            404: "not_found",
            405: "method_not_allowed",
            413: "payload_too_large",
            400: "bad_request",
        }.get(exc.code or 500, "http_error")
        err = ApiError(exc.code or 500, code, exc.description or exc.name)
        return jsonify(err.body()), err.status_hint

    @app.errorhandler(Exception)
    def _internal(exc: Exception):
        app.logger.exception("unhandled error")
        err = ApiError(500, "internal_error", "The companion hit an unexpected error; see its log.")
        return jsonify(err.body()), 500
