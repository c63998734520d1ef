"""The progress migration creates exactly the tables the adapters map (columns, keys,
indexes, constraints), on the run's database."""

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.bootstrap.tables import metadata
from tutor_platform.progress.adapters.outbound.sqlalchemy import tables as progress_tables

PROGRESS_TABLES = {
    mapped.__tablename__
    for mapped in vars(progress_tables).values()
    if isinstance(mapped, type)
    and hasattr(mapped, "__table__")
    and mapped.__module__ == progress_tables.__name__
}


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": connection.dialect.name != "sqlite"}
    )
    return [
        difference
        for difference in compare_metadata(context, metadata)
        if _table_of(difference) in PROGRESS_TABLES
    ]


def _table_of(difference: Any) -> str | None:
    """The table a difference is about: ``(kind, ..., table name or schema item, ...)``;
    column changes come as a list of such tuples."""
    item = difference[0] if isinstance(difference, list) else difference
    for part in item[1:]:
        if isinstance(part, str) and part in PROGRESS_TABLES:
            return part
        name = getattr(getattr(part, "table", part), "name", None)
        if name in PROGRESS_TABLES:
            return str(name)
    return None


async def test_the_migration_matches_the_progress_tables(db_engine: AsyncEngine) -> None:
    assert len(PROGRESS_TABLES) == 6
    async with db_engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
