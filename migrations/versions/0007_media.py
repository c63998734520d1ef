"""Media: files, lesson summaries and drafts

Revision ID: 0007_media
Revises: 0006_tutoring
Create Date: 2026-11-22 05:30:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0007_media"
down_revision: str | None = "0006_tutoring"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _guid() -> advanced_alchemy.types.GUID:
    return advanced_alchemy.types.GUID(length=16)


def _utc() -> advanced_alchemy.types.DateTimeUTC:
    return advanced_alchemy.types.DateTimeUTC(timezone=True)


def _audit_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "files",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("owner_id", _guid(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("filename_key", sa.String(length=1024), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("checksum_sha256", sa.String(length=64), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("storage_key", sa.String(length=255), nullable=False),
        sa.Column("deleted_at", _utc(), nullable=True),
        *_audit_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_files")),
    )
    with op.batch_alter_table("files", schema=None) as batch_op:
        batch_op.create_index("ix_files_owner_created", ["owner_id", "created_at"], unique=False)
        batch_op.create_index("ix_files_created", ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_files_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_files_deleted_at"), ["deleted_at"], unique=False)

    op.create_table(
        "file_uploads",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("owner_id", _guid(), nullable=False),
        sa.Column("reserved_bytes", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        *_audit_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_uploads")),
    )
    with op.batch_alter_table("file_uploads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_file_uploads_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_file_uploads_expires_at"), ["expires_at"], unique=False
        )

    op.create_table(
        "file_quota_locks",
        sa.Column("owner_id", _guid(), nullable=False),
        sa.Column("locked_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", name=op.f("pk_file_quota_locks")),
    )


def downgrade() -> None:
    op.drop_table("file_quota_locks")
    with op.batch_alter_table("file_uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_file_uploads_expires_at"))
        batch_op.drop_index(batch_op.f("ix_file_uploads_owner_id"))
    op.drop_table("file_uploads")
    with op.batch_alter_table("files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_files_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_files_kind"))
        batch_op.drop_index("ix_files_created")
        batch_op.drop_index("ix_files_owner_created")
    op.drop_table("files")
