"""Assessment: attempt status for review by people, a lesson per question

Revision ID: 0012_assessment_review_mastery
Revises: 0011_tutoring_citations
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
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
    with op.batch_alter_table("quiz_questions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lesson_id", advanced_alchemy.types.GUID(length=16), nullable=True)
        )
        batch_op.create_foreign_key(
            "fk_quiz_questions_lesson_id_lessons",
            "lessons",
            ["lesson_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index("ix_quiz_questions_lesson_id", ["lesson_id"])
    op.execute(
        "UPDATE quiz_questions SET lesson_id = "
        "(SELECT quizzes.lesson_id FROM quizzes WHERE quizzes.id = quiz_questions.quiz_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("quiz_questions", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_questions_lesson_id")
        batch_op.drop_constraint("fk_quiz_questions_lesson_id_lessons", type_="foreignkey")
        batch_op.drop_column("lesson_id")
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempts_quiz_id_status")
        batch_op.drop_column("status")
