"""Assessment and premium: quizzes, attempts, usage

Revision ID: 0008_assessment
Revises: 0007_media
Create Date: 2026-11-22 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from alembic import op

revision: str = "0008_assessment"
down_revision: str | None = "0007_media"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _guid(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, GUID(length=16), nullable=nullable)


def _instant(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, DateTimeUTC(timezone=True), nullable=nullable)


def _audit_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        _instant("created_at"),
        _instant("updated_at"),
    ]


def upgrade() -> None:
    op.create_table(
        "quizzes",
        _guid("id"),
        _guid("course_id"),
        _guid("lesson_id", nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("passing_score", sa.Integer(), nullable=False),
        sa.Column("is_premium", sa.Boolean(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=True),
        _guid("created_by"),
        *_audit_columns(),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name="fk_quizzes_course_id_courses", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lessons.id"], name="fk_quizzes_lesson_id_lessons", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quizzes"),
    )
    op.create_index("ix_quizzes_course_id_created_at", "quizzes", ["course_id", "created_at"])
    op.create_index("ix_quizzes_lesson_id", "quizzes", ["lesson_id"])

    op.create_table(
        "quiz_questions",
        _guid("id"),
        _guid("quiz_id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("options", JsonB, nullable=False),
        sa.Column("correct_option_ids", JsonB, nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=True),
        sa.Column("accepted_answers", JsonB, nullable=False),
        sa.Column("rubric", JsonB, nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["quiz_id"],
            ["quizzes.id"],
            name="fk_quiz_questions_quiz_id_quizzes",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quiz_questions"),
        sa.UniqueConstraint("quiz_id", "position", name="uq_quiz_questions_quiz_id_position"),
    )

    op.create_table(
        "quiz_attempts",
        _guid("id"),
        _guid("quiz_id"),
        _guid("user_id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("answers", JsonB, nullable=False),
        sa.Column("results", JsonB, nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("max_points", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        _instant("completed_at"),
        *_audit_columns(),
        sa.ForeignKeyConstraint(
            ["quiz_id"], ["quizzes.id"], name="fk_quiz_attempts_quiz_id_quizzes", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quiz_attempts"),
        sa.UniqueConstraint(
            "quiz_id", "user_id", "number", name="uq_quiz_attempts_quiz_id_user_id_number"
        ),
    )
    op.create_index(
        "ix_quiz_attempts_quiz_id_completed_at", "quiz_attempts", ["quiz_id", "completed_at"]
    )
    op.create_index("ix_quiz_attempts_user_id_quiz_id", "quiz_attempts", ["user_id", "quiz_id"])

    op.create_table(
        "premium_usage",
        _guid("id"),
        _guid("user_id"),
        sa.Column("feature", sa.String(length=32), nullable=False),
        sa.Column("cost_usd", sa.Integer(), nullable=False),
        _guid("course_id", nullable=True),
        _instant("used_at"),
        sa.Column("month", sa.String(length=7), nullable=False),
        *_audit_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_premium_usage"),
    )
    op.create_index("ix_premium_usage_user_id_month", "premium_usage", ["user_id", "month"])

    op.create_table(
        "premium_quota_counters",
        _guid("user_id"),
        sa.Column("feature", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.CheckConstraint("used >= 0", name="ck_premium_quota_counters_used_not_negative"),
        sa.PrimaryKeyConstraint("user_id", "feature", "day", name="pk_premium_quota_counters"),
    )


def downgrade() -> None:
    op.drop_table("premium_quota_counters")
    op.drop_index("ix_premium_usage_user_id_month", table_name="premium_usage")
    op.drop_table("premium_usage")
    op.drop_table("quiz_attempts")
    op.drop_table("quiz_questions")
    op.drop_table("quizzes")
