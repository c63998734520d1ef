"""Learning: full-text search (PostgreSQL tsvector + GIN, SQLite FTS5)

Revision ID: 0004_learning_search
Revises: 0003_learning
Create Date: 2026-11-22 05:30:00

Both databases keep the index current on every write without application code.

PostgreSQL: ``courses.search_vector`` and ``lessons.search_vector`` are STORED generated
``tsvector`` columns (titles weigh ``A``, other text ``B``) with GIN indexes. The ORM tables do
not map them, so inserts and updates never write them.

SQLite: the FTS5 tables ``courses_fts`` and ``lessons_fts`` hold a copy of the searchable text
(``porter unicode61`` tokenizer), maintained by triggers on insert, update and delete (foreign
key cascades fire them too). Their integer rowids come from ``courses_fts_ids`` /
``lessons_fts_ids``, which map each course or lesson id to its row: the implicit rowids of the
catalog tables are not stable (VACUUM may renumber them), so the index never relies on them.
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0004_learning_search"
down_revision: str | None = "0003_learning"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_POSTGRES_VECTORS = {
    "courses": (
        "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(subject, '')), 'B') || "
        "setweight(to_tsvector('english', coalesce(description, '')), 'B')"
    ),
    "lessons": (
        "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(content, '')), 'B')"
    ),
}

# table -> (fts table, id map table, id column of the map, indexed columns)
_SQLITE_INDEXES = {
    "courses": ("courses_fts", "courses_fts_ids", "course_id", ("title", "subject", "description")),
    "lessons": ("lessons_fts", "lessons_fts_ids", "lesson_id", ("title", "content")),
}


def _fts_values(columns: Sequence[str], row: str) -> str:
    """Column values as the index stores them: without the snippet marker characters."""
    return ", ".join(f"replace(replace({row}.{c}, char(2), ''), char(3), '')" for c in columns)


def _sqlite_upgrade() -> None:
    for table, (fts, ids, id_column, columns) in _SQLITE_INDEXES.items():
        names = ", ".join(columns)
        op.create_table(
            ids,
            sa.Column("doc_id", sa.Integer(), primary_key=True),
            sa.Column(id_column, advanced_alchemy.types.guid.GUID(length=16), nullable=False),
            sa.UniqueConstraint(id_column, name=f"uq_{ids}_{id_column}"),
        )
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, tokenize = 'porter unicode61')")
        doc_of = f"(SELECT doc_id FROM {ids} WHERE {id_column} = {{row}}.id)"  # noqa: S608
        insert = (
            f"INSERT INTO {ids} ({id_column}) VALUES (new.id); "  # noqa: S608
            f"INSERT INTO {fts} (rowid, {names}) "
            f"VALUES ({doc_of.format(row='new')}, {_fts_values(columns, 'new')});"
        )
        remove = (
            f"DELETE FROM {fts} WHERE rowid = {doc_of.format(row='old')}; "  # noqa: S608
            f"DELETE FROM {ids} WHERE {id_column} = old.id;"
        )
        op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END")
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {names} ON {table} "
            f"BEGIN {remove} {insert} END"
        )
        op.execute(f"INSERT INTO {ids} ({id_column}) SELECT id FROM {table}")  # noqa: S608
        op.execute(
            f"INSERT INTO {fts} (rowid, {names}) SELECT {ids}.doc_id, "  # noqa: S608
            f"{_fts_values(columns, table)} FROM {table} "
            f"JOIN {ids} ON {ids}.{id_column} = {table}.id"
        )


def _sqlite_downgrade() -> None:
    for fts, ids, _, _ in _SQLITE_INDEXES.values():
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
        op.drop_table(ids)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
        return
    for table, vector in _POSTGRES_VECTORS.items():
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_search_vector ON {table} USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_downgrade()
        return
    for table in _POSTGRES_VECTORS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_vector")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
