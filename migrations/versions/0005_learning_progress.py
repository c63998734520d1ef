"""Learning: progress, streaks and study time

Revision ID: 0005_learning_progress
Revises: 0004_learning_search
Create Date: 2026-11-22 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

revision: str = "0005_learning_progress"
down_revision: str | None = "0004_learning_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _guid(name: str, **kwargs: bool) -> sa.Column[object]:
    return sa.Column(name, GUID(length=16), **kwargs)


def _instant(name: str, *, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, DateTimeUTC(timezone=True), nullable=nullable)


def _course_fk(table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["course_id"], ["courses.id"], name=f"fk_{table}_course_id_courses", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "lesson_completions",
        _guid("user_id", nullable=False),
        _guid("lesson_id", nullable=False),
        _guid("course_id", nullable=False),
        _instant("completed_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="fk_lesson_completions_lesson_id_lessons",
            ondelete="CASCADE",
        ),
        _course_fk("lesson_completions", "CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "lesson_id", name="pk_lesson_completions"),
    )
    op.create_index("ix_lesson_completions_lesson_id", "lesson_completions", ["lesson_id"])
    op.create_index("ix_lesson_completions_course_id", "lesson_completions", ["course_id"])
    op.create_index(
        "ix_lesson_completions_user_id_course_id", "lesson_completions", ["user_id", "course_id"]
    )
    op.create_table(
        "course_progress",
        _guid("user_id", nullable=False),
        _guid("course_id", nullable=False),
        _instant("started_at", nullable=False),
        _instant("last_accessed_at", nullable=True),
        _course_fk("course_progress", "CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "course_id", name="pk_course_progress"),
    )
    op.create_index("ix_course_progress_course_id", "course_progress", ["course_id"])
    op.create_table(
        "quiz_best_scores",
        _guid("user_id", nullable=False),
        _guid("quiz_id", nullable=False),
        _guid("course_id", nullable=False),
        sa.Column("best_score", sa.Float(), nullable=False),
        _instant("updated_at", nullable=False),
        sa.CheckConstraint(
            "best_score >= 0 AND best_score <= 1", name="ck_quiz_best_scores_best_score_range"
        ),
        _course_fk("quiz_best_scores", "CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "quiz_id", name="pk_quiz_best_scores"),
    )
    op.create_index("ix_quiz_best_scores_course_id", "quiz_best_scores", ["course_id"])
    op.create_index(
        "ix_quiz_best_scores_user_id_course_id", "quiz_best_scores", ["user_id", "course_id"]
    )
    op.create_table(
        "learning_activity",
        _guid("user_id", nullable=False),
        _instant("bucket", nullable=False),
        _instant("last_at", nullable=False),
        sa.PrimaryKeyConstraint("user_id", "bucket", name="pk_learning_activity"),
    )
    op.create_table(
        "learning_streaks",
        _guid("user_id", nullable=False),
        _instant("reset_at", nullable=True),
        sa.Column("longest_days", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "longest_days >= 0", name="ck_learning_streaks_longest_days_not_negative"
        ),
        sa.PrimaryKeyConstraint("user_id", name="pk_learning_streaks"),
    )
    op.create_table(
        "study_time",
        _guid("user_id", nullable=False),
        _guid("tutor_id", nullable=False),
        _guid("course_id", nullable=True),
        sa.Column("total_minutes", sa.Integer(), nullable=False),
        _instant("updated_at", nullable=False),
        sa.CheckConstraint("total_minutes >= 0", name="ck_study_time_total_minutes_not_negative"),
        _course_fk("study_time", "SET NULL"),
        sa.PrimaryKeyConstraint("user_id", "tutor_id", name="pk_study_time"),
    )
    op.create_index("ix_study_time_course_id", "study_time", ["course_id"])
    op.create_index("ix_study_time_user_id_course_id", "study_time", ["user_id", "course_id"])


def downgrade() -> None:
    op.drop_index("ix_study_time_user_id_course_id", table_name="study_time")
    op.drop_index("ix_study_time_course_id", table_name="study_time")
    op.drop_table("study_time")
    op.drop_table("learning_streaks")
    op.drop_table("learning_activity")
    op.drop_index("ix_quiz_best_scores_user_id_course_id", table_name="quiz_best_scores")
    op.drop_index("ix_quiz_best_scores_course_id", table_name="quiz_best_scores")
    op.drop_table("quiz_best_scores")
    op.drop_index("ix_course_progress_course_id", table_name="course_progress")
    op.drop_table("course_progress")
    op.drop_index("ix_lesson_completions_user_id_course_id", table_name="lesson_completions")
    op.drop_index("ix_lesson_completions_course_id", table_name="lesson_completions")
    op.drop_index("ix_lesson_completions_lesson_id", table_name="lesson_completions")
    op.drop_table("lesson_completions")
