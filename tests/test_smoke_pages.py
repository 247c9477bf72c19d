"""Every page renders for a logged-in recruiter, with and without data."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/candidates/",
        "/candidates/new",
        "/clients/",
        "/clients/new",
        "/interviews/",
        "/interviews/new",
        "/outreach/",
        "/outreach/new",
        "/settings",
        "/settings/team",
        "/settings/team/activity",
    ],
)
def test_pages_render_empty(auth_client, url):
    response = auth_client.get(url)
    assert response.status_code == 200, response.data[:500]
    assert b"Reliant" in response.data


def test_pages_render_with_history(
    auth_client, recruiter, make_interview, make_outreach, make_client
):
    from datetime import timedelta

    from tests.conftest import NOW

    client_row = make_client(recruiter)
    interview = make_interview(
        recruiter,
        client_id=client_row.id,
        events=(("confirmation_requested", NOW + timedelta(hours=1)),),
    )
    make_outreach(recruiter, interview.candidate, sent_at=NOW)
    for url in [
        f"/candidates/{interview.candidate_id}",
        f"/interviews/{interview.id}",
        f"/clients/{client_row.id}",
        "/candidates/",
        "/interviews/",
        "/outreach/",
        f"/interviews/{interview.id}/edit",
        f"/candidates/{interview.candidate_id}/edit",
    ]:
        response = auth_client.get(url)
        assert response.status_code == 200, (url, response.data[:800])
