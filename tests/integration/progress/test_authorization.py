"""Every /progress route for each caller: anonymous, a student, another student, another
instructor, the course's instructor ("owner") and an admin. Progress is always the caller's
own: the only differences come from seeing the course and the right to premium content.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import CourseIds, MakeCourse
from tests.integration.progress.support import API, STUDY_TUTOR, add_study_tutor

ACTORS = ("anonymous", "student", "other", "instructor", "owner", "admin")
TUTOR = STUDY_TUTOR


@pytest.fixture(autouse=True)
async def _study_tutor(db_engine: AsyncEngine, clean_db: None) -> None:
    await add_study_tutor(db_engine)


CODES = {401: "UNAUTHENTICATED", 403: "PREMIUM_REQUIRED", 404: "NOT_FOUND"}


def everyone(status: int) -> dict[str, int]:
    return {"anonymous": 401, **dict.fromkeys(ACTORS[1:], status)}


def editors_only(denied: int) -> dict[str, int]:
    return {
        "anonymous": 401,
        **dict.fromkeys(("student", "other", "instructor"), denied),
        "owner": 200,
        "admin": 200,
    }


ROUTES: list[tuple[str, str, Any, dict[str, int]]] = [
    ("POST", "/progress/lessons/{lesson}/complete", None, everyone(200)),
    ("DELETE", "/progress/lessons/{lesson}/complete", None, everyone(200)),
    ("POST", "/progress/lessons/{premium}/complete", None, editors_only(403)),
    ("DELETE", "/progress/lessons/{premium}/complete", None, everyone(200)),
    ("POST", "/progress/lessons/{draft_lesson}/complete", None, editors_only(404)),
    ("DELETE", "/progress/lessons/{draft_lesson}/complete", None, editors_only(404)),
    ("GET", "/progress/courses/{course}", None, everyone(200)),
    ("GET", "/progress/courses/{draft}", None, editors_only(404)),
    ("GET", "/progress/courses", None, everyone(200)),
    ("POST", "/progress/streak/reset", None, everyone(200)),
    ("GET", f"/progress/tutors/{TUTOR}", None, everyone(200)),
    ("PUT", f"/progress/tutors/{TUTOR}", {"total_minutes": 30}, everyone(200)),
    ("POST", f"/progress/tutors/{TUTOR}/add", {"minutes": 5}, everyone(200)),
]
CASES = [
    pytest.param(method, path, body, expected, id=f"{method} {path}")
    for method, path, body, expected in ROUTES
]


@pytest.fixture
async def cast(make_account: MakeAccount) -> dict[str, Account]:
    return {
        "student": await make_account("student"),
        "other": await make_account("other"),
        "instructor": await make_account("rival", role="instructor"),
        "owner": await make_account("teacher", role="instructor"),
        "admin": await make_account("chief", role="admin"),
    }


@pytest.fixture
async def courses(make_course: MakeCourse, cast: dict[str, Account]) -> dict[str, CourseIds]:
    owner = cast["owner"]
    return {
        "published": await make_course(owner, sections=1, lessons_per_section=2, premium=[(0, 1)]),
        "draft": await make_course(owner, sections=1, lessons_per_section=1, published=False),
    }


@pytest.mark.parametrize(("method", "path", "body", "expected"), CASES)
async def test_authorization_matrix(
    client: Client,
    cast: dict[str, Account],
    courses: dict[str, CourseIds],
    method: str,
    path: str,
    body: Any,
    expected: dict[str, int],
) -> None:
    """One route for every caller (they are distinct learners, so their calls do not meet)."""
    published, draft = courses["published"], courses["draft"]
    url = API + path.format(
        lesson=published.lesson_ids[0],
        premium=published.lesson_ids[1],
        course=published.id,
        draft_lesson=draft.lesson_ids[0],
        draft=draft.id,
    )
    answered = {}
    for actor in ACTORS:
        headers = cast[actor].headers if actor in cast else {}
        response = await client.request(method, url, headers=headers, json=body)
        answered[actor] = response.status_code
        if response.status_code != 200:
            assert_error(response, response.status_code, CODES[expected[actor]])
    assert answered == expected


async def test_a_bad_token_is_unauthenticated(client: Client) -> None:
    response = await client.get(
        f"{API}/progress/courses", headers={"Authorization": "Bearer not-a-token"}
    )
    assert_error(response, 401, "UNAUTHENTICATED")


async def test_no_one_sees_or_changes_another_learners_progress(
    client: Client, cast: dict[str, Account], courses: dict[str, CourseIds]
) -> None:
    student, course = cast["student"], courses["published"]
    lesson = course.lesson_ids[0]
    done = await client.post(f"{API}/progress/lessons/{lesson}/complete", headers=student.headers)
    assert done.status_code == 200
    added = await client.post(
        f"{API}/progress/tutors/{TUTOR}/add", json={"minutes": 40}, headers=student.headers
    )
    assert added.status_code == 200
    for actor in ("other", "instructor", "owner", "admin"):
        headers = cast[actor].headers
        progress = await client.get(f"{API}/progress/courses/{course.id}", headers=headers)
        assert (progress.json()["completed"], progress.json()["streak_days"]) == (0, 0), actor
        listed = await client.get(f"{API}/progress/courses", headers=headers)
        assert listed.json() == {"items": []}, actor
        minutes = await client.get(f"{API}/progress/tutors/{TUTOR}", headers=headers)
        assert minutes.json()["total_minutes"] == 0, actor
        undone = await client.delete(f"{API}/progress/lessons/{lesson}/complete", headers=headers)
        assert undone.json()["completed"] == 0, actor
        reset = await client.post(f"{API}/progress/streak/reset", headers=headers)
        assert reset.status_code == 200, actor
    mine = await client.get(f"{API}/progress/courses/{course.id}", headers=student.headers)
    assert mine.json()["completed_lesson_ids"] == [lesson]
    assert mine.json()["streak_days"] == 1
    minutes = await client.get(f"{API}/progress/tutors/{TUTOR}", headers=student.headers)
    assert minutes.json()["total_minutes"] == 40
