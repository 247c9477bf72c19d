"""In a real browser: login redirects, field errors, the 404 page for another's candidate."""

from tests.e2e.conftest import log_in


def test_browser_logged_out_user_goes_to_login(page, shoot):
    page.goto("/candidates/")
    assert "/login" in page.url
    assert page.get_by_role("heading", name="Log in to Reliant").is_visible()
    shoot(page, "01-login")


def test_browser_form_with_bad_input_shows_field_errors(page, shoot):
    log_in(page)
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_role("button", name="Save candidate").click()
    assert page.get_by_text("This field is required.").is_visible()
    assert page.get_by_text("Invalid email address.").is_visible()
    shoot(page, "02-candidate-form-errors")


def test_browser_other_recruiters_candidate_is_404(page, server, shoot):
    log_in(page, "rival@example.com")
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Rival's Secret")
    page.get_by_role("button", name="Save candidate").click()
    secret_url = page.url
    page.get_by_role("button", name="Log out").click()
    log_in(page)
    response = page.goto(secret_url)
    assert response.status == 404
    assert page.get_by_role("heading", name="Not found").is_visible()
    assert "Rival's Secret" not in page.content()
    shoot(page, "03-not-found")
