"""One demo candidate's history: a persona, interviews with their event logs, outreach and
replies, drawn from a plausible mix."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from recruiter import scoring
from recruiter.models import (
    Candidate,
    CandidateSignal,
    Interview,
    InterviewEvent,
    Outreach,
)
from recruiter.services import reliability
from recruiter.services.candidates import candidate_name_company_key, candidate_search_key
from recruiter.services.demo import COMPANIES, FIRST, LAST, TITLES
from recruiter.services.demo_network.rows import Owner, _NextIds, _Rows
from recruiter.services.interviews import EventData, State, apply
from recruiter.services.reminder_rules import ReminderSettings

CHUNK = 2000  # candidates generated and inserted per round
HISTORY_DAYS = 730
HEAVY_FROM = 1000  # networks this large get one candidate with a long history (for the page)
HEAVY_INTERVIEWS = 200
HEAVY_OUTREACH = 1000
MEAN_INTERVIEWS = 3.0
MEAN_LOOSE_OUTREACH = 3.6  # outreach not tied to an interview (sourcing, check-ins)
CLIENT_NAMES = [
    "Acme Fintech",
    "Globex Health",
    "Initech Cloud",
    "Umbrella Retail",
    "Stark Mobility",
    "Wayne Logistics",
    "Hooli Search",
    "Soylent Foods",
    "Tyrell Robotics",
    "Cyberdyne Security",
    "Wonka Confectionery",
    "Oscorp Materials",
]
CHANNELS = ["message", "message", "email", "email", "call", "text", "voicemail"]
# (persona, weight): how a candidate behaves; "ghost" ends by ghosting an interview.
PERSONAS = [("steady", 55), ("slow", 18), ("flaky", 14), ("quiet", 9), ("ghost", 4)]
# Reply delay in hours (median) and the chance a message goes unanswered, per persona.
REPLY = {
    "steady": (3.0, 0.08),
    "slow": (40.0, 0.25),
    "flaky": (18.0, 0.4),
    "quiet": (60.0, 0.7),
    "ghost": (24.0, 0.5),
}
# Interview outcome weights per persona: attended, no_show, explained no-show, late cancel,
# cancel with notice, reschedule (then attended), declined.
OUTCOMES = ["attended", "no_show", "explained", "late_cancel", "notice", "reschedule", "declined"]
OUTCOME_WEIGHTS = {
    "steady": [86, 1, 3, 1, 5, 3, 1],
    "slow": [70, 4, 8, 6, 6, 4, 2],
    "flaky": [45, 14, 16, 12, 5, 4, 4],
    "quiet": [60, 10, 5, 8, 8, 3, 6],
    "ghost": [70, 3, 5, 8, 8, 3, 3],
}


# --- one candidate ----------------------------------------------------------------------------


def _persona(rng: random.Random) -> str:
    names, weights = zip(*PERSONAS, strict=True)
    return rng.choices(names, weights)[0]


def _count(rng: random.Random, mean: float) -> int:
    return int(rng.gammavariate(2.0, mean / 2.0) + 0.5)


def _candidate(
    rows: _Rows,
    ids: _NextIds,
    owner: Owner,
    index: int,
    heavy: bool,
    client_ids: list[int],
    rng: random.Random,
    now: datetime,
    quiet: datetime,
) -> None:
    persona = "steady" if heavy else _persona(rng)
    candidate_id = ids.take(Candidate)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    created = now - timedelta(days=HISTORY_DAYS, hours=rng.randint(1, 24 * 30))
    status = rng.choices(
        ["connected", "pending_incoming", "pending_outgoing", "none"], [85, 4, 6, 5]
    )[0]
    n_interviews = HEAVY_INTERVIEWS if heavy else _count(rng, MEAN_INTERVIEWS)
    starts = sorted(_start(rng, now) for _ in range(n_interviews))
    # A ghost ghosts their latest past interview (a recent one may still be a possible ghost).
    past = [s for s in starts if s + timedelta(hours=2) < now]
    ghost_start = past[-1] if persona == "ghost" and past else None
    reply = _Replies(persona, rng, now, ghost_start)
    first_outreach = len(rows.outreach)
    first_interview, first_event = len(rows.interviews), len(rows.events)
    for start in starts:
        _interview(
            rows, ids, owner, candidate_id, start, persona, ghost_start, client_ids, reply, rng, now
        )
    if heavy:
        loose = HEAVY_OUTREACH - (len(rows.outreach) - first_outreach)
    else:
        loose = _count(rng, MEAN_LOOSE_OUTREACH)
    for _ in range(max(loose, 0)):
        sent = now - timedelta(minutes=rng.randint(60, HISTORY_DAYS * 24 * 60))
        if ghost_start is not None and sent >= ghost_start:
            sent = ghost_start - timedelta(days=rng.randint(1, 60))
        inbound = rng.random() < 0.12
        _outreach(rows, ids, owner, candidate_id, None, sent, reply, rng, inbound=inbound)
    if ghost_start is not None and rng.random() < 0.3:
        status = "pending_incoming"
        rows.signals.append(
            {
                "id": ids.take(CandidateSignal),
                "team_id": owner.team_id,
                "candidate_id": candidate_id,
                "type": "connection_request",
                "at": min(ghost_start + timedelta(days=rng.randint(8, 40)), now),
                "detail": None,
                "created_at": now,
            }
        )
    slug = f"{first}-{last}".lower().replace(" ", "-")
    rows.candidates.append(
        {
            "id": candidate_id,
            "team_id": owner.team_id,
            "added_by_id": owner.id,
            "full_name": f"{first} {last}",
            "email": f"{slug}.{index}@example.com" if rng.random() < 0.4 else None,
            "phone": f"+44 7700 {index % 1000000:06d}" if rng.random() < 0.3 else None,
            "profile_url": f"https://www.linkedin.com/in/{slug}-{index}",
            "company": rng.choice(COMPANIES),
            "title": rng.choice(TITLES),
            "location": rng.choice(["London", "Manchester", "Berlin", "Remote", "Lisbon", "Paris"]),
            "connection_status": status,
            "connected_on": (created + timedelta(days=rng.randint(0, 20))).date()
            if status == "connected"
            else None,
            "mutual_connections": rng.randint(0, 120),
            "notes": None,
            "photo_hash": None,
            "created_at": created,
            "updated_at": created,
            **_scores(rows, first_interview, first_event, first_outreach, now),
            # None when no reminder can be due or come due (see quiet_before); otherwise due
            # now, for the seed's own reminder sweep to store the real next moment.
            "reminder_review_at": now
            if _latest(rows, first_interview, first_event, first_outreach) >= quiet
            else None,
        }
    )
    row = rows.candidates[-1]
    row["search_key"] = candidate_search_key(
        row["full_name"], row["email"], row["company"], row["profile_url"]
    )
    row["name_company_key"] = candidate_name_company_key(row["full_name"], row["company"])


def quiet_before(now: datetime, settings: ReminderSettings) -> datetime:
    """A candidate whose history holds nothing at or after this instant (no interview ending,
    event, or outreach sent) has no reminder due and none to come: every reminder's moment is
    at most the longest follow-up after one of those instants, and a moment older than
    ``catch_up`` makes none (:mod:`recruiter.services.reminder_rules`). Bounded from above, so
    a candidate it keeps is merely reviewed, never one it drops wrongly."""
    after = max(
        settings.log_attendance_after_end,
        settings.follow_up_unanswered_after,
        *settings.follow_up_no_show_after,
    )
    return now - settings.catch_up - after


def _scores(
    rows: _Rows, first_interview: int, first_event: int, first_outreach: int, now: datetime
) -> dict[str, object]:
    """The candidate's stored score, from the history just generated (their rows from these
    indexes on) given to the scoring rules as plain inputs, as ``scores recompute`` reads it
    back: interviews by id with their events by id, outreach by time. Each interview's stored
    outcome is set on its row too."""
    events: dict[int, list[scoring.EventIn]] = defaultdict(list)
    for e in rows.events[first_event:]:
        events[e["interview_id"]].append(
            scoring.EventIn(e["type"], e["at"], e["by"], e["new_scheduled_at"])
        )
    interviews = []
    for row in rows.interviews[first_interview:]:
        data = scoring.InterviewIn(
            row["id"], row["original_scheduled_at"], tuple(events.get(row["id"], ()))
        )
        row["outcome"] = scoring.classify_interview(data, now)
        interviews.append(data)
    fields = ("id", "sent_at", "responded_at", "direction", "channel")
    outreach = sorted(
        (scoring.OutreachIn(*map(o.__getitem__, fields)) for o in rows.outreach[first_outreach:]),
        key=lambda o: (o.sent_at, o.id),
    )
    if any(row["status"] == "no_show" for row in rows.interviews[first_interview:]):
        rows.to_review.append(rows.interviews[first_interview]["candidate_id"])
    return reliability.score_values(interviews, outreach, now)


def _latest(rows: _Rows, first_interview: int, first_event: int, first_outreach: int) -> datetime:
    """The latest instant of the candidate just generated (their rows from these indexes on)."""
    ends = (
        i["scheduled_at"] + timedelta(minutes=i["duration_minutes"])
        for i in rows.interviews[first_interview:]
    )
    return max(
        (
            *ends,
            *(e["at"] for e in rows.events[first_event:]),
            *(o["sent_at"] for o in rows.outreach[first_outreach:]),
            *(o["responded_at"] for o in rows.outreach[first_outreach:] if o["responded_at"]),
        ),
        default=datetime.min.replace(tzinfo=UTC),
    )


def _start(rng: random.Random, now: datetime) -> datetime:
    """An interview start in the last two years (a few in the coming fortnight), office hours."""
    days = rng.uniform(-14, HISTORY_DAYS - 20) if rng.random() < 0.97 else rng.uniform(-14, 0)
    day = (now - timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    return day.replace(hour=rng.choice([9, 10, 11, 13, 14, 15, 16]))


class _Replies:
    """When (or whether) this candidate answers a message sent at a given time."""

    def __init__(
        self, persona: str, rng: random.Random, now: datetime, ghost_start: datetime | None
    ) -> None:
        self.median, self.silent = REPLY[persona]
        self.rng, self.now, self.ghost_start = rng, now, ghost_start

    def answer(self, sent: datetime) -> datetime | None:
        if self.rng.random() < self.silent:
            return None
        at = sent + timedelta(hours=self.median * self.rng.lognormvariate(0, 0.8))
        if at > self.now or (self.ghost_start is not None and at >= self.ghost_start):
            return None  # not yet answered, or after they went silent
        return at


def _interview(
    rows: _Rows,
    ids: _NextIds,
    owner: Owner,
    candidate_id: int,
    start: datetime,
    persona: str,
    ghost_start: datetime | None,
    client_ids: list[int],
    reply: _Replies,
    rng: random.Random,
    now: datetime,
) -> None:
    interview_id = ids.take(Interview)
    ghosting = start == ghost_start
    outcome = "no_show" if ghosting else rng.choices(OUTCOMES, OUTCOME_WEIGHTS[persona])[0]
    log = _events(start, outcome, rng)
    created = min(start - timedelta(days=rng.randint(3, 14)), now - timedelta(hours=1))
    state = State(status="scheduled", scheduled_at=start)
    for event in log:
        if event.at > now:
            break
        state = apply(state, event)  # the event-log rule: refuses an impossible history
        rows.events.append(
            {
                "id": ids.take(InterviewEvent),
                "team_id": owner.team_id,
                "interview_id": interview_id,
                "type": event.type,
                "at": event.at,
                "by": event.by,
                "reason": event.reason,
                "new_scheduled_at": event.new_scheduled_at,
                "recorded_at": max(event.at, created),
                "recorded_by_id": owner.id,
            }
        )
    rows.interviews.append(
        {
            "id": interview_id,
            "team_id": owner.team_id,
            "recruiter_id": owner.id,
            "candidate_id": candidate_id,
            "client_id": rng.choice(client_ids),
            "role": rng.choice(TITLES),
            "original_scheduled_at": start,
            "scheduled_at": state.scheduled_at,
            "duration_minutes": rng.choice([30, 45, 60, 60, 90]),
            "status": state.status,
            "explained": state.explained,
            "ghost_state": "no",
            "ghost_missing": [],
            "next_review_at": None,
            "created_at": created,
            "updated_at": created,
        }
    )
    # The confirmation request, then (after a no-show) the follow-ups.
    ask = start - timedelta(days=2, hours=rng.randint(0, 6))
    if ask <= now:
        _outreach(rows, ids, owner, candidate_id, interview_id, ask, reply, rng)
    if state.status == "no_show" and not state.explained:
        for hours in (2, rng.randint(30, 80), rng.randint(100, 160))[: rng.choice([2, 2, 3])]:
            sent = start + timedelta(hours=hours)
            if sent <= now:
                _outreach(rows, ids, owner, candidate_id, interview_id, sent, reply, rng)


def _events(start: datetime, outcome: str, rng: random.Random) -> list[EventData]:
    ask = EventData("confirmation_requested", start - timedelta(days=2))
    confirm = EventData(
        "confirmed", start - timedelta(days=2) + timedelta(hours=rng.randint(1, 20))
    )
    after = start + timedelta(minutes=rng.randint(15, 75))
    if outcome == "declined":
        return [ask, EventData("declined", ask.at + timedelta(hours=rng.randint(1, 30)))]
    if outcome in ("late_cancel", "notice"):
        hours = rng.randint(1, 6) if outcome == "late_cancel" else rng.randint(30, 96)
        at = max(start - timedelta(hours=hours), confirm.at + timedelta(minutes=5))
        by = "candidate" if rng.random() < 0.8 else "client"
        return [ask, confirm, EventData("cancelled", at, by=by, reason="Change of plans")]
    if outcome == "reschedule":
        moved = start + timedelta(days=rng.randint(1, 5))
        change = EventData(
            "rescheduled",
            confirm.at + timedelta(hours=rng.randint(1, 8)),  # still before the start
            by=rng.choice(["candidate", "client"]),
            new_scheduled_at=moved,
        )
        return [ask, confirm, change, EventData("attended", moved + timedelta(minutes=50))]
    if outcome == "attended":
        return [ask, confirm, EventData("attended", after)]
    log = [ask, confirm, EventData("no_show", after)]
    if outcome == "explained":
        log.append(
            EventData(
                "explained",
                start + timedelta(hours=rng.randint(2, 48)),
                reason="Family emergency",
            )
        )
    return log


def _outreach(
    rows: _Rows,
    ids: _NextIds,
    owner: Owner,
    candidate_id: int,
    interview_id: int | None,
    sent: datetime,
    reply: _Replies,
    rng: random.Random,
    inbound: bool = False,
) -> None:
    rows.outreach.append(
        {
            "id": ids.take(Outreach),
            "team_id": owner.team_id,
            "logged_by_id": owner.id,
            "candidate_id": candidate_id,
            "interview_id": interview_id,
            "channel": rng.choice(CHANNELS),
            "direction": "inbound" if inbound else "outbound",
            "sent_at": sent,
            "responded_at": None if inbound else reply.answer(sent),
            "note": None,
            "source_key": None,
            "created_at": sent,
        }
    )
