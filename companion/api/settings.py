"""`/api/v1/settings`: the local settings (the optional local model); the API key is never echoed back."""

from __future__ import annotations

from flask import jsonify

from ..llm import Settings, load_settings, save_settings
from ..store import clock
from . import bp, json_body
from .db import get_db


@bp.get("/settings")
def get_settings():
    """Local settings; the model API key is never echoed back."""
    settings = load_settings(get_db()).model_dump()
    settings["llm"]["api_key"] = "********" if settings["llm"]["api_key"] else None
    return jsonify(settings)


@bp.put("/settings")
def put_settings():
    """Replace local settings: `{"llm": {"enabled", "base_url", "model", "api_key"?, "timeout_s", "kinds"}}`."""
    db = get_db()
    data = json_body()
    if isinstance(data.get("llm"), dict) and data["llm"].get("api_key") == "********":  # the masked value from GET: keep the stored key
        data["llm"]["api_key"] = load_settings(db).llm.api_key
    settings = Settings.model_validate(data)
    save_settings(db, settings, clock.iso(clock.utcnow()))
    return get_settings()
