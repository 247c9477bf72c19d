"""In a real browser: a hostile or apostrophe-laden name is only text, the delete confirmation
shows it whole, and the Content-Security-Policy blocks nothing the app itself needs."""

import pytest

from tests.e2e.conftest import log_in


def _create_candidate(page, name: str) -> str:  # type: ignore[no-untyped-def]
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill(name)
    page.get_by_role("button", name="Save candidate").click()
    page.wait_for_url("**/candidates/*")
    return page.url


@pytest.mark.parametrize("name", ["Dan O'Brien", "Eve'+alert(1)+'"])
def test_browser_delete_confirmation_shows_the_name_and_runs_no_script(page, name):
    dialogs: list[tuple[str, str]] = []
    csp_violations: list[str] = []
    page.on(
        "console",
        lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    log_in(page)
    url = _create_candidate(page, name)

    def dismiss(dialog):  # type: ignore[no-untyped-def]
        dialogs.append((dialog.type, dialog.message))
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Delete candidate").click()
    page.wait_for_timeout(200)
    assert dialogs == [("confirm", f"Delete {name} and all their history?")]
    # Cancelling the confirmation deletes nothing.
    assert page.url == url
    assert page.get_by_role("heading", name=name).is_visible()

    def accept(dialog):  # type: ignore[no-untyped-def]
        dialogs.append((dialog.type, dialog.message))
        dialog.accept()

    page.once("dialog", accept)
    page.get_by_role("button", name="Delete candidate").click()
    page.wait_for_url("**/candidates/")
    assert [kind for kind, _ in dialogs] == ["confirm", "confirm"]  # never an alert
    assert page.goto(url).status == 404
    assert csp_violations == []


def test_browser_pages_work_under_the_content_security_policy(page):
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    log_in(page)
    for path in ("/", "/candidates/", "/candidates/new", "/interviews/new", "/settings"):
        response = page.goto(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    # Bootstrap's own script still runs: the alert's close button works.
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_role("button", name="Save candidate").click()
    page.get_by_role("button", name="Close").click()
    page.get_by_role("alert").wait_for(state="detached")
    assert violations == []
