"""Alembic environment: every context's tables, on SQLite or PostgreSQL."""

import asyncio
from typing import Any

from alembic import context
from sqlalchemy import Connection, pool
from sqlalchemy.ext.asyncio import create_async_engine

from tutor_platform.bootstrap.tables import metadata

config = context.config


UNMAPPED_TABLE_PREFIXES = ("saq_", "courses_fts", "lessons_fts", "lesson_passages_fts")
UNMAPPED_SEARCH_OBJECTS = {
    "search_vector",
    "ix_courses_search_vector",
    "ix_lessons_search_vector",
    "ix_lesson_passages_search_vector",
}


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave out of autogenerate what the ORM does not map: SAQ's tables and the search
    objects that migrations 0004 and 0010 write by hand (FTS5 tables, tsvector columns, GIN indexes)."""
    if type_ == "table" and name is not None and name.startswith(UNMAPPED_TABLE_PREFIXES):
        return False
    return not (reflected and compare_to is None and name in UNMAPPED_SEARCH_OBJECTS)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=connection.dialect.name != "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(
        config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool
    )
    async with engine.connect() as connection:
        await connection.run_sync(_configure)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
elif (existing := config.attributes.get("connection")) is not None:
    _configure(existing)
else:
    asyncio.run(_run_online())
