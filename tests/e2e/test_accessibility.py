"""axe-core (bundled by axe-playwright-python, served from the package, no network) finds no
critical accessibility violations on the main pages, and the pages fit a phone screen."""

from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import log_in

PAGES = [
    "/",
    "/candidates/",
    "/candidates/new",
    "/interviews/new",
    "/interviews/",
    "/interviews/?upcoming=true",
    "/clients/",
    "/outreach/",
    "/suggestions/",
    "/reports/",
    "/settings",
    "/settings/team",
    "/settings/team/activity",
]


def _seed(page):  # type: ignore[no-untyped-def]
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_role("button", name="Save candidate").click()
    return page.url


def test_browser_no_critical_axe_violations(page):
    axe = Axe()
    log_in(page)
    candidate_url = _seed(page)
    found = {}
    for url in [*PAGES, candidate_url]:
        page.goto(url)
        results = axe.run(page)
        critical = [v["id"] for v in results.response["violations"] if v["impact"] == "critical"]
        if critical:
            found[url] = critical
    assert found == {}
    page.context.clear_cookies()
    page.goto("/login")
    login_violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in login_violations if v["impact"] == "critical"] == []


def test_browser_pages_fit_a_phone(browser, server, shoot):
    context = browser.new_context(
        base_url=server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    log_in(page)
    candidate_url = _seed(page)
    for name, url in (("20-phone-dashboard", "/"), ("21-phone-candidate", candidate_url)):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
        shoot(page, name)
    page.get_by_role("button", name="Toggle navigation").click()
    assert page.get_by_role("link", name="Candidates").is_visible()
    context.close()
