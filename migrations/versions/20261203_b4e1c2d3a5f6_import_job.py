"""import job: LinkedIn and candidates imports run in the background, with progress

``import_job`` holds the uploaded file until it is applied, discarded or expired, where the run
stands (``status`` queued / running / done / failed, ``phase``, rows read and applied, the
worker's last beat) and the result (counts and problems) once finished.

Revision ID: b4e1c2d3a5f6
Revises: 7b90c1aec20a
Create Date: 2026-12-03 07:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b4e1c2d3a5f6"
down_revision = "7b90c1aec20a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "import_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("skip_bad_rows", sa.Boolean(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("owner_profile_url", sa.String(length=500), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_applied", sa.Integer(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("preview_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_import_job_status")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["recruiter.id"],
            name=op.f("fk_import_job_owner_id_recruiter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["preview_id"],
            ["import_job.id"],
            name=op.f("fk_import_job_preview_id_import_job"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_job")),
    )
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.create_index("ix_import_job_status_id", ["status", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_job_owner_id"), ["owner_id"], unique=False)


def downgrade():
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_job_owner_id"))
        batch_op.drop_index("ix_import_job_status_id")

    op.drop_table("import_job")
