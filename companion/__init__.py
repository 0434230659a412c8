"""Review Guard companion: a local API that classifies reviews, drafts replies and keeps evidence."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

__version__ = "0.1.0"

DEFAULT_PORT = 8765


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Flask app.

    :param test_config: overrides; `DATA_DIR` is where the database, token and evidence live.
    """
    app = Flask(__name__, static_folder=None)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    data_dir = Path((test_config or {}).get("DATA_DIR") or default_data_dir())
    app.config.from_mapping(
        DATA_DIR=str(data_dir),
        DATABASE=str(data_dir / "companion.db"),
        EVIDENCE_DIR=str(data_dir / "evidence"),
        TOKEN=None,
        # Origins allowed besides the companion's own and the paired browsers' (companion/paired_origins.py).
        ALLOWED_ORIGINS=[],
        MAX_CONTENT_LENGTH=64 * 1024 * 1024,  # a capture (screenshots, MHTML); companion/limits.py
        MAX_BODY_BYTES=512 * 1024,  # every other route's body
        # Mount the mock seller centers under /mock/ (`serve --demo`); they live outside the product.
        DEMO=False,
    )
    if test_config:
        app.config.update(test_config)
    from .dbcheck import check_database
    from .fileperms import secure_data_dir

    check_database(app.config["DATABASE"])  # truncated, corrupt or newer than this version: DatabaseUnusable
    # Creates the data dir and evidence/ owner-only (or fixes an old install's modes), removes crash leftovers (issue 12).
    secure_data_dir(data_dir, app.config["DATABASE"])
    if not app.config["TOKEN"]:
        from .security import load_or_create_token

        app.config["TOKEN"] = load_or_create_token(data_dir)

    from . import limits, security
    from .api import db
    from .api import bp as api_bp
    from .api import summary as _summary_routes  # noqa: F401  (GET /api/v1/summary, on api_bp)
    from .api import dashboard_links as _link_routes  # noqa: F401  (POST /api/v1/dashboard/links, on api_bp)
    from .api import pairing as _pairing_routes  # noqa: F401  (/api/v1/pairing, on api_bp)
    from .api import register_error_handlers
    from .api.transfer import register as register_transfer  # imports/exports: API and dashboard pages (issue 10)
    from .dashboard import bp as dashboard_bp
    from .dashboard_analytics import bp as analytics_bp  # /analytics, the case page's evidence (issue 10)
    from .dashboard_pairing import bp as browsers_bp

    db.init_app(app)
    security.init_app(app)
    limits.init_app(app)  # before the blueprints: their <int:…> rules use its bounded converter
    register_error_handlers(app)
    app.register_blueprint(api_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(browsers_bp)
    app.register_blueprint(analytics_bp)
    register_transfer(app)
    if app.config["DEMO"]:
        app.register_blueprint(load_demo_blueprint())
    return app


DEMO_PACKAGE = "demo_seller_centers"


class DemoUnavailable(RuntimeError):
    """The demo seller centers are not importable (an installed wheel has none; they live in the source tree)."""


def load_demo_blueprint():
    """The `/mock/` blueprint of the demo package, which is in the source checkout only, never in the wheel."""
    import importlib

    try:
        demo = importlib.import_module(DEMO_PACKAGE)
    except ModuleNotFoundError as exc:
        if exc.name != DEMO_PACKAGE:
            raise
        raise DemoUnavailable(
            f"the demo seller centers ({DEMO_PACKAGE}/) come with the source checkout only; "
            "run scripts/serve there, or put the checkout on PYTHONPATH"
        ) from exc
    return demo.bp


def default_data_dir() -> Path:
    """`$REVIEW_COMPANION_HOME`, else the OS user-data directory."""
    env = os.environ.get("REVIEW_COMPANION_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("review-companion", appauthor=False))
