"""Spaced review over HTTP: a card per answered question, the cards due today in the
learner's time zone (questions without their answers), answering a card (graded like an
attempt, rescheduled by FSRS, feeding mastery), and every refusal changing nothing."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from dependency_injector import providers
from litestar import Litestar

from tests.integration.accounts import Account, Client, assert_error
from tests.integration.assessment.conftest import API, SECRET_KEYS, Classroom, submit
from tests.support.clock import T0
from tutor_platform.assessment.domain.mastery import p_mastery
from tutor_platform.shared.clock import FixedClock

pytestmark = pytest.mark.both_databases


@pytest.fixture
def clock(app: Litestar) -> Iterator[FixedClock]:
    """Assessment's clock stands at ``T0`` (10:00 UTC) until the test moves it."""
    fixed = FixedClock(T0)
    app.state.container.assessment.clock.override(providers.Object(fixed))
    yield fixed
    app.state.container.assessment.clock.reset_override()


async def due(client: Client, who: Account, **params: str) -> Any:
    response = await client.get(f"{API}/review/due", params=params, headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def answer(client: Client, who: Account, card_id: str, body: dict[str, Any]) -> Any:
    return await client.post(
        f"{API}/review/cards/{card_id}/answers", json=body, headers=who.headers
    )


def card_of(listing: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(item for item in listing["items"] if item["question"]["id"] == question_id)


async def test_answered_questions_become_cards_due_today(
    client: Client, classroom: Classroom, clock: FixedClock
) -> None:
    tf, single = classroom.question("true_false"), classroom.question("single_choice")
    await submit(client, classroom.student, classroom.quiz["id"], {tf: True, single: "a"})

    listing = await due(client, classroom.student)

    assert listing["total"] == 2
    assert listing["due_until"] == "2026-11-23T00:00:00Z"
    wrong, right = listing["items"]
    assert (wrong["question"]["id"], right["question"]["id"]) == (single, tf)
    assert wrong["due_at"] < right["due_at"]
    assert (wrong["course_id"], wrong["quiz_id"]) == (classroom.course.id, classroom.quiz["id"])
    assert wrong["lesson_id"] == classroom.course.lesson_ids[0]
    assert wrong["reviews"] == 1
    for item in listing["items"]:
        assert not SECRET_KEYS & set(item["question"])
    assert (await due(client, classroom.member))["total"] == 0
    other_course = await due(client, classroom.student, course_id=classroom.course.id)
    assert other_course["total"] == 2


async def test_answering_a_card_grades_reschedules_and_feeds_mastery(
    client: Client, classroom: Classroom, clock: FixedClock
) -> None:
    tf = classroom.question("true_false")
    await submit(client, classroom.student, classroom.quiz["id"], {tf: False})
    card = card_of(await due(client, classroom.student), tf)
    clock.advance(minutes=5)

    response = await answer(client, classroom.student, card["card_id"], {"answer": True})

    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["correct"], result["explanation"], result["rating"]) == (True, "True.", "good")
    assert (result["awarded_points"], result["max_points"], result["graded_by"]) == (1, 1, "exact")
    assert result["next_due_at"] > (T0 + timedelta(minutes=5)).isoformat().replace("+00:00", "Z")
    after = card_of(await due(client, classroom.student), tf)
    assert (after["due_at"], after["reviews"]) == (result["next_due_at"], 2)
    mastery = await client.get(
        f"{API}/progress/courses/{classroom.course.id}/mastery", headers=classroom.student.headers
    )
    first = mastery.json()["items"][0]
    assert (first["evidence"], first["p_mastery"]) == (2, round(p_mastery([False, True]), 6))


async def test_due_today_is_the_learners_own_day(
    client: Client, classroom: Classroom, clock: FixedClock
) -> None:
    tf = classroom.question("true_false")
    tokyo = await client.patch(
        f"{API}/users/me",
        json={"preferences": {"timezone": "Asia/Tokyo"}},
        headers=classroom.member.headers,
    )
    assert tokyo.status_code == 200, tokyo.text
    next_due = []
    for who in (classroom.student, classroom.member):
        await submit(client, who, classroom.quiz["id"], {tf: True})
        card = card_of(await due(client, who), tf)
        response = await answer(client, who, card["card_id"], {"answer": True, "elapsed_ms": 2000})
        assert response.json()["rating"] == "easy"
        next_due.append(response.json()["next_due_at"])
    assert next_due[0] == next_due[1]
    at = datetime.fromisoformat(next_due[0])
    assert (at.hour, at.minute) == (10, 0)
    clock.advance(seconds=(at - T0).total_seconds() - 11 * 3600)

    in_utc = await due(client, classroom.student)
    in_tokyo = await due(client, classroom.member)

    assert in_utc["total"] == 0
    assert [item["question"]["id"] for item in in_tokyo["items"]] == [tf]
    assert in_tokyo["due_until"] == (at + timedelta(hours=5)).isoformat().replace("+00:00", "Z")


async def test_a_free_text_card_is_graded_by_the_rules_grader(
    client: Client, classroom: Classroom, clock: FixedClock
) -> None:
    essay = classroom.question("free_text")
    await submit(client, classroom.student, classroom.quiz["id"], {essay: "It is more specific."})
    card = card_of(await due(client, classroom.student), essay)

    response = await answer(
        client,
        classroom.student,
        card["card_id"],
        {"answer": "Catch a specific exception, because a bare except hides every bug."},
    )

    result = response.json()
    assert (result["correct"], result["graded_by"], result["needs_review"]) == (
        True,
        "rules",
        False,
    )
    assert "2 of 2 key points" in result["feedback"]


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        ("true_false", {"answer": "yes"}, "answer"),
        ("true_false", {"answer": 1}, "answer"),
        ("true_false", {}, "answer"),
        ("true_false", {"answer": None}, "answer"),
        ("single_choice", {"answer": "z"}, "answer"),
        ("single_choice", {"answer": ["b"]}, "answer"),
        ("multiple_choice", {"answer": "zero"}, "answer"),
        ("multiple_choice", {"answer": ["zero", "zero"]}, "answer"),
        ("short_answer", {"answer": "x" * 501}, "answer"),
        ("true_false", {"answer": True, "elapsed_ms": -1}, "elapsed_ms"),
        ("true_false", {"answer": True, "correct": True}, None),
    ],
)
async def test_bad_answers_are_422_and_change_nothing(
    client: Client,
    classroom: Classroom,
    clock: FixedClock,
    kind: str,
    body: dict[str, Any],
    field: str | None,
) -> None:
    question = classroom.question(kind)
    value: Any = {"true_false": True, "single_choice": "b", "multiple_choice": ["zero"]}.get(
        kind, "ValueError"
    )
    await submit(client, classroom.student, classroom.quiz["id"], {question: value})
    card = card_of(await due(client, classroom.student), question)

    response = await answer(client, classroom.student, card["card_id"], body)

    assert_error(response, 422, "VALIDATION_ERROR")
    if field is not None:
        assert field in {error["field"] for error in response.json()["errors"]}
    assert card_of(await due(client, classroom.student), question) == card


