"""The recruiter's story, in a real browser: a confirmed candidate no-shows and ghosts the
follow-ups; Reliant suggests removing the connection; the recruiter accepts; the CSV agrees."""

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import expect

from recruiter.jobs import run_all
from tests.e2e.conftest import fill_when, log_in


def test_browser_ghosted_interview_story(page, live_app, shoot):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    start = now - timedelta(days=2)
    log_in(page)
    shoot(page, "10-dashboard-empty")

    page.goto("/clients/new")
    page.get_by_label("Company name").fill("Acme Fintech")
    page.get_by_label("Contact person").fill("Sarah Lind")
    page.get_by_role("button", name="Save client").click()
    expect(page.get_by_role("heading", name="Acme Fintech")).to_be_visible()

    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Jordan Quiet")
    page.get_by_label("Phone").fill("+44 7700 900999")
    page.get_by_label("Connection", exact=True).select_option("connected")
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_role("heading", name="Jordan Quiet")).to_be_visible()

    page.get_by_role("link", name="Schedule interview").first.click()
    prefilled = page.get_by_label("Candidate", exact=True).input_value()
    assert prefilled != "0"  # the candidate page pre-fills the candidate
    page.get_by_label("Client", exact=True).select_option(label="Acme Fintech")
    page.get_by_label("Role", exact=True).fill("Data Engineer")
    fill_when(page, "scheduled_at", start)
    page.get_by_role("button", name="Save interview").click()
    expect(page.get_by_text("Interview scheduled.")).to_be_visible()
    shoot(page, "11-interview-scheduled")

    fill_when(page, "event-at-", start - timedelta(days=1))
    page.get_by_role("button", name="Confirmed", exact=True).click()
    expect(page.get_by_text("Logged: confirmed.")).to_be_visible()
    fill_when(page, "event-at-", start + timedelta(minutes=30))
    page.get_by_role("button", name="No-show").click()
    expect(page.get_by_text("Logged: no-show.")).to_be_visible()

    fill_when(page, "quick-at-", start + timedelta(days=1))
    page.get_by_role("button", name="Called").click()
    expect(page.get_by_text("Logged: you called Jordan Quiet.")).to_be_visible()
    fill_when(page, "quick-at-", start + timedelta(days=1, hours=6))
    page.get_by_role("button", name="Texted").click()
    expect(page.get_by_text("Logged: you texted Jordan Quiet.")).to_be_visible()
    shoot(page, "12-interview-no-show-follow-ups")

    # A week of silence later, the periodic jobs run (as the scheduler would).
    with live_app.app_context():
        results = run_all(now + timedelta(days=8))
    assert all(r.ok for r in results), results
    # The nightly recompute (it runs first) or the minute's ghost sweep opens the suggestion.
    openers = ("recompute_scores", "ghost_sweep")
    assert [r.id for r in results if r.id in openers and "opened 1" in r.summary], results

    page.goto("/")
    attention = page.locator("#dashboard-attention")
    assert attention.get_by_text("Jordan Quiet").first.is_visible()
    assert attention.get_by_text("Follow-ups tried").is_visible()
    assert attention.get_by_text("call").first.is_visible()
    shoot(page, "13-dashboard-suggestion")
    attention.get_by_role("button", name="Accept: remove connection").click()
    # The answer's own words, waited for: the name alone was on the page before the click
    # too, and asking during the navigation found neither page.
    expect(page.get_by_text("Accepted: Jordan Quiet is marked removed.")).to_be_visible()

    page.goto("/candidates/?q=jordan")
    row = page.get_by_role("row", name="Jordan Quiet")
    assert row.get_by_text("removed").is_visible()
    shoot(page, "14-candidates-removed")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("reliant-candidates-")
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    jordan = next(r for r in rows if "Jordan Quiet" in r.values())
    assert "removed" in jordan.values()
    assert "'+44 7700 900999" in jordan.values()  # formula-safe phone
