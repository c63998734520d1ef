"""The assessment migration creates exactly the tables the adapters map (columns, keys,
indexes, constraints), on the run's database."""

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.assessment.adapters.outbound.sqlalchemy import tables
from tutor_platform.bootstrap.tables import metadata

ASSESSMENT_TABLES = {
    "quizzes",
    "quiz_questions",
    "quiz_attempts",
    "premium_usage",
    "premium_quota_counters",
    "mastery_evidence",
    "lesson_mastery",
    "course_mastery_parameters",
    "review_cards",
}


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": connection.dialect.name != "sqlite"}
    )
    return [
        difference
        for difference in compare_metadata(context, metadata)
        if _table_of(difference) in ASSESSMENT_TABLES
    ]


def _table_of(difference: Any) -> str | None:
    item = difference[0] if isinstance(difference, list) else difference
    for part in item[1:]:
        if isinstance(part, str) and part in ASSESSMENT_TABLES:
            return part
        name = getattr(getattr(part, "table", part), "name", None)
        if name in ASSESSMENT_TABLES:
            return str(name)
    return None


async def test_the_migration_matches_the_assessment_tables(db_engine: AsyncEngine) -> None:
    assert tables.QuizRow.__tablename__ in metadata.tables
    assert set(metadata.tables) >= ASSESSMENT_TABLES
    async with db_engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
