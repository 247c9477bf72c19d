"""The URL map, readable as one list."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from recruiter.views import (
        auth,
        calendar,
        candidates,
        clients,
        dashboard,
        health,
        imports,
        interviews,
        outreach,
        reminders,
        reports,
        signals,
        suggestions,
        team,
    )
    from recruiter.views.api import bp as api

    app.register_blueprint(health.bp)  # /healthz (no login)
    app.register_blueprint(auth.bp)  # /login /logout /setup /settings
    app.register_blueprint(team.bp)  # /settings/team, /join/<token> (no login)
    app.register_blueprint(dashboard.bp)  # /
    app.register_blueprint(calendar.bp, url_prefix="/calendar")  # /<token>.ics (no login)
    app.register_blueprint(candidates.bp, url_prefix="/candidates")
    app.register_blueprint(clients.bp, url_prefix="/clients")
    app.register_blueprint(interviews.bp, url_prefix="/interviews")
    app.register_blueprint(outreach.bp, url_prefix="/outreach")
    app.register_blueprint(suggestions.bp, url_prefix="/suggestions")  # inbox, /requests
    app.register_blueprint(signals.bp, url_prefix="/candidates")  # /<id>/signals
    app.register_blueprint(reports.bp, url_prefix="/reports")  # /, /<name>.csv
    app.register_blueprint(imports.bp, url_prefix="/imports")  # /linkedin (upload, preview)
    app.register_blueprint(reminders.bp, url_prefix="/reminders")  # /<id>/done|snooze|dismiss|act
    app.register_blueprint(api, url_prefix="/api/v1")
