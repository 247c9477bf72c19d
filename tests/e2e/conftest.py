"""End-to-end fixtures: the app served on 127.0.0.1 from a temporary SQLite database, driven by
Playwright in Debian's Chromium (no browser download). Screenshots go to
``test-artifacts/screenshots/`` (see README)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import WSGIRequestHandler, make_server

from recruiter import create_app
from recruiter.extensions import db
from recruiter.services import accounts

CHROMIUM = os.environ.get("RELIANT_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery"


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (install it: apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="session")
def browser_available() -> None:
    reason = _browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("RELIANT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"RELIANT_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(f"Browser tests skipped: {reason}")


_RESPONSE = "reliant.e2e.response"


def _keep_response(app: Flask):
    """WSGI middleware noting each response iterable in its environ, so that a dropped
    connection can close it (see ``_ClosingHandler``)."""

    def middleware(environ, start_response):
        response = app(environ, start_response)
        environ[_RESPONSE] = response
        return response

    return middleware


class _ClosingHandler(WSGIRequestHandler):
    """Closes the response when the browser drops the connection mid-answer (it does when a
    page navigates away while a static file is still being sent). Werkzeug's development
    server skips the close on that path, so the open file would reach the garbage collector
    and raise a ResourceWarning in the server thread, which the suite turns into an error."""

    def connection_dropped(self, error: BaseException, environ=None) -> None:
        response = (environ or {}).get(_RESPONSE)
        if hasattr(response, "close"):
            response.close()


class LiveServer:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self.server = make_server(
            "127.0.0.1", 0, _keep_response(app), threaded=True, request_handler=_ClosingHandler
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def _e2e_config(url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "e2e-secret-key-that-is-long-enough-0123456789",
        "SQLALCHEMY_DATABASE_URI": url,
    }


@pytest.fixture(scope="session")
def e2e_template(tmp_path_factory: pytest.TempPathFactory, browser_available: None) -> Path:
    """The migrated database with the two accounts, made once and copied for each test."""
    folder = tmp_path_factory.mktemp("e2e-template")
    path = folder / "e2e.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECRUITER_INSTANCE_PATH", str(folder / "instance"))
        app = create_app(_e2e_config(f"sqlite:///{path}"))
        with app.app_context():
            upgrade()
            for email, name in (
                ("morgan@example.com", "Morgan Avery"),
                ("rival@example.com", "Rival"),
            ):
                accounts.create_recruiter(email, PASSWORD, name, "Europe/London")
            db.session.commit()
            db.session.remove()
            db.engine.dispose()
    return path


@pytest.fixture
def live_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, e2e_template: Path
) -> Iterator[Flask]:
    instance = tmp_path / "instance"
    monkeypatch.setenv("RECRUITER_INSTANCE_PATH", str(instance))
    for name in ("DATABASE_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    shutil.copy(e2e_template, tmp_path / "e2e.db")
    app = create_app(_e2e_config(f"sqlite:///{tmp_path / 'e2e.db'}"))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def server(live_app: Flask) -> Iterator[LiveServer]:
    with LiveServer(live_app) as live:
        yield live


@pytest.fixture(scope="session")
def browser(browser_available: None):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: LiveServer, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=server.url, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shoot(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """``shoot(page, "name")`` saves a full-page screenshot for people to look at."""
    folder = SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:  # type: ignore[no-untyped-def]
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def log_in(page, email: str = "morgan@example.com") -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def fill_when(page, prefix: str, value: datetime) -> None:  # type: ignore[no-untyped-def]
    """A date-time field: the date input, then the time typed on the (24 h) clock, in the
    accounts' zone (Europe/London)."""
    at = value.astimezone(ZoneInfo("Europe/London"))
    page.locator(f"input[id^={prefix}].local-date").fill(at.strftime("%Y-%m-%d"))
    page.locator(f"input[id^={prefix}].local-time").fill(at.strftime("%H:%M"))


def fresh_folder(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
