"""In a real browser: the outreach and interview lists answer questions, and keep them in the
URL (filter form, Upcoming tab, the CSV button)."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

from tests.e2e.conftest import fill_when, log_in


def _schedule(page, name: str, start: datetime) -> None:  # type: ignore[no-untyped-def]
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill(name)
    page.get_by_role("button", name="Save candidate").click()
    page.get_by_role("link", name="Schedule interview").first.click()
    fill_when(page, "scheduled_at", start)
    page.get_by_role("button", name="Save interview").click()
    assert page.get_by_text("Interview scheduled.").is_visible()


def test_browser_lists_filter_and_keep_the_filters(page, shoot):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    log_in(page)
    _schedule(page, "Past Paula", now - timedelta(days=3))
    _schedule(page, "Soon Sam", now + timedelta(days=2))
    page.get_by_role("button", name="Emailed").click()  # a quick action: outreach to Sam

    page.goto("/interviews/")
    assert page.get_by_role("link", name="Past Paula").is_visible()
    page.get_by_role("link", name="Upcoming", exact=True).click()
    assert parse_qs(urlparse(page.url).query)["upcoming"] == ["true"]
    assert page.get_by_role("link", name="Soon Sam").is_visible()
    assert page.get_by_role("link", name="Past Paula").count() == 0
    page.get_by_label("Candidate").fill("sam")
    page.get_by_role("button", name="Filter").click()
    query = parse_qs(urlparse(page.url).query)
    assert query["upcoming"] == ["true"] and query["q"] == ["sam"]  # the tab stays
    csv_link = page.get_by_role("link", name="Download CSV").get_attribute("href")
    assert "upcoming=true" in csv_link and "q=sam" in csv_link
    shoot(page, "40-interviews-upcoming")

    page.goto("/outreach/")
    page.get_by_label("Channel").select_option("call")
    page.get_by_role("button", name="Filter").click()
    assert parse_qs(urlparse(page.url).query)["channel"] == ["call"]
    assert page.get_by_text("No outreach matches these filters.").is_visible()
    page.get_by_label("Channel").select_option("email")
    page.get_by_label("Answered").select_option("false")
    page.get_by_role("button", name="Filter").click()
    assert page.get_by_role("link", name="Soon Sam").is_visible()
    shoot(page, "41-outreach-filtered")
