"""`POST /api/v1/dashboard/links`: a one-time sign-in link to the dashboard (companion/session.py).

Routes on the /api/v1 blueprint (token required like every API route); registered by importing this
module in create_app.
"""

from __future__ import annotations

from flask import current_app, jsonify, request

from . import bp, json_body
from .errors import ApiError


@bp.post("/dashboard/links")
def dashboard_link():
    """`{"next"?: "/cases/5"}` → 201 `{"url", "expires_in"}`: open `url` once within `expires_in` seconds to be
    signed in to the dashboard (HttpOnly session cookie) and land on `next` (a local path, default `/`)."""
    from ..session import CODE_TTL_S, safe_next, sessions

    data = json_body() if request.get_data() else {}
    nxt = data.get("next", "/")
    if not isinstance(nxt, str) or len(nxt) > 2000 or safe_next(nxt) != nxt:
        raise ApiError(422, "validation_error", "next must be a local path such as /cases/5.", field="next")
    code = sessions(current_app).issue_code(nxt)
    return jsonify({"url": f"{request.host_url.rstrip('/')}/signin?code={code}", "expires_in": CODE_TTL_S}), 201
