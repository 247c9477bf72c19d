"""Configuration order, the generated secret key, and refusing weak keys."""

import pytest

from recruiter import create_app


@pytest.fixture
def instance(tmp_path, monkeypatch):
    path = tmp_path / "instance"
    monkeypatch.setenv("RECRUITER_INSTANCE_PATH", str(path))
    for name in ("DATABASE_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    return path


def test_config_generates_secret_key_once(instance):
    first = create_app()
    key_file = instance / "secret_key"
    assert key_file.exists()
    assert len(first.config["SECRET_KEY"]) >= 32
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    second = create_app()
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_config_default_database_is_sqlite_in_instance(instance):
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'reliant.db'}"


@pytest.mark.parametrize(
    ("url", "supplied", "ping"),
    [
        (None, None, False),  # the default: SQLite in instance/, whose file drops nothing
        ("postgresql://db.example/reliant", None, True),  # a server may close a pooled one
        ("postgresql://db.example/reliant", {"pool_pre_ping": False}, False),
        (None, {"pool_pre_ping": True, "pool_recycle": 60}, True),  # the operator's choice
    ],
)
def test_config_pings_pooled_connections_only_of_a_database_server(
    instance, monkeypatch, url, supplied, ping
):
    if url:
        monkeypatch.setenv("DATABASE_URL", url)
    app = create_app({"SQLALCHEMY_ENGINE_OPTIONS": supplied} if supplied else None)
    options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["pool_pre_ping"] is ping
    assert options.items() >= (supplied or {}).items()
    with app.app_context():
        from recruiter.extensions import db

        assert db.engine.pool._pre_ping is ping


def test_config_refuses_weak_secret_outside_debug(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "dev")
    with pytest.raises(RuntimeError, match="SECRET_KEY is too weak"):
        create_app()


def test_config_allows_weak_secret_when_testing(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "dev")
    app = create_app({"TESTING": True})
    assert app.config["SECRET_KEY"] == "dev"


def test_config_order_instance_file_then_environment(instance, monkeypatch):
    instance.mkdir(parents=True)
    (instance / "config.py").write_text("PER_PAGE = 7\nSERVE_THREADS = 3\n")
    monkeypatch.setenv("RECRUITER_PER_PAGE", "11")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example.com/reliant")
    app = create_app()
    assert app.config["SERVE_THREADS"] == 3  # from instance/config.py
    assert app.config["PER_PAGE"] == 11  # environment wins, parsed as JSON
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example.com/reliant"


def test_config_sqlite_connections_have_pragmas(instance):
    from sqlalchemy import text

    from recruiter.extensions import db

    app = create_app({"TESTING": True})
    with app.app_context(), db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
