"""Suggestions: accept, dismiss, undo (service, inbox UI, API) and recruiter isolation."""

from __future__ import annotations

import pytest
from sqlalchemy import insert as sa_insert

from recruiter.extensions import db
from recruiter.models import AuditEntry, Candidate, Suggestion
from recruiter.services import ServiceError, ghosts, suggestions
from tests.conftest import PASSWORD
from tests.ghost_story import day, ghost_story, suggestions_of


@pytest.fixture
def ghosted(recruiter, make_candidate, make_interview, make_outreach):
    """Sam ghosted an interview; the day-8 sweep opened the suggestion. Sam was connected."""
    candidate, _ = ghost_story(
        recruiter,
        make_candidate,
        make_interview,
        make_outreach,
        candidate_values={"connection_status": "connected"},
    )
    ghosts.sweep(day(8))
    db.session.commit()
    [row] = suggestions_of(candidate)
    return row


@pytest.fixture
def foreign(make_recruiter, make_candidate, make_interview, make_outreach):
    """Another recruiter's ghost, with its open suggestion."""
    other = make_recruiter(email="rival@example.com")
    candidate, _ = ghost_story(
        other, make_candidate, make_interview, make_outreach, name="Not Yours"
    )
    ghosts.sweep(day(8))
    db.session.commit()
    [row] = suggestions_of(candidate)
    return row


def _audit(entity: str, entity_id: int) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            db.select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id)
        )
    )


# --- service -----------------------------------------------------------------------------------


def test_suggestions_accept_removes_connection_with_audited_reason(recruiter, ghosted):
    suggestions.accept(recruiter, ghosted, day(8, 1))
    db.session.commit()
    candidate = db.session.get(Candidate, ghosted.candidate_id)
    assert candidate.connection_status == "removed"
    assert ghosted.status == "accepted" and ghosted.resolved_at == day(8, 1)
    update = [a for a in _audit("candidate", candidate.id) if a.action == "updated"][-1]
    assert update.changes == {"connection_status": ["connected", "removed"]}
    assert update.reason.startswith(f"Accepted suggestion {ghosted.id} (remove connection)")
    assert "did not show up" in update.reason


def test_suggestions_undo_accept_restores_previous_status(recruiter, ghosted):
    suggestions.accept(recruiter, ghosted, day(8, 1), note="Not again.")
    db.session.commit()
    suggestions.undo(recruiter, ghosted, day(8, 2))
    db.session.commit()
    candidate = db.session.get(Candidate, ghosted.candidate_id)
    assert candidate.connection_status == "connected"
    assert ghosted.status == "open" and ghosted.resolved_at is None
    assert "previous_connection_status" not in ghosted.evidence
    update = [a for a in _audit("candidate", candidate.id) if a.action == "updated"][-1]
    assert update.changes == {"connection_status": ["removed", "connected"]}
    assert update.reason.startswith(f"Undid the accepted suggestion {ghosted.id}")
    actions = [a.action for a in _audit("suggestion", ghosted.id)]
    assert actions == ["opened", "accepted", "undone"]


def test_suggestions_undo_keeps_a_status_changed_since(recruiter, ghosted):
    from recruiter.services import candidates

    suggestions.accept(recruiter, ghosted, day(8, 1))
    candidate = db.session.get(Candidate, ghosted.candidate_id)
    candidates.update_candidate(recruiter, candidate, {"connection_status": "none"}, day(8, 2))
    suggestions.undo(recruiter, ghosted, day(8, 3))
    assert candidate.connection_status == "none"


def test_suggestions_dismiss_requires_reason(recruiter, ghosted):
    for reason in (None, "", "   "):
        with pytest.raises(ServiceError) as exc:
            suggestions.dismiss(recruiter, ghosted, reason, day(8, 1))
        assert "reason" in exc.value.fields
    assert ghosted.status == "open"
    suggestions.dismiss(recruiter, ghosted, "  They were in hospital.  ", day(8, 1))
    db.session.commit()
    assert (ghosted.status, ghosted.resolution_reason) == ("dismissed", "They were in hospital.")
    suggestions.undo(recruiter, ghosted, day(8, 2))
    assert ghosted.status == "open" and ghosted.resolution_reason is None


