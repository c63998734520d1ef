"""Learning: lesson passages with embeddings and a code-aware full-text index

Revision ID: 0010_learning_passages
Revises: 0009_media_jobs
Create Date: 2026-12-02 09:00:00

``lesson_passages`` holds the passages of every lesson (heading path, Markdown, plain text,
the code-aware ``search_text``, and the embedding as float32 bytes with the embedder's name).
Deleting a lesson or a course deletes its passages (foreign key cascades).

The full-text index over ``search_text`` is kept current by the database, as in 0004:
PostgreSQL a STORED generated ``search_vector`` (english) with a GIN index; SQLite an FTS5
table ``lesson_passages_fts`` (``porter unicode61``) with an integer-id map
``lesson_passages_fts_ids``, maintained by triggers (cascades fire them too).
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0010_learning_passages"
down_revision: str | None = "0009_media_jobs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FTS = "lesson_passages_fts"
_IDS = "lesson_passages_fts_ids"


def _guid() -> advanced_alchemy.types.GUID:
    return advanced_alchemy.types.GUID(length=16)


def _utc() -> advanced_alchemy.types.DateTimeUTC:
    return advanced_alchemy.types.DateTimeUTC(timezone=True)


def _sqlite_upgrade() -> None:
    op.create_table(
        _IDS,
        sa.Column("doc_id", sa.Integer(), primary_key=True),
        sa.Column("passage_id", _guid(), nullable=False),
        sa.UniqueConstraint("passage_id", name=f"uq_{_IDS}_passage_id"),
    )
    op.execute(
        f"CREATE VIRTUAL TABLE {_FTS} USING fts5(search_text, tokenize = 'porter unicode61')"
    )
    doc_of = f"(SELECT doc_id FROM {_IDS} WHERE passage_id = {{row}}.id)"  # noqa: S608
    insert = (
        f"INSERT INTO {_IDS} (passage_id) VALUES (new.id); "  # noqa: S608
        f"INSERT INTO {_FTS} (rowid, search_text) "
        f"VALUES ({doc_of.format(row='new')}, new.search_text);"
    )
    remove = (
        f"DELETE FROM {_FTS} WHERE rowid = {doc_of.format(row='old')}; "  # noqa: S608
        f"DELETE FROM {_IDS} WHERE passage_id = old.id;"
    )
    op.execute(f"CREATE TRIGGER {_FTS}_insert AFTER INSERT ON lesson_passages BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER {_FTS}_delete AFTER DELETE ON lesson_passages BEGIN {remove} END")
    op.execute(
        f"CREATE TRIGGER {_FTS}_update AFTER UPDATE OF id, search_text ON lesson_passages "
        f"BEGIN {remove} {insert} END"
    )


def upgrade() -> None:
    op.create_table(
        "lesson_passages",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("lesson_id", _guid(), nullable=False),
        sa.Column("course_id", _guid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.Text(), nullable=True),
        sa.Column("markdown", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=False),
        sa.Column("embedder", sa.String(length=120), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("fk_lesson_passages_lesson_id_lessons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_lesson_passages_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_passages")),
        sa.UniqueConstraint("lesson_id", "position", name="uq_lesson_passages_lesson_id_position"),
    )
    with op.batch_alter_table("lesson_passages", schema=None) as batch_op:
        batch_op.create_index("ix_lesson_passages_course_id", ["course_id"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
        return
    op.execute(
        "ALTER TABLE lesson_passages ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED"
    )
    op.execute(
        "CREATE INDEX ix_lesson_passages_search_vector ON lesson_passages USING gin (search_vector)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {_FTS}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {_FTS}")
        op.drop_table(_IDS)
    else:
        op.execute("DROP INDEX IF EXISTS ix_lesson_passages_search_vector")
    with op.batch_alter_table("lesson_passages", schema=None) as batch_op:
        batch_op.drop_index("ix_lesson_passages_course_id")
    op.drop_table("lesson_passages")