async def test_someone_elses_or_an_unknown_card_is_404(
    client: Client, classroom: Classroom, clock: FixedClock
) -> None:
    tf = classroom.question("true_false")
    await submit(client, classroom.student, classroom.quiz["id"], {tf: True})
    card = card_of(await due(client, classroom.student), tf)

    others = [
        await answer(client, who, card["card_id"], {"answer": True})
        for who in (classroom.member, classroom.teacher)
    ]
    unknown = await answer(
        client, classroom.student, "01900000-0000-7000-8000-000000000000", {"answer": True}
    )
    anonymous = await client.post(
        f"{API}/review/cards/{card['card_id']}/answers", json={"answer": True}
    )

    for response in [*others, unknown]:
        assert_error(response, 404, "NOT_FOUND")
    assert_error(anonymous, 401, "UNAUTHENTICATED")
    assert card_of(await due(client, classroom.student), tf) == card


async def test_the_due_list_of_a_hidden_course_is_404_and_bad_limits_422(
    client: Client, classroom: Classroom, clock: FixedClock
) -> None:
    headers = classroom.student.headers
    hidden = await client.get(
        f"{API}/review/due",
        params={"course_id": "01900000-0000-7000-8000-000000000000"},
        headers=headers,
    )
    too_many = await client.get(f"{API}/review/due", params={"limit": 101}, headers=headers)
    anonymous = await client.get(f"{API}/review/due")

    assert_error(hidden, 404, "NOT_FOUND")
    assert_error(too_many, 422, "VALIDATION_ERROR")
    assert_error(anonymous, 401, "UNAUTHENTICATED")
