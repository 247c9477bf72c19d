"""A synthetic candidate population with known ground truth, and the figures that validate
the reliability score against it (bench/validate_scoring.py, tests/test_scoring_validation.py).

Standard library only and deterministic given the seed. docs/scoring.md describes the
population and why it is shaped this way.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from recruiter.scoring import (
    COMPONENTS,
    DEFAULT_SETTINGS,
    EventIn,
    InterviewIn,
    OutreachIn,
    ScoringSettings,
    score_candidate,
)

SIM_NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
ADVANCE_SHARE = 0.75  # of warnings, the share that are changes ahead (the rest: explained soon)
CHANNELS = ("call", "text", "email", "message", "voicemail")
CHANNEL_WEIGHTS = (3, 4, 3, 2, 1)

Shape = tuple[float, float]


@dataclass(frozen=True)
class PopulationSpec:
    """The assumptions of the synthetic population; docs/scoring.md discusses each."""

    flaky_share: float = 0.2
    # Beta shapes of (p_show, p_warn, p_reply) for the steady majority and the flaky minority.
    steady: tuple[Shape, Shape, Shape] = ((20, 1.5), (6, 2), (4, 1.5))
    flaky: tuple[Shape, Shape, Shape] = ((3.5, 2.5), (1.5, 3.5), (2, 3))
    show_trend_sd: float = 0.5  # per-candidate drift in logit per year of p_show and p_warn
    reply_trend_sd: float = 0.8  # and of p_reply
    interview_count_weights: tuple[int, ...] = (20, 17, 14, 11, 9, 8, 7, 5, 5, 4)  # 1..10
    messages_per_interview: tuple[int, int] = (2, 5)
    other_messages: tuple[int, int] = (2, 12)
    follow_up_share: float = 0.35  # unanswered after 4 h: a second message the same day
    client_cancel_share: float = 0.06
    client_reschedule_share: float = 0.06
    confirmation_share: float = 0.7


DEFAULT_SPEC = PopulationSpec()


@dataclass(frozen=True)
class Truth:
    """Hidden traits as they are at SIM_NOW; earlier they differ by ``trend`` (logit per year)."""

    p_show: float  # shows up at a scheduled slot (otherwise misses it, one way or another)
    p_warn: float  # when missing: warns (changes ahead, or explains soon) instead of going silent
    p_reply: float  # answers an outbound message within a day
    flaky: bool
    trend: float  # drift of p_show and p_warn
    reply_trend: float  # drift of p_reply: being on the market or not changes quickly

    @property
    def reliability(self) -> float:
        """True reliability: the score's weights applied to the hidden probabilities."""
        keeps_word = self.p_show + (1 - self.p_show) * self.p_warn
        return 0.5 * self.p_show + 0.25 * keeps_word + 0.25 * self.p_reply

    def at(self, when: datetime) -> Truth:
        years = (SIM_NOW - when).total_seconds() / (365.25 * 86400)

        def drift(p: float, trend: float) -> float:
            return 1 / (1 + math.exp(-(math.log(p / (1 - p)) - trend * years)))

        show, warn = drift(self.p_show, self.trend), drift(self.p_warn, self.trend)
        return Truth(show, warn, drift(self.p_reply, self.reply_trend), self.flaky, 0, 0)

    def next_no_show_probability(self) -> float:
        """P(no-show | the next interview goes ahead): advance changes do not go ahead."""
        miss_silently = (1 - self.p_show) * (1 - self.p_warn * ADVANCE_SHARE)
        return miss_silently / (self.p_show + miss_silently)


@dataclass(frozen=True)
class SimCandidate:
    id: int
    truth: Truth
    interviews: tuple[InterviewIn, ...]
    outreach: tuple[OutreachIn, ...]
    next_no_show: bool  # the held-out outcome of the next interview that goes ahead


def generate_population(
    n: int, seed: int, now: datetime = SIM_NOW, spec: PopulationSpec = DEFAULT_SPEC
) -> list[SimCandidate]:
    """``n`` candidates with histories over the year before ``now``; the same for a seed."""
    rng = random.Random(seed)
    return [_candidate(rng, spec, i, now) for i in range(n)]


