"""Every number of the model, in one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoringSettings:
    """Every number of the model. docs/scoring.md says where each one comes from."""

    # Attendance credit per observation (1 = as good as attending, 0 = silent no-show).
    attended: float = 1.0
    changed_with_notice: float = 0.85  # candidate cancelled/rescheduled >= notice_hours ahead
    changed_short_notice: float = 0.6  # less notice, or the candidate's third change
    no_show_explained_soon: float = 0.25  # explained within explain_hours after the start
    no_show_explained_late: float = 0.1
    no_show_silent: float = 0.0
    notice_hours: float = 24.0  # "with notice" means at least this long before the start
    explain_hours: float = 24.0
    changes_before_short: int = 2  # the candidate's change number 3 onwards counts as short
    # A silent no-show is the strongest evidence there is: it counts as this many observations
    # (of attendance, and of follow-through when confirmed). Explained ones count once.
    silent_no_show_weight: float = 5.0
    # Follow-through credit, only for interviews the candidate had confirmed.
    kept_or_notice: float = 1.0  # attended, or changed with notice
    kept_short_notice: float = 0.5
    kept_no_show: float = 0.0  # confirmed, then a silent no-show
    kept_explained_soon: float = 0.5  # confirmed, missed, but said so within explain_hours
    kept_explained_late: float = 0.25
    # Responsiveness credit per outbound outreach (first message of any window).
    reply_fast_hours: float = 24.0
    reply_fast: float = 1.0
    reply_slow_hours: float = 72.0  # also: an unanswered message younger than this is open
    reply_slow: float = 0.5
    reply_late: float = 0.0  # later than reply_slow_hours, or never
    outreach_window_hours: float = 24.0  # follow-ups within this window of a counted message
    # Beta priors (alpha, beta) and half-lives in days of the evidence weight 2^(-age/half-life).
    attendance_prior: tuple[float, float] = (3.6, 0.4)  # issue: (3.2, 0.8); see docs
    follow_through_prior: tuple[float, float] = (3.2, 0.8)
    responsiveness_prior: tuple[float, float] = (2.1, 0.9)
    attendance_half_life_days: float = 180.0
    follow_through_half_life_days: float = 180.0
    responsiveness_half_life_days: float = 180.0
    # No-show probability: Beta(no-shows, attended) with its own prior (mean 0.1, weight 2).
    no_show_prior: tuple[float, float] = (0.2, 1.8)
    no_show_half_life_days: float = 365.0
    # Score = 100 * weighted posterior means; the band is score +/- band_z * sd.
    attendance_weight: float = 0.5
    follow_through_weight: float = 0.25
    responsiveness_weight: float = 0.25
    band_z: float = 1.645
    # Confidence from evidence = weighted interview observations + half weight for the rest.
    other_evidence_weight: float = 0.5
    medium_evidence: float = 3.0
    high_evidence: float = 8.0
    reason_count: int = 3
    # Words: "reliable so far" from this score, "unreliable so far" under the other; a silent
    # no-show younger than silence_days is named instead, whatever the score.
    reliable_at: float = 75.0
    unreliable_below: float = 50.0
    silence_days: float = 365.0


DEFAULT_SETTINGS = ScoringSettings()
