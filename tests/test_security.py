"""Injected markup stays inert, and every answer carries the security headers.

Pages hold no inline script, no inline event handler and no inline style: behaviour lives in
``static/app.js`` (reading ``data-*`` attributes), so the Content-Security-Policy can refuse
anything inline."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest

from recruiter.security import CONTENT_SECURITY_POLICY, HSTS
from tests.conftest import NOW, login

HOSTILE_NAMES = [
    "Eve'+alert(1)+'",
    "Dan O'Brien",
    '"><script>alert(2)</script>',
    "x\\');alert(3)//",
]


class InlineFinder(HTMLParser):
    """Collects inline scripts, ``on*`` handlers, ``style`` attributes and data-confirm texts."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.confirms: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.inline.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.inline.append(f"<{tag} style={value!r}>")
            if name == "href" and (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"<{tag} href={value!r}>")
        if tag == "script" and not names.get("src"):
            self.inline.append("<script> without src")
        if tag == "style":
            self.inline.append("<style> element")
        if "data-confirm" in names:
            self.confirms.append(names["data-confirm"] or "")


def scan(html: bytes) -> InlineFinder:
    finder = InlineFinder()
    finder.feed(html.decode())
    return finder


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_candidate_page_hostile_name_stays_text(auth_client, recruiter, make_candidate, name):
    candidate = make_candidate(recruiter, full_name=name)
    response = auth_client.get(f"/candidates/{candidate.id}")
    assert response.status_code == 200
    found = scan(response.data)
    assert found.inline == []
    # The browser hands app.js exactly the name, quotes and all: nothing to break out of.
    assert found.confirms == [f"Delete {name} and all their history?"]
    assert b"<script>alert" not in response.data


def test_every_page_has_no_inline_script_handler_or_style(
    app, auth_client, recruiter, make_interview, make_outreach, make_client
):
    client_row = make_client(recruiter, name="O'Hare & Sons")
    interview = make_interview(
        recruiter,
        client_id=client_row.id,
        events=(("confirmed", NOW + timedelta(hours=1)),),
    )
    make_outreach(recruiter, interview.candidate, sent_at=NOW)
    ids = {
        "candidate_id": interview.candidate_id,
        "interview_id": interview.id,
        "client_id": client_row.id,
    }
    visited = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(("/api/", "/static", "/bootstrap")):
            continue
        if not set(rule.arguments) <= set(ids):
            continue
        url = rule.build({k: ids[k] for k in rule.arguments})[1]
        response = auth_client.get(url)
        if response.mimetype != "text/html" or response.status_code != 200:
            continue
        visited.append(url)
        assert scan(response.data).inline == [], url
    # The walk reached the pages that matter, not just a login redirect.
    for expected in ("/", f"/candidates/{interview.candidate_id}", f"/interviews/{interview.id}"):
        assert expected in visited


def _assert_security_headers(response) -> None:  # type: ignore[no-untyped-def]
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_csp_refuses_inline_script_and_style():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_security_headers_on_html_json_csv_and_static(auth_client, api, recruiter):
    responses = {
        "html": auth_client.get("/candidates/"),
        "login page": auth_client.application.test_client().get("/login"),
        "json": api.get("/api/v1/candidates"),
        "json error": api.get("/api/v1/candidates/999999"),
        "csv": auth_client.get("/reports/candidates.csv"),
        "static": auth_client.get("/static/app.js"),
        "404 page": auth_client.get("/no-such-page"),
    }
    assert responses["csv"].mimetype == "text/csv"
    assert responses["json"].mimetype == "application/json"
    for kind, response in responses.items():
        assert response.status_code in (200, 302, 404), kind
        _assert_security_headers(response)
        assert "Strict-Transport-Security" not in response.headers, kind
        response.close()


def test_hsts_only_when_cookies_are_secure(app, monkeypatch, tmp_path):
    from recruiter import create_app
    from tests.conftest import base_config

    secure = create_app(
        {**base_config(app.config["SQLALCHEMY_DATABASE_URI"]), "SESSION_COOKIE_SECURE": True}
    )
    response = secure.test_client().get("/login")
    _dispose(secure)
    assert response.headers["Strict-Transport-Security"] == HSTS
    _assert_security_headers(response)


def _dispose(other_app) -> None:  # type: ignore[no-untyped-def]
    """A second app has its own engine: close its connections (psycopg warns otherwise)."""
    from recruiter.extensions import db

    with other_app.app_context():
        db.session.remove()
        db.engine.dispose()


def _cookies(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


@pytest.mark.parametrize("secure", [True, False])
def test_every_cookie_follows_the_secure_setting(app, recruiter, secure):
    from recruiter import create_app
    from tests.conftest import PASSWORD, base_config

    web = create_app(
        {**base_config(app.config["SQLALCHEMY_DATABASE_URI"]), "SESSION_COOKIE_SECURE": secure}
    )
    client = web.test_client()
    response = client.post(
        "/login", data={"email": recruiter.email, "password": PASSWORD, "remember": "y"}
    )
    _dispose(web)
    assert response.status_code == 302
    cookies = _cookies(response)
    assert {"session", "remember_token"} <= set(cookies)
    for name, header in cookies.items():
        assert "HttpOnly" in header, name
        assert "SameSite=Lax" in header, name
        assert ("Secure" in header.split("; ")) is secure, name


def test_login_helper_still_works(client, recruiter):
    assert login(client, recruiter.email).status_code == 302
