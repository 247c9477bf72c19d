"""``/api/v1/team``: the recruiter's team and its members."""

from __future__ import annotations

from flask import g, jsonify

from recruiter.services import teams
from recruiter.views.api import route
from recruiter.views.api.schemas import TeamOut


@route("/team", "GET", "Your team: its name and active members", response=TeamOut)
def get_team():  # type: ignore[no-untyped-def]
    return jsonify(teams.team_json(g.recruiter))
