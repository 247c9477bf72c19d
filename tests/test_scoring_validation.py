"""The score against a small synthetic population with known ground truth (no app, no db).

bench/validate_scoring.py runs the same figures on 2,000 candidates against the real targets;
here 400 candidates keep the file fast, so the floors are looser: with about 40 held-out
no-shows an AUC moves by +/-0.04 from one seed to the next.
"""

from __future__ import annotations

import math
import statistics
from datetime import timedelta

import pytest

from bench.scoring_sim import (
    SIM_NOW,
    Figures,
    SimCandidate,
    attendance_counts,
    auc,
    average_ranks,
    calibration,
    evaluate,
    generate_population,
    spearman,
    wilson_lower_bound,
)
from recruiter.scoring import EventIn, InterviewIn

BASELINES = ("raw attendance", "Wilson lower bound")


@pytest.fixture(scope="module")
def population() -> list[SimCandidate]:
    return generate_population(400, seed=7)


@pytest.fixture(scope="module")
def figures(population: list[SimCandidate]) -> Figures:
    return evaluate(population)


# --- the figures ----------------------------------------------------------------------------


def test_validation_score_ranks_like_true_reliability(figures: Figures) -> None:
    assert figures.spearman["score"] >= 0.6


def test_validation_score_ranks_short_histories(figures: Figures) -> None:
    assert figures.n_small >= 100
    assert figures.spearman_small["score"] >= 0.5


def test_validation_score_predicts_the_next_no_show(figures: Figures) -> None:
    assert figures.auc["score"] >= 0.68
    assert figures.auc["score"] < figures.auc["oracle (true probability)"]


@pytest.mark.parametrize("baseline", BASELINES)
def test_validation_score_beats_baseline(figures: Figures, baseline: str) -> None:
    assert figures.spearman["score"] >= figures.spearman[baseline] + 0.15
    assert figures.auc["score"] >= figures.auc[baseline] - 0.05


def test_validation_no_show_probability_is_calibrated(figures: Figures) -> None:
    assert [n for _, _, n in figures.calibration] == [80] * 5
    assert figures.calibration_gap <= 0.15


def test_validation_confidence_labels_mean_better_rankings(figures: Figures) -> None:
    labels = figures.confidence
    assert labels["high"][1] > labels["low"][1]


# --- the population -------------------------------------------------------------------------


def test_generate_population_is_deterministic() -> None:
    assert generate_population(30, seed=3) == generate_population(30, seed=3)
    assert generate_population(30, seed=3) != generate_population(30, seed=4)


def test_generate_population_is_realistic(population: list[SimCandidate]) -> None:
    shows = [c.truth.p_show for c in population]
    assert 0.8 <= statistics.mean(shows) <= 0.9
    assert 0.1 <= sum(c.truth.flaky for c in population) / len(population) <= 0.3
    assert {len(c.interviews) for c in population} == set(range(1, 11))
    assert 0.05 <= sum(c.next_no_show for c in population) / len(population) <= 0.2
    assert all(0 < c.truth.reliability < 1 for c in population)


def test_generate_population_histories_are_well_formed(population: list[SimCandidate]) -> None:
    year_ago = SIM_NOW - timedelta(days=367)
    for candidate in population:
        for interview in candidate.interviews:
            times = [e.at for e in interview.events]
            assert times == sorted(times)
            assert all(t.tzinfo is not None for t in times)
            assert year_ago < interview.scheduled_at < SIM_NOW
        assert all(o.sent_at > year_ago - timedelta(days=11) for o in candidate.outreach)


def test_truth_reliability_weights_the_hidden_probabilities() -> None:
    truth = generate_population(1, seed=1)[0].truth
    keeps_word = truth.p_show + (1 - truth.p_show) * truth.p_warn
    expected = 0.5 * truth.p_show + 0.25 * keeps_word + 0.25 * truth.p_reply
    assert truth.reliability == pytest.approx(expected)


# --- the statistics -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values, ranks",
    [
        ([10, 30, 20], [1, 3, 2]),
        ([5, 5, 1, 9], [2.5, 2.5, 1, 4]),
        ([7, 7, 7], [2, 2, 2]),
    ],
)
def test_average_ranks_share_ties(values: list[float], ranks: list[float]) -> None:
    assert average_ranks(values) == ranks


@pytest.mark.parametrize(
    "x, y, rho",
    [
        ([1, 2, 3, 4], [10, 20, 30, 40], 1.0),
        ([1, 2, 3, 4], [4, 3, 2, 1], -1.0),
        ([1, 2, 3, 4, 5], [2, 1, 4, 3, 5], 0.8),
        ([1, 1, 2, 2], [1, 2, 3, 4], 2 / math.sqrt(5)),
    ],
)
def test_spearman_matches_known_values(x: list[float], y: list[float], rho: float) -> None:
    assert spearman(x, y) == pytest.approx(rho)


@pytest.mark.parametrize(
    "scores, positives, expected",
    [
        ([0.9, 0.8, 0.2, 0.1], [True, True, False, False], 1.0),
        ([0.1, 0.2, 0.8, 0.9], [True, True, False, False], 0.0),
        ([0.5, 0.5, 0.5, 0.5], [True, False, True, False], 0.5),
        ([0.9, 0.4, 0.6, 0.1], [True, True, False, False], 0.75),
    ],
)
def test_auc_matches_known_values(
    scores: list[float], positives: list[bool], expected: float
) -> None:
    assert auc(scores, positives) == pytest.approx(expected)


@pytest.mark.parametrize(
    "successes, trials, expected",
    [(0, 0, 0.0), (8, 10, 0.4902), (1, 1, 0.2065), (50, 100, 0.4038)],
)
def test_wilson_lower_bound_matches_known_values(
    successes: int, trials: int, expected: float
) -> None:
    assert wilson_lower_bound(successes, trials) == pytest.approx(expected, abs=1e-4)


def test_calibration_bins_by_quintile_of_the_prediction() -> None:
    predicted = [i / 10 for i in range(10)]
    observed = [False] * 8 + [True] * 2
    rows = calibration(predicted, observed)
    assert [n for _, _, n in rows] == [2] * 5
    assert rows[0] == pytest.approx((0.05, 0.0, 2))
    assert rows[-1] == pytest.approx((0.85, 1.0, 2))


def test_attendance_counts_leave_out_client_cancellations() -> None:
    start = SIM_NOW - timedelta(days=10)
    history = [
        InterviewIn(1, start, (EventIn("attended", start),)),
        InterviewIn(2, start, (EventIn("no_show", start),)),
        InterviewIn(3, start, (EventIn("cancelled", start, "candidate"),)),
        InterviewIn(4, start, (EventIn("cancelled", start, "client"),)),
        InterviewIn(5, start, ()),
    ]
    assert attendance_counts(history, SIM_NOW) == (1, 3)
