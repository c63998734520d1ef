"""Every catalog route, for each caller: anonymous, student, another instructor, the owning
instructor and an admin — on a published course, and the reads of an unpublished one.

Writes need an instructor role (students: 403) and the course's own instructor or an admin
(another instructor: 403 FORBIDDEN, even on an unpublished course). Reads of a published
course are public; an unpublished one is 404 to everyone but its instructor and admins.

Reads and refused writes change nothing, so they share one world per module (the shared
world of ``tests/integration/conftest.py``); writes that succeed get a world each.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, CourseIds, MakeCourse, course_maker

ACTORS = ("anonymous", "student", "other_instructor", "owner", "admin")
PUBLIC = dict.fromkeys(ACTORS, 200)
HIDDEN = {"anonymous": 404, "student": 404, "other_instructor": 404, "owner": 200, "admin": 200}


def writes(status: int) -> dict[str, int]:
    return {
        "anonymous": 401,
        "student": 403,
        "other_instructor": 403,
        "owner": status,
        "admin": status,
    }


def creates(status: int) -> dict[str, int]:
    """Creating a course: any instructor (for themselves) or admin."""
    return {**writes(status), "other_instructor": status}


def _new_course(_: CourseIds) -> dict[str, Any]:
    return {"title": "Brand new"}


ROUTES: list[tuple[str, str, Any, dict[str, int]]] = [
    ("GET", "/courses", None, PUBLIC),
    ("POST", "/courses", _new_course, creates(201)),
    ("POST", "/courses/bulk", lambda c: {"items": [_new_course(c)]}, creates(201)),
    ("GET", "/courses/{course}", None, PUBLIC),
    ("GET", "/courses/{course}/lessons", None, PUBLIC),
    ("PATCH", "/courses/{course}", lambda c: {"description": "New"}, writes(200)),
    ("DELETE", "/courses/{course}", None, writes(204)),
    ("POST", "/courses/{course}/publish", None, writes(200)),
    ("POST", "/courses/{course}/unpublish", None, writes(200)),
    ("GET", "/courses/{course}/sections", None, PUBLIC),
    ("POST", "/courses/{course}/sections", lambda c: {"title": "New"}, writes(201)),
    ("GET", "/sections/{section}", None, PUBLIC),
    ("PATCH", "/sections/{section}", lambda c: {"title": "New"}, writes(200)),
    ("DELETE", "/sections/{section}", None, writes(204)),
    ("POST", "/sections/{section}/move", lambda c: {"position": 2}, writes(200)),
    ("GET", "/sections/{section}/lessons", None, PUBLIC),
    ("POST", "/sections/{section}/lessons", lambda c: {"title": "New"}, writes(201)),
    ("GET", "/lessons/{lesson}", None, PUBLIC),
    ("GET", "/lessons/{lesson}/next", None, PUBLIC),
    ("GET", "/lessons/{lesson}/previous", None, PUBLIC),
    ("PATCH", "/lessons/{lesson}", lambda c: {"title": "New"}, writes(200)),
    ("DELETE", "/lessons/{lesson}", None, writes(204)),
    (
        "POST",
        "/lessons/{lesson}/move",
        lambda c: {"position": 1, "section_id": c.section_ids[1]},
        writes(200),
    ),
]
UNPUBLISHED_ROUTES: list[tuple[str, str, Any, dict[str, int]]] = [
    ("GET", "/courses/{course}", None, HIDDEN),
    ("GET", "/courses/{course}/lessons", None, HIDDEN),
    ("GET", "/courses/{course}/sections", None, HIDDEN),
    ("GET", "/sections/{section}", None, HIDDEN),
    ("GET", "/sections/{section}/lessons", None, HIDDEN),
    ("GET", "/lessons/{lesson}", None, HIDDEN),
    ("GET", "/lessons/{lesson}/next", None, HIDDEN),
    ("GET", "/lessons/{lesson}/previous", None, HIDDEN),
    ("PATCH", "/courses/{course}", lambda c: {"description": "New"}, writes(200)),
    ("POST", "/courses/{course}/publish", None, writes(200)),
    ("POST", "/sections/{section}/lessons", lambda c: {"title": "New"}, writes(201)),
]
CASES = [
    pytest.param(
        published, method, path, body, actor, expected[actor], id=f"{method} {path} {state} {actor}"
    )
    for published, state, routes in (
        (True, "published", ROUTES),
        (False, "draft", UNPUBLISHED_ROUTES),
    )
    for method, path, body, expected in routes
    for actor in ACTORS
]


def _changes_the_world(case: Any) -> bool:
    """A write that succeeds; every other row (reads, refused writes) changes nothing."""
    method, status = case.values[1], case.values[5]
    return method != "GET" and status < 400


READ_ONLY_CASES = [case for case in CASES if not _changes_the_world(case)]
WRITE_CASES = [case for case in CASES if _changes_the_world(case)]


async def _caller(make_account: MakeAccount, actor: str, owner: Account) -> Account | None:
    """The account acting; the student is premium so that premium rules never interfere."""
    if actor == "owner":
        return owner
    roles = {"student": ("student", "premium"), "other_instructor": ("instructor", "free")}
    role, plan = roles.get(actor, ("admin", "free"))
    return None if actor == "anonymous" else await make_account(actor, role=role, plan=plan)


CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}


@dataclass
class World:
    """The module's shared world: the accounts and a published and a draft course."""

    owner: Account
    callers: dict[str, Account | None]
    courses: dict[bool, CourseIds]


@pytest.fixture
def shared(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    owner = await shared_make_account("owner", role="instructor")
    make_course = course_maker(shared_client)
    courses = {
        published: await make_course(owner, sections=2, lessons_per_section=2, published=published)
        for published in (True, False)
    }
    callers = {actor: await _caller(shared_make_account, actor, owner) for actor in ACTORS}
    return World(owner, callers, courses)


async def _check(
    client: Client,
    course: CourseIds,
    caller: Account | None,
    method: str,
    path: str,
    body: Any,
    status: int,
) -> None:
    url = API + path.format(
        course=course.id, section=course.section_ids[0], lesson=course.lesson_ids[1]
    )
    response = await client.request(
        method,
        url,
        json=body(course) if body else None,
        headers=caller.headers if caller else {},
    )
    if status >= 400:
        assert_error(response, status, CODES[status])
    else:
        assert response.status_code == status, response.text


@pytest.mark.parametrize(
    ("published", "method", "path", "body", "actor", "status"), READ_ONLY_CASES
)
async def test_catalog_authorization_matrix(
    shared: Client,
    world: World,
    published: bool,
    method: str,
    path: str,
    body: Any,
    actor: str,
    status: int,
) -> None:
    """Reads and refused writes, on the module's shared world (they change nothing)."""
    await _check(shared, world.courses[published], world.callers[actor], method, path, body, status)


@pytest.mark.parametrize(("published", "method", "path", "body", "actor", "status"), WRITE_CASES)
async def test_catalog_authorization_matrix_writes(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    published: bool,
    method: str,
    path: str,
    body: Any,
    actor: str,
    status: int,
) -> None:
    """Writes that succeed, each on a world of its own."""
    owner = await make_account("owner", role="instructor")
    course = await make_course(owner, sections=2, lessons_per_section=2, published=published)
    caller = await _caller(make_account, actor, owner)
    await _check(client, course, caller, method, path, body, status)
