"""/progress over HTTP on the run's database: completing lessons, course progress, quiz
scores and accesses from other contexts, streaks in the learner's time zone, and every error
path (with nothing changed).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from litestar import Litestar

from tests.integration.accounts import Account, Client, MakeAccount, assert_error, in_app_loop
from tests.integration.catalog.conftest import CourseIds, MakeCourse
from tests.integration.progress.support import (
    API,
    ProgressSnapshot,
    fix_learning_clock,
    progress_snapshot,
)
from tests.support.clock import T0
from tutor_platform.catalog.domain.errors import CourseNotFound
from tutor_platform.progress.api import ProgressFacade
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import ValidationFailed

__all__ = ["progress_snapshot"]


def complete_url(lesson_id: str) -> str:
    return f"{API}/progress/lessons/{lesson_id}/complete"


def progress_url(course_id: str) -> str:
    return f"{API}/progress/courses/{course_id}"


def iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


@pytest.fixture
async def teacher(make_account: MakeAccount) -> Account:
    return await make_account("teacher", role="instructor")


@pytest.fixture
async def course(make_course: MakeCourse, teacher: Account) -> CourseIds:
    """Two sections of two lessons; the second lesson of the second section is premium."""
    return await make_course(teacher, sections=2, lessons_per_section=2, premium=[(1, 1)])


@pytest.fixture
def clock(app: Litestar) -> FixedClock:
    """The learning context's clock, stopped at T0."""
    return fix_learning_clock(app, T0)


@pytest.fixture
def facade(app: Litestar, clock: FixedClock) -> ProgressFacade:
    facade: ProgressFacade = app.state.container.progress.facade()
    return facade


async def complete(client: Client, who: Account, lesson_id: str) -> dict[str, Any]:
    response = await client.post(complete_url(lesson_id), headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_completing_a_lesson_answers_the_course_progress(
    client: Client, clock: FixedClock, owner: Account, course: CourseIds
) -> None:
    body = await complete(client, owner, course.lesson_ids[1])
    assert body == {
        "course_id": course.id,
        "completed_lesson_ids": [course.lesson_ids[1]],
        "completed": 1,
        "total": 4,
        "percent": 25.0,
        "quiz_scores": {},
        "last_accessed_at": iso(T0),
        "streak_days": 1,
        "longest_streak_days": 1,
        "minutes": 0,
    }
    response = await client.get(progress_url(course.id), headers=owner.headers)
    assert response.status_code == 200
    assert response.json() == body


async def test_completing_twice_is_idempotent(
    client: Client,
    clock: FixedClock,
    owner: Account,
    course: CourseIds,
    progress_snapshot: ProgressSnapshot,
) -> None:
    first = await complete(client, owner, course.lesson_ids[0])
    before = await progress_snapshot()
    clock.advance(hours=2)
    again = await complete(client, owner, course.lesson_ids[0])
    assert again == first
    assert await progress_snapshot() == before


async def test_lessons_are_listed_in_course_order_and_uncompleted(
    client: Client, owner: Account, course: CourseIds
) -> None:
    lessons = course.lesson_ids
    for lesson in (lessons[2], lessons[0], lessons[1]):
        body = await complete(client, owner, lesson)
    assert body["completed_lesson_ids"] == lessons[:3]
    assert body["percent"] == 75.0
    response = await client.delete(complete_url(lessons[0]), headers=owner.headers)
    assert response.status_code == 200
    assert response.json()["completed_lesson_ids"] == [lessons[1], lessons[2]]
    assert response.json()["percent"] == 50.0
    again = await client.delete(complete_url(lessons[0]), headers=owner.headers)
    assert again.status_code == 200
    assert again.json()["completed"] == 2


async def test_a_course_not_started_reads_as_zero(
    client: Client, owner: Account, course: CourseIds
) -> None:
    response = await client.get(progress_url(course.id), headers=owner.headers)
    assert response.status_code == 200
    body = response.json()
    assert (body["completed"], body["total"], body["percent"]) == (0, 4, 0.0)
    assert body["last_accessed_at"] is None
    listed = await client.get(f"{API}/progress/courses", headers=owner.headers)
    assert listed.json() == {"items": []}


async def test_one_third_is_33_3_percent(
    client: Client, owner: Account, make_course: MakeCourse, teacher: Account
) -> None:
    course = await make_course(teacher, sections=1, lessons_per_section=3)
    assert (await complete(client, owner, course.lesson_ids[0]))["percent"] == 33.3
    assert (await complete(client, owner, course.lesson_ids[1]))["percent"] == 66.7


async def test_deleted_and_added_lessons_change_the_counts(
    client: Client, owner: Account, teacher: Account, course: CourseIds
) -> None:
    for lesson in course.lesson_ids[:2]:
        await complete(client, owner, lesson)
    deleted = await client.delete(f"{API}/lessons/{course.lesson_ids[0]}", headers=teacher.headers)
    assert deleted.status_code == 204
    added = await client.post(
        f"{API}/sections/{course.section_ids[0]}/lessons",
        json={"title": "Another lesson"},
        headers=teacher.headers,
    )
    assert added.status_code == 201
    body = (await client.get(progress_url(course.id), headers=owner.headers)).json()
    assert body["completed_lesson_ids"] == [course.lesson_ids[1]]
    assert (body["completed"], body["total"], body["percent"]) == (1, 4, 25.0)


async def test_a_deleted_course_leaves_the_list(
    client: Client, owner: Account, teacher: Account, course: CourseIds
) -> None:
    await complete(client, owner, course.lesson_ids[0])
    deleted = await client.delete(f"{API}/courses/{course.id}", headers=teacher.headers)
    assert deleted.status_code == 204
    listed = await client.get(f"{API}/progress/courses", headers=owner.headers)
    assert listed.json() == {"items": []}
    gone = await client.get(progress_url(course.id), headers=owner.headers)
    assert_error(gone, 404, "NOT_FOUND")


async def test_started_courses_are_listed_most_recently_accessed_first(
    client: Client,
    clock: FixedClock,
    owner: Account,
    teacher: Account,
    make_course: MakeCourse,
    facade: ProgressFacade,
) -> None:
    first, second, quizzed, untouched = [
        await make_course(teacher, sections=1, lessons_per_section=2) for _ in range(4)
    ]
    await complete(client, owner, first.lesson_ids[0])
    clock.advance(minutes=1)
    user = UUID(owner.id)
    in_app_loop(client, lambda: facade.record_lesson_access(user, UUID(second.lesson_ids[1])))
    clock.advance(minutes=1)
    quiz = uuid4()
    for score in (0.6, 0.9, 0.4):
        in_app_loop(
            client,
            lambda score=score: facade.record_quiz_score(user, UUID(quizzed.id), quiz, score),
        )
    response = await client.get(f"{API}/progress/courses", headers=owner.headers)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["course_id"] for item in items] == [second.id, first.id, quizzed.id]
    assert items[0]["last_accessed_at"] == iso(T0 + timedelta(minutes=1))
    assert items[0]["completed"] == 0, "opening a lesson does not complete it"
    assert items[2]["quiz_scores"] == {str(quiz): 0.9}
    assert items[2]["last_accessed_at"] is None
    assert untouched.id not in {item["course_id"] for item in items}


