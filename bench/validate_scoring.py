"""Validate the reliability score on a synthetic population with known ground truth.

    python bench/validate_scoring.py [--n 2000] [--seed 42] [--repeat 1]
    python bench/validate_scoring.py --seeds 42-61

Prints every figure, then PASS/FAIL per target; exits 1 if a target fails. ``--repeat R``
also reports the spread over seeds seed..seed+R-1 (the targets apply to the first seed).
``--seeds A-B`` prints one line of figures per seed, then their mean and minimum, and counts
the seeds on which every target passes; it exits 1 if a target fails on the mean.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scoring_sim import Figures, evaluate, generate_population

BASELINES = ("raw attendance", "Wilson lower bound")

Value = Callable[[Figures], float]


@dataclass(frozen=True)
class Target:
    label: str
    value: Value
    bound: Value  # a floor, or a baseline's figure the score must beat
    strict: bool = False  # True: value > bound; False: value >= bound

    def met(self, f: Figures) -> bool:
        return self.value(f) > self.bound(f) if self.strict else self.value(f) >= self.bound(f)


def _floor(x: float) -> Value:
    return lambda f: x


TARGETS = [
    Target("Spearman, all candidates", lambda f: f.spearman["score"], _floor(0.70)),
    Target("Spearman, 1-2 interviews", lambda f: f.spearman_small["score"], _floor(0.60)),
    Target("AUC next no-show", lambda f: f.auc["score"], _floor(0.75)),
    *(
        Target(
            f"Spearman beats {b}", lambda f: f.spearman["score"], lambda f, b=b: f.spearman[b], True
        )
        for b in BASELINES
    ),
    *(
        Target(f"AUC beats {b}", lambda f: f.auc["score"], lambda f, b=b: f.auc[b], True)
        for b in BASELINES
    ),
]
MAX_CALIBRATION_GAP = 0.05


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="candidates (default 2000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--repeat", type=int, default=1, help="also run the next seeds")
    parser.add_argument("--seeds", type=_seed_range, help="per-seed figures, e.g. 42-61")
    args = parser.parse_args(argv)
    if args.seeds is not None:
        return print_seeds(args.n, args.seeds)
    started = time.perf_counter()
    population = generate_population(args.n, args.seed)
    figures = evaluate(population)
    elapsed = time.perf_counter() - started
    print_figures(figures, args.seed)
    failures = print_targets(figures)
    if args.repeat > 1:
        print_spread(args.n, range(args.seed, args.seed + args.repeat))
    print(f"\n{args.n} candidates generated and scored in {elapsed:.1f} s")
    print("ALL TARGETS PASS" if not failures else f"{failures} TARGET(S) FAIL")
    return 1 if failures else 0


def print_figures(f: Figures, seed: int) -> None:
    print(f"Reliability score validation: {f.n} synthetic candidates, seed {seed}")
    print(f"  with 1-2 interviews: {f.n_small}; next-interview no-show rate {f.no_show_rate:.1%}")
    print("\nSpearman rank correlation with true reliability")
    print(f"  {'method':<28}{'all':>8}{'1-2 int.':>10}")
    for method, rho in f.spearman.items():
        print(f"  {method:<28}{rho:>8.3f}{f.spearman_small[method]:>10.3f}")
    print("\nAUC for the next interview's no-show (held out)")
    for method, value in f.auc.items():
        note = "  (ceiling, not a target)" if method.startswith("oracle") else ""
        print(f"  {method:<28}{value:>8.3f}{note}")
    print("\nNo-show probability calibration, by quintile of the prediction")
    print(f"  {'quintile':<10}{'n':>6}{'predicted':>11}{'observed':>10}{'gap':>8}")
    for i, (predicted, observed, n) in enumerate(f.calibration, 1):
        gap = predicted - observed
        print(f"  {i:<10}{n:>6}{predicted:>11.3f}{observed:>10.3f}{gap:>+8.3f}")
    print("\nScore by confidence label")
    print(f"  {'label':<10}{'n':>6}{'Spearman':>10}")
    for label, (n, rho) in f.confidence.items():
        print(f"  {label:<10}{n:>6}{rho:>10.3f}")


def print_targets(f: Figures) -> int:
    print("\nTargets")
    failures = 0
    for t in TARGETS:
        ok = t.met(f)
        failures += not ok
        relation = ">" if t.strict else ">="
        print(f"  {t.label:<36}{t.value(f):.3f} {relation} {t.bound(f):.3f}  {_verdict(ok)}")
    ok = f.calibration_gap <= MAX_CALIBRATION_GAP
    failures += not ok
    gap_label = "No-show calibration, max gap"
    print(f"  {gap_label:<36}{f.calibration_gap:.3f} <= {MAX_CALIBRATION_GAP:.3f}  {_verdict(ok)}")
    return failures


def print_spread(n: int, seeds: range) -> None:
    runs = [evaluate(generate_population(n, seed)) for seed in seeds]
    print(f"\nSpread over seeds {seeds.start}..{seeds.stop - 1} (mean, min, max)")
    rows: list[tuple[str, Callable[[Figures], float]]] = [
        *((t.label, t.value) for t in TARGETS[:3]),
        *((f"AUC {b}", lambda f, b=b: f.auc[b]) for b in BASELINES),
        ("AUC oracle", lambda f: f.auc["oracle (true probability)"]),
        ("No-show calibration, max gap", lambda f: f.calibration_gap),
    ]
    for label, value in rows:
        values = [value(f) for f in runs]
        print(f"  {label:<36}{statistics.mean(values):.3f}  {min(values):.3f}  {max(values):.3f}")


SEED_COLUMNS: list[tuple[str, Value]] = [
    ("rho", lambda f: f.spearman["score"]),
    ("rho1-2", lambda f: f.spearman_small["score"]),
    ("AUC", lambda f: f.auc["score"]),
    ("AUCraw", lambda f: f.auc["raw attendance"]),
    ("AUCwil", lambda f: f.auc["Wilson lower bound"]),
    ("AUCp", lambda f: f.auc["no-show probability"]),
    ("oracle", lambda f: f.auc["oracle (true probability)"]),
    ("gap", lambda f: f.calibration_gap),
]


def print_seeds(n: int, seeds: range) -> int:
    """One row per seed, then mean and min (max for the gap); exit 1 if the mean fails."""
    print(f"{'seed':>6}" + "".join(f"{name:>8}" for name, _ in SEED_COLUMNS) + "  targets")
    runs, passing = [], 0
    for seed in seeds:
        f = evaluate(generate_population(n, seed))
        runs.append(f)
        failed = sum(not t.met(f) for t in TARGETS) + (f.calibration_gap > MAX_CALIBRATION_GAP)
        passing += not failed
        cells = "".join(f"{value(f):>8.3f}" for _, value in SEED_COLUMNS)
        print(f"{seed:>6}{cells}  {'all pass' if not failed else f'{failed} fail'}")
    columns = [[value(f) for f in runs] for _, value in SEED_COLUMNS]
    print(f"{'mean':>6}" + "".join(f"{statistics.mean(c):>8.3f}" for c in columns))
    names = [name for name, _ in SEED_COLUMNS]
    worst = [max(c) if n == "gap" else min(c) for n, c in zip(names, columns, strict=True)]
    print(f"{'worst':>6}" + "".join(f"{w:>8.3f}" for w in worst) + "  (min; max for gap)")
    print(f"every target passes on {passing} of {len(runs)} seeds")
    means = {n: statistics.mean(c) for n, c in zip(names, columns, strict=True)}
    ok = (
        means["rho"] >= 0.70
        and means["rho1-2"] >= 0.60
        and means["AUC"] >= 0.75
        and means["AUC"] > max(means["AUCraw"], means["AUCwil"])
        and means["gap"] <= MAX_CALIBRATION_GAP
    )
    print("MEAN TARGETS PASS" if ok else "MEAN TARGETS FAIL")
    return 0 if ok else 1


def _seed_range(text: str) -> range:
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


if __name__ == "__main__":
    sys.exit(main())
