"""One truth per candidate: the verdict is decided on the write, moved by the clock, and read
from the same stored state by the interview, candidate, dashboard, inbox, CSV and API.

An interview is never shown as ghosted while its ``remove_connection`` suggestion does not
exist, and once the removal is accepted no reminder keeps chasing the candidate."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from recruiter.extensions import db
from recruiter.models import Interview, Outreach, Reminder, Suggestion
from recruiter.services import ghosts, reminders, suggestions
from tests.ghost_story import day, ghost_story


def _invariant_holds() -> None:
    """No interview is stored as ghosted without its remove_connection suggestion."""
    ghosted = set(
        db.session.scalars(db.select(Interview.id).where(Interview.ghost_state == "ghosted"))
    )
    suggested = set(
        db.session.scalars(
            db.select(Suggestion.interview_id).where(Suggestion.kind == "remove_connection")
        )
    )
    assert ghosted <= suggested


def _surfaces(client, api, candidate, interview) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What each place a recruiter looks says about this interview."""

    def page_state(html: str) -> str:
        for state in ("ghosted", "possible"):
            if f'data-ghost="{state}"' in html:
                return state
        return "no"

    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/reports/suggestions.csv").get_data(as_text=True).lstrip("\ufeff")
            )
        )
    )
    open_api = api.get("/api/v1/suggestions?status=open").json["items"]
    return {
        "api": api.get(f"/api/v1/interviews/{interview.id}").json["ghost"],
        "interview page": page_state(
            client.get(f"/interviews/{interview.id}").get_data(as_text=True)
        ),
        "candidate page": page_state(
            client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
        ),
        "dashboard lists it as possible": f'data-possible-ghost="{interview.id}"'
        in client.get("/").get_data(as_text=True),
        "open suggestions (api)": sorted(s["kind"] for s in open_api),
        "suggestions csv": len(rows),
    }


def test_one_truth_every_surface_agrees_at_every_step(
    auth_client, api, recruiter, make_candidate, make_interview, make_outreach
):
    candidate, interview = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    # Confirmed, no-show, two follow-ups: a possible ghost at once, decided on the write.
    seen = _surfaces(auth_client, api, candidate, interview)
    assert seen["api"] == {"state": "possible", "missing": ["6 days left"]}
    assert seen["interview page"] == seen["candidate page"] == "possible"
    assert seen["dashboard lists it as possible"]
    assert seen["open suggestions (api)"] == [] and seen["suggestions csv"] == 0
    _invariant_holds()

    # The clock: a minute before the silence runs out nothing changes; at its moment it does.
    db.session.refresh(interview)
    assert interview.next_review_at == day(2)  # "6 days left" becomes "5 days left"
    for at in (day(2), day(3), day(4), day(5), day(6)):
        ghosts.sweep(at)
        db.session.commit()
    db.session.refresh(interview)
    assert interview.next_review_at == day(7)
    assert ghosts.sweep(day(7) - timedelta(minutes=1)).reviewed == 0
    db.session.commit()
    assert _surfaces(auth_client, api, candidate, interview)["api"] == {
        "state": "possible",
        "missing": ["1 day left"],
    }
    summary = ghosts.sweep(day(7))
    db.session.commit()
    assert summary.opened["remove_connection"] == 1
    seen = _surfaces(auth_client, api, candidate, interview)
    assert seen["api"] == {"state": "ghosted", "missing": []}
    assert seen["interview page"] == seen["candidate page"] == "ghosted"
    assert seen["open suggestions (api)"] == ["remove_connection"]
    assert seen["suggestions csv"] == 1
    assert not seen["dashboard lists it as possible"]
    _invariant_holds()
    # Nothing left for the clock: the next sweep touches no interview.
    assert ghosts.sweep(day(7, 1)).reviewed == 0

    # They answer: the same request withdraws the suggestion and clears the verdict.
    first = db.session.scalars(
        db.select(Outreach).where(Outreach.candidate_id == candidate.id).order_by(Outreach.id)
    ).first()
    response = api.post(
        f"/api/v1/outreach/{first.id}/response", json={"responded_at": day(8).isoformat()}
    )
    assert response.status_code == 200, response.json
    seen = _surfaces(auth_client, api, candidate, interview)
    assert seen["api"] == {"state": "no", "missing": []}
    assert seen["interview page"] == seen["candidate page"] == "no"
    assert seen["open suggestions (api)"] == []
    _invariant_holds()


def test_one_truth_accepted_removal_stops_every_chase_reminder(
    recruiter, make_candidate, make_interview, make_outreach
):
    candidate, _ = ghost_story(recruiter, make_candidate, make_interview, make_outreach)
    reminders.sweep(day(3))
    db.session.commit()

    def chasing() -> list[str]:
        return list(
            db.session.scalars(
                db.select(Reminder.kind).where(
                    Reminder.candidate_id == candidate.id,
                    Reminder.status.in_(reminders.OPEN),
                    Reminder.kind.in_(("follow_up_no_show", "follow_up_unanswered")),
                )
            )
        )

    assert chasing()  # before the decision, Reliant tells the recruiter to follow up
    ghosts.sweep(day(8))
    db.session.commit()
    [row] = db.session.scalars(db.select(Suggestion).where(Suggestion.candidate_id == candidate.id))
    suggestions.accept(recruiter, row, day(8, 1))
    db.session.commit()
    assert chasing() == []
    # And the clock does not bring them back.
    reminders.sweep(day(12))
    db.session.commit()
    assert chasing() == []


def test_one_truth_the_write_uses_the_apps_ghost_settings(
    app, configure, recruiter, make_candidate, make_interview, make_outreach
):
    configure(GHOST_SETTINGS={"min_follow_ups": 1, "silence_days": 3})
    _, interview = ghost_story(
        recruiter, make_candidate, make_interview, make_outreach, follow_ups=(("call", day(1)),)
    )
    db.session.refresh(interview)
    assert interview.ghost == {"state": "possible", "missing": ["2 days left"]}
