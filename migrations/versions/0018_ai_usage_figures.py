"""AI: the daily figures of the AI calls made through the facade (grading, drafts, scripts)

Revision ID: 0018_ai_usage_figures
Revises: 0017_passage_index_versions
Create Date: 2026-12-07 20:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from advanced_alchemy.types import GUID
from alembic import op

revision: str = "0018_ai_usage_figures"
down_revision: str | None = "0017_passage_index_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIGURES = "ai_daily_figures"
EVENTS = "ai_figure_events"


def upgrade() -> None:
    op.create_table(
        FIGURES,
        sa.Column("course_id", GUID(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("item_id", GUID(length=16), nullable=False),
        sa.Column("detail", sa.String(length=64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "course_id", "day", "metric", "item_id", "detail", name=f"pk_{FIGURES}"
        ),
    )
    op.create_index(
        f"ix_{FIGURES}_metric_day", FIGURES, ["metric", "day", "course_id", "detail", "value"]
    )
    op.create_table(
        EVENTS,
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=f"pk_{EVENTS}"),
    )


def downgrade() -> None:
    op.drop_table(EVENTS)
    op.drop_index(f"ix_{FIGURES}_metric_day", table_name=FIGURES)
    op.drop_table(FIGURES)
