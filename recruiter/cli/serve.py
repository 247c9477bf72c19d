"""``flask --app app serve``: the web server and the scheduler, under one parent process."""

from __future__ import annotations

import logging
import sys

import click
from flask.cli import with_appcontext

from recruiter.settings import current as current_settings
from recruiter.supervisor import RestartPolicy, Supervisor

WSGI_APP = "app:app"  # what gunicorn imports: app.py's ``app = create_app()``


def web_command(host: str, port: int, workers: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--graceful-timeout",
        "10",
        "--access-logfile",
        "-",
        *_no_control_socket(),
        WSGI_APP,
    ]


def _no_control_socket() -> list[str]:
    """gunicorn 25+ opens a control socket in ~/.gunicorn; two apps on one machine would share
    it, and serve does not need it."""
    from gunicorn.config import KNOWN_SETTINGS

    known = {setting.name for setting in KNOWN_SETTINGS}
    return ["--no-control-socket"] if "control_socket_disable" in known else []


def scheduler_command() -> list[str]:
    """``--wait``: if another scheduler already serves this database (another machine running
    serve, or a separate scheduler service), stand by rather than crash-loop."""
    return [sys.executable, "-m", "flask", "--app", "app", "scheduler", "--wait"]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="gunicorn worker processes (default: the SERVE_WORKERS setting, 2).",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=None,
    help="Threads per worker (default: the SERVE_THREADS setting, 4).",
)
@with_appcontext
def serve(host: str, port: int, workers: int | None, threads: int | None) -> None:
    """Run the app for real: gunicorn and the scheduler, each in its own process.

    One parent watches both: SIGINT or SIGTERM stops both; a child that crashes is restarted
    after a back-off, and one that keeps crashing stops everything with a message (exit
    status 1). ``run`` stays for development, ``scheduler`` for operators who split processes.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    config = current_settings().serve
    workers = workers or config.workers
    threads = threads or config.threads
    supervisor = Supervisor(
        [
            ("web server", web_command(host, port, workers, threads)),
            ("scheduler", scheduler_command()),
        ],
        policy=RestartPolicy(
            max_restarts=config.max_restarts,
            window=config.restart_window_seconds,
        ),
    )
    logging.getLogger(__name__).info(
        "serving http://%s:%d with %d workers x %d threads, and the scheduler",
        host,
        port,
        workers,
        threads,
    )
    code = supervisor.run()
    if code:
        raise SystemExit(code)
