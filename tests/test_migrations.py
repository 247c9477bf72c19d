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


def test_migrations_downgrade_to_base_and_up_again(app):
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


def test_migration_candidate_duplicates_backfills_the_name_company_key(app, recruiter):
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