def _draw_truth(rng: random.Random, spec: PopulationSpec) -> Truth:
    flaky = rng.random() < spec.flaky_share
    show, warn, reply = (
        min(0.995, max(0.005, rng.betavariate(a, b)))
        for a, b in (spec.flaky if flaky else spec.steady)
    )
    trends = rng.gauss(0, spec.show_trend_sd), rng.gauss(0, spec.reply_trend_sd)
    return Truth(show, warn, reply, flaky, *trends)


def _candidate(rng: random.Random, spec: PopulationSpec, cid: int, now: datetime) -> SimCandidate:
    truth = _draw_truth(rng, spec)
    count = rng.choices(range(1, 11), weights=spec.interview_count_weights)[0]
    starts = sorted(now - timedelta(days=rng.uniform(1, 365)) for _ in range(count))
    starts = [s.replace(hour=rng.randint(9, 17), minute=rng.choice((0, 30))) for s in starts]
    interviews = tuple(_interview(rng, spec, truth, cid * 100 + k, s) for k, s in enumerate(starts))
    outreach: list[OutreachIn] = []
    for start in starts:
        for _ in range(rng.randint(*spec.messages_per_interview)):
            sent = start - timedelta(days=rng.uniform(0.5, 10))
            _outreach(rng, spec, truth, outreach, sent)
    for _ in range(rng.randint(*spec.other_messages)):
        _outreach(rng, spec, truth, outreach, now - timedelta(days=rng.uniform(0, 365)))
    for _ in range(rng.randint(0, 2)):  # the candidate writes first: not scored
        sent = now - timedelta(days=rng.uniform(0, 365))
        outreach.append(OutreachIn(len(outreach), sent, sent + timedelta(hours=2), "inbound"))
    return SimCandidate(cid, truth, interviews, tuple(outreach), _next_no_show(rng, truth))


def _interview(
    rng: random.Random, spec: PopulationSpec, truth: Truth, iid: int, start: datetime
) -> InterviewIn:
    original, events = start, []
    roll = rng.random()
    if roll < spec.client_cancel_share:  # the client cancels: no signal about the candidate
        _confirmation(rng, spec, truth, events, start, None)
        events.append(_ev("cancelled", start - _hours(rng, 4, 96), by="client"))
        return _finish(iid, original, events)
    if roll < spec.client_cancel_share + spec.client_reschedule_share:
        new = start + timedelta(days=rng.uniform(2, 10))
        events.append(_ev("rescheduled", start - _hours(rng, 24, 120), "client", new))
        start = new
    for changes in range(4):
        t = truth.at(start)
        if rng.random() < t.p_show:
            _confirmation(rng, spec, truth, events, start, None)
            events.append(_ev("attended", start + _hours(rng, 1, 8)))
            break
        warns = rng.random() < t.p_warn
        if not (warns and rng.random() < ADVANCE_SHARE and changes < 3):
            _no_show(rng, spec, truth, events, start, warns)
            break
        moved = _change_ahead(rng, spec, truth, events, start)
        if moved is None:
            break
        start = moved
    return _finish(iid, original, events)


def _change_ahead(
    rng: random.Random, spec: PopulationSpec, truth: Truth, events: list[EventIn], start: datetime
) -> datetime | None:
    """The candidate cancels or reschedules; returns the new start of a rescheduled slot."""
    long_notice = rng.random() < 0.4 + 0.5 * truth.at(start).p_warn
    at = start - (_hours(rng, 25, 120) if long_notice else _hours(rng, 1, 23))
    at = _confirmation(rng, spec, truth, events, start, at) or at
    if rng.random() < 0.5:
        events.append(_ev("cancelled", at, "candidate"))
        return None
    new = start + timedelta(days=rng.uniform(2, 10))
    events.append(_ev("rescheduled", at, "candidate", new))
    return new


