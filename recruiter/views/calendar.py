"""``/calendar/<token>.ics``: the recruiter's interviews as an iCalendar feed.

No login: calendar apps cannot log in. The token in the URL is the key (Settings shows the URL
and can rotate it); an unknown or rotated token answers 404.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request, url_for

from recruiter.services import calendar
from recruiter.views.helpers import utcnow

bp = Blueprint("calendar", __name__)


@bp.get("/<token>.ics")
def feed(token: str) -> Response:
    owner = calendar.owner_for_token(token)
    if owner is None:
        abort(404)
    now = utcnow()
    body = calendar.build_feed(
        owner,
        calendar.interviews_in_window(owner, now),
        now,
        lambda i: url_for("interviews.detail", interview_id=i.id, _external=True),
        request.host.split(":")[0] or "reliant",
    )
    response = Response(body, mimetype="text/calendar")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = 'inline; filename="reliant-interviews.ics"'
    # The URL is the secret: never in a shared cache; calendar apps poll it anyway.
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
