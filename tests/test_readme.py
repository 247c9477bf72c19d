"""The README's two commands stay true: .ci/run runs the README's test command verbatim."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_readme_first_two_commands_install_and_run():
    run_app, run_tests = _commands()[:2]
    assert "pip install" in run_app and "db upgrade" in run_app and "flask --app app run" in run_app
    assert "pip install" in run_tests and "[dev]" in run_tests and "pytest" in run_tests


def test_readme_ci_runs_the_readme_test_command():
    run_tests = _commands()[1]
    assert run_tests in (ROOT / ".ci" / "run").read_text()
