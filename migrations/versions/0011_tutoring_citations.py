"""Tutoring: the citations of assistant messages

Revision ID: 0011_tutoring_citations
Revises: 0010_learning_passages
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0011_tutoring_citations"
down_revision: str | None = "0010_learning_passages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "citations",
                advanced_alchemy.types.JsonB,
                nullable=False,
                server_default=sa.text("'[]'"),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.drop_column("citations")