async def test_the_facade_tells_which_lessons_a_learner_completed(
    client: Client, owner: Account, other: Account, course: CourseIds, facade: ProgressFacade
) -> None:
    for lesson in course.lesson_ids[:2]:
        await complete(client, owner, lesson)
    completed = in_app_loop(
        client, lambda: facade.completed_lesson_ids(UUID(owner.id), UUID(course.id))
    )
    assert completed == {UUID(lesson) for lesson in course.lesson_ids[:2]}
    nothing = in_app_loop(
        client, lambda: facade.completed_lesson_ids(UUID(other.id), UUID(course.id))
    )
    assert nothing == set()


async def test_a_quiz_score_outside_zero_to_one_is_refused(
    client: Client,
    owner: Account,
    course: CourseIds,
    facade: ProgressFacade,
    progress_snapshot: ProgressSnapshot,
) -> None:
    user, course_id = UUID(owner.id), UUID(course.id)
    with pytest.raises(ValidationFailed):
        in_app_loop(client, lambda: facade.record_quiz_score(user, course_id, uuid4(), 1.5))
    with pytest.raises(CourseNotFound):
        in_app_loop(client, lambda: facade.record_quiz_score(user, uuid4(), uuid4(), 0.5))
    assert await progress_snapshot() == []


class TestPremiumLessons:
    async def test_a_free_learner_may_not_complete_one(
        self,
        client: Client,
        owner: Account,
        course: CourseIds,
        progress_snapshot: ProgressSnapshot,
    ) -> None:
        response = await client.post(complete_url(course.lesson_ids[3]), headers=owner.headers)
        assert_error(response, 403, "PREMIUM_REQUIRED")
        assert await progress_snapshot() == []

    async def test_premium_learners_and_the_courses_instructor_may(
        self, client: Client, make_account: MakeAccount, teacher: Account, course: CourseIds
    ) -> None:
        member = await make_account("member", plan="premium")
        for who in (member, teacher):
            body = await complete(client, who, course.lesson_ids[3])
            assert body["completed_lesson_ids"] == [course.lesson_ids[3]]

    async def test_a_free_learner_may_take_back_a_completion(
        self, client: Client, admin: Account, make_account: MakeAccount, course: CourseIds
    ) -> None:
        member = await make_account("member", plan="premium")
        await complete(client, member, course.lesson_ids[3])
        downgraded = await client.patch(
            f"{API}/users/{member.id}", json={"plan": "free"}, headers=admin.headers
        )
        assert downgraded.status_code == 200
        response = await client.delete(complete_url(course.lesson_ids[3]), headers=member.headers)
        assert response.status_code == 200, response.text
        assert response.json()["completed"] == 0
        again = await client.post(complete_url(course.lesson_ids[3]), headers=member.headers)
        assert_error(again, 403, "PREMIUM_REQUIRED")


