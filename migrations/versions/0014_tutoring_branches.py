"""Tutoring: messages form a tree (parent_id) with a current branch (is_current)

Revision ID: 0014_tutoring_branches
Revises: 0013_integrations
Create Date: 2026-12-07 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from advanced_alchemy.types import GUID
from alembic import op

revision: str = "0014_tutoring_branches"
down_revision: str | None = "0013_integrations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_USER_PARENTS = """
UPDATE chat_messages SET parent_id = (
    SELECT p.id FROM chat_messages AS p
    WHERE p.session_id = chat_messages.session_id
      AND (p.created_at < chat_messages.created_at
           OR (p.created_at = chat_messages.created_at AND p.id < chat_messages.id))
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT 1
) WHERE role = 'user'
"""


def upgrade() -> None:
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", GUID(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("is_current", sa.Boolean(), nullable=False, server_default=sa.text("true"))
        )
        batch_op.create_foreign_key(
            "fk_chat_messages_parent_id_chat_messages",
            "chat_messages",
            ["parent_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index("ix_chat_messages_parent_id", ["parent_id"])
        batch_op.create_index(
            "ix_chat_messages_session_id_is_current_created_at_id",
            ["session_id", "is_current", "created_at", "id"],
        )
    op.execute("UPDATE chat_messages SET parent_id = reply_to_id WHERE role = 'assistant'")
    op.execute(_USER_PARENTS)


def downgrade() -> None:
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_chat_messages_session_id_is_current_created_at_id")
        batch_op.drop_index("ix_chat_messages_parent_id")
        batch_op.drop_constraint("fk_chat_messages_parent_id_chat_messages", type_="foreignkey")
        batch_op.drop_column("is_current")
        batch_op.drop_column("parent_id")
