"""The command line: accounts, tokens, the demo, score recompute, jobs."""

from recruiter.extensions import db
from recruiter.models import Candidate, Interview, Recruiter
from recruiter.services import accounts
from tests.conftest import NOW


def test_cli_users_create_and_token(runner):
    result = runner.invoke(
        args=["users", "create", "Sam@Example.com", "--name", "Sam", "--password", "long enough pw"]
    )
    assert result.exit_code == 0, result.output
    assert accounts.authenticate("sam@example.com", "long enough pw").name == "Sam"
    result = runner.invoke(args=["users", "token", "sam@example.com"])
    assert result.exit_code == 0
    token = result.stdout.strip()
    assert token.startswith("rl_") and "\n" not in token
    assert accounts.recruiter_for_token(token, NOW) is not None


def test_cli_users_create_prompts_for_password(runner):
    result = runner.invoke(
        args=["users", "create", "p@example.com"], input="a secret phrase\na secret phrase\n"
    )
    assert result.exit_code == 0, result.output
    assert accounts.authenticate("p@example.com", "a secret phrase") is not None


def test_cli_users_create_refuses_bad_input(runner, recruiter):
    result = runner.invoke(args=["users", "create", "not-an-email", "--password", "long enough pw"])
    assert result.exit_code != 0 and "email" in result.output
    result = runner.invoke(args=["users", "create", "x@example.com", "--password", "short"])
    assert result.exit_code != 0 and "at least 12" in result.output
    result = runner.invoke(
        args=["users", "create", recruiter.email, "--password", "long enough pw"]
    )
    assert result.exit_code != 0 and "already exists" in result.output
    result = runner.invoke(args=["users", "token", "ghost@example.com"])
    assert result.exit_code != 0 and "No account" in result.output
    assert db.session.scalar(db.select(db.func.count(Recruiter.id))) == 1


def test_cli_seed_demo_builds_a_living_history(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "demo@example.com" in result.output
    demo = accounts.authenticate("demo@example.com", "reliant-sample-2026")
    assert demo is not None
    scored = db.session.scalars(db.select(Candidate).where(Candidate.score.is_not(None))).all()
    assert len(scored) >= 10
    outcomes = {i.status for i in db.session.scalars(db.select(Interview))}
    assert {"attended", "no_show"} <= outcomes
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code != 0 and "already" in again.output


def test_cli_jobs_run_refuses_naive_now(runner):
    result = runner.invoke(args=["jobs", "run", "--now", "2026-03-01T10:00:00"])
    assert result.exit_code != 0 and "offset" in result.output
    result = runner.invoke(args=["jobs", "run", "--only", "nope"])
    assert result.exit_code != 0 and "unknown job" in result.output


def test_cli_scores_recompute(runner, recruiter, make_candidate):
    make_candidate(recruiter)
    result = runner.invoke(args=["scores", "recompute", "--now", "2026-03-01T10:00:00Z"])
    assert result.exit_code == 0 and "Recomputed 1 candidates" in result.output


def test_cli_users_create_refuses_weak_passwords_with_the_reason(runner):
    cases = {
        "elevenchars": "at least 12",
        "Password1234": "common passwords",
        "jordan.smith-2026!": "e-mail's name",
    }
    for password, reason in cases.items():
        result = runner.invoke(
            args=["users", "create", "Jordan.Smith@example.com", "--password", password]
        )
        assert result.exit_code != 0 and reason in result.output, (password, result.output)
    assert db.session.scalar(db.select(db.func.count(Recruiter.id))) == 0
