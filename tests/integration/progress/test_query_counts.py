"""A learner's progress in a course takes a fixed number of SQL statements (no user lookup
once the request is authenticated), and a changed time zone still counts at once."""

from typing import Any

import pytest
from litestar import Litestar

from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.catalog.conftest import CourseIds, MakeCourse
from tests.integration.catalog.passage_support import IndexSettled, index_settled, index_worker
from tests.integration.progress.support import API, fix_learning_clock
from tests.support.clock import T0
from tests.support.statements import counted_statements

__all__ = ["index_settled", "index_worker"]

pytestmark = pytest.mark.both_databases


@pytest.fixture
async def course(
    make_account: MakeAccount, make_course: MakeCourse, index_settled: IndexSettled
) -> CourseIds:
    """Two sections of three lessons, indexed (the index jobs share the app's engine)."""
    teacher = await make_account("teacher", role="instructor")
    made = await make_course(teacher, sections=2, lessons_per_section=3)
    await index_settled()
    return made


async def _progress(
    client: Client, app: Litestar, who: Account, course: str
) -> tuple[Any, list[str]]:
    with counted_statements(app) as statements:
        response = await client.get(f"{API}/progress/courses/{course}", headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json(), statements


async def test_course_progress_is_six_statements_however_far_the_learner_got(
    client: Client, app: Litestar, owner: Account, course: CourseIds
) -> None:
    fix_learning_clock(app, T0)
    await client.get(f"{API}/progress/courses/{course.id}", headers=owner.headers)  # warm
    _, before = await _progress(client, app, owner, course.id)
    for lesson in course.lesson_ids[:4]:
        done = await client.post(f"{API}/progress/lessons/{lesson}/complete", headers=owner.headers)
        assert done.status_code == 200, done.text
    body, after = await _progress(client, app, owner, course.id)
    assert (body["completed"], body["total"], body["streak_days"]) == (4, 6, 1)
    assert len(before) == len(after) == 6
    users = [statement for statement in after if "FROM users" in statement]
    assert users == [], "the learner's time zone comes from the authentication lookup"


async def test_a_changed_time_zone_counts_on_the_next_read(
    client: Client, app: Litestar, owner: Account, course: CourseIds
) -> None:
    clock = fix_learning_clock(app, T0)
    first = await client.post(
        f"{API}/progress/lessons/{course.lesson_ids[0]}/complete", headers=owner.headers
    )
    assert first.status_code == 200
    clock.advance(hours=13, minutes=30)  # 23:30 UTC, 08:30 the next day in Tokyo
    second = await client.post(
        f"{API}/progress/lessons/{course.lesson_ids[1]}/complete", headers=owner.headers
    )
    assert second.json()["streak_days"] == 1, "one day in UTC"
    patched = await client.patch(
        f"{API}/users/me", json={"preferences": {"timezone": "Asia/Tokyo"}}, headers=owner.headers
    )
    assert patched.status_code == 200
    body, _ = await _progress(client, app, owner, course.id)
    assert body["streak_days"] == 2, "two days in Tokyo, right after the change"
