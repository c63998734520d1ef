"""/progress/tutors over HTTP: study minutes per tutor, their bounds, their share in a
course's progress, and every error path (with nothing changed).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import MakeCourse
from tests.integration.progress.support import (
    API,
    STUDY_TUTOR,
    ProgressSnapshot,
    add_study_tutor,
    progress_snapshot,
)

__all__ = ["progress_snapshot"]
TUTOR = STUDY_TUTOR


@pytest.fixture(autouse=True)
async def _study_tutor(db_engine: AsyncEngine, clean_db: None) -> None:
    await add_study_tutor(db_engine)


MAX = 1_000_000


def tutor_url(tutor_id: str = TUTOR, suffix: str = "") -> str:
    return f"{API}/progress/tutors/{tutor_id}{suffix}"


async def total(client: Client, who: Account, tutor_id: str = TUTOR) -> int:
    response = await client.get(tutor_url(tutor_id), headers=who.headers)
    assert response.status_code == 200, response.text
    assert response.json()["tutor_id"] == tutor_id
    minutes: int = response.json()["total_minutes"]
    return minutes


async def add(client: Client, who: Account, minutes: Any, tutor_id: str = TUTOR) -> Any:
    return await client.post(
        tutor_url(tutor_id, "/add"), json={"minutes": minutes}, headers=who.headers
    )


async def test_no_study_time_is_zero_minutes(client: Client, owner: Account) -> None:
    response = await client.get(tutor_url(), headers=owner.headers)
    assert response.status_code == 200
    assert response.json() == {"tutor_id": TUTOR, "total_minutes": 0}


async def test_setting_and_adding_minutes(client: Client, owner: Account, other: Account) -> None:
    put = await client.put(tutor_url(), json={"total_minutes": 120}, headers=owner.headers)
    assert put.status_code == 200
    assert put.json() == {"tutor_id": TUTOR, "total_minutes": 120}
    added = await add(client, owner, 30)
    assert added.status_code == 200
    assert added.json() == {"tutor_id": TUTOR, "total_minutes": 150}
    taken = await add(client, owner, -50)
    assert taken.json()["total_minutes"] == 100
    assert await total(client, owner) == 100
    assert await total(client, other) == 0, "study time is per learner"


async def test_a_total_below_zero_is_refused_and_nothing_changes(
    client: Client, owner: Account, progress_snapshot: ProgressSnapshot, db_engine: AsyncEngine
) -> None:
    fresh_tutor = await add_study_tutor(db_engine, "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b11")
    await add(client, owner, 10)
    before = await progress_snapshot()
    response = await add(client, owner, -11)
    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert [error["field"] for error in body["errors"]] == ["minutes"]
    assert await progress_snapshot() == before
    fresh = await add(client, owner, -1, tutor_id=fresh_tutor)
    assert_error(fresh, 422, "VALIDATION_ERROR")
    assert await progress_snapshot() == before
    assert await total(client, owner) == 10


@pytest.mark.parametrize(
    ("method", "suffix", "body", "field"),
    [
        ("PUT", "", {"total_minutes": -1}, "total_minutes"),
        ("PUT", "", {"total_minutes": MAX + 1}, "total_minutes"),
        ("PUT", "", {"total_minutes": 1.5}, "total_minutes"),
        ("PUT", "", {"total_minutes": "ten"}, "total_minutes"),
        ("PUT", "", {"total_minutes": None}, "total_minutes"),
        ("PUT", "", {}, "total_minutes"),
        ("PUT", "", {"total_minutes": 5, "extra": 1}, "extra"),
        ("PUT", "", [5], "body"),
        ("POST", "/add", {"minutes": MAX + 1}, "minutes"),
        ("POST", "/add", {"minutes": -MAX - 1}, "minutes"),
        ("POST", "/add", {"minutes": 2.5}, "minutes"),
        ("POST", "/add", {"minutes": True}, "minutes"),
        ("POST", "/add", {}, "minutes"),
        ("POST", "/add", {"minutes": 5, "total_minutes": 5}, "total_minutes"),
    ],
)
async def test_bad_minutes_are_refused(
    client: Client,
    owner: Account,
    progress_snapshot: ProgressSnapshot,
    method: str,
    suffix: str,
    body: Any,
    field: str,
) -> None:
    await add(client, owner, 10)
    before = await progress_snapshot()
    response = await client.request(
        method, tutor_url(suffix=suffix), json=body, headers=owner.headers
    )
    problem = assert_error(response, 422, "VALIDATION_ERROR")
    assert field in {error["field"] for error in problem["errors"]}
    assert await progress_snapshot() == before


async def test_a_total_above_the_maximum_is_refused(
    client: Client, owner: Account, progress_snapshot: ProgressSnapshot
) -> None:
    put = await client.put(tutor_url(), json={"total_minutes": MAX}, headers=owner.headers)
    assert put.status_code == 200
    before = await progress_snapshot()
    assert_error(await add(client, owner, 1), 422, "VALIDATION_ERROR")
    assert await progress_snapshot() == before


async def test_a_body_that_is_not_json_is_a_bad_request(client: Client, owner: Account) -> None:
    response = await client.post(
        tutor_url(suffix="/add"),
        content=b"{minutes: 5",
        headers={**owner.headers, "Content-Type": "application/json"},
    )
    assert_error(response, 400, "BAD_REQUEST")
    missing = await client.put(
        tutor_url(), headers={**owner.headers, "Content-Type": "application/json"}
    )
    assert_error(missing, 400, "BAD_REQUEST")


async def test_a_malformed_tutor_id_is_not_found(client: Client, owner: Account) -> None:
    for method, suffix, body in (
        ("GET", "", None),
        ("PUT", "", {"total_minutes": 1}),
        ("POST", "/add", {"minutes": 1}),
    ):
        response = await client.request(
            method, tutor_url("tutor-1", suffix), json=body, headers=owner.headers
        )
        assert_error(response, 404, "NOT_FOUND")


async def test_an_unknown_tutor_is_not_found(
    client: Client, owner: Account, progress_snapshot: ProgressSnapshot
) -> None:
    for method, suffix, body in (
        ("GET", "", None),
        ("PUT", "", {"total_minutes": 1}),
        ("POST", "/add", {"minutes": 1}),
    ):
        response = await client.request(
            method, tutor_url(str(uuid4()), suffix), json=body, headers=owner.headers
        )
        assert_error(response, 404, "NOT_FOUND")
    assert await progress_snapshot() == []


HIDDEN_TUTOR = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b11"


async def test_a_tutor_the_caller_may_not_see_is_not_found_like_get_tutor(
    client: Client,
    db_engine: AsyncEngine,
    owner: Account,
    admin: Account,
    progress_snapshot: ProgressSnapshot,
) -> None:
    await add_study_tutor(db_engine, HIDDEN_TUTOR, active=False)
    hidden = await client.get(f"{API}/tutors/{HIDDEN_TUTOR}", headers=owner.headers)
    assert_error(hidden, 404, "NOT_FOUND")
    for method, suffix, body in (
        ("GET", "", None),
        ("PUT", "", {"total_minutes": 1}),
        ("POST", "/add", {"minutes": 1}),
    ):
        response = await client.request(
            method, tutor_url(HIDDEN_TUTOR, suffix), json=body, headers=owner.headers
        )
        assert_error(response, 404, "NOT_FOUND")
    assert await progress_snapshot() == []
    assert (await client.get(f"{API}/tutors/{HIDDEN_TUTOR}", headers=admin.headers)).is_success
    assert (await add(client, admin, 5, HIDDEN_TUTOR)).status_code == 200


async def test_minutes_with_a_courses_tutors_show_in_its_progress(
    client: Client,
    db_engine: AsyncEngine,
    owner: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    first, second, loose = [
        await add_study_tutor(db_engine, str(uuid4()), course_id=course_id)
        for course_id in (course.id, course.id, None)
    ]
    assert (await add(client, owner, 20, first)).status_code == 200
    put = await client.put(tutor_url(second), json={"total_minutes": 25}, headers=owner.headers)
    assert put.status_code == 200
    assert (await add(client, owner, 100, loose)).status_code == 200
    progress = await client.get(f"{API}/progress/courses/{course.id}", headers=owner.headers)
    assert progress.json()["minutes"] == 45
    listed = (await client.get(f"{API}/progress/courses", headers=owner.headers)).json()
    assert [(item["course_id"], item["minutes"]) for item in listed["items"]] == [(course.id, 45)]
    assert listed["items"][0]["streak_days"] == 1, "studying is streak activity"
