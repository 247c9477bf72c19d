"""Every setting Reliant reads, in one typed, frozen object built when the app is created.

``create_app`` gathers the configuration (defaults, ``instance/config.py``, the environment,
``test_config``), then :func:`build` turns it into :class:`Settings`. A name nobody reads
(``RECRUITER_GHOST_SETINGS``), a value of the wrong type (``RECRUITER_PER_PAGE=lots``) or out of
range stops the start (``serve``, ``run``, ``scheduler`` and every CLI command) with a message
that names the setting, instead of failing a request at 3 a.m.

Views, commands and jobs read ``current()``; services take the part they need as an argument.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, current_app

from recruiter import config as defaults
from recruiter.services.ghost_rule import GhostSettings
from recruiter.services.mail import MailSettings
from recruiter.services.reminder_rules import ReminderSettings
from recruiter.services.throttle import ThrottleSettings

EXTENSION_KEY = "reliant.settings"

# Settings of Flask's extensions that an operator may set (documented by each extension).
EXTENSION_SETTINGS = frozenset(
    {
        # Flask-SQLAlchemy
        "SQLALCHEMY_DATABASE_URI",
        "SQLALCHEMY_ENGINE_OPTIONS",
        "SQLALCHEMY_ECHO",
        "SQLALCHEMY_BINDS",
        "SQLALCHEMY_RECORD_QUERIES",
        "SQLALCHEMY_TRACK_MODIFICATIONS",
        # Flask-WTF
        "WTF_CSRF_ENABLED",
        "WTF_CSRF_CHECK_DEFAULT",
        "WTF_CSRF_SECRET_KEY",
        "WTF_CSRF_METHODS",
        "WTF_CSRF_FIELD_NAME",
        "WTF_CSRF_HEADERS",
        "WTF_CSRF_META_NAME",
        "WTF_CSRF_TIME_LIMIT",
        "WTF_CSRF_SSL_STRICT",
        "WTF_I18N_ENABLED",
        # Flask-Login
        "REMEMBER_COOKIE_NAME",
        "REMEMBER_COOKIE_DOMAIN",
        "REMEMBER_COOKIE_PATH",
        "REMEMBER_COOKIE_SECURE",
        "REMEMBER_COOKIE_HTTPONLY",
        "REMEMBER_COOKIE_SAMESITE",
        "REMEMBER_COOKIE_DURATION",
        "REMEMBER_COOKIE_REFRESH_EACH_REQUEST",
        "USE_SESSION_FOR_NEXT",
        "LOGIN_DISABLED",
        # Bootstrap-Flask
        "BOOTSTRAP_SERVE_LOCAL",
        "BOOTSTRAP_BOOTSWATCH_THEME",
        "BOOTSTRAP_BTN_STYLE",
        "BOOTSTRAP_BTN_SIZE",
        "BOOTSTRAP_ICON_SIZE",
        "BOOTSTRAP_ICON_COLOR",
        "BOOTSTRAP_ICON_USE_FONT",
        "BOOTSTRAP_MSG_CATEGORY",
        "BOOTSTRAP_FORM_GROUP_CLASSES",
        "BOOTSTRAP_FORM_INLINE_CLASSES",
        "BOOTSTRAP_TABLE_VIEW_TITLE",
        "BOOTSTRAP_TABLE_EDIT_TITLE",
        "BOOTSTRAP_TABLE_DELETE_TITLE",
        "BOOTSTRAP_TABLE_NEW_TITLE",
    }
)
# Read by create_app itself (RECRUITER_INSTANCE_PATH also lands in the config as INSTANCE_PATH).
FACTORY_SETTINGS = frozenset({"SECRET_KEY", "INSTANCE_PATH"})


class SettingsError(ValueError):
    """One or more settings are wrong; the message names each one."""


@dataclass(frozen=True)
class ServeSettings:
    workers: int = 2
    threads: int = 4
    max_restarts: int = 5
    restart_window_seconds: float = 120.0


@dataclass(frozen=True)
class Settings:
    """What the app reads. Built once by :func:`build`; never changed afterwards."""

    ghost: GhostSettings
    reminders: ReminderSettings
    throttle: ThrottleSettings
    mail: MailSettings | None  # None: no MAIL_SERVER, no e-mail digests
    serve: ServeSettings
    per_page: int  # rows per page of the web lists
    default_time_zone: str  # for new accounts
    max_content_length: int  # bytes, the largest upload
    sqlite_busy_timeout_ms: int
    proxy_fix_x_for: int
    scheduler_standby_seconds: float
    imports_run_in_web: bool  # False: only the scheduler process runs queued imports


def known_names() -> frozenset[str]:
    """Every name a configuration may hold: Flask's, its extensions', and Reliant's own."""
    ours = {name for name in dir(defaults) if name.isupper()}
    return frozenset(Flask.default_config) | EXTENSION_SETTINGS | FACTORY_SETTINGS | ours


def check_names(supplied: Iterable[tuple[str, str]]) -> None:
    """Refuse settings nobody reads. ``supplied`` holds (name, where it came from) pairs."""
    known = known_names()
    problems = []
    for name, source in supplied:
        if name in known:
            continue
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        problems.append(f"{name} (from {source}) is not a setting Reliant knows{hint}")
    if problems:
        raise SettingsError("; ".join(problems))


