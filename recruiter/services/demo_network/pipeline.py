"""The demo network's chunks, made in order and handed to the writer.

Making a chunk (drawing the histories, scoring them, converting every value for the driver) is
pure Python; writing it is the driver's work. With more than one chunk and more than one CPU
the chunks are made in a second process while this one writes the previous chunk, so the two
overlap. The chunks come out the same either way: one random stream and one id sequence, run in
order by a single maker, and only plain values (strings, numbers, ``None``) cross between the
processes. The maker is a fresh interpreter: it inherits no database connection.
"""

from __future__ import annotations

import os
import pickle
import random
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Dialect, make_url

from recruiter.services.demo_network.people import CHUNK, HEAVY_FROM, _candidate
from recruiter.services.demo_network.rows import Owner, Prepared, _NextIds, _Rows


@dataclass(frozen=True)
class Plan:
    """Everything the maker needs; picklable, no database."""

    owner: Owner
    client_ids: list[int]
    candidates: int
    seed: int
    now: datetime
    quiet: datetime
    first_ids: dict[str, int]
    dialect: str  # "sqlite+pysqlite", "postgresql+psycopg": the values are converted for it
    chunk: int = CHUNK


@dataclass
class Made:
    """The maker's last word: the ids it handed out end here."""

    next_ids: dict[str, int]


def made_chunks(plan: Plan, dialect: Dialect | None = None) -> Iterator[Prepared | Made]:
    """Every chunk of the network in order, each ready for ``dialect`` (by default one made
    from ``plan.dialect``, with no engine options); then :class:`Made`."""
    rng = random.Random(plan.seed)  # noqa: S311 (demo data, not secrets)
    ids = _NextIds(dict(plan.first_ids))
    dialect = dialect or make_url(f"{plan.dialect}://").get_dialect()()
    for start in range(0, plan.candidates, plan.chunk):
        rows = _Rows()
        for index in range(start, min(start + plan.chunk, plan.candidates)):
            heavy = index == 0 and plan.candidates >= HEAVY_FROM
            _candidate(
                rows, ids, plan.owner, index, heavy, plan.client_ids, rng, plan.now, plan.quiet
            )
        yield rows.prepared(dialect)
    yield Made(ids.next)


# Run by ``-c`` rather than ``-m``: the package imports this module first, and ``-m`` would
# import it a second time as ``__main__`` (runpy warns), pickling its chunks under that name.
MAKER = "from recruiter.services.demo_network import pipeline; pipeline._make()"


def chunks(
    plan: Plan, pipelined: bool | None = None, dialect: Dialect | None = None
) -> Iterator[Prepared | Made]:
    """:func:`made_chunks`, made in a second process when ``pipelined`` (by default: when
    there is more than one chunk and more than one CPU). Made here, the values are converted
    for ``dialect`` (the connection's own); the second process makes its own from the plan,
    so the seed refuses to pipeline for an engine with its own JSON serialiser."""
    if pipelined is None:
        pipelined = plan.candidates > plan.chunk and _cpus() > 1
    if pipelined and dialect is not None and getattr(dialect, "_json_serializer", None):
        pipelined = False
    if not pipelined:
        yield from made_chunks(plan, dialect)
        return
    yield from _from_maker(plan)


def _from_maker(plan: Plan) -> Iterator[Prepared | Made]:
    """Run :func:`_make` as the maker, in a fresh interpreter: it inherits none of the
    caller's connections, nor its ``__main__``. The plan goes in on its stdin, the chunks come
    back pickled on its stdout; the pipe's buffer holds the maker back when it runs ahead, so
    memory stays bounded."""
    # Its errors go to a file, not a pipe: a chatty maker cannot block on it.
    with tempfile.TemporaryFile() as errors:
        maker = subprocess.Popen(  # noqa: S603 (this interpreter, this module)
            [sys.executable, "-c", MAKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_child_environment(),
        )
        try:
            yield from _read(plan, maker, errors)
        finally:
            if maker.poll() is None:
                maker.kill()
                maker.wait()


def _read(plan: Plan, maker: subprocess.Popen, errors: Any) -> Iterator[Prepared | Made]:
    assert maker.stdin is not None and maker.stdout is not None
    pickle.dump(plan, maker.stdin)
    maker.stdin.close()
    finished = False
    while not finished:
        try:
            item = pickle.load(maker.stdout)  # noqa: S301 (our own child's output)
        except (EOFError, pickle.UnpicklingError):  # it ended, or died mid-chunk
            break
        finished = isinstance(item, Made)
        yield item
    maker.stdout.close()
    code = maker.wait()
    if code != 0 or not finished:
        errors.seek(0)
        said = errors.read().decode(errors="replace").strip()
        how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        raise RuntimeError(f"seed-demo: making the network failed ({how}):\n{said}")


def _make() -> None:
    """The maker process: the plan from stdin, every chunk pickled onto stdout. Anything
    else the making prints goes to stderr, so it cannot corrupt the stream."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    plan = pickle.load(sys.stdin.buffer)  # noqa: S301 (from the parent that started us)
    for item in made_chunks(plan):
        pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.close()


def _child_environment() -> dict[str, str]:
    """This environment, with the folder holding ``recruiter`` first on the child's path when
    it is a source checkout (the caller may have imported it from there); never a
    site-packages folder, which would then shadow the standard library."""
    root = str(Path(__file__).resolve().parents[3])
    installed = {*site.getsitepackages(), site.getusersitepackages()}
    env = dict(os.environ)
    if root not in installed:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    return env


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
