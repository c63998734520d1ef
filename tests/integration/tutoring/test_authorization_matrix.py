"""Every tutoring route, for each caller: anonymous, a student (another user), another
instructor, the owner (the tutor's creator; the session's user), the instructor of the
tutor's course, and an admin. A refused request changes nothing.

Reads and refused requests change nothing, so they share one world per module (the shared
world of ``tests/integration/conftest.py``), one row per route and caller; the requests that
succeed in changing something get a world of their own for each route.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import course_maker
from tests.integration.tutoring.conftest import (
    API,
    MakeCourse,
    MakeSession,
    MakeTutor,
    Snapshot,
    exchange,
    session_maker,
    tutor_maker,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import TutorRow

ACTORS = ("anonymous", "student", "other instructor", "owner", "course instructor", "admin")
CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}


def each(status: int, **overrides: int) -> dict[str, int]:
    statuses = dict.fromkeys(ACTORS, status)
    statuses.update({key.replace("_", " "): value for key, value in overrides.items()})
    return statuses


def tutor_editors(success: int) -> dict[str, int]:
    return each(success, anonymous=401, student=403, other_instructor=403)


def session_owner(success: int, admin: int = 403) -> dict[str, int]:
    return each(404, anonymous=401, owner=success, admin=admin)


@dataclass
class World:
    accounts: dict[str, Account]
    ids: dict[str, str]


@dataclass
class Makers:
    client: Client
    make_account: MakeAccount
    make_course: MakeCourse
    make_tutor: MakeTutor
    make_session: MakeSession
    db_engine: AsyncEngine
    built: int = 0

    async def world(self) -> World:
        """Accounts, a published and a draft course, three tutors (one of the published
        course, one of the draft, one inactive) made by "owner", and a session with one
        exchange; names are new at each call."""
        self.built += 1
        n = self.built
        teacher = await self.make_account(f"teacher{n}", role="instructor")
        creator = await self.make_account(f"creator{n}", role="instructor")
        learner = await self.make_account(f"learner{n}")
        accounts = {
            "student": await self.make_account(f"student{n}"),
            "other instructor": await self.make_account(f"rival{n}", role="instructor"),
            "course instructor": teacher,
            "admin": await self.make_account(f"chief{n}", role="admin"),
            "tutor owner": creator,
            "session owner": learner,
        }
        course = await self.make_course(teacher, sections=1, lessons_per_section=1)
        draft = await self.make_course(teacher, sections=0, published=False)
        tutor = await self.make_tutor(creator)
        hidden = await self.make_tutor(creator)
        inactive = await self.make_tutor(creator, is_active=False)
        async with self.db_engine.begin() as connection:
            for tutor_id, course_id in ((tutor["id"], course.id), (hidden["id"], draft.id)):
                await connection.execute(
                    update(TutorRow).where(TutorRow.id == tutor_id).values(course_id=course_id)
                )
        session = await self.make_session(learner, tutor["id"])
        made = await exchange(self.client, learner, session["id"], "What is in lesson 1.1?")
        ids = {
            "tutor": tutor["id"],
            "hidden": hidden["id"],
            "inactive": inactive["id"],
            "session": session["id"],
            "question": made["user_message"]["id"],
            "answer": made["assistant_message"]["id"],
        }
        return World(accounts, ids)


@pytest.fixture
def makers(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    db_engine: AsyncEngine,
) -> Makers:
    return Makers(client, make_account, make_course, make_tutor, make_session, db_engine)


TUTOR_ROUTES: list[tuple[str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("GET", "/tutors", None, each(200)),
    ("GET", "/tutors/{tutor}", None, each(200)),
    ("GET", "/tutors/{hidden}", None, each(404, owner=200, course_instructor=200, admin=200)),
    ("GET", "/tutors/{inactive}", None, each(404, owner=200, admin=200)),
    ("POST", "/tutors", {"name": "New"}, each(201, anonymous=401, student=403)),
    ("PATCH", "/tutors/{tutor}", {"name": "Renamed"}, tutor_editors(200)),
    ("PATCH", "/tutors/{hidden}", {"temperature": 1}, tutor_editors(200)),
    ("DELETE", "/tutors/{tutor}", None, tutor_editors(204)),
]
SESSION_ROUTES: list[tuple[str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("POST", "/sessions", {"tutor_id": "{tutor}"}, each(201, anonymous=401)),
    ("GET", "/sessions", None, each(200, anonymous=401)),
    ("GET", "/sessions/{session}", None, session_owner(200, admin=200)),
    ("PATCH", "/sessions/{session}", {"title": "Mine"}, session_owner(200)),
    ("DELETE", "/sessions/{session}", None, session_owner(204)),
    ("GET", "/sessions/{session}/messages", None, session_owner(200, admin=200)),
    ("POST", "/sessions/{session}/messages", {"content": "Hi"}, session_owner(201)),
    ("POST", "/sessions/{session}/messages/stream", {"content": "Hi"}, session_owner(200)),
    ("DELETE", "/sessions/{session}/messages", None, session_owner(204)),
    ("GET", "/messages/{question}", None, session_owner(200, admin=200)),
    ("DELETE", "/messages/{question}", None, session_owner(204)),
    (
        "POST",
        "/messages/{answer}/feedback",
        {"feedback_type": "detailed", "rating": 5},
        session_owner(201, admin=404),
    ),
    ("POST", "/messages/{answer}/regenerate", None, session_owner(201)),
    ("POST", "/messages/{answer}/regenerate/stream", None, session_owner(200)),
    ("PATCH", "/messages/{question}", {"content": "Edited"}, session_owner(201)),
    ("POST", "/messages/{answer}/select", None, session_owner(200)),
    ("GET", "/messages/{answer}/stream", None, session_owner(200, admin=200)),
    ("GET", "/feedback", None, each(403, anonymous=401, admin=200)),
    ("GET", "/feedback/export", None, each(403, anonymous=401, admin=200)),
    (
        "POST",
        "/feedback/mark-processed",
        {"ids": ["{answer}"]},
        each(403, anonymous=401, admin=200),
    ),
]
ONCE_ONLY = {("DELETE", "/tutors/{tutor}")}
"""Routes whose success can happen only once in a world: each successful caller gets one."""


def filled(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [filled(item, ids) for item in value]
    if isinstance(value, dict):
        return {key: filled(item, ids) for key, item in value.items()}
    return value


def _changes_the_world(method: str, status: int) -> bool:
    """A write that succeeds; every other request (reads, refusals) changes nothing."""
    return method != "GET" and status < 400


ROUTES = [
    (method, path, body, expected, owner)
    for routes, owner in ((TUTOR_ROUTES, "tutor owner"), (SESSION_ROUTES, "session owner"))
    for method, path, body, expected in routes
]
READ_ONLY_CASES = [
    pytest.param(
        method, path, body, actor, expected[actor], owner, id=f"{method} {path} as {actor}"
    )
    for method, path, body, expected, owner in ROUTES
    for actor in ACTORS
    if not _changes_the_world(method, expected[actor])
]
WRITE_CASES = [
    pytest.param(method, path, body, expected, owner, id=f"{method} {path}")
    for method, path, body, expected, owner in ROUTES
    if any(_changes_the_world(method, status) for status in expected.values())
]


async def _request(
    client: Client,
    world: World,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    caller: Account | None,
) -> Any:
    return await client.request(
        method,
        API + filled(path, world.ids),
        json=filled(body, world.ids),
        headers=caller.headers if caller else {},
    )


@pytest.fixture
def shared(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def shared_world(
    shared_client: Client, shared_make_account: MakeAccount, db_engine: AsyncEngine
) -> World:
    """The module's shared world, for the rows that change nothing."""
    makers = Makers(
        shared_client,
        shared_make_account,
        course_maker(shared_client),
        tutor_maker(shared_client),
        session_maker(shared_client),
        db_engine,
    )
    return await makers.world()