@pytest.mark.parametrize("action", ["accept", "dismiss", "undo"])
def test_suggestions_refuse_impossible_transitions(recruiter, ghosted, action):
    suggestions.withdraw(ghosted, "Heard from them.", day(9))
    db.session.commit()
    with pytest.raises(ServiceError) as exc:
        if action == "accept":
            suggestions.accept(recruiter, ghosted, day(9, 1))
        elif action == "dismiss":
            suggestions.dismiss(recruiter, ghosted, "why", day(9, 1))
        else:
            suggestions.undo(recruiter, ghosted, day(9, 1))
    assert "withdrawn" in exc.value.message
    assert not suggestions.withdraw(ghosted, "again", day(9, 2))


def test_suggestions_open_once_per_key(recruiter, ghosted):
    again = suggestions.open_once(
        recruiter.id,
        "remove_connection",
        ghosted.key,
        ghosted.candidate_id,
        ghosted.interview_id,
        ["x"],
        {},
        day(9),
    )
    assert again is None
    assert db.session.scalar(db.select(db.func.count(Suggestion.id))) == 1


# --- the inbox (UI) ---------------------------------------------------------------------------


def test_suggestions_inbox_lists_open_first_with_evidence(
    auth_client, recruiter, ghosted, make_candidate, make_interview, make_outreach
):
    older, _ = ghost_story(
        recruiter, make_candidate, make_interview, make_outreach, name="Old Case", start=day(-30)
    )
    ghosts.sweep(day(-20))
    [old] = suggestions_of(older)
    suggestions.dismiss(recruiter, old, "Known issue", day(-19))
    db.session.commit()
    html = auth_client.get("/suggestions/").get_data(as_text=True)
    assert html.index(f'id="suggestion-{ghosted.id}"') < html.index(f'id="suggestion-{old.id}"')
    assert "Remove connection" in html and "Follow-ups tried" in html
    assert "Acme" not in html  # no client on this interview
    assert "call — Tue 10 Mar 2026, 14:00" in html and "Known issue" in html
    only_open = auth_client.get("/suggestions/?status=open").get_data(as_text=True)
    assert f'id="suggestion-{old.id}"' not in only_open
    assert 'name="next" value="/suggestions/?status=open"' in only_open  # actions come back here
    fakes = auth_client.get("/suggestions/?kind=possible_fake_profile").get_data(as_text=True)
    assert "No suggestions match" in fakes
    assert 'id="open-suggestions-badge">1<' in html


