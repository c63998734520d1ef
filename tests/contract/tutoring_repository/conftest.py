"""Tutoring's unit of work on every backend: the run's database (SQLite or PostgreSQL) and
memory, with builders that store tutors, sessions, messages and feedback through it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.clock import T0
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_session_factory
from tutor_platform.tutoring.adapters.outbound.memory.store import InMemoryTutoringStore
from tutor_platform.tutoring.adapters.outbound.memory.unit_of_work import (
    InMemoryTutoringUnitOfWork,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyTutoringUnitOfWork,
)
from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.domain.message import Message, MessageMetadata
from tutor_platform.tutoring.domain.session import ChatSession
from tutor_platform.tutoring.domain.tutor import Tutor
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWork


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@dataclass
class Backend:
    uow_factory: Callable[[], TutoringUnitOfWork]
    name: str

    async def tutor(self, **fields: Any) -> Tutor:
        values: dict[str, Any] = {
            "id": new_id(),
            "name": "Pip",
            "provider": "local",
            "model_id": "local-1",
            "created_by": new_id(),
            "created_at": T0,
            "updated_at": T0,
        }
        values.update(fields)
        tutor = Tutor(**values)
        async with self.uow_factory() as uow:
            await uow.tutors.add(tutor)
            await uow.commit()
        return tutor

    async def session(self, tutor: Tutor, **fields: Any) -> ChatSession:
        values: dict[str, Any] = {
            "id": new_id(),
            "user_id": new_id(),
            "tutor_id": tutor.id,
            "title": "Chat",
            "created_at": T0,
            "updated_at": T0,
        }
        values.update(fields)
        session = ChatSession(**values)
        async with self.uow_factory() as uow:
            await uow.sessions.add(session)
            await uow.commit()
        return session

    async def message(
        self, session: ChatSession, content: str = "Hello", seconds: float = 0, **fields: Any
    ) -> Message:
        message = Message(
            id=new_id(),
            session_id=session.id,
            role=fields.pop("role", "user"),
            content=content,
            created_at=fields.pop("created_at", at(seconds)),
            **fields,
        )
        async with self.uow_factory() as uow:
            await uow.messages.add(message)
            await uow.sessions.record_messages(session.id, 1, message.created_at)
            await uow.commit()
        return message

    async def answer(self, question: Message, content: str = "Answer") -> Message:
        """The assistant's answer to ``question``, one second after it."""
        return await self.message(
            await self.session_of(question),
            content,
            role="assistant",
            created_at=question.created_at + timedelta(seconds=1),
            metadata=MessageMetadata("m-1", "local", 3, 1, 12, "stop", {"k": [1, "two"]}),
            reply_to_id=question.id,
        )

    async def session_of(self, message: Message) -> ChatSession:
        async with self.uow_factory() as uow:
            session = await uow.sessions.get(message.session_id)
        assert session is not None
        return session

    async def feedback(self, answer: Message, user_id: UUID, **fields: Any) -> Feedback:
        session = await self.session_of(answer)
        values: dict[str, Any] = {
            "id": new_id(),
            "message_id": answer.id,
            "session_id": session.id,
            "user_id": user_id,
            "tutor_id": session.tutor_id,
            "feedback_type": "detailed",
            "created_at": T0,
            "updated_at": T0,
            "rating": 4,
        }
        values.update(fields)
        feedback = Feedback(**values)
        async with self.uow_factory() as uow:
            await uow.feedback.add(feedback)
            await uow.tutors.refresh_rating(session.tutor_id)
            await uow.commit()
        return feedback


@pytest.fixture(params=["sqlalchemy", "memory"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """A fresh, empty store behind a tutoring unit-of-work factory, for each backend."""
    if request.param == "memory":
        return Backend(partial(InMemoryTutoringUnitOfWork, InMemoryTutoringStore()), "memory")
    engine: AsyncEngine = request.getfixturevalue("db_engine")
    request.getfixturevalue("clean_db")
    factory = partial(SqlAlchemyTutoringUnitOfWork, create_session_factory(engine))
    return Backend(factory, engine.dialect.name)
