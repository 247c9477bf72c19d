"""Ghosted interviews: the rule, the sweep, automatic withdrawal, concurrency and the CLI."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruiter.extensions import db
from recruiter.models import AuditEntry, Candidate, Interview, InterviewEvent, Outreach, Suggestion
from recruiter.services import ghosts, interviews, outreach, suggestions
from recruiter.services.ghosts import GhostSettings, assess
from recruiter.services.interviews import EventData
from tests.ghost_story import START, day, ghost_story, suggestions_of


def _sweep(now):  # type: ignore[no-untyped-def]
    summary = ghosts.sweep(now)
    db.session.commit()
    return summary


# --- the rule, on plain rows ------------------------------------------------------------------


def _interview(events=(("confirmed", -2), ("no_show", 0.05))) -> Interview:  # type: ignore[no-untyped-def]
    row = Interview(id=1, candidate_id=7, scheduled_at=START, original_scheduled_at=START)
    row.events = [InterviewEvent(type=kind, at=day(offset)) for kind, offset in events]
    return row


def _out(sent: float, direction: str = "outbound", responded: float | None = None) -> Outreach:
    return Outreach(
        id=int(sent * 100),
        candidate_id=7,
        channel="call",
        direction=direction,
        sent_at=day(sent),
        responded_at=day(responded) if responded is not None else None,
    )


@pytest.mark.parametrize(
    ("events", "rows", "at", "state", "missing"),
    [
        # the story: two follow-ups, 3 then 8 days of silence
        (None, [_out(0.1), _out(1)], 3, "possible", ["4 days left"]),
        (None, [_out(0.1), _out(1)], 8, "ghosted", []),
        (None, [_out(0.1), _out(1)], 7, "ghosted", []),  # exactly the threshold
        (None, [_out(0.1)], 0.5, "possible", ["1 more follow-up", "7 days left"]),
        (None, [], 6.5, "possible", ["2 more follow-ups", "1 day left"]),
        (None, [_out(0.1)], 30, "possible", ["1 more follow-up"]),
        # follow-ups before the start do not count
        (None, [_out(-1), _out(-0.5), _out(1)], 8, "possible", ["1 more follow-up"]),
        # heard from: a reply (even to an outreach sent before the start), inbound, explained
        (None, [_out(-1, responded=0.5), _out(0.1), _out(1)], 8, "no", []),
        (None, [_out(0.1), _out(1), _out(2, "inbound")], 8, "no", []),
        (
            (("confirmed", -2), ("no_show", 0.05), ("explained", 1)),
            [_out(0.1), _out(1)],
            8,
            "no",
            [],
        ),
        # a reply before the start is not a sign of life since
        (None, [_out(-3, responded=-2.5), _out(0.1), _out(1)], 8, "ghosted", []),
        # a later reply is ignored "as of" an earlier time
        (None, [_out(0.1), _out(1, responded=9)], 8, "ghosted", []),
        # never confirmed, or not a no-show
        ((("no_show", 0.05),), [_out(0.1), _out(1)], 8, "no", []),
        ((("confirmed", -2), ("attended", 0.05)), [_out(0.1), _out(1)], 8, "no", []),
    ],
)
def test_ghosts_assess_rule(events, rows, at, state, missing):
    interview = _interview() if events is None else _interview(events)
    result = assess(interview, rows, day(at))
    assert (result.state, result.missing) == (state, missing)


def test_ghosts_assess_settings_change_thresholds():
    strict = GhostSettings(min_follow_ups=3, silence_days=10)
    result = assess(_interview(), [_out(0.1), _out(1)], day(8), strict)
    assert result.state == "possible"
    assert result.missing == ["1 more follow-up", "2 days left"]


@settings(max_examples=200, deadline=None)
@given(
    sent_hours=st.lists(st.integers(min_value=-72, max_value=480), max_size=5),
    at_hours=st.integers(min_value=2, max_value=480),
)
def test_ghosts_assess_ghosted_exactly_when_thresholds_met(sent_hours, at_hours):
    rows = [
        Outreach(id=i, candidate_id=7, channel="text", direction="outbound", sent_at=day(0, h))
        for i, h in enumerate(sent_hours)
    ]
    result = assess(_interview(), rows, day(0, at_hours))
    follow_ups = sum(1 for h in sent_hours if 0 <= h <= at_hours)
    assert result.ghosted == (follow_ups >= 2 and at_hours >= 7 * 24)
    assert result.state in ("ghosted", "possible")
    assert (result.missing == []) == result.ghosted
    assert len(result.evidence["follow_ups"]) == follow_ups


def test_ghosts_settings_from_config():
    from recruiter import config
    from recruiter import settings as app_settings

    defaults = {name: getattr(config, name) for name in dir(config) if name.isupper()}
    assert app_settings.build(defaults).ghost == GhostSettings()
    overrides = defaults | {"GHOST_SETTINGS": {"silence_days": 10}}
    assert app_settings.build(overrides).ghost.silence_days == 10
    with pytest.raises(ValueError, match="silense_days is not a setting; did you mean silence_d"):
        app_settings.build(defaults | {"GHOST_SETTINGS": {"silense_days": 10}})


# --- the story, in the database ---------------------------------------------------------------


def test_ghosts_story_sweeps_opens_once_and_reply_withdraws(
    recruiter, make_candidate, make_interview, make_outreach, make_client
):
    client = make_client(recruiter, name="Acme Fintech", now=day(-20))
    candidate, interview = ghost_story(
        recruiter, make_candidate, make_interview, make_outreach, client_id=client.id
    )

    # Day 3: a possible ghost, nothing opened.
    summary = _sweep(day(3))
    assert (sum(summary.opened.values()), summary.possible) == (0, 1)
    assert suggestions_of(candidate) == []
    [(_, possible)] = ghosts.candidate_ghosts(recruiter, candidate.id, day(3), GhostSettings())
    assert possible.state == "possible" and possible.missing == ["4 days left"]

    # Day 8: ghosted, exactly one suggestion with its evidence.
    summary = _sweep(day(8))
    assert summary.opened["remove_connection"] == 1 and summary.possible == 0
    [row] = suggestions_of(candidate)
    assert (row.kind, row.status, row.interview_id) == ("remove_connection", "open", interview.id)
    assert row.key == f"remove_connection:interview:{interview.id}"
    assert row.team_id == recruiter.team_id and row.created_at == day(8)
    ev = row.evidence
    assert ev["interview"] == {
        "id": interview.id,
        "start": "2026-03-10T12:00:00Z",
        "client": "Acme Fintech",
        "role": "Data engineer",
    }
    assert ev["confirmed_at"] == "2026-03-08T12:00:00Z"
    assert [(f["channel"], f["sent_at"]) for f in ev["follow_ups"]] == [
        ("call", "2026-03-10T14:00:00Z"),
        ("text", "2026-03-11T12:00:00Z"),
    ]
    assert ev["silence_days"] == 8.0
    assert ev["candidate"]["score"] == candidate.score
    text = " ".join(row.reasons)
    assert "Sam Quinn confirmed the interview with Acme Fintech (Data engineer)" in text
    assert "did not show up" in text and "followed up 2 times" in text
    assert "call on Tue 10 Mar 2026, 14:00" in text and "8 days" in text

    # A second sweep (and a later one) opens nothing more.
    assert sum(_sweep(day(8)).opened.values()) == 0
    assert sum(_sweep(day(8, 6)).opened.values()) == 0
    assert len(suggestions_of(candidate)) == 1

    # Day 9: they reply. The suggestion is withdrawn in the same transaction, with the reason.
    outreach.candidate_replied(recruiter, candidate, day(9), day(9), channel="text")
    db.session.commit()
    db.session.refresh(row)
    assert row.status == "withdrawn" and row.resolved_at == day(9)
    assert row.resolution_reason.startswith("Heard from them: they answered your")
    audit = db.session.scalars(
        db.select(AuditEntry).where(
            AuditEntry.entity == "suggestion", AuditEntry.entity_id == row.id
        )
    ).all()
    assert [a.action for a in audit] == ["opened", "withdrawn"]
    # The history keeps the no-show and the reply; later sweeps never reopen.
    assert interview.status == "no_show"
    summary = _sweep(day(12))
    assert sum(summary.opened.values()) == 0 and summary.withdrawn == 0
    assert [s.status for s in suggestions_of(candidate)] == ["withdrawn"]


def test_ghosts_explained_on_day_one_never_suggested(
    recruiter, make_candidate, make_interview, make_outreach
):
    candidate, interview = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    interviews.add_event(recruiter, interview, EventData("explained", day(1, 2)), day(1, 2))
    db.session.commit()
    for at in (day(3), day(8), day(30)):
        summary = _sweep(at)
        assert sum(summary.opened.values()) == 0 and summary.possible == 0
    assert suggestions_of(candidate) == []
    [(_, result)] = ghosts.candidate_ghosts(recruiter, candidate.id, day(30), GhostSettings())
    assert result.state == "no" and result.evidence["heard_from"]["kind"] == "explained"


def test_ghosts_inbound_message_withdraws(recruiter, make_candidate, make_interview, make_outreach):
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    _sweep(day(8))
    make_outreach(
        recruiter, candidate, now=day(10), sent_at=day(10), channel="email", direction="inbound"
    )
    [row] = suggestions_of(candidate)
    assert row.status == "withdrawn" and "reached out by email" in row.resolution_reason


def test_ghosts_explanation_withdraws(recruiter, make_candidate, make_interview, make_outreach):
    candidate, interview = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    _sweep(day(8))
    interviews.add_event(recruiter, interview, EventData("explained", day(11)), day(11))
    db.session.commit()
    [row] = suggestions_of(candidate)
    assert row.status == "withdrawn" and "explained the no-show" in row.resolution_reason


def test_ghosts_reply_withdraws_in_the_same_unit_of_work(
    recruiter, make_candidate, make_interview, make_outreach
):
    """A reply logged through the service withdraws the suggestion when its unit of work
    commits: no sweep is needed, and the next sweep finds nothing left to do."""
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    _sweep(day(8))
    interview = db.session.scalars(
        db.select(Interview).where(Interview.candidate_id == candidate.id)
    ).one()
    assert interview.ghost_state == "ghosted"
    first = db.session.scalars(
        db.select(Outreach).where(Outreach.candidate_id == candidate.id).order_by(Outreach.id)
    ).first()
    outreach.record_response(recruiter, first, day(9), day(9))
    db.session.commit()
    assert suggestions_of(candidate)[0].status == "withdrawn"
    assert interview.ghost_state == "no"
    assert interview.next_review_at is None
    assert _sweep(day(9, 2)).withdrawn == 0  # idempotent


def test_ghosts_dismissed_suggestion_never_reopened(
    recruiter, make_candidate, make_interview, make_outreach
):
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    _sweep(day(8))
    [row] = suggestions_of(candidate)
    suggestions.dismiss(recruiter, row, "An old friend; I'll call again.", day(8, 1))
    db.session.commit()
    for at in (day(9), day(40)):
        assert sum(_sweep(at).opened.values()) == 0
    assert [s.status for s in suggestions_of(candidate)] == ["dismissed"]


def test_ghosts_sweep_covers_every_recruiter_separately(
    make_recruiter, make_candidate, make_interview, make_outreach
):
    first, second = make_recruiter(), make_recruiter(time_zone="Europe/Paris")
    mine, _ = ghost_story(first, make_candidate, make_interview, make_outreach, name="A One")
    theirs, _ = ghost_story(second, make_candidate, make_interview, make_outreach, name="B Two")
    assert _sweep(day(8)).opened["remove_connection"] == 2
    assert suggestions_of(mine)[0].team_id == first.team_id
    assert suggestions_of(theirs)[0].team_id == second.team_id
    # Reasons speak the owner's time zone: 12:00 UTC is 13:00 in Paris.
    assert "13:00" in suggestions_of(theirs)[0].reasons[0]
    assert suggestions.count_open(first) == 1 and suggestions.count_open(second) == 1


def test_ghosts_sweep_ignores_unconfirmed_and_attended(
    recruiter, make_candidate, make_interview, make_outreach
):
    candidate = make_candidate(recruiter, full_name="Never Confirmed", now=day(-10))
    make_interview(
        recruiter, candidate, now=day(-10), scheduled_at=START, events=(("no_show", day(0, 1)),)
    )
    other = make_candidate(recruiter, full_name="Came Along", now=day(-10))
    make_interview(
        recruiter,
        other,
        now=day(-10),
        scheduled_at=START,
        events=(("confirmed", day(-1)), ("attended", day(0, 1))),
    )
    for who in (candidate, other):
        for at in (day(0, 2), day(1)):
            make_outreach(recruiter, who, now=at, sent_at=at)
    summary = _sweep(day(8))
    assert sum(summary.opened.values()) == 0 and summary.possible == 0
    assert db.session.scalar(db.select(db.func.count(Suggestion.id))) == 0


def test_ghosts_concurrent_sweeps_open_exactly_one(
    app, recruiter, make_candidate, make_interview, make_outreach, monkeypatch
):
    """Two sweeps, each in its own thread, app context and session, reach the insert together:
    the unique key makes one of them a no-op (SQLite and PostgreSQL)."""
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    db.session.commit()
    barrier = threading.Barrier(2, timeout=10)
    original = suggestions._insert_or_ignore

    def racing_insert(values):  # type: ignore[no-untyped-def]
        barrier.wait()  # both sweeps have read "no suggestion yet"
        return original(values)

    monkeypatch.setattr(suggestions, "_insert_or_ignore", racing_insert)
    results: list[object] = []

    def run() -> None:
        with app.app_context():
            try:
                summary = ghosts.sweep(day(8))
                db.session.commit()
                results.append(summary.opened["remove_connection"])
            except Exception as exc:  # pragma: no cover - reported below
                db.session.rollback()
                results.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results, key=str) == [0, 1], results
    db.session.expire_all()
    assert len(suggestions_of(candidate)) == 1
    opened = db.session.scalar(
        db.select(db.func.count(AuditEntry.id)).where(
            AuditEntry.entity == "suggestion", AuditEntry.action == "opened"
        )
    )
    assert opened == 1


def test_ghosts_rescheduled_interview_counts_from_the_new_start(
    recruiter, make_candidate, make_interview, make_outreach
):
    candidate = make_candidate(recruiter, full_name="Moved Along", now=day(-10))
    make_interview(
        recruiter,
        candidate,
        now=day(-10),
        scheduled_at=day(-3),
        events=(
            ("confirmed", day(-5)),
            EventData("rescheduled", day(-4), by="client", new_scheduled_at=START),
            ("no_show", day(0, 1)),
        ),
    )
    # Two follow-ups, but one before the new start: not enough yet.
    for at in (day(-1), day(1)):
        make_outreach(recruiter, candidate, now=at, sent_at=at)
    _sweep(day(8))  # only a follow-up is missing after the silence: the clock stops here
    assert ghosts.sweep(day(30)).reviewed == 0
    [(_, result)] = ghosts.candidate_ghosts(recruiter, candidate.id, day(8), GhostSettings())
    assert result.missing == ["1 more follow-up"]


# --- pages and the command line ---------------------------------------------------------------


def test_ghosts_interview_and_candidate_pages_show_status(
    auth_client, recruiter, make_candidate, make_interview, make_outreach, monkeypatch
):
    import recruiter.views.candidates as candidate_views
    import recruiter.views.interviews as interview_views

    candidate, interview = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    _sweep(day(3))  # the clock keeps the stored "N days left" true
    for module in (candidate_views, interview_views):
        monkeypatch.setattr(module, "utcnow", lambda: day(3))
    html = auth_client.get(f"/interviews/{interview.id}").get_data(as_text=True)
    assert 'data-ghost="possible"' in html and "4 days left" in html
    html = auth_client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert 'data-ghost="possible"' in html and "4 days left" in html

    _sweep(day(8))
    for module in (candidate_views, interview_views):
        monkeypatch.setattr(module, "utcnow", lambda: day(8))
    html = auth_client.get(f"/interviews/{interview.id}").get_data(as_text=True)
    assert 'data-ghost="ghosted"' in html and "Remove connection" in html
    html = auth_client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert 'data-ghost="ghosted"' in html and 'data-status="open"' in html


def test_ghosts_dashboard_lists_possible_ghosts_and_open_suggestions(
    auth_client, recruiter, make_candidate, make_interview, make_outreach, monkeypatch
):
    import recruiter.views.dashboard as dashboard_views

    ghost_story(recruiter, make_candidate, make_interview, make_outreach, name="Open One")
    ghost_story(
        recruiter,
        make_candidate,
        make_interview,
        make_outreach,
        name="Maybe Later",
        start=day(5),
    )
    _sweep(day(8))
    monkeypatch.setattr(dashboard_views, "utcnow", lambda: day(8))
    html = auth_client.get("/").get_data(as_text=True)
    assert 'id="dashboard-attention"' in html
    assert "Open One" in html and "Maybe Later" in html and "4 days left" in html
    assert 'id="open-suggestions-badge">1<' in html


def test_ghosts_jobs_run_prints_the_sweep_summary(
    runner, recruiter, make_candidate, make_interview, make_outreach
):
    ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    # Every job runs (the others' exit status is theirs); the sweep prints its summary.
    result = runner.invoke(args=["jobs", "run", "--now", "2026-03-13T12:00:00Z"])
    assert "opened 0, withdrawn 0, possible ghosts 1" in result.output
    result = runner.invoke(
        args=["jobs", "run", "--now", "2026-03-18T12:00:00+00:00", "--only", "ghost_sweep"]
    )
    assert result.exit_code == 0, result.output
    assert "ghost_sweep: reviewed 1 interviews, opened 1, withdrawn 0, possible ghosts 0" in (
        result.output
    )
    assert "remove_connection 1" in result.output
    result = runner.invoke(
        args=["jobs", "run", "--now", "2026-03-18T13:00:00Z", "--only", "ghost_sweep"]
    )
    # Nothing is due any more: the clock touches no interview at all.
    assert "ghost_sweep: reviewed 0 interviews, opened 0, withdrawn 0" in result.output
    assert db.session.scalar(db.select(db.func.count(Suggestion.id))) == 1


def test_ghosts_job_is_declared():
    from recruiter.jobs import JOBS

    [job] = [j for j in JOBS if j.id == "ghost_sweep"]
    # Every minute: a verdict that time alone changes takes effect within a minute of its time.
    assert job.trigger == {"trigger": "interval", "minutes": 1}


def test_ghosts_candidate_rows_untouched_by_sweep(
    recruiter, make_candidate, make_interview, make_outreach
):
    """The sweep only suggests: the connection status changes when the recruiter accepts."""
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    _sweep(day(8))
    assert db.session.get(Candidate, candidate.id).connection_status == "none"
    assert START + timedelta(days=8) == day(8)