def test_suggestions_inbox_accept_dismiss_undo(auth_client, recruiter, ghosted):
    url = f"/suggestions/{ghosted.id}"
    response = auth_client.post(f"{url}/accept", follow_redirects=True)
    assert response.status_code == 200 and "is marked removed" in response.get_data(as_text=True)
    db.session.refresh(ghosted)
    assert ghosted.status == "accepted"
    assert db.session.get(Candidate, ghosted.candidate_id).connection_status == "removed"

    response = auth_client.post(f"{url}/undo", follow_redirects=True)
    assert "open again" in response.get_data(as_text=True)
    db.session.refresh(ghosted)
    assert ghosted.status == "open"
    assert db.session.get(Candidate, ghosted.candidate_id).connection_status == "connected"

    response = auth_client.post(f"{url}/dismiss", data={"reason": "  "})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "a reason is required" in html and "is-invalid" in html
    db.session.refresh(ghosted)
    assert ghosted.status == "open"

    response = auth_client.post(
        f"{url}/dismiss", data={"reason": "Family emergency", "next": "/candidates/"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/candidates/")
    db.session.refresh(ghosted)
    assert (ghosted.status, ghosted.resolution_reason) == ("dismissed", "Family emergency")

    response = auth_client.post(
        f"{url}/undo", data={"next": "https://evil.example/"}, follow_redirects=False
    )
    assert response.headers["Location"].endswith("/suggestions/")  # no open redirect
    db.session.refresh(ghosted)
    assert ghosted.status == "open"


def test_suggestions_inbox_refuses_twice(auth_client, ghosted):
    auth_client.post(f"/suggestions/{ghosted.id}/accept")
    response = auth_client.post(f"/suggestions/{ghosted.id}/accept", follow_redirects=True)
    assert "Not accepted" in response.get_data(as_text=True)


def test_suggestions_candidate_page_shows_suggestion(auth_client, ghosted):
    html = auth_client.get(f"/candidates/{ghosted.candidate_id}").get_data(as_text=True)
    assert f'id="suggestion-{ghosted.id}"' in html
    assert f'action="/suggestions/{ghosted.id}/accept"' in html


def test_suggestions_other_recruiter_never_visible_in_ui(auth_client, ghosted, foreign):
    html = auth_client.get("/suggestions/").get_data(as_text=True)
    assert "Not Yours" not in html and f'id="suggestion-{foreign.id}"' not in html
    html = auth_client.get(f"/suggestions/?candidate_id={foreign.candidate_id}").get_data(
        as_text=True
    )
    assert "Not Yours" not in html
    assert "Not Yours" not in auth_client.get("/").get_data(as_text=True)
    for action in ("accept", "dismiss", "undo"):
        response = auth_client.post(f"/suggestions/{foreign.id}/{action}", data={"reason": "x"})
        assert response.status_code == 404
    db.session.refresh(foreign)
    assert foreign.status == "open"


def test_suggestions_pages_need_login(client, ghosted):
    for url in ("/suggestions/", "/suggestions/requests"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post(f"/suggestions/{ghosted.id}/accept").status_code == 302
    db.session.refresh(ghosted)
    assert ghosted.status == "open"


def test_suggestions_forms_need_csrf(app, recruiter, ghosted):
    import re

    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    login_response = client.post(
        "/login",
        data={"email": recruiter.email, "password": PASSWORD, "csrf_token": token},
    )
    assert login_response.status_code == 302
    client.post(f"/suggestions/{ghosted.id}/accept")
    db.session.refresh(ghosted)
    assert ghosted.status == "open"
    html = client.get("/suggestions/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    client.post(f"/suggestions/{ghosted.id}/accept", data={"csrf_token": token})
    db.session.refresh(ghosted)
    assert ghosted.status == "accepted"


# --- the API ----------------------------------------------------------------------------------


def test_suggestions_api_list_and_filters(api, ghosted, foreign):
    body = api.get("/api/v1/suggestions").json
    assert body["total"] == 1 and body["page"] == 1 and body["per_page"] == 25
    [item] = body["items"]
    assert {
        "id",
        "kind",
        "candidate_id",
        "interview_id",
        "status",
        "reasons",
        "created_at",
        "resolved_at",
        "evidence",
    } <= set(item)
    assert item["id"] == ghosted.id and item["kind"] == "remove_connection"
    assert item["status"] == "open" and item["created_at"] == "2026-03-18T12:00:00Z"
    assert item["resolved_at"] is None and item["reasons"] == ghosted.reasons
    assert api.get("/api/v1/suggestions?status=dismissed").json["total"] == 0
    assert api.get("/api/v1/suggestions?kind=do_not_reconnect").json["total"] == 0
    assert api.get(f"/api/v1/suggestions?candidate_id={ghosted.candidate_id}").json["total"] == 1
    assert api.get(f"/api/v1/suggestions?candidate_id={foreign.candidate_id}").json["total"] == 0
    response = api.get("/api/v1/suggestions?status=maybe")
    assert response.status_code == 422 and "status" in response.json["error"]["fields"]


def test_suggestions_api_accept_dismiss_undo(api, ghosted):
    url = f"/api/v1/suggestions/{ghosted.id}"
    response = api.post(f"{url}/dismiss")
    assert response.status_code == 422 and "reason" in response.json["error"]["fields"]
    response = api.post(f"{url}/dismiss", json={})
    assert response.status_code == 422 and "reason" in response.json["error"]["fields"]
    response = api.post(f"{url}/dismiss", json={"reason": ""})
    assert response.status_code == 422
    assert api.get(url).json["status"] == "open"

    response = api.post(f"{url}/accept")
    assert response.status_code == 200 and response.json["status"] == "accepted"
    assert response.json["resolved_at"] is not None
    assert api.get(f"/api/v1/candidates/{ghosted.candidate_id}").json["connection_status"] == (
        "removed"
    )
    assert api.post(f"{url}/accept").status_code == 422
    response = api.post(f"{url}/undo")
    assert response.status_code == 200 and response.json["status"] == "open"
    assert api.get(f"/api/v1/candidates/{ghosted.candidate_id}").json["connection_status"] == (
        "connected"
    )
    response = api.post(f"{url}/dismiss", json={"reason": "Known to me"})
    assert response.status_code == 200
    assert (response.json["status"], response.json["resolution_reason"]) == (
        "dismissed",
        "Known to me",
    )
    assert api.post(f"{url}/undo").json["status"] == "open"
    response = api.post(f"{url}/accept", json={"reason": "Twice is enough"})
    assert response.json["resolution_reason"] == "Twice is enough"
    assert api.post(f"{url}/accept", json={"unknown": 1}).status_code == 422


def test_suggestions_api_other_recruiter_is_404(api, ghosted, foreign):
    url = f"/api/v1/suggestions/{foreign.id}"
    assert api.get(url).status_code == 404
    for action, payload in (("accept", None), ("dismiss", {"reason": "x"}), ("undo", None)):
        response = api.post(f"{url}/{action}", json=payload)
        assert response.status_code == 404, action
        assert response.json["error"]["message"]
    assert api.post(f"{url}/dismiss").status_code == 404  # 404 before "reason required"
    db.session.refresh(foreign)
    assert foreign.status == "open"
    ids = [item["id"] for item in api.get("/api/v1/suggestions?per_page=100").json["items"]]
    assert ids == [ghosted.id]


def test_suggestions_api_in_openapi(api):
    doc = api.get("/api/v1/openapi.json").json
    for path in (
        "/api/v1/suggestions",
        "/api/v1/suggestions/{suggestion_id}/accept",
        "/api/v1/suggestions/{suggestion_id}/dismiss",
        "/api/v1/suggestions/{suggestion_id}/undo",
        "/api/v1/candidates/{candidate_id}/signals",
    ):
        assert path in doc["paths"], path


def _open_many(owner, candidate, count: int) -> None:
    db.session.execute(
        sa_insert(Suggestion),
        [
            {
                "team_id": owner.team_id,
                "candidate_id": candidate.id,
                "kind": "remove_connection",
                "key": f"bench:{candidate.id}:{n}",
                "status": "open",
            }
            for n in range(count)
        ],
    )
    db.session.commit()


@pytest.mark.parametrize(("count", "shown"), [(99, "99"), (100, "99+"), (130, "99+")])
def test_suggestions_badge_counts_no_further_than_it_shows(
    auth_client, recruiter, make_candidate, count, shown
):
    _open_many(recruiter, make_candidate(recruiter, full_name="Ada"), count)
    html = auth_client.get("/candidates/").get_data(as_text=True)
    assert f'id="open-suggestions-badge">{shown}<' in html
    assert suggestions.count_open(recruiter) == count  # the exact figure, where a page shows it
    assert suggestions.count_open(recruiter, up_to=suggestions.BADGE_MAX + 1) == min(count, 100)
