"""Assessment: attempt status for review by people

Revision ID: 0012_assessment_review_mastery
Revises: 0011_tutoring_citations
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_assessment_review_mastery"
down_revision: str | None = "0011_tutoring_citations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), nullable=False, server_default="graded")
        )
        batch_op.create_index("ix_quiz_attempts_quiz_id_status", ["quiz_id", "status"])


def downgrade() -> None:
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempts_quiz_id_status")
        batch_op.drop_column("status")
