"""Tutoring: tutors, sessions, messages, feedback

Revision ID: 0006_tutoring
Revises: 0005_learning_progress
Create Date: 2026-11-22 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from alembic import op

revision: str = "0006_tutoring"
down_revision: str | None = "0005_learning_progress"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _guid(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, GUID(length=16), nullable=nullable)


def _instant(name: str, *, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, DateTimeUTC(timezone=True), nullable=nullable)


def _audit_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        _instant("created_at", nullable=False),
        _instant("updated_at", nullable=False),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "tutors",
        _guid("id"),
        _guid("course_id", nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("model_id", sa.String(length=100), nullable=False),
        sa.Column("knowledge_base_id", sa.String(length=200), nullable=True),
        sa.Column("system_prompt", sa.Text(), nullable=False),
        sa.Column("temperature", sa.Float(), nullable=False),
        sa.Column("rating", sa.Float(), nullable=True),
        sa.Column("total_feedbacks", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        _guid("created_by"),
        *_audit_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_tutors"),
    )
    op.create_index("ix_tutors_course_id", "tutors", ["course_id"])
    op.create_index("ix_tutors_is_active", "tutors", ["is_active"])
    op.create_index("ix_tutors_created_by", "tutors", ["created_by"])

    op.create_table(
        "chat_sessions",
        _guid("id"),
        _guid("user_id"),
        _guid("tutor_id"),
        sa.Column("title", sa.String(length=200), nullable=False),
        _instant("last_message_at", nullable=True),
        sa.Column("message_count", sa.Integer(), nullable=False),
        *_audit_columns(),
        _fk("chat_sessions", "tutor_id", "tutors"),
        sa.PrimaryKeyConstraint("id", name="pk_chat_sessions"),
    )
    op.create_index("ix_chat_sessions_user_id", "chat_sessions", ["user_id"])
    op.create_index("ix_chat_sessions_tutor_id", "chat_sessions", ["tutor_id"])

    op.create_table(
        "chat_messages",
        _guid("id"),
        _guid("session_id"),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("attachments", JsonB, nullable=False),
        sa.Column("meta", JsonB, nullable=True),
        sa.Column("client_message_id", sa.String(length=64), nullable=True),
        _guid("reply_to_id", nullable=True),
        sa.Column("reply_state", sa.String(length=16), nullable=True),
        _instant("reply_claimed_at", nullable=True),
        *_audit_columns(),
        _fk("chat_messages", "session_id", "chat_sessions"),
        _fk("chat_messages", "reply_to_id", "chat_messages"),
        sa.PrimaryKeyConstraint("id", name="pk_chat_messages"),
        sa.UniqueConstraint(
            "session_id", "client_message_id", name="uq_chat_messages_session_id_client_message_id"
        ),
    )
    op.create_index(
        "ix_chat_messages_session_id_created_at_id",
        "chat_messages",
        ["session_id", "created_at", "id"],
    )
    op.create_index("ix_chat_messages_reply_to_id", "chat_messages", ["reply_to_id"])

    op.create_table(
        "message_feedback",
        _guid("id"),
        _guid("message_id"),
        _guid("session_id"),
        _guid("user_id"),
        _guid("tutor_id"),
        sa.Column("feedback_type", sa.String(length=16), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("positive_text", sa.Text(), nullable=True),
        sa.Column("improvement_text", sa.Text(), nullable=True),
        sa.Column("quick_reaction", sa.String(length=16), nullable=True),
        sa.Column("allow_training", sa.Boolean(), nullable=False),
        sa.Column("processed", sa.Boolean(), nullable=False),
        *_audit_columns(),
        _fk("message_feedback", "message_id", "chat_messages"),
        _fk("message_feedback", "session_id", "chat_sessions"),
        _fk("message_feedback", "tutor_id", "tutors"),
        sa.PrimaryKeyConstraint("id", name="pk_message_feedback"),
        sa.UniqueConstraint("user_id", "message_id", name="uq_message_feedback_user_id_message_id"),
    )
    op.create_index("ix_message_feedback_message_id", "message_feedback", ["message_id"])
    op.create_index("ix_message_feedback_session_id", "message_feedback", ["session_id"])
    op.create_index("ix_message_feedback_processed", "message_feedback", ["processed"])
    op.create_index(
        "ix_message_feedback_tutor_id_feedback_type",
        "message_feedback",
        ["tutor_id", "feedback_type"],
    )


def downgrade() -> None:
    op.drop_table("message_feedback")
    op.drop_table("chat_messages")
    op.drop_table("chat_sessions")
    op.drop_table("tutors")
