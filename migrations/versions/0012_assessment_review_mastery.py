"""Assessment: attempt status for review by people, a lesson per question, mastery, cards

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

    _mastery_tables()
    _review_cards()


def _guid(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, advanced_alchemy.types.GUID(length=16), nullable=nullable)


def _instant(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, advanced_alchemy.types.DateTimeUTC(timezone=True), nullable=nullable)


def _mastery_tables() -> None:
    op.create_table(
        "mastery_evidence",
        _guid("id"),
        _guid("user_id"),
        _guid("course_id"),
        _guid("lesson_id"),
        _guid("question_id"),
        sa.Column("source", sa.String(length=16), nullable=False),
        _guid("source_id"),
        sa.Column("correct", sa.Boolean(), nullable=False),
        _instant("observed_at"),
        _guid("first_key", nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name="fk_mastery_evidence_course_id_courses",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="fk_mastery_evidence_lesson_id_lessons",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_mastery_evidence"),
        sa.UniqueConstraint("user_id", "first_key", name="uq_mastery_evidence_user_id_first_key"),
    )
    op.create_index(
        "ix_mastery_evidence_user_id_lesson_id", "mastery_evidence", ["user_id", "lesson_id"]
    )
    op.create_index("ix_mastery_evidence_source_id", "mastery_evidence", ["source_id"])
    op.create_table(
        "lesson_mastery",
        _guid("user_id"),
        _guid("lesson_id"),
        _guid("course_id"),
        sa.Column("p_mastery", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Integer(), nullable=False),
        _instant("last_evidence_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name="fk_lesson_mastery_course_id_courses",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="fk_lesson_mastery_lesson_id_lessons",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "lesson_id", name="pk_lesson_mastery"),
    )
    op.create_index(
        "ix_lesson_mastery_user_id_course_id", "lesson_mastery", ["user_id", "course_id"]
    )


def _review_cards() -> None:
    op.create_table(
        "review_cards",
        _guid("id"),
        _guid("user_id"),
        _guid("course_id"),
        _guid("quiz_id"),
        _guid("question_id"),
        _guid("lesson_id", nullable=True),
        sa.Column("schedule", advanced_alchemy.types.JsonB, nullable=False),
        _instant("due_at"),
        _instant("last_reviewed_at", nullable=True),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        _instant("created_at"),
        _instant("updated_at"),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name="fk_review_cards_course_id_courses",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["quiz_id"], ["quizzes.id"], name="fk_review_cards_quiz_id_quizzes", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="fk_review_cards_lesson_id_lessons",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_review_cards"),
        sa.UniqueConstraint("user_id", "question_id", name="uq_review_cards_user_id_question_id"),
    )
    op.create_index("ix_review_cards_user_id_due_at", "review_cards", ["user_id", "due_at"])
    op.create_index(
        "ix_review_cards_user_id_course_id_due_at",
        "review_cards",
        ["user_id", "course_id", "due_at"],
    )


def downgrade() -> None:
    op.drop_table("review_cards")
    op.drop_table("lesson_mastery")
    op.drop_table("mastery_evidence")
    with op.batch_alter_table("quiz_questions", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_questions_lesson_id")
        batch_op.drop_constraint("fk_quiz_questions_lesson_id_lessons", type_="foreignkey")
        batch_op.drop_column("lesson_id")
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempts_quiz_id_status")
        batch_op.drop_column("status")