class TestNotFound:
    async def test_unknown_lessons_and_courses(
        self, client: Client, owner: Account, progress_snapshot: ProgressSnapshot
    ) -> None:
        for method in ("POST", "DELETE"):
            response = await client.request(
                method, complete_url(str(uuid4())), headers=owner.headers
            )
            assert_error(response, 404, "NOT_FOUND")
            malformed = await client.request(method, complete_url("nope"), headers=owner.headers)
            assert_error(malformed, 404, "NOT_FOUND")
        assert_error(
            await client.get(progress_url(str(uuid4())), headers=owner.headers), 404, "NOT_FOUND"
        )
        assert_error(await client.get(progress_url("12"), headers=owner.headers), 404, "NOT_FOUND")
        assert await progress_snapshot() == []

    async def test_an_unpublished_course_of_someone_else(
        self,
        client: Client,
        owner: Account,
        make_account: MakeAccount,
        make_course: MakeCourse,
        teacher: Account,
        progress_snapshot: ProgressSnapshot,
    ) -> None:
        draft = await make_course(teacher, sections=1, lessons_per_section=1, published=False)
        rival = await make_account("rival", role="instructor")
        for who in (owner, rival):
            for method in ("POST", "DELETE"):
                response = await client.request(
                    method, complete_url(draft.lesson_ids[0]), headers=who.headers
                )
                assert_error(response, 404, "NOT_FOUND")
            assert_error(
                await client.get(progress_url(draft.id), headers=who.headers), 404, "NOT_FOUND"
            )
        assert await progress_snapshot() == []
        body = await complete(client, teacher, draft.lesson_ids[0])
        assert body["completed"] == 1


class TestStreaks:
    async def test_days_are_counted_in_the_learners_time_zone(
        self, client: Client, clock: FixedClock, owner: Account, course: CourseIds
    ) -> None:
        patched = await client.patch(
            f"{API}/users/me",
            json={"preferences": {"timezone": "Asia/Tokyo"}},
            headers=owner.headers,
        )
        assert patched.status_code == 200
        await complete(client, owner, course.lesson_ids[0])  # T0 is 19:00 in Tokyo
        clock.advance(hours=13, minutes=30)  # 23:30 UTC, 08:30 the next day in Tokyo
        body = await complete(client, owner, course.lesson_ids[1])
        assert (body["streak_days"], body["longest_streak_days"]) == (2, 2)
        await client.patch(
            f"{API}/users/me", json={"preferences": {"timezone": None}}, headers=owner.headers
        )
        body = (await client.get(progress_url(course.id), headers=owner.headers)).json()
        assert body["streak_days"] == 1, "back in UTC both completions fall on one day"

    async def test_an_unknown_time_zone_counts_in_utc(
        self, client: Client, clock: FixedClock, owner: Account, course: CourseIds
    ) -> None:
        await client.patch(
            f"{API}/users/me",
            json={"preferences": {"timezone": "Nowhere/Land"}},
            headers=owner.headers,
        )
        await complete(client, owner, course.lesson_ids[0])
        clock.advance(hours=13, minutes=30)
        body = await complete(client, owner, course.lesson_ids[1])
        assert body["streak_days"] == 1

    async def test_a_streak_grows_daily_and_lapses_after_a_missed_day(
        self, client: Client, clock: FixedClock, owner: Account, course: CourseIds
    ) -> None:
        for lesson in course.lesson_ids[:3]:
            body = await complete(client, owner, lesson)
            clock.advance(days=1)
        assert body["streak_days"] == 3
        body = (await client.get(progress_url(course.id), headers=owner.headers)).json()
        assert body["streak_days"] == 3
        clock.advance(days=1)
        body = (await client.get(progress_url(course.id), headers=owner.headers)).json()
        assert (body["streak_days"], body["longest_streak_days"]) == (0, 3)

    async def test_a_reset_starts_over_and_keeps_the_longest(
        self, client: Client, clock: FixedClock, owner: Account, other: Account, course: CourseIds
    ) -> None:
        for lesson in course.lesson_ids[:2]:
            await complete(client, owner, lesson)
            await complete(client, other, lesson)
            clock.advance(days=1)
        clock.advance(days=-1, hours=1)
        response = await client.post(f"{API}/progress/streak/reset", headers=owner.headers)
        assert response.status_code == 200
        assert response.json() == {
            "streak_days": 0,
            "longest_streak_days": 2,
            "reset_at": iso(T0 + timedelta(days=1, hours=1)),
        }
        body = (await client.get(progress_url(course.id), headers=owner.headers)).json()
        assert (body["streak_days"], body["longest_streak_days"]) == (0, 2)
        assert body["completed"] == 2, "a reset keeps completions"
        others = (await client.get(progress_url(course.id), headers=other.headers)).json()
        assert others["streak_days"] == 2, "another learner's streak is untouched"
        clock.advance(minutes=10)
        body = await complete(client, owner, course.lesson_ids[2])
        assert (body["streak_days"], body["longest_streak_days"]) == (1, 2)
