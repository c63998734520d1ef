"""Assessment: the learner's attempts at a quiz are indexed with their score, so the best score
is one index probe however many attempts there are

Revision ID: 0016_assessment_best_score_index
Revises: 0014_tutoring_branches
Create Date: 2026-12-07 19:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016_assessment_best_score_index"
down_revision: str | None = "0015_analytics"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempts_user_id_quiz_id")
        batch_op.create_index(
            "ix_quiz_attempts_user_id_quiz_id_score", ["user_id", "quiz_id", "score"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempts_user_id_quiz_id_score")
        batch_op.create_index(
            "ix_quiz_attempts_user_id_quiz_id", ["user_id", "quiz_id"], unique=False
        )
