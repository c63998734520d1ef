"""The premium features over HTTP with the offline AI: what each answers, the daily quotas
(429 QUOTA_EXCEEDED with Retry-After to the next UTC midnight, exact under concurrency),
refused and failed calls not counted, and the usage with exact costs."""

import asyncio
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.assessment.conftest import (
    API,
    Classroom,
    FailingModel,
    Snapshot,
    submit,
)
from tests.integration.catalog.conftest import MakeCourse

pytestmark = pytest.mark.both_databases

FREE_TEXT = {
    "question": "Why catch a specific exception?",
    "answer": "A specific handler shows each bug instead of hiding it.",
    "rubric": {"keywords": ["specific", "bug", "example"], "guidance": ""},
}


async def call(client: Client, who: Account, feature: str, body: dict[str, Any]) -> Any:
    return await client.post(f"{API}/{feature}", json=body, headers=who.headers)


async def usage(client: Client, who: Account) -> dict[str, Any]:
    response = await client.get(f"{API}/hybrid/usage/me", headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def seconds_to_midnight() -> int:
    now = datetime.now(UTC)
    midnight = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
    return math.ceil((midnight - now).total_seconds())


@pytest.mark.parametrize("path", ["assessments/free-text", "hybrid/llm-assessment"])
async def test_a_free_text_answer_is_graded_by_the_rubric(
    client: Client, classroom: Classroom, path: str
) -> None:
    response = await call(client, classroom.member, path, FREE_TEXT)

    assert response.status_code == 200, response.text
    grade = response.json()
    assert grade["score"] == 0.6667
    assert grade["feedback"].startswith("Your answer covers 2 of 3 key points.")
    assert grade["strengths"] == ["Explains specific.", "Explains bug."]
    assert grade["improvements"] == ["Explain example and how it relates to the question."]
    assert (grade["graded_by"], grade["needs_review"]) == ("rules", True)


async def test_the_adaptive_path_reviews_missed_questions_and_continues_in_order(
    client: Client, classroom: Classroom
) -> None:
    member = classroom.member
    lessons = classroom.course.lesson_ids
    for lesson_id in lessons[:2]:
        done = await client.post(
            f"{API}/progress/lessons/{lesson_id}/complete", headers=member.headers
        )
        assert done.status_code == 200, done.text
    assert (await submit(client, member, classroom.quiz["id"], {})).status_code == 201

    response = await call(
        client, member, "hybrid/adaptive-learning", {"course_id": classroom.course.id}
    )

    assert response.status_code == 200, response.text
    path = response.json()
    assert [(s["lesson_id"], s["action"]) for s in path["steps"]] == [
        (lessons[0], "review"),
        (lessons[2], "next"),
        (lessons[3], "next"),
    ]
    assert [s["basis"] for s in path["steps"]] == [
        "missed_questions",
        "not_completed",
        "not_completed",
    ]
    assert path["steps"][0]["reason"].startswith(
        "You missed 5 questions on this lesson in your latest attempt at \u201cCheckpoint\u201d"
    )
    assert (path["completed_lessons"], path["total_lessons"]) == (2, 4)
    assert "Your learning path" in path["summary"]


async def test_synthesis_connects_lessons_of_the_course(
    client: Client, classroom: Classroom
) -> None:
    lessons = classroom.course.lesson_ids[:3]

    response = await call(
        client,
        classroom.member,
        "hybrid/synthesis",
        {"course_id": classroom.course.id, "lesson_ids": lessons},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert [lesson["lesson_id"] for lesson in body["lessons"]] == lessons
    assert [lesson["title"] for lesson in body["lessons"]] == [
        "Lesson 1.1",
        "Lesson 1.2",
        "Lesson 2.1",
    ]
    ideas = body["connections"]
    assert any("Content of lesson 1.1." in idea["idea"] for idea in ideas)
    assert all(idea["citations"] for idea in ideas)
    assert {c["lesson_id"] for idea in ideas for c in idea["citations"]} <= set(lessons)
    assert {c["lesson_id"] for c in body["citations"]} <= set(lessons)


async def test_a_mentor_session_says_when_the_course_does_not_cover_the_goal(
    client: Client, classroom: Classroom
) -> None:
    response = await call(
        client,
        classroom.member,
        "hybrid/mentor-session",
        {"goal": "  Bake sourdough bread  ", "course_id": classroom.course.id},
    )
    general = await call(client, classroom.member, "hybrid/mentor-session", {"goal": "Learn SQL"})

    assert response.status_code == 200, response.text
    plan = response.json()
    assert plan["goal"] == "Bake sourdough bread"
    assert [s["title"] for s in plan["steps"]] == [
        "Set your target",
        "Look beyond this course",
        "Reflect and adjust",
    ]
    assert (plan["covered"], plan["citations"]) == (False, [])
    assert plan["advice"]
    assert general.json()["course_id"] is None
    assert [s["number"] for s in general.json()["steps"]] == [1, 2, 3, 4]
    assert (general.json()["covered"], general.json()["citations"]) == (False, [])


async def test_over_the_daily_quota_is_429_until_the_next_utc_midnight(
    client: Client, classroom: Classroom, snapshot: Snapshot
) -> None:
    body = {"goal": "Learn"}
    granted = [await call(client, classroom.member, "hybrid/mentor-session", body) for _ in "ab"]
    before = await snapshot()

    refused = await call(client, classroom.member, "hybrid/mentor-session", body)
    other_feature = await call(client, classroom.member, "assessments/free-text", FREE_TEXT)

    assert [r.status_code for r in granted] == [200, 200]
    assert_error(refused, 429, "QUOTA_EXCEEDED")
    assert abs(int(refused.headers["retry-after"]) - seconds_to_midnight()) <= 5
    assert await snapshot() != before
    assert other_feature.status_code == 200
    today = (await usage(client, classroom.member))["today"]
    assert today["mentor_session"] == {"calls": 2, "limit": 2}
    assert today["llm_assessment"] == {"calls": 1, "limit": 10}


async def test_refused_calls_are_not_counted(
    client: Client, classroom: Classroom, make_course: MakeCourse, snapshot: Snapshot
) -> None:
    draft = await make_course(classroom.teacher, sections=1, published=False)
    other = await make_course(classroom.teacher, sections=1, lessons_per_section=1)
    member = classroom.member
    before = await snapshot()
    refused = [
        await call(
            client,
            member,
            "hybrid/synthesis",
            {"course_id": draft.id, "lesson_ids": draft.lesson_ids * 2},
        ),
        await call(
            client,
            member,
            "hybrid/synthesis",
            {
                "course_id": classroom.course.id,
                "lesson_ids": [classroom.course.lesson_ids[0], other.lesson_ids[0]],
            },
        ),
        await call(
            client, member, "hybrid/synthesis", {"course_id": classroom.course.id, "lesson_ids": []}
        ),
        await call(client, member, "hybrid/adaptive-learning", {"course_id": draft.id}),
        await call(client, member, "hybrid/mentor-session", {"goal": "   "}),
        await call(client, member, "assessments/free-text", {**FREE_TEXT, "answer": "x" * 100_000}),
        await call(
            client, member, "assessments/free-text", {**FREE_TEXT, "rubric": {"keywords": []}}
        ),
        await call(client, member, "assessments/free-text", {**FREE_TEXT, "course_id": draft.id}),
        await call(
            client, classroom.student, "hybrid/synthesis", {"course_id": classroom.course.id}
        ),
        await call(client, classroom.student, "hybrid/mentor-session", {"goal": "Learn"}),
    ]

    assert [r.status_code for r in refused] == [422] * 8 + [422, 403]
    assert await snapshot() == before
    today = (await usage(client, member))["today"]
    assert {feature: allowance["calls"] for feature, allowance in today.items()} == {
        "adaptive_learning": 0,
        "llm_assessment": 0,
        "synthesis": 0,
        "mentor_session": 0,
    }


async def test_a_failing_ai_is_502_and_gives_the_call_back(
    client: Client, classroom: Classroom, snapshot: Snapshot, failing_ai: FailingModel
) -> None:
    member = classroom.member
    before = await snapshot()

    failed = [
        await call(client, member, "hybrid/mentor-session", {"goal": "Learn"}) for _ in range(3)
    ] + [await call(client, member, "assessments/free-text", FREE_TEXT)]

    assert [r.status_code for r in failed] == [502] * 4
    assert all(r.json()["error_code"] == "UPSTREAM_ERROR" for r in failed)
    today = (await usage(client, member))["today"]
    assert today["mentor_session"]["calls"] == 0
    assert today["llm_assessment"]["calls"] == 0
    after = [row for row in await snapshot() if row[0] != "premium_quota_counters"]
    assert after == [row for row in before if row[0] != "premium_quota_counters"]


async def test_twenty_concurrent_calls_against_a_quota_of_five_give_exactly_five(
    client: Client, classroom: Classroom
) -> None:
    body = {"course_id": classroom.course.id}

    responses = await asyncio.gather(
        *(call(client, classroom.member, "hybrid/adaptive-learning", body) for _ in range(20))
    )

    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 5 + [429] * 15
    summary = await usage(client, classroom.member)
    assert summary["today"]["adaptive_learning"] == {"calls": 5, "limit": 5}
    assert summary["months"][0]["features"]["adaptive_learning"] == {"calls": 5, "cost_usd": 0.09}


async def test_usage_sums_exact_costs_per_month(
    client: Client, classroom: Classroom, make_account: MakeAccount, admin: Account
) -> None:
    member = classroom.member
    for _ in range(3):
        assert (
            await call(
                client, member, "hybrid/adaptive-learning", {"course_id": classroom.course.id}
            )
        ).status_code == 200
    for _ in range(2):
        assert (
            await call(client, member, "hybrid/mentor-session", {"goal": "Learn"})
        ).status_code == 200
    assert (await call(client, member, "hybrid/llm-assessment", FREE_TEXT)).status_code == 200

    mine = await usage(client, member)
    by_admin = await client.get(f"{API}/hybrid/usage/{member.id}", headers=admin.headers)
    unknown = await client.get(f"{API}/hybrid/usage/{classroom.course.id}", headers=admin.headers)

    assert mine["user_id"] == member.id
    assert len(mine["months"]) == 12
    month = mine["months"][0]
    assert month["month"] == datetime.now(UTC).strftime("%Y-%m")
    assert month["features"] == {
        "adaptive_learning": {"calls": 3, "cost_usd": 0.054},
        "llm_assessment": {"calls": 1, "cost_usd": 0.014},
        "synthesis": {"calls": 0, "cost_usd": 0.0},
        "mentor_session": {"calls": 2, "cost_usd": 0.18},
    }
    assert month["total_cost_usd"] == 0.248
    assert mine["months"][1]["total_cost_usd"] == 0
    assert mine["today"]["adaptive_learning"] == {"calls": 3, "limit": 5}
    assert by_admin.json() == mine
    assert_error(unknown, 404, "NOT_FOUND")
