"""Assessment: a course's own BKT parameters, and the version of them each mastery row was
traced with

Revision ID: 0019_course_mastery_parameters
Revises: 0018_ai_usage_figures
Create Date: 2026-12-08 01:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

revision: str = "0019_course_mastery_parameters"
down_revision: str | None = "0018_ai_usage_figures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "course_mastery_parameters"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("course_id", GUID(length=16), nullable=False),
        sa.Column("p_init", sa.Float(), nullable=False),
        sa.Column("p_transit", sa.Float(), nullable=False),
        sa.Column("p_slip", sa.Float(), nullable=False),
        sa.Column("p_guess", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", GUID(length=16), nullable=False),
        sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f(f"fk_{TABLE}_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("course_id", name=op.f(f"pk_{TABLE}")),
    )
    with op.batch_alter_table("lesson_mastery") as batch:
        batch.add_column(
            sa.Column("parameters_version", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("lesson_mastery") as batch:
        batch.drop_column("parameters_version")
    op.drop_table(TABLE)
