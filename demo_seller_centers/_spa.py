"""Serving helpers shared by the mock seller-center modules (one `serve(rel, query)` per module)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from flask import Blueprint, Response, request

Serve = Callable[[str, str], "tuple[int, str, bytes] | None"]


def respond(serve: Serve, rel: str, query: str | None = None) -> Response:
    """Answer a request with what `serve(rel, query)` returns (the same bytes Playwright routing gets)."""
    if query is None:
        query = request.query_string.decode("utf-8", "replace")
    answer = serve(rel, query)
    if answer is None:
        return Response("not found", 404, content_type="text/plain; charset=utf-8")
    status, ctype, body = answer
    resp = Response(body, status, content_type=ctype)
    resp.headers["Cache-Control"] = "no-store"
    return resp


def add_page_routes(blueprint: Blueprint, serve: Serve, page_paths: Iterable[str], name_prefix: str) -> None:
    """One GET route per SPA page path, each answering with the page shell."""
    for rel in page_paths:
        def view(rel: str = rel) -> Response:
            return respond(serve, rel)

        view.__name__ = name_prefix + re.sub(r"\W", "_", rel)
        view.__doc__ = f"SPA shell for {rel}."
        blueprint.add_url_rule("/" + rel, view_func=view, methods=["GET"])
