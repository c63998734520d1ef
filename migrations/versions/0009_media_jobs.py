"""Media: lesson summaries and AI lesson drafts

Revision ID: 0009_media_jobs
Revises: 0008_assessment
Create Date: 2026-11-22 06:20:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0009_media_jobs"
down_revision: str | None = "0008_assessment"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _guid() -> advanced_alchemy.types.GUID:
    return advanced_alchemy.types.GUID(length=16)


def _utc() -> advanced_alchemy.types.DateTimeUTC:
    return advanced_alchemy.types.DateTimeUTC(timezone=True)


def _audit_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "lesson_summaries",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("lesson_id", _guid(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("file_id", _guid(), nullable=False),
        sa.Column("job_id", _guid(), nullable=False),
        sa.Column("script", sa.Text(), nullable=False),
        sa.Column("created_by", _guid(), nullable=False),
        *_audit_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_summaries")),
        sa.UniqueConstraint("job_id", name=op.f("uq_lesson_summaries_job_id")),
    )
    with op.batch_alter_table("lesson_summaries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_lesson_summaries_lesson_created", ["lesson_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_lesson_summaries_file_id"), ["file_id"], unique=False)

    op.create_table(
        "lesson_drafts",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("lesson_id", _guid(), nullable=False),
        sa.Column("course_id", _guid(), nullable=False),
        sa.Column("job_id", _guid(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=True),
        sa.Column("model_id", sa.String(length=100), nullable=False),
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("created_by", _guid(), nullable=False),
        sa.Column("applied_at", _utc(), nullable=True),
        *_audit_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_drafts")),
        sa.UniqueConstraint("job_id", name=op.f("uq_lesson_drafts_job_id")),
    )
    with op.batch_alter_table("lesson_drafts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_lesson_drafts_lesson_created", ["lesson_id", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("lesson_drafts", schema=None) as batch_op:
        batch_op.drop_index("ix_lesson_drafts_lesson_created")
    op.drop_table("lesson_drafts")
    with op.batch_alter_table("lesson_summaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lesson_summaries_file_id"))
        batch_op.drop_index("ix_lesson_summaries_lesson_created")
    op.drop_table("lesson_summaries")