@pytest.mark.parametrize(("method", "path", "body", "actor", "status", "owner"), READ_ONLY_CASES)
async def test_authorization_matrix(
    shared: Client,
    shared_world: World,
    snapshot: Snapshot,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    actor: str,
    status: int,
    owner: str,
) -> None:
    """Reads and refusals, on the module's shared world: each leaves everything as it was."""
    caller = shared_world.accounts.get(owner if actor == "owner" else actor)
    before = await snapshot()

    response = await _request(shared, shared_world, method, path, body, caller)

    if status >= 400:
        assert_error(response, status, CODES[status])
    else:
        assert response.status_code == status, f"{actor}: {response.text}"
    assert await snapshot() == before, f"{actor} changed something"


@pytest.mark.parametrize(("method", "path", "body", "expected", "owner"), WRITE_CASES)
async def test_authorization_matrix_writes(
    client: Client,
    makers: Makers,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    expected: dict[str, int],
    owner: str,
) -> None:
    """The callers whose write succeeds, one after the other on a world of the route's own (a
    new one for each further caller of a route that can succeed only once)."""
    world = await makers.world()
    succeeded = False
    for actor in ACTORS:
        status = expected[actor]
        if not _changes_the_world(method, status):
            continue
        if succeeded and (method, path) in ONCE_ONLY:
            world = await makers.world()
        caller = world.accounts.get(owner if actor == "owner" else actor)

        response = await _request(client, world, method, path, body, caller)

        assert response.status_code == status, f"{actor}: {response.text}"
        succeeded = True
