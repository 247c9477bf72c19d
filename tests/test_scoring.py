"""The reliability score: pure, parametrised tests and hypothesis properties (no app, no db)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recruiter.scoring import (
    DEFAULT_SETTINGS,
    EventIn,
    InterviewIn,
    OutreachIn,
    Reliability,
    ScoringSettings,
    score_candidate,
    score_history,
)

NOW = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
# Half-lives so long that every weight is 1: expected posteriors are easy to write down.
NO_DECAY = replace(
    DEFAULT_SETTINGS,
    attendance_half_life_days=1e12,
    follow_through_half_life_days=1e12,
    responsiveness_half_life_days=1e12,
    no_show_half_life_days=1e12,
)
SCORING_DIR = Path(__file__).resolve().parents[1] / "recruiter" / "scoring"
SILENT = DEFAULT_SETTINGS.silent_no_show_weight  # a silent no-show counts as this many
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ago(days: float = 0, hours: float = 0) -> datetime:
    return NOW - timedelta(days=days, hours=hours)


def ev(kind: str, at: datetime, by: str | None = None, new: datetime | None = None) -> EventIn:
    return EventIn(kind, at, by, new)


def interview(start: datetime, *events: EventIn, iid: int = 1) -> InterviewIn:
    return InterviewIn(iid, start, tuple(events))


def attended(start: datetime, iid: int = 1, confirmed: bool = False) -> InterviewIn:
    before = (ev("confirmed", start - timedelta(days=1)),) if confirmed else ()
    return interview(start, *before, ev("attended", start), iid=iid)


def no_show(
    start: datetime, iid: int = 1, explained_after_h: float | None = None, confirmed: bool = False
) -> InterviewIn:
    events = [ev("confirmed", start - timedelta(days=1))] if confirmed else []
    events.append(ev("no_show", start + timedelta(hours=1)))
    if explained_after_h is not None:
        events.append(ev("explained", start + timedelta(hours=explained_after_h)))
    return interview(start, *events, iid=iid)


def change(
    start: datetime,
    notice_h: float,
    kind: str = "cancelled",
    by: str = "candidate",
    iid: int = 1,
    confirmed: bool = False,
) -> InterviewIn:
    at = start - timedelta(hours=notice_h)
    events = [ev("confirmed", at - timedelta(days=1))] if confirmed else []
    new = start + timedelta(days=7) if kind == "rescheduled" else None
    events.append(ev(kind, at, by, new))
    return interview(start, *events, iid=iid)


def message(sent: datetime, reply_h: float | None, oid: int = 1, **kw: str) -> OutreachIn:
    reply = None if reply_h is None else sent + timedelta(hours=reply_h)
    return OutreachIn(oid, sent, reply, **kw)


def score(
    interviews: Sequence[InterviewIn] = (),
    outreach: Sequence[OutreachIn] = (),
    now: datetime = NOW,
    s: ScoringSettings = DEFAULT_SETTINGS,
) -> Reliability:
    return score_candidate(interviews, outreach, now, s)


# --- no history -----------------------------------------------------------------------------


def test_score_candidate_without_history_is_new() -> None:
    result = score()
    assert result.score is None and result.band is None
    assert result.confidence == "none"
    assert result.components == dict.fromkeys(("attendance", "follow_through", "responsiveness"))
    assert result.reasons == ["New, no history yet"]
    assert result.no_show_probability == pytest.approx(0.1)


@pytest.mark.parametrize(
    "interviews, outreach",
    [
        ([change(ago(3), 48, by="client")], []),
        ([interview(ago(3))], []),  # past, outcome not recorded yet
        ([attended(ago(-3))], []),  # attended recorded in the future: not known yet
        ([], [message(ago(hours=5), None)]),  # still open
        ([], [message(ago(10), 1, direction="inbound")]),
    ],
)
def test_score_candidate_without_evidence_is_new(
    interviews: list[InterviewIn], outreach: list[OutreachIn]
) -> None:
    assert score(interviews, outreach).confidence == "none"


# --- credits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "history, credit, weight",
    [
        (attended(NOW), 1.0, 1),
        (change(NOW + timedelta(hours=48), 48), 0.85, 1),
        (change(NOW + timedelta(hours=24), 24), 0.85, 1),
        (change(NOW + timedelta(hours=23), 23), 0.6, 1),
        (change(NOW + timedelta(hours=48), 48, kind="rescheduled"), 0.85, 1),
        (change(NOW + timedelta(hours=5), 5, kind="rescheduled"), 0.6, 1),
        (no_show(ago(2), explained_after_h=3), 0.25, 1),
        (no_show(ago(2), explained_after_h=-2), 0.25, 1),  # warned just before, too late to cancel
        (no_show(ago(2), explained_after_h=30), 0.1, 1),
        (no_show(ago(2)), 0.0, SILENT),
    ],
)
def test_attendance_credit_per_outcome(history: InterviewIn, credit: float, weight: float) -> None:
    a, b = DEFAULT_SETTINGS.attendance_prior
    result = score([history], s=NO_DECAY)
    expected = (a + credit * weight) / (a + b + weight)
    assert result.components["attendance"] == pytest.approx(expected)


def test_attendance_counts_each_candidate_change_and_the_outcome() -> None:
    first, second, third = ago(30), ago(20), ago(10)
    history = interview(
        first,
        ev("rescheduled", first - timedelta(days=3), "candidate", second),
        ev("rescheduled", second - timedelta(days=3), "candidate", third),
        ev("rescheduled", third - timedelta(days=3), "candidate", NOW - timedelta(days=1)),
        ev("attended", ago(1)),
    )
    a, b = DEFAULT_SETTINGS.attendance_prior
    expected = (a + 0.85 + 0.85 + 0.6 + 1.0) / (a + b + 4)  # the third change counts as short
    result = score([history], s=NO_DECAY)
    assert result.components["attendance"] == pytest.approx(expected)
    assert result.evidence["interviews"] == 1


def test_attendance_notice_counts_from_the_current_start() -> None:
    original, moved = NOW + timedelta(hours=10), ago(-5)
    history = interview(
        original,
        ev("rescheduled", ago(3), "client", moved),
        ev("cancelled", NOW, "candidate"),  # 10 h before the original, 5 days before the new
    )
    a, b = DEFAULT_SETTINGS.attendance_prior
    assert score([history], s=NO_DECAY).components["attendance"] == pytest.approx(
        (a + 0.85) / (a + b + 1)
    )


def test_attendance_later_outcome_event_corrects_the_earlier() -> None:
    start = ago(3)
    history = interview(start, ev("attended", start), ev("no_show", start + timedelta(hours=2)))
    assert score([history]).to_dict() == score([no_show(start)]).to_dict()


def test_attendance_no_show_then_rebooked_and_attended_counts_both() -> None:
    first, second = ago(20), ago(10)
    history = interview(
        first,
        ev("no_show", first),
        ev("explained", first + timedelta(hours=2)),
        ev("rescheduled", first + timedelta(days=1), "recruiter", second),
        ev("attended", second),
    )
    a, b = DEFAULT_SETTINGS.attendance_prior
    expected = (a + 0.25 + 1.0) / (a + b + 2)
    assert score([history], s=NO_DECAY).components["attendance"] == pytest.approx(expected)


@pytest.mark.parametrize(
    "history, credit",
    [
        (attended(ago(1), confirmed=True), 1.0),
        (change(ago(-1), 48, confirmed=True), 1.0),
        (change(ago(-1), 48, kind="rescheduled", confirmed=True), 1.0),
        (change(NOW + timedelta(hours=3), 5, confirmed=True), 0.5),
        (no_show(ago(2), confirmed=True), 0.0),
        (no_show(ago(2), explained_after_h=1, confirmed=True), 0.5),
        (no_show(ago(2), explained_after_h=30, confirmed=True), 0.25),
    ],
)
def test_follow_through_credit_for_confirmed_interviews(
    history: InterviewIn, credit: float
) -> None:
    a, b = DEFAULT_SETTINGS.follow_through_prior
    weight = SILENT if credit == 0 else 1  # a silent no-show counts several times
    result = score([history], s=NO_DECAY)
    expected = (a + credit * weight) / (a + b + weight)
    assert result.components["follow_through"] == pytest.approx(expected)


@pytest.mark.parametrize(
    "history",
    [
        attended(ago(1)),
        no_show(ago(2)),
        interview(
            ago(-2),
            ev("confirmation_requested", ago(2)),
            ev("declined", ago(1)),
            ev("cancelled", ago(1), "candidate"),
        ),
    ],
)
def test_follow_through_needs_a_confirmation(history: InterviewIn) -> None:
    a, b = DEFAULT_SETTINGS.follow_through_prior
    assert score([history]).components["follow_through"] == pytest.approx(a / (a + b))


@pytest.mark.parametrize(
    "reply_h, credit",
    [(0.5, 1.0), (24, 1.0), (25, 0.5), (72, 0.5), (73, 0.0), (200, 0.0), (None, 0.0)],
)
def test_responsiveness_credit_per_reply_time(reply_h: float | None, credit: float) -> None:
    a, b = DEFAULT_SETTINGS.responsiveness_prior
    result = score(outreach=[message(ago(30), reply_h)], s=NO_DECAY)
    assert result.components["responsiveness"] == pytest.approx((a + credit) / (a + b + 1))


def test_responsiveness_young_unanswered_message_is_left_out() -> None:
    young = message(ago(hours=71), None, oid=2)
    old = message(ago(30), 2, oid=1)
    assert (
        score(outreach=[old, young]).to_dict()["components"]
        == (score(outreach=[old]).to_dict()["components"])
    )
    assert score(outreach=[old, young]).evidence["outreach"] == 1


def test_responsiveness_counts_one_message_per_day_and_its_earliest_reply() -> None:
    first = message(ago(10), None, oid=1)
    follow_up = OutreachIn(
        2, ago(10) + timedelta(hours=6), ago(10) + timedelta(hours=7), "outbound"
    )
    one = score(outreach=[first, follow_up], s=NO_DECAY)
    a, b = DEFAULT_SETTINGS.responsiveness_prior
    assert one.evidence["outreach"] == 1
    assert one.components["responsiveness"] == pytest.approx((a + 1.0) / (a + b + 1))
    next_day = replace(follow_up, sent_at=ago(9))
    assert score(outreach=[first, next_day]).evidence["outreach"] == 2


def test_responsiveness_ignores_inbound_messages() -> None:
    inbound = message(ago(5), None, oid=2, direction="inbound")
    base = [message(ago(20), 1)]
    assert score(outreach=[*base, inbound]).to_dict() == score(outreach=base).to_dict()


# --- median reply time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "replies, median, usually_no_reply",
    [
        ([2, 5, 10], 5.0, False),
        ([1, None, 4, None], 4.0, False),  # KM: 0.75 after 1 h, 0.5 after 4 h
        ([3, None, None], None, True),
        ([], None, False),
    ],
)
def test_score_candidate_median_reply_time(
    replies: list[float | None], median: float | None, usually_no_reply: bool
) -> None:
    outreach = [message(ago(10 * (i + 1)), r, oid=i) for i, r in enumerate(replies)]
    result = score(outreach=outreach)
    assert result.median_response_hours == (pytest.approx(median) if median else None)
    assert result.usually_no_reply is usually_no_reply


def test_score_candidate_median_censors_open_messages() -> None:
    # One answer, one old silence, two still open: KM stays at 2/3, which is not enough to
    # say "usually no reply".
    outreach = [
        message(ago(10), 30, oid=1),
        message(ago(20), None, oid=2),
        message(ago(hours=26), None, oid=3),
        message(ago(hours=60), None, oid=4),
    ]
    result = score(outreach=outreach)
    assert result.median_response_hours is None
    assert result.usually_no_reply is False


# --- score, band, confidence, no-show probability -----------------------------------------------


def test_score_candidate_combines_components_with_weights() -> None:
    result = score([attended(ago(1), confirmed=True)], [message(ago(3), 2)], s=NO_DECAY)
    c = result.components
    expected = 100 * (
        0.5 * c["attendance"] + 0.25 * c["follow_through"] + 0.25 * c["responsiveness"]
    )
    assert result.score == pytest.approx(expected)


def test_score_candidate_band_narrows_with_evidence() -> None:
    few = score([attended(ago(5))])
    many = score([attended(ago(5 + i), iid=i) for i in range(12)])
    assert few.band and many.band
    assert few.band[0] <= few.score <= few.band[1]
    assert many.band[1] - many.band[0] < few.band[1] - few.band[0]


@pytest.mark.parametrize("count, label", [(1, "low"), (2, "low"), (3, "medium"), (8, "high")])
def test_score_candidate_confidence_grows_with_interviews(count: int, label: str) -> None:
    history = [attended(NOW, iid=i) for i in range(count)]
    assert score(history, s=NO_DECAY).confidence == label


def test_score_candidate_old_evidence_gives_less_confidence() -> None:
    history = [attended(ago(400 + i), iid=i) for i in range(8)]
    assert score(history).confidence == "low"


@pytest.mark.parametrize("no_shows, shows, expected", [(0, 0, 0.1), (1, 0, 0.4), (0, 3, 0.04)])
def test_no_show_probability_is_its_own_posterior(
    no_shows: int, shows: int, expected: float
) -> None:
    history = [no_show(ago(1 + i), iid=i) for i in range(no_shows)]
    history += [attended(ago(1 + i), iid=10 + i) for i in range(shows)]
    assert score(history, s=NO_DECAY).no_show_probability == pytest.approx(expected)


def test_score_candidate_rejects_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone"):
        score([attended(ago(1))], now=NOW.replace(tzinfo=None))


# --- reasons, facts, to_dict --------------------------------------------------------------------


def test_reasons_name_the_events_with_signed_points() -> None:
    lapse = datetime(2025, 3, 12, 10, tzinfo=UTC)
    kept = [attended(datetime(2025, 2, 3, 10, tzinfo=UTC), iid=1)]
    full = score([*kept, no_show(lapse, iid=2, confirmed=True)])
    without_lapse = score(kept)
    drop = round(full.score - without_lapse.score)
    assert drop < -5
    assert full.reasons[0] == f"Silent no-show on 12 Mar: {drop}"
    assert full.reasons[1].startswith("Attended interview on 3 Feb: +")


@pytest.mark.parametrize(
    "interviews, outreach, reason",
    [
        (
            [no_show(ago(3), explained_after_h=2)],
            [],
            "No-show on 30 May, explained within a day: -",
        ),
        ([no_show(ago(3), explained_after_h=40)], [], "No-show on 30 May, explained later: -"),
        ([change(ago(1), 5, kind="rescheduled")], [], "Rescheduled 5 h ahead on 1 Jun: -"),
        ([change(ago(3), -2)], [], "Cancelled after the start on 30 May: -"),
        ([], [message(ago(9), None, channel="email")], "No reply to an email on 24 May: -"),
        ([], [message(ago(9), 50)], "Replied after 2 days on 24 May: -"),
        ([], [message(ago(9), 0.5)], "Replied within 30 min on 24 May: +"),
    ],
)
def test_reasons_describe_the_event(
    interviews: list[InterviewIn], outreach: list[OutreachIn], reason: str
) -> None:
    reasons = score(interviews, outreach).reasons
    assert len(reasons) == 1
    assert reasons[0].startswith(reason)


def test_reasons_describe_a_change_with_notice() -> None:
    harsh = replace(DEFAULT_SETTINGS, changed_with_notice=0.5)
    reasons = score([change(ago(-1), 72)], s=harsh).reasons
    assert reasons == ["Cancelled 3 days ahead on 31 May: -4"]


def test_reasons_add_the_year_when_not_this_year() -> None:
    result = score([no_show(datetime(2024, 11, 5, 10, tzinfo=UTC))])
    assert result.reasons[0].startswith("Silent no-show on 5 Nov 2024: -")


def test_reasons_keep_the_three_biggest_moves() -> None:
    history = [attended(ago(200 + i), iid=i) for i in range(6)]
    history += [no_show(ago(3), iid=50, explained_after_h=2), change(ago(9), 2, iid=51)]
    reasons = score(history, [message(ago(5), None)]).reasons
    assert len(reasons) == 3
    assert any(r.startswith("No-show on 30 May, explained within a day: -") for r in reasons)
    assert any(r.startswith("No reply to a call on 28 May: -") for r in reasons)
    assert any(r.startswith("Cancelled 2 h ahead on 24 May: -") for r in reasons)
    assert not any(r.startswith("Attended") for r in reasons)  # six old ones, +0.6 each


def test_facts_summarise_the_record() -> None:
    history = [
        attended(ago(30), iid=1),
        attended(ago(20), iid=2),
        no_show(ago(10), iid=3),
    ]
    outreach = [message(ago(40), 4, oid=1), message(ago(30), 3, oid=2), message(ago(20), 5, oid=3)]
    facts = score(history, outreach).facts
    assert facts == [
        "2 of 3 interviews attended",
        "1 silent no-show",
        "replies within 4 h on median",
    ]


def test_facts_say_when_the_candidate_usually_does_not_reply() -> None:
    outreach = [message(ago(10 * i), None, oid=i) for i in range(1, 4)]
    assert score(outreach=outreach).facts == ["usually doesn't reply"]


def test_to_dict_has_the_api_shape() -> None:
    data = score([attended(ago(3), confirmed=True)], [message(ago(4), 1.234)]).to_dict()
    assert set(data) >= {
        "score",
        "band",
        "confidence",
        "components",
        "no_show_probability",
        "median_response_hours",
        "evidence",
        "reasons",
    }
    assert set(data["components"]) == {"attendance", "follow_through", "responsiveness"}
    assert data["evidence"] == {"interviews": 1, "outreach": 1}
    assert data["score"] == round(data["score"], 1)
    assert isinstance(data["band"], list) and len(data["band"]) == 2
    assert data["median_response_hours"] == 1.2


# --- history ------------------------------------------------------------------------------------


def test_score_history_uses_only_what_was_known_then() -> None:
    history = [attended(ago(100), iid=1), no_show(ago(10), iid=2)]
    outreach = [message(ago(50), 2)]
    points = [ago(200), ago(60), ago(5), NOW]
    chart = score_history(history, outreach, points)
    assert [p for p, _ in chart] == points
    assert chart[0][1] is None
    for point, value in chart[1:]:
        assert value == pytest.approx(score_candidate(history, outreach, point).score)
    assert chart[2][1] < chart[1][1]


# --- purity -------------------------------------------------------------------------------------


def test_scoring_module_imports_only_the_standard_library() -> None:
    # Every module of the package; relative imports (level > 0) stay inside it.
    paths = sorted(SCORING_DIR.glob("*.py"))
    assert len(paths) > 1
    imported: set[str] = set()
    for path in paths:
        tree = ast.parse(path.read_text())
        imported |= {
            alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names
        }
        imported |= {
            n.module
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module and not n.level
        }
    outside = {m for m in imported if m.split(".")[0] not in sys.stdlib_module_names}
    assert outside == set()


def test_scoring_module_loads_alone() -> None:
    # Loaded by path, so that recruiter/__init__.py (which builds the Flask app) stays out.
    code = (
        "import importlib.util, sys\n"
        "from datetime import UTC, datetime\n"
        "before = set(sys.modules)\n"
        f"init = {str(SCORING_DIR / '__init__.py')!r}\n"
        f"locations = [{str(SCORING_DIR)!r}]\n"
        "spec = importlib.util.spec_from_file_location(\n"
        "    'scoring_alone', init, submodule_search_locations=locations\n"
        ")\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['scoring_alone'] = module\n"
        "spec.loader.exec_module(module)\n"
        "module.score_candidate([], [], datetime.now(UTC))\n"
        "new = {m for m in set(sys.modules) - before if m.split('.')[0] != 'scoring_alone'}\n"
        "bad = sorted(m for m in new if m.split('.')[0] not in sys.stdlib_module_names)\n"
        "assert not bad, bad\n"
        "assert 'recruiter' not in sys.modules and 'flask' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- properties -----------------------------------------------------------------------------------

OUTCOMES = ("attended", "silent", "explained", "cancel", "reschedule", "client", "pending")


Candidate = tuple[list[InterviewIn], list[OutreachIn]]


@st.composite
def interviews(draw: st.DrawFn, iid: int) -> InterviewIn:
    start = ago(days=draw(st.floats(-20, 700)))
    kind = draw(st.sampled_from(OUTCOMES))
    confirmed = draw(st.booleans())
    notice = draw(st.floats(0, 200))
    if kind == "attended":
        return attended(start, iid, confirmed)
    if kind in ("silent", "explained"):
        after = draw(st.floats(-5, 300)) if kind == "explained" else None
        return no_show(start, iid, after, confirmed)
    if kind in ("cancel", "client"):
        by = "client" if kind == "client" else "candidate"
        return change(start, notice, by=by, iid=iid, confirmed=confirmed)
    if kind == "reschedule":
        moved = change(start, notice, kind="rescheduled", iid=iid, confirmed=confirmed)
        return replace(moved, events=(*moved.events, ev("attended", start + timedelta(days=7))))
    return interview(start, iid=iid)


@st.composite
def outreach(draw: st.DrawFn, oid: int) -> OutreachIn:
    sent = ago(days=draw(st.floats(0, 400)))
    reply_h = draw(st.one_of(st.none(), st.floats(0, 500)))
    return message(sent, reply_h, oid=oid)


@st.composite
def candidates(draw: st.DrawFn) -> Candidate:
    n_interviews = draw(st.integers(0, 8))
    n_outreach = draw(st.integers(0, 10))
    return (
        [draw(interviews(i)) for i in range(n_interviews)],
        [draw(outreach(i)) for i in range(n_outreach)],
    )


@PROPERTY
@given(candidates())
def test_score_property_stays_within_0_and_100(candidate: Candidate) -> None:
    result = score(*candidate)
    if result.score is None:
        assert result.confidence == "none" and result.band is None
        return
    assert result.band is not None
    assert 0 <= result.band[0] <= result.score <= result.band[1] <= 100
    assert 0 < result.no_show_probability < 1
    assert all(0 <= v <= 1 for v in result.components.values() if v is not None)


@PROPERTY
@given(st.lists(st.sampled_from(["client", "pending", "inbound", "open"]), max_size=6))
def test_score_property_no_history_means_no_score(kinds: list[str]) -> None:
    history, messages = [], []
    for i, kind in enumerate(kinds):
        if kind == "client":
            history.append(change(ago(5 + i), 30, by="client", iid=i, confirmed=True))
        elif kind == "pending":
            history.append(interview(ago(1 + i), ev("confirmed", ago(3 + i)), iid=i))
        elif kind == "inbound":
            messages.append(message(ago(3 + i), None, oid=i, direction="inbound"))
        else:
            messages.append(message(ago(hours=2 + 10 * i), None, oid=i))
    result = score(history, messages)
    assert result.score is None and result.confidence == "none"


@PROPERTY
@given(candidates(), st.floats(0, 700), st.booleans())
def test_score_property_attending_never_lowers(
    candidate: Candidate, days: float, confirmed: bool
) -> None:
    history, messages = candidate
    before = score(history, messages)
    after = score([*history, attended(ago(days), iid=999, confirmed=confirmed)], messages)
    assert after.score is not None
    if before.score is not None:
        assert after.score >= before.score - 1e-9


@PROPERTY
@given(candidates(), st.floats(2, 700), st.booleans())
def test_score_property_missing_ranks_silent_below_warned(
    candidate: Candidate, days: float, confirmed: bool
) -> None:
    history, messages = candidate
    start = ago(days)
    variants = [
        no_show(start, 999, None, confirmed),  # silent
        no_show(start, 999, 30, confirmed),  # explained after 24 h
        change(start, 5, iid=999, confirmed=confirmed),  # cancelled with short notice
        change(start, 48, iid=999, confirmed=confirmed),  # cancelled with notice
    ]
    scores = [score([*history, v], messages).score for v in variants]
    assert scores == sorted(scores)
    assert len(set(scores)) == len(scores)


@PROPERTY
@given(
    candidates(),
    st.floats(3, 300),
    st.floats(0, 300),
    st.one_of(st.none(), st.floats(0, 300)),
)
def test_score_property_slower_reply_never_scores_higher(
    candidate: Candidate, age: float, fast: float, extra: float | None
) -> None:
    history, messages = candidate
    slow = None if extra is None else fast + extra
    sent = ago(hours=max(72.0, fast + (extra or 0)) + age)  # both replies known by now
    quick = score(history, [*messages, message(sent, fast, oid=999)])
    late = score(history, [*messages, message(sent, slow, oid=999)])
    assert quick.score is not None and late.score is not None
    assert late.score <= quick.score + 1e-9


@PROPERTY
@given(candidates(), st.floats(0.1, 600), st.floats(1, 600), st.booleans())
def test_score_property_old_no_show_hurts_less(
    candidate: Candidate, recent: float, gap: float, confirmed: bool
) -> None:
    history, messages = candidate
    newer = score([*history, no_show(ago(recent), 999, None, confirmed)], messages)
    older = score([*history, no_show(ago(recent + gap), 999, None, confirmed)], messages)
    assert older.score is not None and newer.score is not None
    assert older.score > newer.score


@PROPERTY
@given(candidates(), st.floats(-30, 400), st.floats(0, 200), st.booleans())
def test_score_property_client_cancellation_changes_nothing(
    candidate: Candidate, days: float, notice: float, confirmed: bool
) -> None:
    history, messages = candidate
    cancelled = change(ago(days), notice, by="client", iid=999, confirmed=confirmed)
    moved = interview(
        ago(days),
        ev("confirmed", ago(days + 3)),
        ev("rescheduled", ago(days + 2), "client", ago(days - 3)),
        ev("cancelled", ago(days - 2), "recruiter"),
        iid=998,
    )
    base = score(history, messages).to_dict()
    assert score([*history, cancelled, moved], messages).to_dict() == base


@PROPERTY
@given(candidates(), st.floats(0.01, 300))
def test_score_property_ignores_what_happens_after_now(candidate: Candidate, days: float) -> None:
    history, messages = candidate
    later = ago(-days)
    noisy = [
        replace(iv, events=(*iv.events, ev("no_show", later), ev("cancelled", later, "candidate")))
        for iv in history
    ]
    noisy.append(no_show(later, 999))
    replies = [replace(m, sent_at=later, id=900 + m.id) for m in messages]
    assert score(noisy, [*messages, *replies]).to_dict() == score(history, messages).to_dict()


def test_score_candidate_worked_example_from_the_docs() -> None:
    def at(month: int, day: int, hour: int = 10) -> datetime:
        return datetime(2025, month, day, hour, tzinfo=UTC)

    history = [
        interview(at(2, 3), ev("confirmed", at(2, 1)), ev("attended", at(2, 3, 11)), iid=1),
        interview(at(3, 12), ev("confirmed", at(3, 10)), ev("no_show", at(3, 12, 11)), iid=2),
        interview(
            at(5, 20),
            ev("rescheduled", at(5, 14), "candidate", at(5, 27)),
            ev("attended", at(5, 27, 11)),
            iid=3,
        ),
    ]
    outreach = [
        OutreachIn(1, at(4, 1), at(4, 1, 13)),
        OutreachIn(2, at(5, 10), None, channel="text"),
        OutreachIn(3, at(5, 10, 16), at(5, 11, 16), channel="email"),
        OutreachIn(4, at(5, 31), None),
    ]
    data = score(history, outreach).to_dict()
    assert data["score"] == 58.8
    assert data["band"] == [42.9, 74.7]
    assert data["confidence"] == "medium"
    assert data["components"] == {
        "attendance": 0.589,
        "follow_through": 0.463,
        "responsiveness": 0.711,
    }
    assert data["no_show_probability"] == 0.227
    assert data["median_response_hours"] == 30.0
    assert data["reasons"] == [
        "Silent no-show on 12 Mar: -26",
        "Attended interview on 3 Feb: +2",
        "Attended interview on 27 May: +2",
    ]
    assert data["facts"] == [
        "2 of 3 interviews attended",
        "1 silent no-show",
        "1 change with notice",
        "replies within 30 h on median",
    ]
    assert data["silence"] == "a silent no-show on 12 Mar"
    assert data["verdict"] == "doubtful: a silent no-show on 12 Mar"
    assert data["component_evidence"] == {
        "attendance": {
            "observed": "2 of 3 attended, 1 moved or cancelled",
            "estimate": 0.589,
            "evidence": "some evidence",
        },
        "follow_through": {
            "observed": "1 of 2 confirmed kept",
            "estimate": 0.463,
            "evidence": "little evidence",
        },
        "responsiveness": {
            "observed": "2 of 2 answered within 3 days",
            "estimate": 0.711,
            "evidence": "little evidence",
        },
    }
