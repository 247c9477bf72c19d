"""In a real browser: a second candidate with the same e-mail is flagged after saving, the
candidate page warns with a link, and "Merge into this one" asks first, then merges."""

from tests.e2e.conftest import log_in


def _create(page, name: str, email: str) -> str:  # type: ignore[no-untyped-def]
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Save candidate").click()
    page.wait_for_url("**/candidates/*")
    return page.url


def test_browser_duplicate_warning_and_merge(page, shoot):  # type: ignore[no-untyped-def]
    log_in(page)
    first = _create(page, "Ada Lovelace", "ada@example.org")
    _create(page, "Ada King", "ada@example.org")
    warning = page.locator("#possible-duplicates")
    assert warning.is_visible()
    assert "Possible duplicate: Ada Lovelace" in page.content()
    assert warning.get_by_role("link", name="Ada Lovelace").get_attribute("href") in first
    shoot(page, "duplicate-warning")

    dialogs: list[str] = []

    def dismiss(dialog):  # type: ignore[no-untyped-def]
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    warning.get_by_role("button", name="Merge this one into Ada Lovelace").click()
    page.wait_for_timeout(200)
    assert dialogs == [
        "Merge Ada King into Ada Lovelace? This history moves there and this record is deleted."
    ]
    assert warning.is_visible()  # cancelled: nothing merged

    page.once("dialog", lambda dialog: dialog.accept())
    warning.get_by_role("button", name="Merge this one into Ada Lovelace").click()
    page.wait_for_url(first)
    assert "Ada King merged into Ada Lovelace" in page.content()
    assert page.locator("#possible-duplicates").count() == 0
    shoot(page, "duplicate-merged")
