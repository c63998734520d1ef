"""Every catalog route, for each caller: anonymous, student, another instructor, the owning
instructor and an admin — on a published course, and the reads of an unpublished one.

Writes need an instructor role (students: 403) and the course's own instructor or an admin
(another instructor: 403 FORBIDDEN, even on an unpublished course). Reads of a published
course are public; an unpublished one is 404 to everyone but its instructor and admins.
"""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.learning.conftest import API, CourseIds, MakeCourse

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


async def _caller(make_account: MakeAccount, actor: str, owner: Account) -> Account | None:
    """The account acting; the student is premium so that premium rules never interfere."""
    if actor == "owner":
        return owner
    roles = {"student": ("student", "premium"), "other_instructor": ("instructor", "free")}
    role, plan = roles.get(actor, ("admin", "free"))
    return None if actor == "anonymous" else await make_account(actor, role=role, plan=plan)


CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}


@pytest.mark.parametrize(("published", "method", "path", "body", "actor", "status"), CASES)
async def test_catalog_authorization_matrix(
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
    owner = await make_account("owner", role="instructor")
    course = await make_course(owner, sections=2, lessons_per_section=2, published=published)
    caller = await _caller(make_account, actor, owner)
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
