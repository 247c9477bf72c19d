"""In a real browser, the first hour: the setup form proposes the browser's time zone, and the
calendar address in Settings copies with one click."""

from __future__ import annotations

from pathlib import Path

from flask_migrate import upgrade

from recruiter import create_app
from recruiter.extensions import db
from tests.e2e.conftest import LiveServer, log_in


def test_browser_setup_proposes_the_browsers_time_zone(browser, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("RECRUITER_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "e2e-secret-key-that-is-long-enough-0123456789",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.db'}",
        }
    )
    with app.app_context():
        upgrade()
        db.session.remove()
    try:
        with LiveServer(app) as live:
            context = browser.new_context(base_url=live.url, timezone_id="Asia/Tokyo")
            page = context.new_page()
            page.goto("/")
            page.wait_for_url("**/setup")
            assert page.get_by_label("Time zone").input_value() == "Asia/Tokyo"
            assert page.get_by_text("Please log in").count() == 0
            context.close()
    finally:
        with app.app_context():
            db.engine.dispose()


def test_browser_calendar_address_copies_with_one_click(browser, server):
    context = browser.new_context(base_url=server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    log_in(page)
    page.get_by_role("link", name="Settings").click()
    address = page.get_by_label("Your calendar address").input_value()
    assert address.startswith(server.url + "/calendar/") and address.endswith(".ics")
    page.get_by_role("button", name="Copy").click()
    page.get_by_role("button", name="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address
    context.close()


def test_browser_phone_shows_log_contact_before_the_long_cards(browser, server):
    context = browser.new_context(
        base_url=server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    log_in(page)
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_role("button", name="Save candidate").click()
    page.wait_for_url("**/candidates/*")

    def top(name: str) -> float:
        return page.get_by_role("heading", name=name, exact=True).bounding_box()["y"]

    assert top("Log contact") < top("Interviews") < top("Reliability") < top("Timeline")
    context.close()
    desktop = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    page = desktop.new_page()
    log_in(page)
    page.goto("/candidates/")
    page.get_by_role("link", name="Ada Lovelace").click()
    reliability = page.get_by_role("heading", name="Reliability", exact=True).bounding_box()
    log_contact = page.get_by_role("heading", name="Log contact", exact=True).bounding_box()
    assert reliability["x"] < log_contact["x"]  # side by side: the facts on the left
    desktop.close()


def test_browser_first_hour_setup_demo_data_and_a_ghosts_suggestion(
    browser, tmp_path: Path, monkeypatch
):
    """A newcomer's first hour, start to end: the setup form proposes the browser's zone, the
    empty dashboard loads the demo, and a ghost's suggestion opens with its evidence. The
    screenshots are saved under the test's tmp dir (``screenshots/``)."""
    shots = tmp_path / "screenshots"
    shots.mkdir()

    def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

    monkeypatch.setenv("RECRUITER_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "e2e-secret-key-that-is-long-enough-0123456789",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'first-hour.db'}",
        }
    )
    with app.app_context():
        upgrade()
        db.session.remove()
    try:
        with LiveServer(app) as live:
            context = browser.new_context(
                base_url=live.url,
                timezone_id="America/New_York",
                viewport={"width": 1280, "height": 900},
            )
            context.set_default_timeout(15_000)
            page = context.new_page()
            page.goto("/")
            page.wait_for_url("**/setup")
            assert page.get_by_label("Time zone").input_value() == "America/New_York"
            shoot(page, "01-setup-proposes-the-browsers-zone")
            page.get_by_label("Your name").fill("Sam Newcomer")
            page.get_by_label("Email").fill("sam@example.com")
            page.get_by_label("Password", exact=True).fill("a long first-hour passphrase")
            page.get_by_label("Repeat the password").fill("a long first-hour passphrase")
            page.get_by_role("button", name="Create my account").click()
            page.get_by_text("Your account is ready.").wait_for()
            shoot(page, "02-empty-dashboard")

            page.get_by_role("button", name="Load demo data").click()
            page.get_by_text("Demo data loaded: 36 candidates").wait_for()
            assert page.get_by_role("button", name="Load demo data").count() == 0
            shoot(page, "03-demo-data-loaded")

            page.get_by_role("link", name="Suggestions").first.click()
            card = page.locator("article[id^=suggestion-]").first
            card.wait_for()
            assert card.get_by_text("Evidence").is_visible()
            assert card.get_by_text("Follow-ups tried").is_visible()  # a ghost's evidence
            shoot(page, "04-ghost-suggestion")
            ghost = card.locator("h3 a").inner_text()
            card.locator("h3 a").click()
            page.get_by_role("heading", name=ghost).first.wait_for()
            # The candidate page's "when" reads in the recruiter's zone, on their clock.
            assert page.locator(".local-datetime .input-group-text").first.inner_text() == (
                "America/New_York"
            )
            shoot(page, "05-ghost-candidate")
            context.close()
    finally:
        with app.app_context():
            db.engine.dispose()
