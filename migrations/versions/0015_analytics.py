"""Analytics: each context's daily figures and event ledger, and the facts they rest on
(active days, lesson visits, course completions, content gaps)

Revision ID: 0015_analytics
Revises: 0014_tutoring_branches
Create Date: 2026-12-07 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

revision: str = "0015_analytics"
down_revision: str | None = "0014_tutoring_branches"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONTEXTS = ("learning", "assessment", "tutoring")


def _guid(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, GUID(length=16), nullable=nullable)


def _instant(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, DateTimeUTC(timezone=True), nullable=nullable)


def _course_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["course_id"], ["courses.id"], name=f"fk_{table}_course_id_courses", ondelete="CASCADE"
    )


def _figure_tables(context: str) -> None:
    figures = f"{context}_daily_figures"
    op.create_table(
        figures,
        _guid("course_id"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        _guid("item_id"),
        sa.Column("detail", sa.String(length=64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "course_id", "day", "metric", "item_id", "detail", name=f"pk_{figures}"
        ),
    )
    op.create_index(
        f"ix_{figures}_metric_day", figures, ["metric", "day", "course_id", "detail", "value"]
    )
    events = f"{context}_figure_events"
    op.create_table(
        events,
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=f"pk_{events}"),
    )


def upgrade() -> None:
    for context in _CONTEXTS:
        _figure_tables(context)
    op.create_table(
        "learning_active_days",
        _guid("course_id"),
        sa.Column("day", sa.Date(), nullable=False),
        _guid("user_id"),
        _course_fk("learning_active_days"),
        sa.PrimaryKeyConstraint("course_id", "day", "user_id", name="pk_learning_active_days"),
    )
    op.create_table(
        "learning_course_completions",
        _guid("course_id"),
        _guid("user_id"),
        _instant("completed_at"),
        _course_fk("learning_course_completions"),
        sa.PrimaryKeyConstraint("course_id", "user_id", name="pk_learning_course_completions"),
    )
    op.create_index(
        "ix_learning_course_completions_course_id_completed_at",
        "learning_course_completions",
        ["course_id", "completed_at"],
    )
    op.create_table(
        "learning_lesson_visits",
        _guid("user_id"),
        _guid("lesson_id"),
        _guid("course_id"),
        _instant("first_opened_at"),
        _course_fk("learning_lesson_visits"),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="fk_learning_lesson_visits_lesson_id_lessons",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "lesson_id", name="pk_learning_lesson_visits"),
    )
    op.create_table(
        "tutoring_gap_groups",
        _guid("id"),
        _guid("course_id"),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("sample", sa.Text(), nullable=False),
        _instant("first_asked_at"),
        _instant("last_asked_at"),
        _instant("dismissed_at", nullable=True),
        _guid("dismissed_by", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tutoring_gap_groups"),
    )
    op.create_index("ix_tutoring_gap_groups_course_id", "tutoring_gap_groups", ["course_id"])
    op.create_table(
        "tutoring_gap_questions",
        _guid("message_id"),
        _guid("group_id"),
        _guid("course_id"),
        _guid("tutor_id"),
        _instant("asked_at"),
        sa.PrimaryKeyConstraint("message_id", name="pk_tutoring_gap_questions"),
    )
    op.create_index("ix_tutoring_gap_questions_group_id", "tutoring_gap_questions", ["group_id"])
    op.create_index(
        "ix_course_progress_course_id_started_at", "course_progress", ["course_id", "started_at"]
    )
    op.create_index(
        "ix_lesson_mastery_course_id_user_id_last_evidence_at",
        "lesson_mastery",
        ["course_id", "user_id", "last_evidence_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_lesson_mastery_course_id_user_id_last_evidence_at", "lesson_mastery")
    op.drop_index("ix_course_progress_course_id_started_at", "course_progress")
    for table in (
        "tutoring_gap_questions",
        "tutoring_gap_groups",
        "learning_lesson_visits",
        "learning_course_completions",
        "learning_active_days",
    ):
        op.drop_table(table)
    for context in reversed(_CONTEXTS):
        op.drop_table(f"{context}_figure_events")
        op.drop_table(f"{context}_daily_figures")
