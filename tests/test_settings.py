"""One typed, frozen settings object, built and checked when the app is created: a misspelt or
ill-typed setting stops the start with a message naming it."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from recruiter import config, create_app, settings
from recruiter.services.ghost_rule import GhostSettings
from tests.conftest import base_config

PASSWORD = "a-long-and-unusual-phrase-9"

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = {name: getattr(config, name) for name in dir(config) if name.isupper()}


@pytest.fixture
def instance(tmp_path, monkeypatch):
    path = tmp_path / "instance"
    monkeypatch.setenv("RECRUITER_INSTANCE_PATH", str(path))
    for name in ("DATABASE_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    return path


def _start(**config):  # type: ignore[no-untyped-def]
    return create_app(base_config("sqlite://") | config)


def test_settings_are_one_frozen_object_on_the_app(instance):
    app = _start()
    with app.app_context():
        built = settings.current()
    assert isinstance(built, settings.Settings)
    assert built.ghost == GhostSettings() and built.per_page == 25
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.per_page = 50  # type: ignore[misc]


def test_settings_environment_overrides_keep_working_fractions_included(instance, monkeypatch):
    monkeypatch.setenv("RECRUITER_GHOST_SETTINGS", '{"silence_days": 0.5, "min_follow_ups": 3}')
    monkeypatch.setenv("RECRUITER_REMINDERS", '{"request_confirmation_hours": 1.5}')
    monkeypatch.setenv("RECRUITER_PER_PAGE", "40")
    monkeypatch.setenv("RECRUITER_SESSION_COOKIE_SECURE", "true")
    app = create_app({"TESTING": True})
    built = settings.current_of(app)
    assert built.ghost.silence_days == 0.5 and built.ghost.min_follow_ups == 3
    assert built.reminders.request_confirmation_before.total_seconds() == 5400
    assert built.per_page == 40


@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("RECRUITER_GHOST_SETINGS", '{"silence_days": 10}', "GHOST_SETINGS .*did you mean GHOST_"),
        ("RECRUITER_GHOST_SETTINGS", '{"silense_days": 10}', "GHOST_SETTINGS.silense_days"),
        ("RECRUITER_GHOST_SETTINGS", '{"silence_days": "ten"}', "GHOST_SETTINGS.silence_days"),
        ("RECRUITER_GHOST_SETTINGS", '{"min_follow_ups": 1.5}', "min_follow_ups must be a whole"),
        ("RECRUITER_GHOST_SETTINGS", "[1, 2]", "GHOST_SETTINGS must be a mapping"),
        ("RECRUITER_PER_PAGE", "lots", "PER_PAGE must be a number"),
        ("RECRUITER_PER_PAGE", "0", "PER_PAGE must be at least 1"),
        ("RECRUITER_LOGIN_MAX_FAILURES", "0", "LOGIN_MAX_FAILURES must be at least 1"),
        ("RECRUITER_REMINDERS", '{"work_start": "late"}', "REMINDERS"),
        ("RECRUITER_REMINDERS", '{"request_confirmation_hour": 3}', "request_confirmation_hour"),
        ("RECRUITER_MAIL_PORT", "smtp", "MAIL_PORT must be a number"),
        ("RECRUITER_MAIL_USE_TLS", "yes", "MAIL_USE_TLS must be true or false"),
        ("RECRUITER_DEFAULT_TIME_ZONE", "Mars/Olympus", "DEFAULT_TIME_ZONE must be an IANA"),
        ("RECRUITER_SERVE_WORKERS", "0", "SERVE_WORKERS must be at least 1"),
    ],
)
def test_settings_a_bad_one_stops_the_start_naming_it(
    instance, monkeypatch, variable, value, message
):
    monkeypatch.setenv(variable, value)
    with pytest.raises(settings.SettingsError, match=message):
        create_app({"TESTING": True})


def test_settings_every_problem_is_named_at_once(instance, monkeypatch):
    monkeypatch.setenv("RECRUITER_PER_PAGE", "lots")
    monkeypatch.setenv("RECRUITER_MAIL_PORT", "smtp")
    with pytest.raises(settings.SettingsError) as caught:
        create_app({"TESTING": True})
    assert "PER_PAGE" in str(caught.value) and "MAIL_PORT" in str(caught.value)


def test_settings_a_misspelt_name_in_instance_config_stops_the_start(instance):
    instance.mkdir(parents=True)
    (instance / "config.py").write_text("PER_PAGES = 50\n")
    with pytest.raises(settings.SettingsError, match=r"PER_PAGES \(from instance/config.py\)"):
        create_app({"TESTING": True})


def test_settings_a_misspelt_name_in_test_config_is_refused(instance):
    with pytest.raises(settings.SettingsError, match=r"REMINDER .*did you mean REMINDERS"):
        _start(REMINDER={})


def test_settings_every_name_the_app_and_its_extensions_hold_is_known(instance):
    """The allow-list of names covers everything Flask and the extensions set by default."""
    app = _start()
    assert set(app.config) - settings.known_names() == set()


def test_settings_each_default_is_read(instance):
    """No setting in recruiter/config.py is left unread: each one changes the built object, or
    is one that Flask or an extension reads itself."""
    read_by_flask = set(Flask.default_config) | settings.EXTENSION_SETTINGS
    ours = {name for name in DEFAULTS if name not in read_by_flask}
    source = "\n".join(p.read_text() for p in (ROOT / "recruiter").rglob("*.py"))
    unread = {name for name in ours if source.count(f'"{name}"') < 1}
    assert unread == set()


def test_settings_per_page_sets_the_web_lists(
    app, configure, auth_client, recruiter, make_candidate
):
    for number in range(4):
        make_candidate(recruiter, full_name=f"Paged Person {number}")
    configure(PER_PAGE=3)
    page = auth_client.get("/candidates/").get_data(as_text=True)
    assert page.count("Paged Person") == 3
    assert "Paged Person" in auth_client.get("/candidates/?page=2").get_data(as_text=True)


def test_settings_default_time_zone_is_given_to_new_accounts(app, configure, runner, client):
    from recruiter.extensions import db
    from recruiter.models import Recruiter

    configure(DEFAULT_TIME_ZONE="Europe/Paris")
    page = client.get("/setup").get_data(as_text=True)
    assert re.search(r'<option selected value="Europe/Paris">|value="Europe/Paris" selected', page)
    done = runner.invoke(args=["users", "create", "tz@example.com", "--password", PASSWORD])
    assert done.exit_code == 0, done.output
    made = db.session.scalars(db.select(Recruiter).filter_by(email="tz@example.com")).one()
    assert made.time_zone == "Europe/Paris"


@pytest.fixture
def runner_env(instance, tmp_path):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECRUITER_")}
    env["RECRUITER_INSTANCE_PATH"] = str(instance)
    env.pop("DATABASE_URL", None)
    upgrade = _flask(env, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    return env


def _flask(env, *args):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_settings_a_misspelt_setting_stops_serve_with_a_message(runner_env):
    env = runner_env | {"RECRUITER_GHOST_SETTINGS": '{"silense_days": 10}'}
    done = _flask(env, "serve", "--port", "1")
    assert done.returncode != 0
    assert "GHOST_SETTINGS.silense_days is not a setting; did you mean silence_days?" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr
