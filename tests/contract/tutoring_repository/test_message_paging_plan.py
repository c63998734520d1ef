"""A page of messages (of the current branch) is read through the (session_id, is_current,
created_at, id) index, seeking to the keyset with a row-value comparison: its cost does not
grow with the conversation, nor with the branches left behind (regenerated answers, edited
questions).

Over 12,000 messages in a few sessions, half of them on branches that are not current
(analysed), the plan of the real page statement
(captured as the adapter sends it) is an index scan of that index with both the session and
the keyset as index conditions, and no sort. Each page is one statement, however far back.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, insert
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.tutoring_repository.conftest import T0, Backend
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_session_factory
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import ChatMessageRow
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyTutoringUnitOfWork,
)

INDEX = "ix_chat_messages_session_id_is_current_created_at_id"
PER_SESSION = 2000


@contextmanager
def captured_statements(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)


@pytest.fixture
def sql_backend(db_engine: AsyncEngine, clean_db: None) -> Backend:
    factory = create_session_factory(db_engine)
    return Backend(lambda: SqlAlchemyTutoringUnitOfWork(factory), db_engine.dialect.name)


async def test_a_page_seeks_the_index(sql_backend: Backend, db_engine: AsyncEngine) -> None:
    tutor = await sql_backend.tutor()
    sessions = [await sql_backend.session(tutor) for _ in range(3)]
    async with create_session_factory(db_engine).begin() as session:
        for chat in sessions:
            await session.execute(
                insert(ChatMessageRow),
                [
                    {
                        "id": new_id(),
                        "session_id": chat.id,
                        "role": "user",
                        "content": f"message {n}" if not alternative else f"alternative {n}",
                        "attachments": [],
                        "created_at": T0 + timedelta(seconds=n, milliseconds=alternative),
                        "updated_at": T0,
                        "is_current": not alternative,
                    }
                    for n in range(PER_SESSION)
                    for alternative in (0, 1)
                ],
            )
    postgres = db_engine.dialect.name == "postgresql"
    async with db_engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.exec_driver_sql("VACUUM ANALYZE chat_messages" if postgres else "ANALYZE")

    target = sessions[1].id
    async with sql_backend.uow_factory() as uow:
        newest = await uow.messages.page(target, None, 50)
        with captured_statements(db_engine) as statements:
            older = await uow.messages.page(target, newest.items[0], 50)
    assert [m.content for m in older.items] == [
        f"message {n}" for n in range(PER_SESSION - 100, PER_SESSION - 50)
    ]
    assert older.has_more
    assert len(statements) == 1, "one statement per page"

    statement, parameters = statements[0]
    explain = "EXPLAIN" if postgres else "EXPLAIN QUERY PLAN"
    async with db_engine.connect() as connection:
        rows = await connection.exec_driver_sql(f"{explain} {statement}", parameters)
        plan = "\n".join(str(row[-1]) for row in rows)
    assert INDEX in plan, plan
    if postgres:
        assert "Index Scan Backward" in plan, plan
        assert "ROW(created_at, id) <" in plan, plan
        assert "Sort" not in plan, plan
    else:
        assert "session_id=? AND is_current=? AND (created_at,id)<(?,?)" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
