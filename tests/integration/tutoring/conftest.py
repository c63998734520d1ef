"""Shared fixtures of the tutoring HTTP tests: courses, tutors and sessions made through the
public API; the AI model swapped for a double when a test needs one; a snapshot of the
tutoring tables to prove that a refused request changed nothing."""

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from dependency_injector import providers
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import empty_storage_dir, make_settings
from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.catalog.conftest import CourseIds, MakeCourse, course_maker
from tests.unit.tutoring.doubles import OneModel, ScriptedModel
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import (
    ChatMessageRow,
    ChatSessionRow,
    MessageFeedbackRow,
    TutorRow,
)

API = "/api/v1"
Body = dict[str, Any]


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url, storage_dir=str(empty_storage_dir("tutoring-files")))


@pytest.fixture
def make_course(client: Client) -> MakeCourse:
    return course_maker(client)


async def created(client: Client, path: str, who: Account, body: Body) -> Body:
    response = await client.post(API + path, json=body, headers=who.headers)
    assert response.status_code == 201, response.text
    made: Body = response.json()
    return made


MakeTutor = Callable[..., Awaitable[Body]]
MakeSession = Callable[..., Awaitable[Body]]


def tutor_maker(client: Client) -> MakeTutor:
    """``await make_tutor(owner, course_id=None, **fields)``: a tutor made by ``owner``."""

    async def make(owner: Account, course_id: str | None = None, **fields: Any) -> Body:
        body = {"name": "Pip", "system_prompt": "Be kind.", **fields}
        if course_id is not None:
            body["course_id"] = course_id
        return await created(client, "/tutors", owner, body)

    return make


@pytest.fixture
def make_tutor(client: Client) -> MakeTutor:
    """``await make_tutor(owner, course_id=None, **fields)``: a tutor made by ``owner``."""
    return tutor_maker(client)


def session_maker(client: Client) -> MakeSession:
    """``await make_session(user, tutor_id, title=None)``."""

    async def make(user: Account, tutor_id: str, **fields: Any) -> Body:
        return await created(client, "/sessions", user, {"tutor_id": tutor_id, **fields})

    return make


@pytest.fixture
def make_session(client: Client) -> MakeSession:
    """``await make_session(user, tutor_id, title=None)``."""
    return session_maker(client)


async def send(
    client: Client, who: Account | None, session_id: str, content: str, **fields: Any
) -> httpx.Response:
    return await client.post(
        f"{API}/sessions/{session_id}/messages",
        json={"content": content, **fields},
        headers=who.headers if who else {},
    )


async def exchange(client: Client, who: Account, session_id: str, content: str) -> Body:
    response = await send(client, who, session_id, content)
    assert response.status_code == 201, response.text
    body: Body = response.json()
    return body


@dataclass
class Chat:
    """A published course with lessons, its instructor's tutor, and a student's session."""

    teacher: Account
    student: Account
    course: CourseIds
    tutor: Body
    session: Body


@pytest.fixture
async def chat(
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
) -> Chat:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    course = await make_course(teacher, sections=1, lessons_per_section=2)
    tutor = await make_tutor(teacher, course.id)
    session = await make_session(student, tutor["id"])
    return Chat(teacher, student, course, tutor, session)


def use_model(app: Litestar, model: ScriptedModel) -> ScriptedModel:
    """Every provider of the app answers with ``model``."""
    app.state.container.tutor_models.override(providers.Object(OneModel(model)))
    return model


@pytest.fixture
def scripted(app: Litestar) -> Iterator[ScriptedModel]:
    """The app's AI model replaced by a scripted double (see ``ScriptedModel``)."""
    model = use_model(app, ScriptedModel("Here is ", "what the course says."))
    yield model
    app.state.container.tutor_models.reset_override()


Snapshot = Callable[[], Awaitable[list[tuple[Any, ...]]]]


@pytest.fixture
def snapshot(db_engine: AsyncEngine) -> Snapshot:
    """Every stored tutor, session, message and feedback."""

    async def take() -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        async with db_engine.connect() as connection:
            for row_type in (TutorRow, ChatSessionRow, ChatMessageRow, MessageFeedbackRow):
                table = row_type.__table__
                result = await connection.execute(select(table).order_by(table.c.id))
                rows.extend((table.name, *row) for row in result.all())
        return rows

    return take
