"""Status, the team and the calendar feed."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
)

from recruiter.views.api.schemas.base import (
    Out,
    UTCTime,
)
from recruiter.vocab import (
    Role,
)

# --- status --------------------------------------------------------------------------------


class JobStatusOut(Out):
    id: str
    last_run_at: UTCTime | None
    next_run_at: UTCTime | None
    last_result: str | None


class SchedulerStatusOut(Out):
    running: bool = Field(description="a heartbeat in the last 3 minutes")
    last_beat_at: UTCTime | None
    jobs: list[JobStatusOut]


class StatusOut(Out):
    version: str
    database: Literal["sqlite", "postgresql"]
    scheduler: SchedulerStatusOut


class MemberOut(Out):
    email: str
    name: str
    role: Role


class TeamOut(Out):
    name: str
    members: list[MemberOut]


class CalendarOut(Out):
    url: str  # the secret iCalendar feed URL (no login); rotating it makes the old one 404