def _no_show(
    rng: random.Random,
    spec: PopulationSpec,
    truth: Truth,
    events: list[EventIn],
    start: datetime,
    warns: bool,
) -> None:
    """A warner explains within hours; some others explain days later."""
    _confirmation(rng, spec, truth, events, start, None)
    events.append(_ev("no_show", start + _hours(rng, 1, 8)))
    if warns:
        events.append(_ev("explained", start + _hours(rng, 0.5, 20)))
    elif rng.random() < 0.3:
        events.append(_ev("explained", start + _hours(rng, 30, 150)))


def _confirmation(
    rng: random.Random,
    spec: PopulationSpec,
    truth: Truth,
    events: list[EventIn],
    start: datetime,
    change: datetime | None,
) -> datetime | None:
    """Maybe a confirmation request for this slot; returns when a planned change happens."""
    asked = start - _hours(rng, 26, 60)
    if rng.random() > spec.confirmation_share or (change is not None and change <= asked):
        return change
    events.append(_ev("confirmation_requested", asked))
    if rng.random() > truth.at(asked).p_reply:
        return change
    answered = asked + _hours(rng, 0.2, 6)
    if change is not None and answered >= change:
        return change
    if change is not None and rng.random() < 0.3:
        events.append(_ev("declined", answered))
        return answered
    events.append(_ev("confirmed", answered))
    return change


def _outreach(
    rng: random.Random, spec: PopulationSpec, truth: Truth, out: list[OutreachIn], sent: datetime
) -> None:
    p_reply = truth.at(sent).p_reply
    if rng.random() < p_reply:
        delay: float | None = min(23.5, rng.lognormvariate(math.log(2.5), 1.0))
    else:
        roll = rng.random()
        delay = rng.uniform(24, 72) if roll < 0.4 else rng.uniform(72, 240) if roll < 0.6 else None
    reply = None if delay is None else sent + timedelta(hours=delay)
    channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
    slow = delay is None or delay > 4
    if slow and rng.random() < spec.follow_up_share:  # a second message the same day
        follow = sent + _hours(rng, 2, 20)
        answered_follow = reply if reply and reply > follow else None
        first_reply = reply if answered_follow is None or rng.random() < 0.5 else None
        out.append(OutreachIn(len(out), sent, first_reply, "outbound", channel))
        out.append(OutreachIn(len(out), follow, answered_follow, "outbound", "text"))
        return
    out.append(OutreachIn(len(out), sent, reply, "outbound", channel))


def _next_no_show(rng: random.Random, truth: Truth) -> bool:
    for _ in range(100):
        if rng.random() < truth.p_show:
            return False
        if rng.random() < truth.p_warn and rng.random() < ADVANCE_SHARE:
            continue  # changed ahead: this one does not go ahead, the next one is the target
        return True
    return False


def _ev(kind: str, at: datetime, by: str | None = None, new: datetime | None = None) -> EventIn:
    return EventIn(kind, at, by, new)


