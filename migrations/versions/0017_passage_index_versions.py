"""Learning: a version per course's passage index, bumped by every index job

Revision ID: 0017_passage_index_versions
Revises: 0014_tutoring_branches
Create Date: 2026-12-07 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from advanced_alchemy.types import GUID
from alembic import op

revision: str = "0017_passage_index_versions"
down_revision: str | None = "0016_assessment_best_score_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "passage_index_versions",
        sa.Column("course_id", GUID(length=16), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_passage_index_versions_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("course_id", name=op.f("pk_passage_index_versions")),
    )


def downgrade() -> None:
    op.drop_table("passage_index_versions")
