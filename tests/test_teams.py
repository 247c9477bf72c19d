"""Teams: one shared network, who did what, invitations, roles, removal, the migration."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from recruiter.extensions import db
from recruiter.models import (
    AuditEntry,
    Candidate,
    Interview,
    Outreach,
    Recruiter,
    Reminder,
    Suggestion,
    Team,
)
from recruiter.services import Forbidden, ServiceError, interviews, reminders, suggestions, teams
from recruiter.services.interviews import EventData
from tests.conftest import NOW, PASSWORD, login

PREVIOUS = "b4e1c2d3a5f6"  # the revision before teams


@pytest.fixture
def colleague(recruiter, make_recruiter):
    return make_recruiter(
        email="alex@example.com", name="Alex Colleague", team=recruiter.team, role="member"
    )


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


# --- sharing ------------------------------------------------------------------------------------


def test_team_members_share_candidates_both_ways(
    recruiter, colleague, make_candidate, make_interview, make_outreach, make_api
):
    ada = make_candidate(recruiter, full_name="Ada Lovelace")
    grace = make_candidate(colleague, full_name="Grace Hopper")
    mine, theirs = make_api(recruiter), make_api(colleague)
    for client in (mine, theirs):
        names = {c["full_name"] for c in client.get("/api/v1/candidates").json["items"]}
        assert names == {"Ada Lovelace", "Grace Hopper"}
    # The colleague logs on the owner's candidate, the owner on the colleague's.
    interview = make_interview(colleague, ada)
    make_outreach(recruiter, grace)
    event = mine.post(
        f"/api/v1/interviews/{interview.id}/events",
        json={"type": "confirmed", "at": "2026-03-10T13:00:00Z"},
    )
    assert event.status_code == 201, event.json
    assert event.json["recruiter"] == colleague.email
    assert event.json["events"][-1]["recorded_by"] == recruiter.email
    assert theirs.get(f"/api/v1/candidates/{ada.id}").json["added_by"] == recruiter.email
    logged = theirs.get("/api/v1/outreach").json["items"]
    assert [o["logged_by"] for o in logged] == [recruiter.email]


def test_team_suggestions_are_the_teams_and_name_who_decided(
    recruiter, colleague, make_candidate, make_interview, make_api
):
    ada = make_candidate(recruiter)
    interview = make_interview(recruiter, ada)
    row = Suggestion(
        team_id=recruiter.team_id,
        candidate_id=ada.id,
        interview_id=interview.id,
        kind="remove_connection",
        key=f"remove_connection:interview:{interview.id}",
        reasons=["x"],
        evidence={},
    )
    db.session.add(row)
    db.session.commit()
    answer = make_api(colleague).post(
        f"/api/v1/suggestions/{row.id}/dismiss", json={"reason": "Not for us"}
    )
    assert answer.status_code == 200, answer.json
    assert answer.json["decided_by"] == colleague.email
    assert make_api(recruiter).get(f"/api/v1/suggestions/{row.id}").json["decided_by"] == (
        colleague.email
    )
    undone = make_api(recruiter).post(f"/api/v1/suggestions/{row.id}/undo", json={})
    assert undone.json["decided_by"] is None


def test_team_timeline_names_the_colleague_who_logged(
    client, recruiter, colleague, make_candidate, make_interview, make_outreach
):
    ada = make_candidate(recruiter)
    make_interview(colleague, ada, events=(("confirmation_requested", NOW),))
    make_outreach(colleague, ada, channel="text")
    login(client, recruiter.email)
    page = client.get(f"/candidates/{ada.id}").get_data(as_text=True)
    assert "Alex Colleague: text" in page
    assert page.count("logged by Alex Colleague") >= 3  # scheduled, asked, texted
    client.post("/logout")
    login(client, colleague.email)
    page = client.get(f"/candidates/{ada.id}").get_data(as_text=True)
    assert "You: text" in page and "logged by you" in page


def test_team_api_lists_the_active_members(api, recruiter, colleague):
    answer = api.get("/api/v1/team")
    assert answer.status_code == 200
    assert answer.json == {
        "name": recruiter.name,
        "members": [
            {"email": recruiter.email, "name": recruiter.name, "role": "owner"},
            {"email": colleague.email, "name": "Alex Colleague", "role": "member"},
        ],
    }


# --- reminders: each member's own ---------------------------------------------------------------


def test_team_reminders_go_to_the_member_in_charge(
    client, recruiter, colleague, make_candidate, make_interview
):
    made = at(9, 8)
    theirs = make_interview(
        colleague, make_candidate(recruiter, now=made), now=made, scheduled_at=at(12, 10)
    )
    mine = make_interview(
        recruiter,
        make_candidate(colleague, now=made, full_name="Bo"),
        now=made,
        scheduled_at=at(12, 11),
    )
    reminders.sweep(at(10, 12))
    db.session.commit()
    rows = {r.interview_id: r for r in db.session.scalars(select(Reminder))}
    assert rows[theirs.id].assignee_id == colleague.id
    assert rows[mine.id].assignee_id == recruiter.id
    now = at(10, 12)
    own = db.session.scalars(reminders.search_reminders(colleague, now, assignee_id=colleague.id))
    assert [r.interview_id for r in own] == [theirs.id]
    everyone = db.session.scalars(reminders.search_reminders(colleague, now))
    assert {r.interview_id for r in everyone} == {theirs.id, mine.id}


def test_team_today_shows_mine_and_switches_to_the_team(
    client, recruiter, colleague, make_candidate, make_interview, monkeypatch
):
    made = at(9, 8)
    make_interview(
        colleague,
        make_candidate(recruiter, now=made, full_name="Theirs Person"),
        now=made,
        scheduled_at=at(12, 10),
    )
    reminders.sweep(at(10, 12))
    db.session.commit()
    monkeypatch.setattr("recruiter.views.dashboard.utcnow", lambda: at(10, 12))
    login(client, recruiter.email)
    mine = client.get("/").get_data(as_text=True)
    assert (
        "Reminders due for you" in mine
        and "Theirs Person" not in mine.split('id="reminders"')[1].split("</section>")[0]
    )
    team = client.get("/?reminders=team").get_data(as_text=True)
    section = team.split('id="reminders"')[1].split("</section>")[0]
    assert "Reminders due for the team" in section
    assert "Theirs Person" in section and "for Alex Colleague" in section


# --- invitations --------------------------------------------------------------------------------


def _invite(client, **data):  # type: ignore[no-untyped-def]
    response = client.post("/settings/team/invitations", data={"role": "member", **data})
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get("/settings/team").get_data(as_text=True)
    return re.search(r'id="invitation-link"[^>]*value="([^"]+)"', page).group(1)


def _join(client, link, email="sam@example.com", **extra):  # type: ignore[no-untyped-def]
    path = link.split("localhost", 1)[1]
    data = {
        "name": "Sam New",
        "email": email,
        "password": PASSWORD,
        "confirm": PASSWORD,
        "time_zone": "Europe/Paris",
        **extra,
    }
    return client.post(path, data=data)


def test_team_invitation_link_works_once(app, recruiter, client):
    login(client, recruiter.email)
    link = _invite(client)
    client.post("/logout")
    page = client.get(link.split("localhost", 1)[1])
    assert page.status_code == 200 and f"Join {recruiter.name}" in page.get_data(as_text=True)
    joined = _join(client, link)
    assert joined.status_code == 302
    sam = db.session.scalar(select(Recruiter).where(Recruiter.email == "sam@example.com"))
    assert (sam.team_id, sam.role, sam.time_zone) == (recruiter.team_id, "member", "Europe/Paris")
    assert client.get("/settings/team").status_code == 200  # logged in as Sam
    client.post("/logout")
    again = _join(client, link, email="eve@example.com")
    assert again.status_code == 410
    assert "already used" in again.get_data(as_text=True)
    assert db.session.scalar(select(Recruiter).where(Recruiter.email == "eve@example.com")) is None


def test_team_invitation_expires_after_seven_days(app, recruiter, client, monkeypatch):
    login(client, recruiter.email)
    monkeypatch.setattr("recruiter.views.team.utcnow", lambda: NOW)
    link = _invite(client)
    client.post("/logout")
    monkeypatch.setattr("recruiter.views.team.utcnow", lambda: NOW + timedelta(days=7))
    late = _join(client, link)
    assert late.status_code == 410 and "expired" in late.get_data(as_text=True)
    monkeypatch.setattr(
        "recruiter.views.team.utcnow", lambda: NOW + timedelta(days=7) - timedelta(seconds=1)
    )
    assert _join(client, link).status_code == 302


def test_team_invitation_for_an_address_takes_only_that_address(recruiter, client):
    login(client, recruiter.email)
    link = _invite(client, email="Only@Example.com")
    client.post("/logout")
    wrong = _join(client, link, email="other@example.com")
    assert wrong.status_code == 422 and "only@example.com" in wrong.get_data(as_text=True)
    assert _join(client, link, email="only@example.com").status_code == 302


def test_team_unknown_invitation_link_is_404(client):
    assert client.get("/join/inv_nothing-here").status_code == 404
    assert client.get("/join/whatever").status_code == 404


def test_team_member_cannot_invite_remove_or_change_roles(recruiter, colleague, client):
    with pytest.raises(Forbidden):
        teams.create_invitation(colleague, NOW)
    with pytest.raises(Forbidden):
        teams.remove_member(colleague, recruiter.id, NOW)
    with pytest.raises(Forbidden):
        teams.change_role(colleague, colleague.id, "owner", NOW)
    login(client, colleague.email)
    response = client.post("/settings/team/invitations", data={"role": "member"})
    assert response.status_code == 303
    page = client.get("/settings/team").get_data(as_text=True)
    assert "Only an owner of the team can do this." in page
    assert db.session.scalar(select(func.count()).select_from(teams.Invitation)) == 0


def test_team_mail_carries_the_invitation_when_mail_is_set(
    recruiter, client, configure, monkeypatch
):
    sent = []
    monkeypatch.setattr("recruiter.services.mail.send", lambda m, s: sent.append(m))
    configure(MAIL_SERVER="localhost")
    login(client, recruiter.email)
    link = _invite(client, email="sam@example.com")
    assert [m["To"] for m in sent] == ["sam@example.com"]
    assert link in sent[0].get_content()


# --- roles and removal --------------------------------------------------------------------------


def test_team_last_owner_cannot_step_down_or_be_removed(recruiter, colleague):
    with pytest.raises(ServiceError):
        teams.change_role(recruiter, recruiter.id, "member", NOW)
    teams.change_role(recruiter, colleague.id, "owner", NOW)
    teams.change_role(recruiter, recruiter.id, "member", NOW)  # another owner now exists
    db.session.commit()
    assert (recruiter.role, colleague.role) == ("member", "owner")
    with pytest.raises(ServiceError):
        teams.remove_member(colleague, colleague.id, NOW)


def test_team_removing_a_member_keeps_their_work_and_reassigns_reminders(
    client, recruiter, colleague, make_candidate, make_interview, make_api
):
    made = at(9, 8)
    ada = make_candidate(colleague, now=made)
    interview = make_interview(colleague, ada, now=made, scheduled_at=at(12, 10))
    reminders.sweep(at(10, 12))
    db.session.commit()
    token_client = make_api(colleague)
    login(client, recruiter.email)
    removed = client.post(f"/settings/team/members/{colleague.id}/remove")
    assert removed.status_code == 302
    db.session.expire_all()
    assert db.session.get(Candidate, ada.id).added_by_id == colleague.id  # still theirs, kept
    assert db.session.get(Interview, interview.id).recruiter_id == recruiter.id
    assert {r.assignee_id for r in db.session.scalars(select(Reminder))} == {recruiter.id}
    assert token_client.get("/api/v1/candidates").status_code == 401
    page = client.get("/settings/team").get_data(as_text=True)
    assert "removed" in page and colleague.email in page
    audit = db.session.scalar(
        select(AuditEntry).where(AuditEntry.entity == "recruiter", AuditEntry.action == "removed")
    )
    assert audit.entity_id == colleague.id and audit.actor_id == recruiter.id
    client.post("/logout")
    refused = login(client, colleague.email)
    assert "Wrong email or password." in refused.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_team_cli_creates_a_member_in_an_owners_team(runner, recruiter, colleague):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "kim@example.com",
            "--team-of",
            recruiter.email,
            "--password",
            PASSWORD,
            "--role",
            "owner",
        ]
    )
    assert result.exit_code == 0, result.output
    kim = db.session.scalar(select(Recruiter).where(Recruiter.email == "kim@example.com"))
    assert (kim.team_id, kim.role) == (recruiter.team_id, "owner")
    refused = runner.invoke(
        args=[
            "users",
            "create",
            "lee@example.com",
            "--team-of",
            colleague.email,
            "--password",
            PASSWORD,
        ]
    )
    assert refused.exit_code != 0 and "not an owner" in refused.output
    alone = runner.invoke(args=["users", "create", "solo@example.com", "--password", PASSWORD])
    assert alone.exit_code == 0
    solo = db.session.scalar(select(Recruiter).where(Recruiter.email == "solo@example.com"))
    assert solo.team_id != recruiter.team_id and solo.role == "owner"


def test_team_mail_digest_goes_to_each_member_for_their_own(
    recruiter, colleague, make_candidate, make_interview
):
    from recruiter.services import mail

    made = at(9, 8)
    make_interview(
        colleague, make_candidate(recruiter, now=made), now=made, scheduled_at=at(12, 10)
    )
    reminders.sweep(at(10, 12))
    db.session.commit()
    settings = mail.MailSettings(server="localhost")
    assert mail.owners_with_mail_due(at(10, 12), settings) == [colleague.id]
    digest = mail.claim_digest(colleague.id, at(10, 12), settings)
    assert digest is not None and "alex@example.com" in digest.message["To"]
    assert mail.claim_digest(recruiter.id, at(10, 12), settings) is None


# --- the migration ------------------------------------------------------------------------------


def _counts() -> dict[str, int]:
    tables = (
        "candidate",
        "client",
        "interview",
        "interview_event",
        "outreach",
        "reminder",
        "suggestion",
        "audit_entry",
    )
    return {t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}


def test_team_migration_keeps_every_row_and_makes_one_person_teams(
    app,
    schema_change,
    recruiter,
    make_recruiter,
    make_candidate,
    make_client,
    make_interview,
    make_outreach,
):
    other = make_recruiter(email="other@example.com", name="Other One")
    for owner in (recruiter, other):
        client = make_client(owner, name=f"Client of {owner.name}")
        ada = make_candidate(owner, full_name=f"Ada of {owner.name}")
        interview = make_interview(
            owner, ada, client_id=client.id, events=(("confirmation_requested", NOW),)
        )
        interviews.add_event(owner, interview, EventData("confirmed", NOW), NOW)
        make_outreach(owner, ada, interview_id=interview.id)
    reminders.sweep(NOW)
    db.session.commit()
    before = _counts()
    owners = dict(db.session.execute(select(Candidate.full_name, Candidate.team_id)).all())
    ids = {recruiter.email: recruiter.id, other.email: other.id}
    db.session.close()
    downgrade(revision=PREVIOUS)
    db.session.close()
    old = dict(db.session.execute(text("SELECT full_name, owner_id FROM candidate")).all())
    assert old == {
        f"Ada of {recruiter.name}": ids[recruiter.email],
        f"Ada of {other.name}": ids[other.email],
    }
    db.session.close()
    upgrade()
    db.session.expire_all()
    assert _counts() == before
    assert set(owners) == set(old)
    for team in db.session.scalars(select(Team)):
        member = db.session.scalar(select(Recruiter).where(Recruiter.team_id == team.id))
        assert member.id == team.id and member.role == "owner" and team.name == member.name
    for candidate in db.session.scalars(select(Candidate)):
        assert candidate.team_id == candidate.added_by_id == old[candidate.full_name]
    for interview in db.session.scalars(select(Interview)):
        assert interview.client_id is not None  # a rebuilt table cascaded nothing
        assert interview.recruiter_id == interview.team_id
    assert all(o.logged_by_id == o.team_id for o in db.session.scalars(select(Outreach)))
    assert all(r.assignee_id == r.team_id for r in db.session.scalars(select(Reminder)))
    # And the app works on the upgraded data: a new team member sees the old rows.
    joined = teams.add_member(
        db.session.get(Recruiter, ids[recruiter.email]), "new@example.com", PASSWORD, NOW
    )
    db.session.commit()
    assert db.session.get(Team, joined.team_id).id == ids[recruiter.email]
    visible = suggestions.search_suggestions(joined)
    assert list(db.session.scalars(visible)) == []  # none made, and none of the other team's
    seen = db.session.scalars(
        select(Candidate.full_name).where(Candidate.team_id == joined.team_id)
    )
    assert list(seen) == [f"Ada of {recruiter.name}"]


def test_team_reminder_can_be_given_to_a_colleague(
    client, recruiter, colleague, make_candidate, make_interview, make_api, make_recruiter
):
    made = at(9, 8)
    make_interview(
        recruiter, make_candidate(recruiter, now=made), now=made, scheduled_at=at(12, 10)
    )
    reminders.sweep(at(10, 12))
    db.session.commit()
    row = db.session.scalar(select(Reminder))
    api = make_api(recruiter)
    given = api.post(f"/api/v1/reminders/{row.id}/assign", json={"assignee": colleague.email})
    assert given.status_code == 200 and given.json["assignee"] == colleague.email
    outsider = make_recruiter(email="outsider@example.com")
    refused = api.post(f"/api/v1/reminders/{row.id}/assign", json={"assignee": outsider.email})
    assert refused.status_code == 422 and "assignee" in refused.json["error"]["fields"]
    login(client, colleague.email)
    back = client.post(f"/reminders/{row.id}/assign", data={"assignee_id": recruiter.id})
    assert back.status_code == 302
    db.session.expire_all()
    assert db.session.get(Reminder, row.id).assignee_id == recruiter.id
    entries = db.session.scalars(
        select(AuditEntry.actor_id).where(AuditEntry.action == "assigned")
    ).all()
    assert entries == [recruiter.id, colleague.id]


def test_team_calendar_feed_holds_the_interviews_each_member_is_in_charge_of(
    client, recruiter, colleague, make_candidate, make_interview, monkeypatch
):
    from icalendar import Calendar

    monkeypatch.setattr("recruiter.views.calendar.utcnow", lambda: NOW)
    make_interview(recruiter, make_candidate(recruiter, full_name="Mine Person"))
    make_interview(colleague, make_candidate(recruiter, full_name="Their Person"))
    for member, name in ((recruiter, "Mine Person"), (colleague, "Their Person")):
        feed = client.get(f"/calendar/{member.calendar_token}.ics")
        summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(feed.data).walk("VEVENT")]
        assert len(summaries) == 1 and name in summaries[0]


def test_team_activity_page_shows_who_changed_what(
    client, recruiter, colleague, make_candidate, make_recruiter
):
    make_candidate(colleague, full_name="Ada Lovelace")
    outsider = make_recruiter(email="outsider@example.com", name="Out Sider")
    make_candidate(outsider, full_name="Not Ours")
    login(client, recruiter.email)
    page = client.get("/settings/team/activity").get_data(as_text=True)
    rows = page.split('id="activity"')[1]
    assert "Alex Colleague" in rows and "candidate" in rows and "created" in rows
    assert "Out Sider" not in rows
    only = client.get("/settings/team/activity?entity=recruiter").get_data(as_text=True)
    assert "Nothing has changed yet." in only  # only candidates were made: no recruiter rows


def test_team_stand_in_is_the_first_active_owner(recruiter, colleague, make_recruiter):
    from recruiter.services import accounts

    second = make_recruiter(email="kim@example.com", team=recruiter.team, role="owner")
    assert accounts.stand_in([colleague, second, recruiter]) == recruiter
    teams.remove_member(second, recruiter.id, NOW)  # the first owner leaves
    db.session.commit()
    assert accounts.stand_in([recruiter, colleague, second]) == second
    teams.change_role(second, colleague.id, "owner", NOW)
    teams.remove_member(colleague, second.id, NOW)
    db.session.commit()
    assert accounts.stand_in([recruiter, colleague, second]) == colleague
    assert accounts.stand_in([recruiter]) is None  # nobody active is left