def build(config: Mapping[str, Any]) -> Settings:
    """The typed settings, or :class:`SettingsError` naming every bad one."""
    problems: list[str] = []

    def take(name: str, convert: Any, *args: Any) -> Any:
        try:
            return convert(name, config.get(name), *args)
        except SettingsError as exc:
            problems.append(str(exc))
            return None

    settings = dict(
        ghost=take("GHOST_SETTINGS", _dataclass, GhostSettings),
        reminders=take("REMINDERS", _reminders),
        throttle=take("LOGIN_MAX_FAILURES", _throttle, config),
        mail=take("MAIL_SERVER", _mail, config),
        serve=take("SERVE_WORKERS", _serve, config),
        per_page=take("PER_PAGE", _number, int, 1, 100),
        default_time_zone=take("DEFAULT_TIME_ZONE", _zone),
        max_content_length=take("MAX_CONTENT_LENGTH", _number, int, 1, None),
        sqlite_busy_timeout_ms=take("SQLITE_BUSY_TIMEOUT_MS", _number, int, 0, None),
        proxy_fix_x_for=take("PROXY_FIX_X_FOR", _number, int, 0, 10),
        scheduler_standby_seconds=take("SCHEDULER_STANDBY_SECONDS", _number, float, 0.1, None),
        imports_run_in_web=take("IMPORTS_RUN_IN_WEB", _flag),
    )
    if problems:
        raise SettingsError("; ".join(problems))
    return Settings(**settings)


def install(app: Flask, settings: Settings) -> None:
    app.extensions[EXTENSION_KEY] = settings


def current_of(app: Flask) -> Settings:
    return app.extensions[EXTENSION_KEY]


def current() -> Settings:
    """The settings of the running app (inside an app context)."""
    return current_of(current_app)  # type: ignore[arg-type]


# --- conversions: each raises SettingsError naming the setting ----------------------------------


def _number(name: str, value: Any, kind: type, low: float | None, high: float | None) -> Any:
    if isinstance(value, str):
        value = _json(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SettingsError(f"{name} must be a number, not {value!r}")
    if kind is int and value != int(value):
        raise SettingsError(f"{name} must be a whole number, not {value!r}")
    value = kind(value)
    if low is not None and value < low:
        raise SettingsError(f"{name} must be at least {low}, not {value!r}")
    if high is not None and value > high:
        raise SettingsError(f"{name} must be at most {high}, not {value!r}")
    return value


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, str):
        value = _json(value.lower())
    if not isinstance(value, bool):
        raise SettingsError(f"{name} must be true or false, not {value!r}")
    return value


def _text(name: str, value: Any, optional: bool = True) -> str | None:
    if value is None or value == "":
        if optional:
            return None
        raise SettingsError(f"{name} must be set")
    if not isinstance(value, str):
        raise SettingsError(f"{name} must be text, not {value!r}")
    return value


def _mapping(name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = _json(value)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise SettingsError(f'{name} must be a mapping such as {{"name": value}}, not {value!r}')
    return dict(value)


def _json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def _dataclass(name: str, value: Any, cls: type) -> Any:
    """Overrides of a settings dataclass: known fields only, each of its field's type."""
    overrides = _mapping(name, value)
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    kwargs = {}
    for key, raw in overrides.items():
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1)
            hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(names)}"
            raise SettingsError(f"{name}.{key} is not a setting; {hint}")
        kind = hints[key]
        kwargs[key] = _number(f"{name}.{key}", raw, kind, 0, None)
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{name}: {exc}") from exc


def _reminders(name: str, value: Any) -> ReminderSettings:
    try:
        return ReminderSettings.from_config(_mapping(name, value))
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{name}: {exc}") from exc


def _throttle(name: str, value: Any, config: Mapping[str, Any]) -> ThrottleSettings:
    failures = _number(name, value, int, 1, None)
    seconds = _number("LOGIN_WINDOW_SECONDS", config.get("LOGIN_WINDOW_SECONDS"), float, 1, None)
    return ThrottleSettings(max_failures=failures, window=timedelta(seconds=seconds))


def _mail(name: str, value: Any, config: Mapping[str, Any]) -> MailSettings | None:
    server = _text(name, value)
    port = _number("MAIL_PORT", config.get("MAIL_PORT"), int, 1, 65535)
    tls = _flag("MAIL_USE_TLS", config.get("MAIL_USE_TLS"))
    ssl = _flag("MAIL_USE_SSL", config.get("MAIL_USE_SSL"))
    if tls and ssl:
        raise SettingsError("MAIL_USE_TLS and MAIL_USE_SSL: choose one (587 STARTTLS, 465 SSL)")
    sender = _text("MAIL_FROM", config.get("MAIL_FROM"), optional=False)
    username = _text("MAIL_USERNAME", config.get("MAIL_USERNAME"))
    password = _text("MAIL_PASSWORD", config.get("MAIL_PASSWORD"))
    base_url = _text("MAIL_BASE_URL", config.get("MAIL_BASE_URL"))
    if base_url and not base_url.startswith(("http://", "https://")):
        raise SettingsError(f"MAIL_BASE_URL must start with http:// or https://, not {base_url!r}")
    if server is None:
        return None
    return MailSettings(
        server=server,
        port=port,
        username=username,
        password=password,
        use_tls=tls,
        use_ssl=ssl,
        sender=sender or "reliant@localhost",
        base_url=base_url,
    )


def _serve(name: str, value: Any, config: Mapping[str, Any]) -> ServeSettings:
    return ServeSettings(
        workers=_number(name, value, int, 1, 64),
        threads=_number("SERVE_THREADS", config.get("SERVE_THREADS"), int, 1, 64),
        max_restarts=_number("SERVE_MAX_RESTARTS", config.get("SERVE_MAX_RESTARTS"), int, 0, None),
        restart_window_seconds=_number(
            "SERVE_RESTART_WINDOW_SECONDS",
            config.get("SERVE_RESTART_WINDOW_SECONDS"),
            float,
            1,
            None,
        ),
    )


def _zone(name: str, value: Any) -> str:
    text = _text(name, value, optional=False) or ""
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(
            f"{name} must be an IANA time zone such as Europe/Paris, not {text!r}"
        ) from exc
    return text
