"""Reliant: the application factory."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Config, Flask

from recruiter import config as default_config
from recruiter import settings
from recruiter.extensions import bootstrap, csrf, db, login_manager, migrate

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "RECRUITER_"
MIN_SECRET_KEY_LENGTH = 32
WEAK_SECRET_KEYS = {"dev", "secret", "changeme", "change-me", "development", "test", "key"}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.environ.get("RECRUITER_INSTANCE_PATH") or str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    register_config(app, test_config)
    register_proxy(app)
    register_extensions(app)
    register_consequences(app)
    register_blueprints(app)
    register_errors(app)
    register_security(app)
    register_cli(app)
    register_template_helpers(app)
    return app


def register_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Defaults, then ``instance/config.py``, then the environment, then ``test_config``."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_object(default_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'reliant.db'}"
    supplied = supplied_names(app, test_config)
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config.from_prefixed_env(prefix=ENV_PREFIX.rstrip("_"))
    if test_config:
        app.config.update(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    )
    secure_cookies(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create_secret_key(Path(app.instance_path))
    check_secret_key(app)
    settings.check_names(supplied)
    settings.install(app, settings.build(app.config))


def engine_options(url: str, supplied: dict[str, Any]) -> dict[str, Any]:
    """The engine's options, with ``pool_pre_ping`` on for a database server (a pooled
    connection it closed, after a restart, is replaced before a request uses it) and off for
    SQLite, whose file never drops a connection: there the ping was a ``SELECT 1`` on every
    checkout, about a tenth of an API read. An operator's own choice wins."""
    options = dict(supplied)
    options.setdefault("pool_pre_ping", not url.startswith("sqlite"))
    return options


def supplied_names(app: Flask, test_config: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The names an operator set, and where: a misspelt one must stop the start."""
    names: list[tuple[str, str]] = []
    instance_file = Path(app.instance_path) / "config.py"
    if instance_file.exists():
        scratch = Config(app.root_path)
        scratch.from_pyfile(str(instance_file))
        names += [(name, "instance/config.py") for name in scratch]
    for variable in os.environ:
        if variable.startswith(ENV_PREFIX):
            name = variable.removeprefix(ENV_PREFIX).split("__")[0]
            names.append((name, f"the environment variable {variable}"))
    names += [(name, "test_config") for name in test_config or {}]
    return names


def register_proxy(app: Flask) -> None:
    """Trust ``X-Forwarded-For`` from ``PROXY_FIX_X_FOR`` proxies (the throttle keys on the
    client's address)."""
    hops = settings.current_of(app).proxy_fix_x_for
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops)  # type: ignore[method-assign]


def secure_cookies(app: Flask) -> None:
    """Every cookie the app sets (session, remember-me) follows ``SESSION_COOKIE_SECURE`` and
    is HttpOnly and SameSite=Lax: one setting, no cookie left behind."""
    secure = bool(app.config.get("SESSION_COOKIE_SECURE"))
    app.config.update(
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_SECURE=secure,
        SESSION_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SAMESITE="Lax",
    )


def normalise_database_url(url: str) -> str:
    """Route PostgreSQL URLs through psycopg 3, whatever spelling the operator used."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_or_create_secret_key(instance: Path) -> str:
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(key)
    log.info("wrote a new secret key to %s", path)
    return key


def check_secret_key(app: Flask) -> None:
    if app.debug or app.testing:
        return
    key = str(app.config["SECRET_KEY"])
    if len(key) < MIN_SECRET_KEY_LENGTH or key.lower() in WEAK_SECRET_KEYS:
        raise RuntimeError(
            "SECRET_KEY is too weak: use at least "
            f"{MIN_SECRET_KEY_LENGTH} random characters "
            "(or remove it and let Reliant generate one in instance/secret_key)."
        )


def register_extensions(app: Flask) -> None:
    from recruiter import sqlite  # noqa: F401  (connection pragmas)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    bootstrap.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "warning"


def register_consequences(app: Flask) -> None:
    """What follows a write is settled in one step before every commit (services.consequences)."""
    from recruiter import unit_of_work

    unit_of_work.register()


def register_blueprints(app: Flask) -> None:
    from recruiter.views import register

    register(app)


def register_errors(app: Flask) -> None:
    from recruiter.errors import register

    register(app)


def register_security(app: Flask) -> None:
    from recruiter.security import register

    register(app)


def register_cli(app: Flask) -> None:
    from recruiter.cli import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from recruiter.views.helpers import register

    register(app)
