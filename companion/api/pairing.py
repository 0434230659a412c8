"""Pairing (issue 13): the companion learns the extension's origin from the browser, never from a hard-coded id.

- `POST /api/v1/pairing` `{"label"?}` with the token, from the extension's service worker: the request's
  `Origin` header (set by the browser: `chrome-extension://<id>`, `moz-extension://<uuid>` …) is recorded
  with the label and user agent → 201 (new) or 200 (already paired) `{pairing, token}`: `token` is this
  browser's own credential, which the extension keeps instead of the companion's token (it works from that
  origin only, and stops working when the browser is unpaired). Needs the companion's token itself. Without an
  extension Origin: 422 `origin_required` (pairing binds a browser; the CLI and curl need none).
- `GET /api/v1/pairing` → `{"pairings": [...], "origin": <the caller's origin or null>}`.
- `DELETE /api/v1/pairing/<id>` → `{"unpaired": {pairing}}`: that browser is refused (403 bad_origin) until
  the seller pairs it again; 404 when there is no such pairing.

Routes on the /api/v1 blueprint (token required like every API route); registered by importing this module
in create_app. The dashboard's "Paired browsers" page is companion/dashboard_pairing.py.
"""

from __future__ import annotations

from flask import current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field

from ..paired_origins import MAX_LABEL, credential, is_extension_origin, list_paired, pair, unpair
from . import bp, json_body
from .db import get_db
from .errors import ApiError


class PairingRequest(BaseModel):
    """What the extension may say about itself when it pairs (the origin comes from the browser)."""

    model_config = ConfigDict(extra="forbid")
    label: str | None = Field(default=None, max_length=MAX_LABEL)


@bp.post("/pairing")
def create_pairing():
    origin = request.headers.get("Origin")
    if not is_extension_origin(origin):
        raise ApiError(422, "origin_required", "Pairing binds a browser extension: the request must come from the "
                       "extension (Origin chrome-extension://… or moz-extension://…).", field="Origin")
    body = PairingRequest.model_validate(json_body() if request.get_data() else {})
    pairing, new = pair(get_db(), origin, label=body.label, user_agent=request.headers.get("User-Agent"))
    return jsonify({"pairing": pairing, "token": credential(current_app.config["TOKEN"], pairing)}), (201 if new else 200)


@bp.get("/pairing")
def list_pairings():
    origin = request.headers.get("Origin")
    return jsonify({"pairings": list_paired(get_db()), "origin": origin if is_extension_origin(origin) else None})


@bp.delete("/pairing/<int:pairing_id>")
def delete_pairing(pairing_id: int):
    gone = unpair(get_db(), pairing_id)
    if gone is None:
        raise ApiError(404, "not_found", f"No pairing {pairing_id}.", field="pairing_id")
    return jsonify({"unpaired": gone})
