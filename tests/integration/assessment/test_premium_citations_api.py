"""Synthesis and mentor plans over HTTP cite the course passages they rest on, on a course of
distinct lessons whose passages are indexed (``index_settled``): synthesis cites passages of
the lessons chosen; a mentor plan is built from the lessons retrieval finds relevant to the
goal, not every lesson, and a goal the course does not cover gets a plan that says so.

Runs on both databases: the plans rest on each database's own passage retrieval."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.assessment.conftest import API
from tests.integration.catalog.passage_support import IndexSettled, index_settled, index_worker

pytestmark = pytest.mark.both_databases

__all__ = ["index_settled", "index_worker"]

OPERATORS = """Python compares values with operators.

## Comparing values

Use `==` to ask whether two values are equal and `!=` for not equal. A single `=` assigns a
name to a value instead.

## Dividing numbers

Floor division `//` drops the fraction: `7 // 2` is `3`.
"""
LOOPS = """## Repeating work

A **for loop** runs a block once for each item of a list. `enumerate` gives the position and
the item, and `range(5)` counts from zero to four.
"""
FILES = """## Reading files

Open a file with `open(path)` inside a `with` block, so that Python closes it for you; read
its lines one by one with a loop, or all at once with `read()`.
"""
DICTIONARIES = """## Keys and values

A **dictionary** maps keys to values: `ages["ann"]` finds Ann's age by her name, and `get`
gives a default when the key is missing.
"""
CITATION_FIELDS = {"index", "lesson_id", "course_id", "title", "heading", "snippet"}


class Course:
    def __init__(self, course_id: str, lessons: dict[str, str]) -> None:
        self.id = course_id
        self.lessons = lessons


async def create_course(client: Client, teacher: Account) -> Course:
    """Two sections: "Basics" (Operators, Loops), "Data" (Files, Dictionaries)."""
    made = await client.post(
        f"{API}/courses", json={"title": "Python basics"}, headers=teacher.headers
    )
    assert made.status_code == 201, made.text
    course_id: str = made.json()["id"]
    lessons: dict[str, str] = {}
    content = {
        "Basics": {"Operators": OPERATORS, "Loops": LOOPS},
        "Data": {"Files": FILES, "Dictionaries": DICTIONARIES},
    }
    for section_title, section_lessons in content.items():
        section = await client.post(
            f"{API}/courses/{course_id}/sections",
            json={"title": section_title},
            headers=teacher.headers,
        )
        assert section.status_code == 201, section.text
        for title, text in section_lessons.items():
            lesson = await client.post(
                f"{API}/sections/{section.json()['id']}/lessons",
                json={"title": title, "content": text},
                headers=teacher.headers,
            )
            assert lesson.status_code == 201, lesson.text
            lessons[title] = lesson.json()["id"]
    published = await client.post(f"{API}/courses/{course_id}/publish", headers=teacher.headers)
    assert published.status_code == 200, published.text
    return Course(course_id, lessons)


@pytest.fixture
async def setting(
    client: Client, make_account: MakeAccount, index_settled: IndexSettled
) -> tuple[Account, Course]:
    teacher = await make_account("teacher", role="instructor")
    learner = await make_account("learner", plan="premium")
    course = await create_course(client, teacher)
    await index_settled()
    return learner, course


async def post(client: Client, who: Account, feature: str, body: dict[str, Any]) -> Any:
    response = await client.post(f"{API}/hybrid/{feature}", json=body, headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_synthesis_cites_passages_of_the_chosen_lessons(
    client: Client, setting: tuple[Account, Course]
) -> None:
    learner, course = setting
    chosen = [course.lessons["Operators"], course.lessons["Loops"]]

    body = await post(client, learner, "synthesis", {"course_id": course.id, "lesson_ids": chosen})

    citations = body["citations"]
    assert citations
    assert all(set(c) == CITATION_FIELDS for c in citations)
    assert {c["lesson_id"] for c in citations} == set(chosen)
    assert {c["course_id"] for c in citations} == {course.id}
    assert {c["title"] for c in citations} == {"Operators", "Loops"}
    assert len({c["index"] for c in citations}) == len(citations)
    for citation in citations:
        assert 0 < len(citation["snippet"]) <= 300
    ideas = body["connections"]
    assert any("for loop" in idea["idea"] for idea in ideas)
    for idea in ideas:
        assert idea["citations"]
        assert all(set(c) == CITATION_FIELDS for c in idea["citations"])
        assert {c["lesson_id"] for c in idea["citations"]} <= set(chosen)
        assert all(f"[{c['index']}]" in idea["idea"] for c in idea["citations"])
    by_idea = {c["index"] for idea in ideas for c in idea["citations"]}
    assert by_idea == {c["index"] for c in citations}


async def test_a_mentor_plan_is_built_from_the_lessons_relevant_to_the_goal(
    client: Client, setting: tuple[Account, Course]
) -> None:
    learner, course = setting

    plan = await post(
        client,
        learner,
        "mentor-session",
        {"goal": "Repeat work with a for loop over each item of a list", "course_id": course.id},
    )

    assert plan["covered"] is True
    planned = {lesson_id for step in plan["steps"] for lesson_id in step["lesson_ids"]}
    assert course.lessons["Loops"] in planned
    assert planned < set(course.lessons.values())
    citations = plan["citations"]
    assert citations
    assert {c["lesson_id"] for c in citations} == planned
    assert [c["index"] for c in citations] == list(range(1, len(citations) + 1))
    for step in plan["steps"]:
        assert {citations[n - 1]["lesson_id"] for n in step["citations"]} == set(step["lesson_ids"])
    assert plan["advice"]


async def test_a_goal_the_course_does_not_cover_gets_a_plan_that_says_so(
    client: Client, setting: tuple[Account, Course]
) -> None:
    learner, course = setting

    plan = await post(
        client,
        learner,
        "mentor-session",
        {"goal": "Bake sourdough bread at home", "course_id": course.id},
    )

    assert plan["covered"] is False
    assert plan["citations"] == []
    assert [s["title"] for s in plan["steps"]] == [
        "Set your target",
        "Look beyond this course",
        "Reflect and adjust",
    ]
    assert "does not cover" in plan["steps"][1]["detail"]
    assert all(s["lesson_ids"] == [] and s["citations"] == [] for s in plan["steps"])


async def test_the_new_fields_are_required_in_the_openapi_schema(client: Client) -> None:
    schemas = (await client.get("/schema/openapi.json")).json()["components"]["schemas"]

    def required(name: str) -> set[str]:
        return set(schemas[name]["required"])

    assert {"connections", "citations"} <= required("SynthesisResponse")
    assert {"advice", "citations", "covered", "steps"} <= required("MentorSessionResponse")
    assert {"lesson_ids", "citations"} <= required("MentorStepResponse")
    assert required("CitationResponse") == CITATION_FIELDS
