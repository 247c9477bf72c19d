"""The README's two commands stay true: .ci/run runs the README's test command verbatim."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_readme_first_two_commands_install_and_run():
    run_app, run_tests = _commands()[:2]
    assert "pip install" in run_app and "db upgrade" in run_app
    assert run_app.endswith(".venv/bin/flask --app app serve")  # web server and scheduler
    assert run_app.index("db upgrade") < run_app.index("flask --app app serve")
    assert "flask --app app run" not in run_app
    assert "pip install" in run_tests and "[dev]" in run_tests and "pytest" in run_tests


def test_readme_documents_serve_healthz_status_and_the_banner():
    text = (ROOT / "README.md").read_text()
    for needle in (
        "| `serve [--host",
        "GET /healthz",
        "GET /api/v1/status",
        "Reminders and suggestions are paused: the scheduler is not running",
        "### With systemd",
    ):
        assert needle in text, needle


def test_readme_ci_runs_the_readme_test_command():
    run_tests = _commands()[1]
    assert run_tests in (ROOT / ".ci" / "run").read_text()
