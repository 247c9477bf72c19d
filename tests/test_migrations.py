"""The schema comes only from migrations: they go up and down, and agree with the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from recruiter import search_index
from recruiter.extensions import db


def _diff() -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": search_index.include_object}
        )
        return compare_metadata(context, db.metadata)


def test_migrations_head_matches_models(app):
    assert _diff() == []


def test_migrations_downgrade_to_base_and_up_again(app, schema_change):
    downgrade(revision="base")
    db.engine.dispose()
    tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
    upgrade()
    db.engine.dispose()
    assert {"candidate", "interview", "interview_event", "outreach"} <= set(
        inspect(db.engine).get_table_names()
    )
    assert _diff() == []


def test_migration_candidate_duplicates_backfills_the_name_company_key(
    app, recruiter, schema_change
):
    owner_id = recruiter.id
    db.session.remove()  # no connection left open across the schema change
    downgrade(revision="b4e1c2d3a5f6")
    db.engine.dispose()
    with db.engine.begin() as conn:
        for name, company in (("Chloé Durand", "Société Générale"), ("Bo", None)):
            conn.execute(
                text(
                    "INSERT INTO candidate (owner_id, full_name, company, connection_status,"
                    " confidence, created_at, updated_at, search_key)"
                    " VALUES (:o, :n, :c, 'none', 'none', :t, :t, '')"
                ),
                {"o": owner_id, "n": name, "c": company, "t": "2026-01-01 00:00:00+00:00"},
            )
    upgrade()
    db.engine.dispose()
    with db.engine.connect() as conn:
        keys = dict(conn.execute(text("SELECT full_name, name_company_key FROM candidate")).all())
    assert keys == {"Chloé Durand": "chloe durand\nsociete generale", "Bo": None}


def test_migration_sqlite_search_index_takes_the_existing_keys(
    app, make_candidate, recruiter, schema_change
):
    """Upgrading a network that has candidates indexes their keys at once (SQLite; on
    PostgreSQL the migration adds nothing and the GIN index of ``a7b8c9d0e1f2`` stays)."""
    if db.engine.dialect.name != "sqlite":
        db.session.remove()
        downgrade(revision="f6a7b8c9d0e1")
        upgrade()
        db.engine.dispose()
        with db.engine.connect() as conn:
            index = conn.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"),
                {"n": search_index.PG_INDEX},
            )
        assert index is not None and "gin_trgm_ops" in index
        return
    made = {make_candidate(recruiter, full_name=name).id for name in ("Chloé Dubois", "Bo Chlo")}
    db.session.commit()
    db.session.remove()
    downgrade(revision="f6a7b8c9d0e1")
    db.engine.dispose()
    with db.engine.connect() as conn:
        names = set(conn.scalars(text("SELECT name FROM sqlite_master")))
    assert search_index.FTS_TABLE not in names
    upgrade()
    db.engine.dispose()
    with db.engine.connect() as conn:
        found = set(
            conn.scalars(
                text(f"SELECT rowid FROM {search_index.FTS_TABLE} WHERE search_key MATCH :p"),
                {"p": search_index.fts_phrase("chlo")},
            )
        )
    assert found == made
