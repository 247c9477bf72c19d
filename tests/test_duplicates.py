"""Duplicates: the same profile URL refused with 409 naming the existing candidate, the same
e-mail or the same name at the same company flagged, and merging one candidate into another."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from recruiter.extensions import db
from recruiter.models import (
    AuditEntry,
    Candidate,
    CandidateAlias,
    CandidateSignal,
    Interview,
    Outreach,
    Recommendation,
    Reminder,
    Suggestion,
)
from recruiter.services import Conflict, candidates, duplicates, signals, suggestions
from tests.conftest import NOW, PASSWORD

ADA_URL = "https://linkedin.com/in/ada"


def count(model, **where) -> int:  # type: ignore[no-untyped-def]
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalar(query) or 0


# --- the same profile URL: 409 ---------------------------------------------------------------


def test_candidate_api_create_same_profile_url_is_409_with_existing_id(
    api, recruiter, make_candidate
):
    ada = make_candidate(recruiter, full_name="Ada", profile_url=ADA_URL)
    response = api.post(
        "/api/v1/candidates",
        json={"full_name": "Other", "profile_url": "https://www.linkedin.com/in/ada/"},
    )
    assert response.status_code == 409, response.json
    error = response.json["error"]
    assert error["existing_id"] == ada.id
    assert "Already used by Ada" in error["message"]
    assert error["fields"]["profile_url"]
    assert count(Candidate) == 1


def test_candidate_api_update_to_taken_profile_url_is_409(api, recruiter, make_candidate):
    ada = make_candidate(recruiter, full_name="Ada", profile_url=ADA_URL)
    bo = make_candidate(recruiter, full_name="Bo")
    response = api.patch(f"/api/v1/candidates/{bo.id}", json={"profile_url": ADA_URL})
    assert response.status_code == 409
    assert response.json["error"]["existing_id"] == ada.id
    db.session.refresh(bo)
    assert bo.profile_url is None
    # Its own URL again is no clash.
    assert (
        api.patch(f"/api/v1/candidates/{ada.id}", json={"profile_url": ADA_URL}).status_code == 200
    )


def test_candidate_api_same_profile_url_of_another_recruiter_is_no_conflict(
    api, make_recruiter, make_candidate
):
    other = make_recruiter(email="other@example.com")
    make_candidate(other, full_name="Ada", profile_url=ADA_URL)
    response = api.post("/api/v1/candidates", json={"full_name": "Ada", "profile_url": ADA_URL})
    assert response.status_code == 201
    assert response.json["possible_duplicates"] == []


def test_create_candidate_conflict_names_existing(recruiter, make_candidate):
    ada = make_candidate(recruiter, full_name="Ada", profile_url=ADA_URL)
    with pytest.raises(Conflict) as caught:
        candidates.create_candidate(recruiter, {"full_name": "X", "profile_url": ADA_URL}, NOW)
    assert caught.value.existing_id == ada.id


def test_candidate_form_same_profile_url_links_to_existing(auth_client, recruiter, make_candidate):
    ada = make_candidate(recruiter, full_name="Ada", profile_url=ADA_URL)
    response = auth_client.post(
        "/candidates/new",
        data={"full_name": "Other", "connection_status": "none", "profile_url": ADA_URL},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="profile-url-existing"' in page
    assert f'href="/candidates/{ada.id}"' in page
    assert count(Candidate) == 1


# --- the same e-mail, or the same name at the same company: flagged ---------------------------


def test_candidate_api_flags_same_name_at_same_company_ignoring_case_and_accents(
    api, recruiter, make_candidate
):
    chloe = make_candidate(recruiter, full_name="Chloé Durand", company="Société Générale")
    make_candidate(recruiter, full_name="Chloé Durand", company="Hooli")  # another company
    make_candidate(recruiter, full_name="Chloé Durand")  # no company: a name alone is no flag
    response = api.post(
        "/api/v1/candidates", json={"full_name": "CHLOE  durand", "company": "societe generale"}
    )
    assert response.status_code == 201
    assert response.json["possible_duplicates"] == [chloe.id]
    new_id = response.json["id"]
    assert api.get(f"/api/v1/candidates/{chloe.id}").json["possible_duplicates"] == [new_id]


def test_candidate_api_flags_same_email(api, recruiter, make_candidate):
    ada = make_candidate(recruiter, full_name="Ada", email="ada@example.org")
    response = api.post(
        "/api/v1/candidates", json={"full_name": "A. King", "email": "ADA@example.org"}
    )
    assert response.status_code == 201
    assert response.json["possible_duplicates"] == [ada.id]
    assert api.get("/api/v1/candidates").json["items"][0].get("possible_duplicates") is None


def test_find_duplicates_follows_edits_and_stays_in_the_owners_network(
    recruiter, make_recruiter, make_candidate
):
    other = make_recruiter(email="other@example.com")
    theirs = make_candidate(other, full_name="Ada", company="Acme")
    ada = make_candidate(recruiter, full_name="Ada", company="Acme")
    bo = make_candidate(recruiter, full_name="Bo", company="Acme")
    assert duplicates.duplicate_ids(recruiter, bo) == []
    candidates.update_candidate(recruiter, bo, {"full_name": "ADA"}, NOW)
    found = duplicates.find_duplicates(recruiter, bo)
    assert [(d.id, d.reasons) for d in found] == [(ada.id, ("name_company",))]
    assert theirs.id not in duplicates.duplicate_ids(other, theirs) + [d.id for d in found]


def test_find_duplicates_reads_the_email_and_name_company_indexes(recruiter, make_candidate):
    ada = make_candidate(recruiter, full_name="Ada", company="Acme", email="ada@example.org")
    query = duplicates.duplicates_query(recruiter, ada)
    sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
    if db.engine.dialect.name == "sqlite":
        rows = db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}")).all()
        plan = "\n".join(str(row[-1]) for row in rows)
    else:  # enough rows, with statistics, that the planner weighs its indexes for real
        db.session.execute(
            text(
                "INSERT INTO candidate (team_id, full_name, email, company, name_company_key,"
                " connection_status, confidence, created_at, updated_at, search_key)"
                " SELECT :o, 'n' || g, 'e' || g || '@example.org', 'c', 'n' || g || chr(10) || 'c',"
                " 'none', 'none', now(), now(), md5(g::text) FROM generate_series(1, 2000) g"
            ),
            {"o": recruiter.team_id},
        )
        db.session.execute(text("ANALYZE candidate"))
        plan = "\n".join(row[0] for row in db.session.execute(text(f"EXPLAIN {sql}")))
    assert "ix_candidate_owner_email" in plan, plan
    assert "ix_candidate_owner_name_company_key" in plan, plan
    assert "SCAN candidate\n" not in plan + "\n" and "Seq Scan" not in plan, plan
    db.session.rollback()


def test_candidate_page_warns_of_duplicates_with_links_and_merge_buttons(
    auth_client, recruiter, make_candidate
):
    ada = make_candidate(recruiter, full_name="Ada", email="ada@example.org")
    twin = make_candidate(recruiter, full_name="Ada K.", email="ada@example.org")
    page = auth_client.get(f"/candidates/{ada.id}").get_data(as_text=True)
    assert 'id="possible-duplicates"' in page
    assert f'href="/candidates/{twin.id}"' in page
    assert "same e-mail" in page
    assert f'action="/candidates/{twin.id}/merge"' in page  # merge it into this one
    assert f'action="/candidates/{ada.id}/merge"' in page  # or this one into it
    assert "data-confirm=" in page
    lone = make_candidate(recruiter, full_name="Lone")
    assert "possible-duplicates" not in auth_client.get(f"/candidates/{lone.id}").get_data(
        as_text=True
    )


def test_candidate_form_after_saving_warns_of_duplicates(auth_client, recruiter, make_candidate):
    make_candidate(recruiter, full_name="Ada", company="Acme")
    response = auth_client.post(
        "/candidates/new",
        data={"full_name": "ada", "company": "ACME", "connection_status": "none"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Possible duplicate: Ada" in page
    assert 'id="possible-duplicates"' in page


# --- merge ---------------------------------------------------------------------------------


@pytest.fixture
def pair(recruiter, make_candidate, make_interview, make_outreach):  # type: ignore[no-untyped-def]
    """``kept`` (little filled in) and ``dup`` with a bit of every kind of history."""
    kept = make_candidate(recruiter, full_name="Ada Lovelace", company="Analytical")
    dup = make_candidate(
        recruiter,
        full_name="Ada King",
        company="Analytical",
        email="ada@example.org",
        phone="+44 1",
        profile_url=ADA_URL,
        connection_status="connected",
    )
    past = NOW - timedelta(days=20)
    make_interview(recruiter, kept, scheduled_at=past, events=(("attended", past),))
    interview = make_interview(recruiter, dup, scheduled_at=past, events=(("attended", past),))
    make_outreach(recruiter, dup, sent_at=past, interview_id=interview.id)
    signals.record_signal(recruiter, dup, "new_position", past, "CTO", NOW)
    candidates.add_recommendation(recruiter, dup, "Babbage", "Mentor", None, NOW)
    suggestions.open_once(
        recruiter.id,
        "possible_fake_profile",
        suggestions.candidate_key("possible_fake_profile", dup.id),
        dup.id,
        None,
        ["same photo"],
        {},
        NOW,
    )
    suggestions.open_once(
        recruiter.id,
        "remove_connection",
        suggestions.interview_key("remove_connection", interview.id),
        dup.id,
        interview.id,
        ["ghosted"],
        {},
        NOW,
    )
    db.session.add(
        Reminder(
            team_id=recruiter.team_id,
            assignee_id=recruiter.id,
            candidate_id=dup.id,
            interview_id=interview.id,
            kind="log_attendance",
            key=f"test:{interview.id}",
            due_at=NOW,
            message="Log it",
        )
    )
    db.session.commit()
    return kept, dup


def test_candidate_api_merge_moves_every_kind_of_row(api, recruiter, pair):
    kept, dup = pair
    kept_id, dup_id = kept.id, dup.id
    response = api.post(f"/api/v1/candidates/{dup_id}/merge", json={"into": kept_id})
    assert response.status_code == 200, response.json
    body = response.json
    assert body["id"] == kept_id
    assert body["possible_duplicates"] == []
    # Empty fields filled from the duplicate; the kept name stays.
    assert (body["full_name"], body["email"], body["phone"]) == (
        "Ada Lovelace",
        "ada@example.org",
        "+44 1",
    )
    assert body["profile_url"] == ADA_URL
    assert body["connection_status"] == "connected"
    # Rescored over both histories.
    assert body["reliability"]["evidence"]["interviews"] == 2
    assert api.get(f"/api/v1/candidates/{dup_id}").status_code == 404
    for model, expected in (
        (Interview, 2),
        (Outreach, 1),
        (CandidateSignal, 1),
        (Recommendation, 1),
        (Reminder, 1),
    ):
        assert count(model, candidate_id=kept_id) == expected, model
        assert count(model, candidate_id=dup_id) == 0, model
    moved = db.session.scalars(
        select(Suggestion.key).where(Suggestion.candidate_id == kept_id).order_by(Suggestion.key)
    ).all()
    interview_id = db.session.scalar(
        select(Outreach.interview_id).where(Outreach.candidate_id == kept_id)
    )
    assert moved == [
        suggestions.candidate_key("possible_fake_profile", kept_id),  # re-keyed
        suggestions.interview_key("remove_connection", interview_id),  # names its interview
    ]
    assert count(Suggestion, candidate_id=dup_id) == 0


def test_candidate_merge_is_in_the_audit_trail(api, recruiter, pair):
    kept, dup = pair
    kept_id, dup_id = kept.id, dup.id
    assert api.post(f"/api/v1/candidates/{dup_id}/merge", json={"into": kept_id}).status_code == 200
    entries = {
        (e.entity_id, e.action): e
        for e in db.session.scalars(select(AuditEntry).where(AuditEntry.entity == "candidate"))
    }
    merged = entries[(kept_id, "merged")]
    assert merged.changes["merged_from"] == [None, dup_id]
    assert merged.changes["email"] == [None, "ada@example.org"]
    assert "moved 1 interviews" in merged.reason
    gone = entries[(dup_id, "merged_into")]
    assert gone.changes["merged_into"] == [dup_id, kept_id]
    assert gone.changes["full_name"] == ["Ada King", None]
    assert gone.actor_id == recruiter.id


def test_candidate_merge_drops_what_would_be_there_twice(recruiter, make_candidate):
    kept = make_candidate(recruiter, full_name="Ada", profile_url=ADA_URL)
    dup = make_candidate(recruiter, full_name="Ada", profile_url="https://linkedin.com/in/ada-2")
    at = NOW - timedelta(days=1)
    for row in (kept, dup):
        signals.record_signal(recruiter, row, "connection_request", at, None, NOW)
        candidates.add_recommendation(recruiter, row, "Babbage", None, None, NOW)
        suggestions.open_once(
            recruiter.id,
            "possible_fake_profile",
            suggestions.candidate_key("possible_fake_profile", row.id),
            row.id,
            None,
            [],
            {},
            NOW,
        )
    db.session.commit()
    from recruiter.services import merging

    merged = merging.merge_candidates(recruiter, dup, kept, NOW)
    db.session.commit()
    assert merged.dropped == {"signals": 1, "recommendations": 1, "suggestions": 1}
    assert count(CandidateSignal) == 1
    assert count(Recommendation) == 1
    assert count(Suggestion, kind="possible_fake_profile") == 1
    assert db.session.get(Candidate, kept.id).profile_url == ADA_URL  # the kept URL stays


def test_candidate_api_merge_into_itself_is_422(api, recruiter, make_candidate):
    ada = make_candidate(recruiter)
    response = api.post(f"/api/v1/candidates/{ada.id}/merge", json={"into": ada.id})
    assert response.status_code == 422
    assert "into" in response.json["error"]["fields"]
    assert db.session.get(Candidate, ada.id) is not None


def test_candidate_api_merge_with_another_recruiters_candidate_is_404(
    api, recruiter, make_recruiter, make_candidate
):
    other = make_recruiter(email="other@example.com")
    theirs = make_candidate(other, full_name="Theirs")
    mine = make_candidate(recruiter, full_name="Mine")
    into_theirs = api.post(f"/api/v1/candidates/{mine.id}/merge", json={"into": theirs.id})
    from_theirs = api.post(f"/api/v1/candidates/{theirs.id}/merge", json={"into": mine.id})
    assert (into_theirs.status_code, from_theirs.status_code) == (404, 404)
    assert count(Candidate) == 2


def test_candidate_merge_button_keeps_the_one_chosen(auth_client, recruiter, pair):
    kept, dup = pair
    kept_id, dup_id = kept.id, dup.id
    response = auth_client.post(f"/candidates/{dup_id}/merge", data={"into": kept_id})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/candidates/{kept_id}")
    page = auth_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ada King merged into Ada Lovelace" in page
    assert db.session.get(Candidate, dup_id) is None
    assert count(Interview, candidate_id=kept_id) == 2


def test_candidate_merge_button_refuses_itself_and_other_recruiters(
    auth_client, recruiter, make_recruiter, make_candidate
):
    ada = make_candidate(recruiter)
    theirs = make_candidate(make_recruiter(email="other@example.com"), full_name="Theirs")
    response = auth_client.post(
        f"/candidates/{ada.id}/merge", data={"into": ada.id}, follow_redirects=True
    )
    assert "Not merged: A candidate cannot be merged into itself." in response.get_data(
        as_text=True
    )
    assert (
        auth_client.post(f"/candidates/{ada.id}/merge", data={"into": theirs.id}).status_code == 404
    )
    assert (
        auth_client.post(f"/candidates/{theirs.id}/merge", data={"into": ada.id}).status_code == 404
    )
    assert count(Candidate) == 2


def test_candidate_merge_button_needs_the_csrf_token(app, client, recruiter, make_candidate):
    app.config["WTF_CSRF_ENABLED"] = True
    ada = make_candidate(recruiter, full_name="Ada", email="ada@example.org")
    twin = make_candidate(recruiter, full_name="Ada K.", email="ada@example.org")
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post(
        "/login", data={"email": recruiter.email, "password": PASSWORD, "csrf_token": token}
    )

    refused = client.post(f"/candidates/{twin.id}/merge", data={"into": ada.id})
    assert refused.status_code in (302, 400)
    assert count(Candidate) == 2

    page = client.get(f"/candidates/{ada.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    done = client.post(f"/candidates/{twin.id}/merge", data={"into": ada.id, "csrf_token": token})
    assert done.status_code == 302
    assert count(Candidate) == 1


def test_candidate_merge_keeps_the_duplicates_profile_url_taken(api, recruiter, make_candidate):
    kept = make_candidate(recruiter, full_name="Ada", profile_url=ADA_URL)
    dup = make_candidate(recruiter, full_name="Ada", profile_url="https://linkedin.com/in/ada-2")
    kept_id = kept.id
    assert api.post(f"/api/v1/candidates/{dup.id}/merge", json={"into": kept_id}).status_code == 200
    alias = db.session.scalar(select(CandidateAlias))
    assert (alias.candidate_id, alias.profile_url) == (kept_id, "https://linkedin.com/in/ada-2")
    again = api.post(
        "/api/v1/candidates",
        json={"full_name": "Ada", "profile_url": "https://linkedin.com/in/ada-2"},
    )
    assert again.status_code == 409
    assert again.json["error"]["existing_id"] == kept_id
    assert "merged from a duplicate" in again.json["error"]["message"]
    # The kept one may take its alias as its own URL.
    own = api.patch(
        f"/api/v1/candidates/{kept_id}", json={"profile_url": "https://linkedin.com/in/ada-2"}
    )
    assert own.status_code == 200
