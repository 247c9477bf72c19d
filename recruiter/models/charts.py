"""The dashboard's month rollup: per team, time zone and month, the figures its charts show."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from recruiter.extensions import db
from recruiter.models.base import Owned, UTCDateTime


class ChartMonth(Owned, db.Model):
    """One month of the attendance and response-time charts, as counted at ``valid_from``.

    A cache kept exact by the writes (``services.chart_months``): a write to an interview or
    an outreach deletes the rows whose ``[starts_at, ends_at)`` holds the instants it touched,
    in every time zone. Time alone changes attendance (it counts interviews started by
    ``now``): the row serves ``valid_from <= now < valid_until``, ``valid_until`` being the
    start of the month's first interview with an outcome still to come (None: none)."""

    __tablename__ = "chart_month"
    __table_args__ = (UniqueConstraint("team_id", "time_zone", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM in ``time_zone``
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended: Mapped[int] = mapped_column(Integer)
    cancelled_with_notice: Mapped[int] = mapped_column(Integer)
    explained_no_show: Mapped[int] = mapped_column(Integer)
    silent_no_show: Mapped[int] = mapped_column(Integer)
    answered: Mapped[int] = mapped_column(Integer)
    unanswered: Mapped[int] = mapped_column(Integer)
    median_hours: Mapped[float | None] = mapped_column(Float)
