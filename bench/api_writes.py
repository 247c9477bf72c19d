"""API writes per second under ``flask --app app serve``, beside bare commits per second.

    python bench/api_writes.py [--requests 2000] [--clients 8]
                               [--kind outreach|events|read|floors|both|all]
                               [--database-url postgresql://...]

Makes a fresh SQLite file (or resets the schema of ``--database-url``), migrates it, creates a
recruiter with an API token, 400 candidates and 400 interviews (2,000 writes add about 5 to
each: a typical history, not one that grows long under the benchmark), and starts the real
thing: ``flask --app app serve`` (gunicorn with its default workers and threads, and the scheduler)
on a free port. Client processes, each with one keep-alive ``http.client`` connection, then
send ``POST /api/v1/outreach`` (and ``POST /api/v1/interviews/<id>/events``), spread over the
candidates. Printed: writes per second and errors, beside the bare limit measured in the same
run: a loop of single-row ``INSERT`` + ``COMMIT`` through the sqlite3 module (WAL,
``synchronous=NORMAL``, the app's pragmas) or psycopg. Target: at least 1/10 of bare SQLite
commits per second with 0 errors, and at least 400/s on PostgreSQL. Also printed: the CPU time
the server's processes (gunicorn's workers, the scheduler) spent per write, read from /proc on
Linux: on a machine shared with other work it moves far less than the rate does. With
``--kind read`` (and by default) the same clients also send ``GET /api/v1/candidates/<id>``:
the cheapest authenticated request, the floor a write is compared with (the token check, one
row, the JSON), measured in the same run; and ``--kind floors`` (also in ``all``) serves the
same GETs from gunicorn with serve's settings around no app at all, then around a bare Flask
view (``bench/_floor.py``): what the web stack itself costs on this machine. How busy each
gunicorn process was (its CPU over the run's wall time) shows how the keep-alive connections
were shared: a worker at 100 % of a core is held by its interpreter lock while another idles.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CANDIDATES = 400  # 2,000 writes: 5 per candidate or interview, a typical history
BARE_COMMITS = 3000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir: Path, url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RECRUITER_INSTANCE_PATH=str(workdir / "instance"),
        DATABASE_URL=url,
        SECRET_KEY="bench-secret-key-that-is-long-enough-0123456789abcdef",  # noqa: S106
    )
    return env


def reset_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def prepare(env: dict[str, str]) -> dict:
    """Migrate, then make the recruiter, token, candidates and interviews (in this process)."""
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    upgrade = [*flask, "db", "upgrade"]
    subprocess.run(upgrade, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    os.environ.update(env)
    from recruiter import create_app
    from recruiter.extensions import db
    from recruiter.services import accounts, candidates, interviews

    app = create_app()
    now = datetime.now(UTC)
    with app.app_context():
        owner = accounts.create_recruiter("bench@example.com", "quiet harbour lantern 42", "Bench")
        _, token = accounts.create_token(owner, "bench")
        candidate_ids, interview_ids = [], []
        for n in range(CANDIDATES):
            candidate = candidates.create_candidate(owner, {"full_name": f"Bench {n}"}, now)
            interview = interviews.create_interview(
                owner,
                {"candidate_id": candidate.id, "scheduled_at": now + timedelta(days=3)},
                now,
            )
            candidate_ids.append(candidate.id)
            interview_ids.append(interview.id)
        db.session.commit()
        db.engine.dispose()
    return {"token": token, "candidates": candidate_ids, "interviews": interview_ids}


FLOORS = {"wsgi": "bench._floor:wsgi", "flask": "bench._floor:flask_app"}


def start_serve(
    env: dict[str, str], port: int, log: Path, floor: str | None = None
) -> subprocess.Popen:
    """``flask --app app serve``; or, with ``floor``, gunicorn alone (serve's own command line)
    around that :data:`FLOORS` app."""
    command = [sys.executable, "-m", "flask", "--app", "app", "serve", "--port", str(port)]
    probe = "/healthz"
    if floor is not None:
        from recruiter.cli.serve import web_command
        from recruiter.settings import ServeSettings

        defaults = ServeSettings()
        command = [*web_command("127.0.0.1", port, defaults.workers, defaults.threads)]
        command[-1] = FLOORS[floor]
        probe = "/api/v1/candidates/1"
    handle = log.open("wb")
    process = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited with {process.returncode}; see {log}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", probe)
            if conn.getresponse().status == 200:
                conn.close()
                return process
        except OSError:
            pass
        time.sleep(0.3)
    stop_serve(process)
    raise SystemExit(f"serve did not answer {probe} within 60 s; see {log}")


def stop_serve(process: subprocess.Popen) -> None:
    """SIGTERM to the serve parent, which stops its own children; the group if it lingers."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def server_cpu_seconds(session: int) -> dict[str, float] | None:
    """User + system CPU seconds of each process in the serve session (Linux /proc), by role:
    ``web`` (gunicorn's workers and arbiter), ``scheduler``, ``serve`` (the parent); and by
    gunicorn process as ``pid <n>``, to show how the load was shared."""
    found: dict[str, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if int(fields[3]) != session:  # fields after the name: state, ppid, pgrp, session, ...
            continue
        role = "serve"
        if b"gunicorn" in command:
            role = "web"
        elif b"scheduler" in command:
            role = "scheduler"
        seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
        found[role] = found.get(role, 0.0) + seconds
        if role == "web":
            found[f"pid {stat.parent.name}"] = seconds
    return found or None


def client(job: tuple[int, str, str, list[int], int, int]) -> tuple[int, int, list[str]]:
    """One client process: ``count`` POSTs over one keep-alive connection."""
    port, token, kind, ids, start, count = job
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    ok, errors, samples = 0, 0, []
    sent_at = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    for n in range(start, start + count):
        target = ids[n % len(ids)]
        method, expected = "POST", 201
        if kind == "outreach":
            url = "/api/v1/outreach"
            body = {"candidate_id": target, "channel": "call", "sent_at": sent_at}
        elif kind == "events":
            url = f"/api/v1/interviews/{target}/events"
            body = {"type": "confirmation_requested", "at": sent_at}
        else:
            method, expected, url, body = "GET", 200, f"/api/v1/candidates/{target}", None
        try:
            payload = None if body is None else json.dumps(body)
            conn.request(method, url, body=payload, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            errors += 1
            samples.append(repr(exc))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        if response.status == expected:
            ok += 1
        else:
            errors += 1
            if len(samples) < 3:
                samples.append(f"{response.status} {data[:200]!r}")
    conn.close()
    return ok, errors, samples


def fire(port: int, state: dict, kind: str, requests: int, clients: int, session: int) -> dict:
    ids = state["interviews"] if kind == "events" else state["candidates"]
    per = requests // clients
    jobs = [(port, state["token"], kind, ids, i * per, per) for i in range(clients)]
    with multiprocessing.Pool(clients) as pool:
        client(jobs[0][:5] + (min(20, per),))  # warm up every worker's code path
        cpu_before = server_cpu_seconds(session)
        started = time.perf_counter()
        results = pool.map(client, jobs)
        seconds = time.perf_counter() - started
        cpu_after = server_cpu_seconds(session)
    ok = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    samples = [s for r in results for s in r[2]][:3]
    cpu = None
    if cpu_before is not None and cpu_after is not None:
        cpu = {role: spent - cpu_before.get(role, 0.0) for role, spent in cpu_after.items()}
    return {"ok": ok, "errors": errors, "seconds": seconds, "samples": samples, "cpu": cpu}


def bare_sqlite(path: Path, count: int = BARE_COMMITS) -> float:
    """Single-row INSERT + COMMIT in a loop, with the app's pragmas."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE bare (id INTEGER PRIMARY KEY, at TEXT, note TEXT)")
    started = time.perf_counter()
    for n in range(count):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO bare (at, note) VALUES (?, ?)", (str(n), "bench"))
        conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return count / seconds


def bare_postgres(url: str, count: int = BARE_COMMITS) -> float:
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE bare_commits (id serial PRIMARY KEY, at text, note text)")
        conn.commit()
        started = time.perf_counter()
        for n in range(count):
            conn.execute("INSERT INTO bare_commits (at, note) VALUES (%s, %s)", (str(n), "bench"))
            conn.commit()
        seconds = time.perf_counter() - started
        conn.execute("DROP TABLE bare_commits")
        conn.commit()
    return count / seconds


LABELS = {"read": "GET candidate", "wsgi": "GET, no app", "flask": "GET, bare Flask"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="POSTs per kind")
    parser.add_argument("--clients", type=int, default=8, help="client processes")
    parser.add_argument(
        "--kind",
        choices=["outreach", "events", "read", "floors", "both", "all"],
        default="all",
        help="both: the two writes; all: and the floors (a GET of one candidate from the app,"
        " from gunicorn alone, from a bare Flask view)",
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (its schema is reset)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="reliant-api-bench-"))
    if args.database_url:
        url = args.database_url
        reset_postgres(url.replace("postgresql+psycopg://", "postgresql://", 1))
    else:
        url = f"sqlite:///{workdir / 'bench.db'}"
    env = environment(workdir, url)
    state = prepare(env)
    port = free_port()
    process = start_serve(env, port, workdir / "serve.log")
    kinds = {
        "both": ["outreach", "events"],
        "all": ["outreach", "events", "read", "floors"],
    }.get(args.kind, [args.kind])
    floors = "floors" in kinds
    kinds = [kind for kind in kinds if kind != "floors"]
    try:
        results = {
            kind: fire(port, state, kind, args.requests, args.clients, process.pid)
            for kind in kinds
        }
    finally:
        stop_serve(process)
    for floor in FLOORS if floors else ():
        process = start_serve(env, port, workdir / f"{floor}.log", floor)
        try:
            results[floor] = fire(port, state, "read", args.requests, args.clients, process.pid)
        finally:
            stop_serve(process)
    if args.database_url:
        bare = bare_postgres(url.replace("postgresql+psycopg://", "postgresql://", 1))
        backend = "PostgreSQL"
    else:
        bare = bare_sqlite(workdir / "bare.db")
        backend = "SQLite"
    print(f"{backend}, {args.clients} client processes, serve with its default workers/threads")
    print(f"bare INSERT + COMMIT: {bare:,.0f} commits/s (1/10: {bare / 10:,.0f}/s)")
    for kind, r in results.items():
        rate = r["ok"] / r["seconds"]
        cpu = ""
        if r["cpu"] is not None:
            roles = {k: v for k, v in r["cpu"].items() if not k.startswith("pid ")}
            per = {role: spent / max(r["ok"], 1) * 1000 for role, spent in roles.items()}
            parts = ", ".join(f"{role} {ms:.1f}" for role, ms in sorted(per.items()))
            workers = sorted((v for k, v in r["cpu"].items() if k.startswith("pid ")), reverse=True)
            shares = "/".join(f"{spent / r['seconds']:.0%}" for spent in workers if spent > 0)
            cpu = (
                f", server CPU {sum(per.values()):.1f} ms/request ({parts});"
                f" gunicorn processes busy {shares} of a core"
            )
        label = LABELS.get(kind, f"POST {kind}")
        print(
            f"{label:<15} {r['ok']:>6} ok, {r['errors']} errors in {r['seconds']:.2f} s: "
            f"{rate:,.0f}/s = {rate / bare:.1%} of bare{cpu}"
        )
        for sample in r["samples"]:
            print(f"    e.g. {sample}")
    print(f"(serve log: {workdir / 'serve.log'})")


if __name__ == "__main__":
    main()
