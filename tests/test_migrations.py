"""The schema comes only from migrations: they go up and down, and agree with the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from recruiter.extensions import db


def _diff() -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
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
