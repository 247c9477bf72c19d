"""Reminders: each kind at its time and not before, exactly once, in working hours, closed when
they no longer apply; the Today view and the API.

Times are explicit. 2026-03-10 (``NOW``) is a Tuesday; recruiters are in UTC unless a test
says otherwise, so local and UTC clocks agree.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, update

from recruiter.extensions import db
from recruiter.models import Candidate, Reminder
from recruiter.services import interviews, outreach, reminders
from recruiter.services.interviews import EventData
from recruiter.services.reminder_rules import ReminderSettings, next_working_time

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ReminderSettings()


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def sweep(now: datetime, settings: ReminderSettings = SETTINGS) -> reminders.SweepSummary:
    summary = reminders.sweep(now, settings)
    db.session.commit()
    return summary


def rows(**filters) -> list[Reminder]:  # type: ignore[no-untyped-def]
    db.session.expire_all()
    query = select(Reminder).filter_by(**filters).order_by(Reminder.id)
    return list(db.session.scalars(query))


def keys(**filters) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.key for r in rows(**filters)]


def due_keys(owner, now: datetime) -> list[str]:  # type: ignore[no-untyped-def]
    db.session.expire_all()
    return [r.key for r in db.session.scalars(reminders.search_reminders(owner, now))]


# --- each kind at its time, not before --------------------------------------------------------

# An interview on Thursday 12 March at 10:00 (made on Monday 9th), one on Tuesday 10th at
# 10:00 for 60 minutes, a no-show on Monday 9th at 10:30, a call on Monday 9th at 09:00.
KIND_CASES = {
    "request_confirmation": ("upcoming", 1, at(10, 10)),  # 48 h before Thu 10:00
    "confirm_again-1": ("upcoming", 1, at(11, 10)),  # 24 h before
    "confirm_again-2": ("upcoming", 2, at(12, 8)),  # day-of: 2 h before
    "log_attendance": ("ended", 1, at(10, 13)),  # end 11:00 + 2 h
    "follow_up_no_show-1": ("no_show", 1, at(10, 10, 30)),  # no-show + 1 day
    "follow_up_no_show-2": ("no_show", 2, at(12, 10, 30)),  # no-show + 3 days
    "follow_up_unanswered": ("unanswered", 1, at(12, 9)),  # call + 3 days
}


@pytest.fixture
def history(recruiter, make_candidate, make_interview, make_outreach):  # type: ignore[no-untyped-def]
    """Build one cause by name; returns the ``(interview or outreach)`` row."""

    def build(name: str):  # type: ignore[no-untyped-def]
        # Made before any of its moments: the write opens nothing, so each reminder appears
        # at its time, from the sweep (the "ended" interview is booked three days ahead).
        made = at(7, 8) if name == "ended" else at(9, 8)
        ada = make_candidate(recruiter, now=made)
        if name == "upcoming":
            return make_interview(recruiter, ada, now=made, scheduled_at=at(12, 10))
        if name == "ended":
            return make_interview(recruiter, ada, now=made, scheduled_at=at(10, 10))
        if name == "no_show":
            return make_interview(
                recruiter,
                ada,
                now=made,
                scheduled_at=at(9, 10),
                events=(("no_show", at(9, 10, 30)),),
            )
        return make_outreach(recruiter, ada, now=made, sent_at=at(9, 9))

    return build


@pytest.mark.parametrize("case", list(KIND_CASES))
def test_reminder_each_kind_appears_at_its_time_and_not_before(case, recruiter, history):
    cause, occurrence, moment = KIND_CASES[case]
    kind = case.split("-")[0]
    history(cause)
    sweep(moment - timedelta(minutes=1))
    assert [r for r in rows(kind=kind) if r.occurrence == occurrence] == []

    sweep(moment)
    made = [r for r in rows(kind=kind) if r.occurrence == occurrence]
    assert len(made) == 1
    assert made[0].due_at == moment  # in working hours: due at once
    assert made[0].status == "due"
    assert made[0].key in due_keys(recruiter, moment)
    assert made[0].key not in due_keys(recruiter, moment - timedelta(seconds=1))
    assert "Ada Lovelace" in made[0].message


def test_reminder_message_reads_like_a_person_wrote_it(recruiter, make_interview, make_client):
    acme = make_client(recruiter, name="Acme")
    make_interview(recruiter, now=at(9, 8), scheduled_at=at(12, 10), client_id=acme.id)
    sweep(at(10, 10))
    (row,) = rows(kind="request_confirmation")
    assert row.message == "Ask Ada Lovelace to confirm Thursday's 10:00 interview with Acme."


def test_reminder_messages_use_the_recruiters_time_zone(make_recruiter, make_interview):
    paris = make_recruiter(time_zone="Europe/Paris")
    make_interview(paris, now=at(9, 8), scheduled_at=at(12, 10))
    sweep(at(10, 10))
    (row,) = rows(kind="request_confirmation")
    assert "Thursday's 11:00 interview" in row.message  # 10:00 UTC is 11:00 in Paris


def test_reminder_newer_nudge_replaces_the_older_one(recruiter, history):
    history("upcoming")
    sweep(at(10, 10))
    sweep(at(11, 10))
    statuses = {r.kind + str(r.occurrence): r.status for r in rows()}
    assert statuses == {"request_confirmation1": "closed", "confirm_again1": "due"}
    sweep(at(12, 8))
    statuses = {r.kind + str(r.occurrence): r.status for r in rows()}
    assert statuses["confirm_again1"] == "closed"
    assert statuses["confirm_again2"] == "due"


# --- exactly once ----------------------------------------------------------------------------


# Thursday 12 March 09:30: the day-of nudge, an attendance to log, the +1 day no-show follow-up
# and an unanswered call are all due.
BUSY = at(12, 9, 30)


def _busy_history(recruiter, history):  # type: ignore[no-untyped-def]
    for name in ("upcoming", "ended", "no_show", "unanswered"):
        history(name)


def _review_moments() -> dict[int, datetime | None]:
    """Each candidate's stored review moment (the clock's bookmark)."""
    db.session.expire_all()
    return dict(db.session.execute(select(Candidate.id, Candidate.reminder_review_at)).all())


def _as_after_the_writes(moments: dict[int, datetime | None]) -> None:
    """Back to the state the writes left: no reminders, the review moments they stored (as if
    the clock had been down since)."""
    db.session.execute(Reminder.__table__.delete())
    for candidate_id, moment in moments.items():
        db.session.execute(
            update(Candidate).where(Candidate.id == candidate_id).values(reminder_review_at=moment)
        )
    db.session.commit()


def test_reminder_sweep_twice_makes_each_once(recruiter, history):
    _busy_history(recruiter, history)
    first = sweep(BUSY)
    second = sweep(BUSY)
    assert first.created == 4
    assert second.created == 0
    assert len(keys()) == len(set(keys())) == 4


def _sweep_in_thread(app, now, barrier, errors):  # type: ignore[no-untyped-def]
    try:
        with app.app_context():
            barrier.wait(timeout=30)
            reminders.sweep(now, SETTINGS)
            db.session.commit()
            db.session.remove()
    except Exception as exc:  # pragma: no cover - reported by the assertion below
        errors.append(exc)


def test_reminder_two_sweeps_at_once_make_each_once(app, recruiter, history):
    _busy_history(recruiter, history)
    written = _review_moments()
    for _ in range(3):  # several rounds: each a fresh race
        barrier = threading.Barrier(2)
        errors: list[Exception] = []
        threads = [
            threading.Thread(target=_sweep_in_thread, args=(app, BUSY, barrier, errors))
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert len(keys()) == len(set(keys())) == 4
        _as_after_the_writes(written)


def test_reminder_two_sweep_processes_at_once_make_each_once(app, recruiter, history, tmp_path):
    _busy_history(recruiter, history)
    env = dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        RECRUITER_INSTANCE_PATH=str(tmp_path / "instance"),
        SECRET_KEY="test-secret-key-that-is-long-enough-0123456789",
    )
    command = [
        str(Path(sys.executable).parent / "flask"),
        "--app",
        "app",
        "jobs",
        "run",
        "--now",
        "2026-03-12T09:30:00Z",
        "--only",
        "reminder_sweep",
    ]
    procs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    created = sorted(
        int(out.decode().split("reminder_sweep: ")[1].split()[0]) for out, _ in outputs
    )
    assert created == [0, 4]  # one process made them all, the other none
    assert len(keys()) == len(set(keys())) == 4


def test_reminder_catch_up_after_six_hours_down_makes_each_once(
    recruiter, make_candidate, make_interview, make_outreach
):
    """Down from Thursday 12 March 09:00 to 15:00: one sweep makes what was missed, once, and
    nothing for what was settled meanwhile."""
    made = at(9, 8)
    ada = make_candidate(recruiter, now=made, full_name="Ada Lovelace")
    bob = make_candidate(recruiter, now=made, full_name="Bob Babbage")
    cy = make_candidate(recruiter, now=made, full_name="Cy Hopper")
    make_interview(recruiter, ada, now=made, scheduled_at=at(14, 11))  # 48 h mark: 12th 11:00
    make_interview(  # confirmed; ends 11:00, so the attendance is to log at 13:00
        recruiter, bob, now=made, scheduled_at=at(12, 10), events=(("confirmed", at(9, 9)),)
    )
    make_outreach(recruiter, cy, now=made, sent_at=at(9, 14))  # unanswered at 12th 14:00
    settled = make_interview(recruiter, cy, now=made, scheduled_at=at(14, 12))  # 48 h: 12:00
    sweep(at(12, 9))
    assert keys() == []
    # During the downtime Cy confirms.
    interviews.add_event(recruiter, settled, EventData("confirmed", at(12, 10)), at(12, 10))
    db.session.commit()

    summary = sweep(at(12, 15))
    assert summary.created == 3
    assert sorted(r.kind for r in rows()) == [
        "follow_up_unanswered",
        "log_attendance",
        "request_confirmation",
    ]
    assert sweep(at(12, 15, 1)).created == 0
    assert len(rows()) == 3


def test_reminder_catch_up_equals_sweeping_every_tick(recruiter, history):
    """One sweep after downtime leaves the same open reminders as sweeping every 30 minutes."""
    _busy_history(recruiter, history)
    written = _review_moments()
    tick = at(9, 8)
    while tick <= at(13, 12):
        sweep(tick)
        tick += timedelta(minutes=30)
    every_tick = sorted(keys(status="due"))
    _as_after_the_writes(written)
    sweep(at(13, 12))
    assert sorted(keys(status="due")) == every_tick


def test_reminder_stale_causes_beyond_catch_up_make_nothing(recruiter, history):
    history("unanswered")  # due on 12 March
    assert sweep(at(12, 9) + timedelta(days=8)).created == 0


# --- working hours and time zones --------------------------------------------------------------


def test_reminder_due_at_three_in_the_morning_moves_to_eight(
    recruiter, make_candidate, make_outreach
):
    make_outreach(recruiter, make_candidate(recruiter), now=at(9, 3), sent_at=at(9, 3))
    sweep(at(12, 3))  # the moment: Thursday 03:00
    (row,) = rows()
    assert row.due_at == at(12, 8)
    assert due_keys(recruiter, at(12, 7, 59)) == []
    assert due_keys(recruiter, at(12, 8)) == [row.key]


def test_reminder_on_saturday_moves_to_monday(recruiter, make_candidate, make_outreach):
    make_outreach(recruiter, make_candidate(recruiter), now=at(11, 14), sent_at=at(11, 14))
    sweep(at(14, 14))  # Saturday 14 March
    (row,) = rows()
    assert row.due_at == at(16, 8)  # Monday 08:00


def test_reminder_after_work_moves_to_next_morning_in_the_recruiters_zone(
    make_recruiter, make_candidate, make_outreach
):
    tokyo = make_recruiter(time_zone="Asia/Tokyo")
    sent = at(9, 10)  # 19:00 in Tokyo, Monday
    make_outreach(tokyo, make_candidate(tokyo), now=sent, sent_at=sent)
    sweep(sent + timedelta(days=3))
    (row,) = rows()
    local = row.due_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert (local.date().isoformat(), local.time()) == ("2026-03-13", time(8, 0))


@pytest.mark.parametrize(
    ("zone", "sent", "due_utc", "sweeps_from", "sweeps_to"),
    [
        # London springs forward on Sunday 29 March 2026. Three days after Wednesday 25th
        # 14:00 is Saturday 28th 14:00 GMT: moved to Monday 08:00 BST, which is 07:00 UTC.
        ("Europe/London", at(25, 14), at(30, 7), at(28, 0), at(30, 12)),
        # New York falls back on Sunday 1 November 2026: Saturday 31 October (EDT) moves to
        # Monday 08:00 EST, which is 13:00 UTC.
        (
            "America/New_York",
            at(28, 15, month=10),
            at(2, 13, month=11),
            at(31, 0, month=10),
            at(2, 16, month=11),
        ),
        # New York springs forward on Sunday 8 March 2026: Saturday 7th (EST) moves to
        # Monday 08:00 EDT, which is 12:00 UTC.
        ("America/New_York", at(4, 15), at(9, 12), at(7, 0), at(9, 16)),
    ],
)
def test_reminder_daylight_saving_neither_shifts_nor_duplicates(
    make_recruiter, make_candidate, make_outreach, zone, sent, due_utc, sweeps_from, sweeps_to
):
    owner = make_recruiter(time_zone=zone)
    make_outreach(owner, make_candidate(owner), now=sent, sent_at=sent)
    tick = sweeps_from
    while tick <= sweeps_to:  # every 30 minutes through the change, both clocks
        sweep(tick)
        tick += timedelta(minutes=30)
    (row,) = rows()
    assert row.due_at == due_utc
    assert row.due_at.astimezone(ZoneInfo(zone)).time() == time(8, 0)


ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
    ),
    zone=st.sampled_from(ZONES),
)
def test_next_working_time_is_the_first_working_instant(moment, zone):
    due = next_working_time(moment, zone, SETTINGS)
    local = due.astimezone(ZoneInfo(zone))
    assert due >= moment
    assert local.weekday() < 5
    assert time(8, 0) <= local.time() < time(18, 0)
    if due != moment:  # moved: to the start of a working day, and no working time skipped
        assert local.time() == time(8, 0)
        assert (due - moment) < timedelta(days=4)
        before = (due - timedelta(minutes=1)).astimezone(ZoneInfo(zone))
        assert not (before.weekday() < 5 and time(8, 0) <= before.time() < time(18, 0))


# --- closed when they no longer apply ----------------------------------------------------------


def test_reminder_closes_at_once_when_the_candidate_confirms(recruiter, history):
    interview = history("upcoming")
    sweep(at(10, 10))
    interviews.add_event(recruiter, interview, EventData("confirmed", at(10, 11)), at(10, 11))
    db.session.commit()
    assert [r.status for r in rows()] == ["closed"]  # no sweep needed
    sweep(at(11, 10))  # and the 24 h reminder is not made
    assert [r.kind for r in rows()] == ["request_confirmation"]


def test_reminder_closes_when_the_outcome_is_logged(recruiter, history):
    interview = history("ended")
    sweep(at(10, 13))
    interviews.add_event(recruiter, interview, EventData("attended", at(10, 14)), at(10, 14))
    db.session.commit()
    assert [r.status for r in rows(kind="log_attendance")] == ["closed"]


def test_reminder_closes_when_they_reply(recruiter, history):
    row = history("unanswered")
    sweep(at(12, 9))
    outreach.candidate_replied(recruiter, row.candidate, at(12, 10), at(12, 10))
    db.session.commit()
    assert [r.status for r in rows()] == ["closed"]


def test_reminder_no_show_follow_up_stops_once_they_answer(recruiter, history, make_outreach):
    interview = history("no_show")
    sweep(at(10, 10, 30))
    make_outreach(
        recruiter, interview.candidate, now=at(11, 9), sent_at=at(11, 9), direction="inbound"
    )
    assert [r.status for r in rows(kind="follow_up_no_show")] == ["closed"]
    sweep(at(12, 10, 30))  # no +3 day follow-up: they answered
    assert len(rows(kind="follow_up_no_show")) == 1


def test_reminder_reschedule_closes_old_and_makes_new(recruiter, history):
    interview = history("upcoming")
    sweep(at(10, 10))
    moved = EventData("rescheduled", at(10, 11), by="candidate", new_scheduled_at=at(13, 15))
    interviews.add_event(recruiter, interview, moved, at(10, 11))
    db.session.commit()
    assert [r.status for r in rows()] == ["closed"]
    sweep(at(11, 15))  # 48 h before the new start
    fresh = rows(status="due")
    assert [r.kind for r in fresh] == ["request_confirmation"]
    assert fresh[0].key.endswith("20260313T1500Z")


def test_reminder_cancelled_interview_closes_in_the_sweep_too(recruiter, history):
    interview = history("upcoming")
    sweep(at(10, 10))
    # A change made behind the services' back (a script) is caught when the clock next looks
    # at the candidate: the next nudge's moment (24 h before the start).
    interview.status = "cancelled"
    db.session.commit()
    assert sweep(at(10, 10, 1)).closed == 0  # not due again yet: nothing read
    assert sweep(at(11, 10)).closed == 1
    assert [r.status for r in rows()] == ["closed"]


def test_reminder_done_stays_done(recruiter, history):
    interview = history("upcoming")
    sweep(at(10, 10))
    (row,) = rows()
    reminders.mark_done(recruiter, row, at(10, 10, 5))
    db.session.commit()
    interviews.add_event(recruiter, interview, EventData("confirmed", at(10, 11)), at(10, 11))
    db.session.commit()
    assert [r.status for r in rows()] == ["done"]


def test_reminder_a_newer_outreach_replaces_the_follow_up(recruiter, history, make_outreach):
    first = history("unanswered")
    sweep(at(12, 9))
    make_outreach(recruiter, first.candidate, now=at(12, 10), sent_at=at(12, 10))
    assert [r.status for r in rows()] == ["closed"]


# --- settings ----------------------------------------------------------------------------------


def test_reminder_settings_from_config():
    custom = ReminderSettings.from_config(
        {"request_confirmation_hours": 72, "confirm_again_hours": [24], "work_start": "09:30"}
    )
    assert custom.request_confirmation_before == timedelta(hours=72)
    assert custom.confirm_again_before == (timedelta(hours=24),)
    assert custom.work_start == time(9, 30)
    with pytest.raises(ValueError, match="unknown setting 'oops'"):
        ReminderSettings.from_config({"oops": 1})
    with pytest.raises(ValueError, match="work_start must be before work_end"):
        ReminderSettings.from_config({"work_start": "19:00"})


def test_reminder_sweep_job_reads_the_cadence_from_config(
    app, configure, recruiter, history, runner
):
    configure(REMINDERS={"request_confirmation_hours": 72})
    history("upcoming")  # Thursday 10:00: 72 h before is Monday 10:00
    result = runner.invoke(
        args=["jobs", "run", "--now", "2026-03-09T10:00:00Z", "--only", "reminder_sweep"]
    )
    assert result.exit_code == 0, result.output
    assert "reminder_sweep: 1 created" in result.output
    assert [r.kind for r in rows()] == ["request_confirmation"]


# --- the Today view ----------------------------------------------------------------------------


def test_today_shows_due_reminders_with_candidate_and_interview(auth_client, recruiter, history):
    interview = history("ended")
    sweep(at(10, 13))
    page = auth_client.get("/").get_data(as_text=True)
    assert "Reminders due" in page
    assert "Did Ada Lovelace attend Tuesday&#39;s 10:00 interview? Log the outcome." in page
    assert f'href="/candidates/{interview.candidate_id}"' in page
    assert f'href="/interviews/{interview.id}"' in page
    assert 'value="attended"' in page and 'value="no_show"' in page


@pytest.mark.parametrize(("due", "badge"), [(100, "100"), (101, "100+")])
def test_today_shows_the_first_hundred_due_and_says_when_more_are_due(
    auth_client, recruiter, make_candidate, due, badge
):
    candidate = make_candidate(recruiter, full_name="Ada Lovelace")
    now = datetime.now(UTC)
    db.session.execute(
        insert(Reminder),
        [
            {
                "team_id": recruiter.team_id,
                "candidate_id": candidate.id,
                "kind": "follow_up_unanswered",
                "key": f"test:{n}",
                "due_at": now - timedelta(hours=n + 1),
                "message": f"Reminder number {n}.",
                "assignee_id": recruiter.id,
            }
            for n in range(due)
        ],
    )
    db.session.commit()
    page = auth_client.get("/").get_data(as_text=True)
    assert f'id="reminders-due-count">{badge}<' in page
    assert page.count('class="list-group-item reminder"') == 100
    assert ('id="reminders-more"' in page) is (due > 100)


def test_today_empty_state_says_what_to_do(auth_client):
    page = auth_client.get("/").get_data(as_text=True)
    assert 'id="reminders-empty"' in page
    assert "Schedule an interview" in page


def test_today_one_click_logs_the_outcome_and_marks_done(auth_client, recruiter, history):
    interview = history("ended")
    sweep(at(10, 13))
    (row,) = rows()
    response = auth_client.post(
        f"/reminders/{row.id}/act", data={"action": "attended", "next": "/"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert [r.status for r in rows()] == ["done"]
    db.session.refresh(interview)
    assert interview.status == "attended"


def test_today_one_click_logs_the_outreach(auth_client, recruiter, history):
    interview = history("no_show")
    sweep(at(10, 10, 30))
    (row,) = rows()
    auth_client.post(f"/reminders/{row.id}/act", data={"action": "called"})
    assert [r.status for r in rows()] == ["done"]
    calls = list(
        db.session.scalars(outreach.search_outreach(recruiter, candidate_id=interview.candidate_id))
    )
    assert [(c.channel, c.direction, c.interview_id) for c in calls] == [
        ("call", "outbound", interview.id)
    ]


def test_today_one_click_asked_again_marks_the_nudge_done(auth_client, recruiter, history):
    interview = history("upcoming")
    sweep(at(11, 10))  # 24 h before: "ask again"
    (row,) = rows(status="due")
    auth_client.post(f"/reminders/{row.id}/act", data={"action": "confirmation_requested"})
    assert [r.status for r in rows(kind="confirm_again")] == ["done"]
    db.session.refresh(interview)
    assert [e.type for e in interview.events] == ["confirmation_requested"]


def test_today_refuses_an_action_that_does_not_fit(auth_client, recruiter, history):
    history("ended")
    sweep(at(10, 13))
    (row,) = rows()
    response = auth_client.post(f"/reminders/{row.id}/act", data={"action": "texted"})
    assert response.status_code == 302
    assert [r.status for r in rows()] == ["due"]
    assert "does not answer this reminder" in auth_client.get("/").get_data(as_text=True)


def test_today_done_snooze_dismiss(auth_client, recruiter, history):
    _busy_history(recruiter, history)
    sweep(BUSY)
    first, second, third, _ = rows()
    assert auth_client.post(f"/reminders/{first.id}/done").status_code == 302
    assert auth_client.post(f"/reminders/{second.id}/dismiss").status_code == 302
    assert auth_client.post(f"/reminders/{third.id}/snooze").status_code == 302
    done, dismissed, snoozed, _ = rows()
    assert (done.status, dismissed.status, snoozed.status) == ("done", "dismissed", "snoozed")
    now = datetime.now(UTC)
    assert now < snoozed.snoozed_until <= now + timedelta(days=4)
    local = snoozed.snoozed_until.astimezone(UTC)
    assert local.time() == time(8, 0) and local.weekday() < 5  # tomorrow's first working hour
    page = auth_client.get("/").get_data(as_text=True)
    assert f'id="reminder-{first.id}"' not in page
    assert f'id="reminder-{snoozed.id}"' not in page


def test_today_actions_on_another_recruiters_reminder_are_404(
    auth_client, make_recruiter, make_interview
):
    other = make_recruiter()
    make_interview(other, now=at(7, 8), scheduled_at=at(10, 10))
    sweep(at(10, 13))
    (row,) = rows()
    for action in ("done", "snooze", "dismiss", "act"):
        assert auth_client.post(f"/reminders/{row.id}/{action}").status_code == 404
    assert [r.status for r in rows()] == ["due"]


def test_today_next_never_leaves_the_site(auth_client, recruiter, history):
    history("ended")
    sweep(at(10, 13))
    (row,) = rows()
    response = auth_client.post(f"/reminders/{row.id}/done", data={"next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_today_actions_need_csrf(app, client, recruiter, history):
    from tests.conftest import login

    history("ended")
    sweep(at(10, 13))
    (row,) = rows()
    login(client, recruiter.email)
    app.config["WTF_CSRF_ENABLED"] = True
    client.post(f"/reminders/{row.id}/done")
    assert [r.status for r in rows()] == ["due"]


# --- the API -----------------------------------------------------------------------------------


def test_api_lists_due_reminders(api, recruiter, history):
    _busy_history(recruiter, history)
    sweep(BUSY)
    body = api.get("/api/v1/reminders?status=due").get_json()
    assert body["total"] == 4 and body["page"] == 1
    item = body["items"][0]
    assert set(item) >= {
        "id",
        "kind",
        "candidate_id",
        "interview_id",
        "due_at",
        "status",
        "message",
    }
    assert item["status"] == "due" and item["due_at"].endswith("Z")


def test_api_due_before_looks_ahead(api, recruiter, make_candidate, make_outreach):
    make_outreach(recruiter, make_candidate(recruiter), now=at(9, 3), sent_at=at(9, 3))
    sweep(at(12, 3))  # due at 08:00
    body = api.get("/api/v1/reminders?status=done").get_json()
    assert body["total"] == 0
    ahead = api.get("/api/v1/reminders?status=due&due_before=2099-01-01T00:00:00Z").get_json()
    assert ahead["total"] == 1
    early = api.get("/api/v1/reminders?status=due&due_before=2026-03-12T08:00:00Z").get_json()
    assert early["total"] == 0


def test_api_done_snooze_dismiss(api, recruiter, history):
    _busy_history(recruiter, history)
    sweep(BUSY)
    first, second, third, _ = rows()
    done = api.post(f"/api/v1/reminders/{first.id}/done")
    assert done.status_code == 200 and done.get_json()["status"] == "done"
    dismissed = api.post(f"/api/v1/reminders/{second.id}/dismiss")
    assert dismissed.get_json()["status"] == "dismissed"
    until = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    snoozed = api.post(f"/api/v1/reminders/{third.id}/snooze", json={"until": until})
    assert snoozed.status_code == 200 and snoozed.get_json()["status"] == "snoozed"
    assert api.get("/api/v1/reminders?status=snoozed").get_json()["total"] == 1
    assert api.get("/api/v1/reminders?status=done").get_json()["total"] == 1
    assert api.get("/api/v1/reminders?status=dismissed").get_json()["total"] == 1
    again = api.post(f"/api/v1/reminders/{first.id}/dismiss")
    assert again.status_code == 422
    assert "already done" in again.get_json()["error"]["message"]


def test_api_snoozed_reminder_is_due_again_when_the_snooze_ends(recruiter, history):
    history("ended")
    sweep(at(10, 13))
    (row,) = rows()
    reminders.snooze(recruiter, row, at(11, 9), at(10, 14))
    db.session.commit()
    assert due_keys(recruiter, at(11, 8, 59)) == []
    assert due_keys(recruiter, at(11, 9)) == [row.key]
    assert reminders.effective_status(row, at(11, 9)) == "due"


@pytest.mark.parametrize(
    "until",
    ["2020-01-01T00:00:00Z", "2099-01-01T00:00:00", "not a time", None],
)
def test_api_snooze_refuses_a_bad_until(api, recruiter, history, until):
    history("ended")
    sweep(at(10, 13))
    (row,) = rows()
    response = api.post(f"/api/v1/reminders/{row.id}/snooze", json={"until": until})
    assert response.status_code == 422
    assert "until" in response.get_json()["error"]["fields"]
    assert [r.status for r in rows()] == ["due"]


def test_api_another_recruiters_reminder_is_404(api, make_recruiter, make_interview):
    other = make_recruiter()
    make_interview(other, now=at(7, 8), scheduled_at=at(10, 10))
    sweep(at(10, 13))
    (row,) = rows()
    assert api.get(f"/api/v1/reminders/{row.id}").status_code == 404
    for action in ("done", "dismiss"):
        assert api.post(f"/api/v1/reminders/{row.id}/{action}").status_code == 404
    until = {"until": "2099-01-01T00:00:00Z"}
    assert api.post(f"/api/v1/reminders/{row.id}/snooze", json=until).status_code == 404
    assert api.get("/api/v1/reminders").get_json()["total"] == 0
    assert [r.status for r in rows()] == ["due"]


def test_api_reminders_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/api/v1/reminders", "/api/v1/reminders/{reminder_id}/snooze"} <= set(paths)


def test_reminder_opens_on_the_write_that_makes_it_due(recruiter, make_candidate):
    """No sweep: logging a call made three days and an hour ago opens its follow-up at once,
    and stores when the clock should look again (nothing more to come: None)."""
    ada = make_candidate(recruiter, now=at(9, 8))
    outreach.create_outreach(
        recruiter, {"candidate_id": ada.id, "channel": "call", "sent_at": at(6, 9)}, at(9, 10)
    )
    db.session.commit()
    assert [r.kind for r in rows(status="due")] == ["follow_up_unanswered"]
    assert db.session.get(Candidate, ada.id).reminder_review_at is None


def test_reminder_review_moment_follows_the_next_nudge(recruiter, history):
    interview = history("upcoming")  # Thursday 10:00, made Monday 08:00
    db.session.expire_all()
    assert db.session.get(Candidate, interview.candidate_id).reminder_review_at == at(10, 10)
    assert sweep(at(10, 9, 59)).created == 0  # one indexed query: not yet
    sweep(at(10, 10))
    db.session.expire_all()
    assert db.session.get(Candidate, interview.candidate_id).reminder_review_at == at(11, 10)
