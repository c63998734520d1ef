"""The adaptive path over HTTP, built on per-question lessons, mastery and due reviews: after
a failed quiz its first steps are exactly the lessons of the missed questions (not the quiz's
lesson), in course order; a missed question answered right in review no longer counts; then
come reviews due today and lessons not mastered or, untested, not completed.

Runs on both databases: it rests on the latest-attempt and review-evidence queries."""

from collections.abc import Iterator
from typing import Any

import pytest
from dependency_injector import providers
from litestar import Litestar

from tests.integration.accounts import Account, Client
from tests.integration.assessment.conftest import (
    API,
    Classroom,
    created,
    short_answer,
    single_choice,
    submit,
    true_false,
)
from tests.support.clock import T0
from tutor_platform.assessment.domain.mastery import bkt_update
from tutor_platform.shared.clock import FixedClock

pytestmark = pytest.mark.both_databases


@pytest.fixture
def clock(app: Litestar) -> Iterator[FixedClock]:
    """Assessment's clock stands at ``T0`` (10:00 UTC): cards made now are due today."""
    fixed = FixedClock(T0)
    app.state.container.assessment.clock.override(providers.Object(fixed))
    yield fixed
    app.state.container.assessment.clock.reset_override()


async def path(client: Client, who: Account, course_id: str) -> list[dict[str, Any]]:
    response = await client.post(
        f"{API}/hybrid/adaptive-learning", json={"course_id": course_id}, headers=who.headers
    )
    assert response.status_code == 200, response.text
    steps: list[dict[str, Any]] = response.json()["steps"]
    return steps


async def test_after_a_failed_quiz_the_path_starts_with_the_lessons_of_the_missed_questions(
    client: Client, classroom: Classroom, clock: FixedClock
) -> None:
    member, lessons = classroom.member, classroom.course.lesson_ids
    quiz = await created(
        client,
        f"/courses/{classroom.course.id}/quizzes",
        classroom.teacher,
        {
            "title": "Numbers",
            "lesson_id": lessons[0],
            "questions": [
                single_choice(lesson_id=lessons[3]),
                true_false(lesson_id=lessons[1]),
                short_answer(),
            ],
        },
    )
    division, strings, exception = (q["id"] for q in quiz["questions"])
    done = await client.post(
        f"{API}/progress/lessons/{lessons[2]}/complete", headers=member.headers
    )
    assert done.status_code == 200, done.text
    failed = await submit(
        client, member, quiz["id"], {division: "a", strings: False, exception: "ValueError"}
    )
    assert failed.json()["passed"] is False

    steps = await path(client, member, classroom.course.id)

    assert [(s["lesson_id"], s["basis"]) for s in steps[:2]] == [
        (lessons[1], "missed_questions"),
        (lessons[3], "missed_questions"),
    ]
    assert [s["missed_question_ids"] for s in steps[:2]] == [[strings], [division]]
    assert steps[1]["reason"] == (
        "You missed 1 question on this lesson in your latest attempt at \u201cNumbers\u201d: "
        "\u201cWhat is `7 / 2`?\u201d. Go over the lesson again, then try them once more."
    )
    assert steps[1]["p_mastery"] == round(bkt_update(0.1, False), 6)
    assert steps[1]["action"] == "review"
    assert [(s["lesson_id"], s["basis"], s["due_cards"]) for s in steps[2:]] == [
        (lessons[0], "due_reviews", 1)
    ]

    clock.advance(minutes=2)
    reviewed = await client.post(
        f"{API}/review/cards/{await card_id(client, member, division)}/answers",
        json={"answer": "b"},
        headers=member.headers,
    )
    assert reviewed.json()["correct"] is True

    again = await path(client, member, classroom.course.id)

    assert [(s["lesson_id"], s["basis"]) for s in again] == [
        (lessons[1], "missed_questions"),
        (lessons[0], "due_reviews"),
        (lessons[3], "due_reviews"),
    ]


async def card_id(client: Client, who: Account, question_id: str) -> str:
    response = await client.get(f"{API}/review/due", headers=who.headers)
    return str(
        next(
            item["card_id"]
            for item in response.json()["items"]
            if item["question"]["id"] == question_id
        )
    )