def _hours(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(hours=rng.uniform(low, high))


def _finish(iid: int, original: datetime, events: list[EventIn]) -> InterviewIn:
    return InterviewIn(iid, original, tuple(sorted(events, key=lambda e: e.at)))


# --- figures ------------------------------------------------------------------------------


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the average of their ranks."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation of the average ranks."""
    rx, ry = average_ranks(x), average_ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    return cov / var if var else 0.0


def auc(scores: Sequence[float], positives: Sequence[bool]) -> float:
    """P(score of a random positive > a random negative), ties counting half (Mann-Whitney)."""
    ranks = average_ranks(scores)
    n_pos = sum(positives)
    n_neg = len(positives) - n_pos
    if not n_pos or not n_neg:
        return math.nan  # undefined: fails every target, as it should
    rank_sum = sum(r for r, p in zip(ranks, positives, strict=True) if p)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def wilson_lower_bound(successes: int, trials: int, z: float = 1.96) -> float:
    if trials == 0:
        return 0.0
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return (centre - spread) / (1 + z * z / trials)


def attendance_counts(interviews: Sequence[InterviewIn], now: datetime) -> tuple[int, int]:
    """(attended, past) for the baselines: past = attended, no-show or cancelled by the
    candidate, as known at ``now``; client/recruiter cancellations are left out."""
    attended = past = 0
    for interview in interviews:
        final = None
        for ev in interview.events:
            if ev.at <= now and (
                ev.type in ("attended", "no_show")
                or (ev.type == "cancelled" and ev.by == "candidate")
            ):
                final = ev.type
            elif ev.at <= now and ev.type == "cancelled":
                final = None
        attended += final == "attended"
        past += final is not None
    return attended, past


def calibration(
    predicted: Sequence[float], observed: Sequence[bool], bins: int = 5
) -> list[tuple[float, float, int]]:
    """(mean predicted, observed rate, count) per quantile bin of the prediction."""
    order = sorted(range(len(predicted)), key=predicted.__getitem__)
    rows = []
    for b in range(bins):
        idx = order[b * len(order) // bins : (b + 1) * len(order) // bins]
        if not idx:
            continue
        rows.append(
            (
                sum(predicted[i] for i in idx) / len(idx),
                sum(observed[i] for i in idx) / len(idx),
                len(idx),
            )
        )
    return rows


@dataclass(frozen=True)
class Figures:
    n: int
    n_small: int
    no_show_rate: float
    spearman: dict[str, float]  # method -> rank correlation with true reliability
    spearman_small: dict[str, float]  # the same among candidates with 1 or 2 interviews
    auc: dict[str, float]  # method -> AUC for the held-out no-show (oracle = true probability)
    calibration: list[tuple[float, float, int]]
    confidence: dict[str, tuple[int, float]]  # label -> (candidates, Spearman within)

    @property
    def calibration_gap(self) -> float:
        return max(abs(p - o) for p, o, _ in self.calibration)


def evaluate(
    population: Sequence[SimCandidate],
    now: datetime = SIM_NOW,
    settings: ScoringSettings = DEFAULT_SETTINGS,
) -> Figures:
    results = [score_candidate(c.interviews, c.outreach, now, settings) for c in population]
    fallback = _prior_score(settings)
    score = [r.score if r.score is not None else fallback for r in results]
    counts = [attendance_counts(c.interviews, now) for c in population]
    mean_rate = sum(a for a, _ in counts) / max(1, sum(p for _, p in counts))
    methods: dict[str, list[float]] = {
        "score": score,
        "raw attendance": [a / p if p else mean_rate for a, p in counts],
        "Wilson lower bound": [wilson_lower_bound(a, p) for a, p in counts],
    }
    truth = [c.truth.reliability for c in population]
    no_show = [c.next_no_show for c in population]
    small = [i for i, c in enumerate(population) if len(c.interviews) <= 2]

    def pick(values: Sequence[float], idx: Sequence[int]) -> list[float]:
        return [values[i] for i in idx]

    aucs = {m: auc([-v for v in values], no_show) for m, values in methods.items()}
    aucs["no-show probability"] = auc([r.no_show_probability for r in results], no_show)
    aucs["oracle (true probability)"] = auc(
        [c.truth.next_no_show_probability() for c in population], no_show
    )
    by_label: dict[str, tuple[int, float]] = {}
    for label in ("none", "low", "medium", "high"):
        idx = [i for i, r in enumerate(results) if r.confidence == label]
        if len(idx) > 2:
            by_label[label] = (len(idx), spearman(pick(score, idx), pick(truth, idx)))
    return Figures(
        n=len(population),
        n_small=len(small),
        no_show_rate=sum(no_show) / len(no_show),
        spearman={m: spearman(v, truth) for m, v in methods.items()},
        spearman_small={
            m: spearman(pick(v, small), pick(truth, small)) for m, v in methods.items()
        },
        auc=aucs,
        calibration=calibration([r.no_show_probability for r in results], no_show),
        confidence=by_label,
    )


def _prior_score(s: ScoringSettings) -> float:
    mean: Callable[[tuple[float, float]], float] = lambda ab: ab[0] / (ab[0] + ab[1])  # noqa: E731
    return 100 * sum(getattr(s, f"{c}_weight") * mean(getattr(s, f"{c}_prior")) for c in COMPONENTS)
