"""The URL map, readable as one list."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from recruiter.views import auth, candidates, clients, dashboard, interviews, outreach
    from recruiter.views.api import bp as api

    app.register_blueprint(auth.bp)  # /login /logout /setup /settings
    app.register_blueprint(dashboard.bp)  # /
    app.register_blueprint(candidates.bp, url_prefix="/candidates")
    app.register_blueprint(clients.bp, url_prefix="/clients")
    app.register_blueprint(interviews.bp, url_prefix="/interviews")
    app.register_blueprint(outreach.bp, url_prefix="/outreach")
    app.register_blueprint(api, url_prefix="/api/v1")
