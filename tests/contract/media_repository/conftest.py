"""Media's units of work on every backend: SQLAlchemy (the run's database) and memory."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest

from tutor_platform.media.adapters.outbound.memory.lesson_media import (
    InMemoryLessonMediaStore,
    InMemoryLessonMediaUnitOfWork,
)
from tutor_platform.media.adapters.outbound.memory.unit_of_work import InMemoryMediaUnitOfWork
from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_unit_of_work import (
    SqlAlchemyLessonMediaUnitOfWork,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyMediaUnitOfWork,
)
from tutor_platform.shared.persistence.engine import create_session_factory


@dataclass(frozen=True)
class Media:
    """Factories of media's two units of work over one fresh, empty store."""

    backend: str
    files: Callable[[], Any]
    lesson_media: Callable[[], Any]


@pytest.fixture(params=["sqlalchemy", "memory"])
def media(request: pytest.FixtureRequest) -> Media:
    if request.param == "memory":
        store = InMemoryLessonMediaStore()
        return Media(
            "memory",
            partial(InMemoryMediaUnitOfWork, store.media),
            partial(InMemoryLessonMediaUnitOfWork, store),
        )
    engine = request.getfixturevalue("db_engine")
    request.getfixturevalue("clean_db")
    sessions = create_session_factory(engine)
    return Media(
        "sqlalchemy",
        partial(SqlAlchemyMediaUnitOfWork, sessions),
        partial(SqlAlchemyLessonMediaUnitOfWork, sessions),
    )
