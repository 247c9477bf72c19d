"""In a real browser: an owner invites a colleague, the colleague joins from the link and logs
a call, and the owner sees the colleague's work, named, on the candidate's timeline."""

from __future__ import annotations

from datetime import UTC, datetime

from recruiter.extensions import db
from recruiter.services import accounts, candidates
from tests.e2e.conftest import PASSWORD, log_in


def test_browser_invitation_and_a_colleagues_work_on_the_timeline(browser, server, live_app, shoot):
    with live_app.app_context():
        morgan = accounts.find_recruiter("morgan@example.com")
        ada = candidates.create_candidate(morgan, {"full_name": "Ada Lovelace"}, datetime.now(UTC))
        db.session.commit()
        ada_id = ada.id
        db.session.remove()

    owner = browser.new_context(base_url=server.url)
    page = owner.new_page()
    log_in(page)
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Members and invitations").click()
    page.get_by_role("button", name="Create an invitation link").click()
    link = page.get_by_label("Invitation link (works once, for 7 days):").input_value()
    assert "/join/inv_" in link
    shoot(page, "team-invitation")

    newcomer = browser.new_context(base_url=server.url, timezone_id="Europe/Berlin")
    joining = newcomer.new_page()
    joining.goto(link)
    assert joining.get_by_label("Time zone").input_value() == "Europe/Berlin"
    joining.get_by_label("Your name").fill("Sam Colleague")
    joining.get_by_label("Email").fill("sam@example.com")
    joining.get_by_label("Password", exact=True).fill(PASSWORD)
    joining.get_by_label("Repeat the password").fill(PASSWORD)
    joining.get_by_role("button", name="Join the team").click()
    joining.wait_for_url("**/")
    assert joining.get_by_text("Welcome to Morgan Avery").count() == 1
    joining.goto(f"/candidates/{ada_id}")
    joining.get_by_role("button", name="Called").first.click()
    joining.wait_for_load_state()
    newcomer.close()

    page.goto(f"/candidates/{ada_id}")
    timeline = page.locator(".timeline")
    assert timeline.get_by_text("Sam Colleague: call").count() == 1
    assert timeline.get_by_text("logged by Sam Colleague").count() == 1
    shoot(page, "team-colleague-on-timeline")
    page.goto("/settings/team")
    assert page.locator("#members").get_by_text("sam@example.com").count() == 1
    owner.close()
