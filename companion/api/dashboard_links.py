"""`POST /api/v1/dashboard/links`: a one-time sign-in link to the dashboard (companion/session.py).

Routes on the /api/v1 blueprint (token required like every API route); registered by importing this
module in create_app.
"""

from __future__ import annotations

from typing import Annotated

from flask import current_app, jsonify, request
from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from ..session import safe_next
from . import bp, json_body


def _local_path(value: str) -> str:
    if safe_next(value) != value:
        raise ValueError("next must be a local path such as /cases/5.")
    return value




class DashboardLinkRequest(BaseModel):
    """`{"next"?}`: where the sign-in link lands, a local path on this companion. Other keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    next: Annotated[str, StringConstraints(max_length=2000), AfterValidator(_local_path)] = "/"


@bp.post("/dashboard/links")
def dashboard_link():
    """`{"next"?: "/cases/5"}` → 201 `{"url", "expires_in"}`: open `url` once within `expires_in` seconds to be
    signed in to the dashboard (HttpOnly session cookie) and land on `next` (a local path, default `/`)."""
    from ..session import CODE_TTL_S, sessions

    req = DashboardLinkRequest.model_validate(json_body() if request.get_data() else {})
    code = sessions(current_app).issue_code(req.next)
    return jsonify({"url": f"{request.host_url.rstrip('/')}/signin?code={code}", "expires_in": CODE_TTL_S}), 201
