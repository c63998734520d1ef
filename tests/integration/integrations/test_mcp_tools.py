"""The MCP server at /mcp, through the SDK's own client: the tools, their schemas, and the
rights of the caller (a tool does what the caller could do over REST, no more).

Runs in the SQLite pass only: the tools call the same facades and use cases as the REST routes,
whose database-specific behaviour the REST and repository tests cover on PostgreSQL too."""

from mcp import Client

from tests.integration.accounts import Client as TestClient
from tests.integration.accounts import MakeAccount
from tests.integration.catalog.conftest import API, MakeCourse
from tests.integration.integrations.mcp_support import (
    call_tool,
    mcp_session,
    structured,
    tool_error,
)

TOOLS = {
    "search_courses",
    "get_course",
    "get_lesson",
    "get_progress",
    "complete_lesson",
    "list_quizzes",
    "get_quiz",
    "submit_quiz",
    "ask_tutor",
    "get_mastery",
}


async def test_every_tool_is_listed_with_input_and_output_schemas(
    client: TestClient, make_account: MakeAccount
) -> None:
    learner = await make_account("lena")

    async def listed(mcp: Client) -> list[object]:
        return list((await mcp.list_tools()).tools)

    tools = mcp_session(client, learner, listed)
    by_name = {tool.name: tool for tool in tools}  # type: ignore[attr-defined]
    assert set(by_name) >= TOOLS
    for tool in by_name.values():
        assert tool.input_schema["type"] == "object"
        assert tool.output_schema is not None
        assert tool.output_schema["type"] == "object"
        assert tool.description
    assert by_name["search_courses"].input_schema["required"] == ["q"]


async def test_search_outline_lesson_and_progress_as_over_rest(
    client: TestClient, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    learner = await make_account("lena")
    course = await make_course(teacher, sections=2, lessons_per_section=2, title="Pythonic loops")

    hits = structured(call_tool(client, learner, "search_courses", {"q": "pythonic"}))
    rest = (await client.get(f"{API}/search", params={"q": "pythonic"})).json()
    assert [hit["id"] for hit in hits["items"]] == [hit["id"] for hit in rest["items"]]
    assert hits["items"][0]["id"] == course.id
    assert hits["total"] == rest["total"]

    outline = structured(call_tool(client, learner, "get_course", {"course_id": course.id}))
    assert [s["id"] for s in outline["sections"]] == course.section_ids
    assert [x["id"] for s in outline["sections"] for x in s["lessons"]] == course.lesson_ids

    lesson = structured(
        call_tool(client, learner, "get_lesson", {"lesson_id": course.lesson_ids[0]})
    )
    assert lesson["content"] == "Content of lesson 1.1."

    done = structured(
        call_tool(client, learner, "complete_lesson", {"lesson_id": course.lesson_ids[0]})
    )
    assert done["completed_lesson_ids"] == [course.lesson_ids[0]]
    assert done["total"] == 4
    progress = structured(call_tool(client, learner, "get_progress", {"course_id": course.id}))
    rest_progress = await client.get(f"{API}/progress/courses/{course.id}", headers=learner.headers)
    assert progress["items"][0]["completed"] == rest_progress.json()["completed"] == 1
    everything = structured(call_tool(client, learner, "get_progress", {}))
    assert [item["course_id"] for item in everything["items"]] == [course.id]


async def test_a_premium_lesson_stays_premium(
    client: TestClient, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    free = await make_account("free")
    paying = await make_account("paying", plan="premium")
    course = await make_course(teacher, sections=1, lessons_per_section=1, premium=[(0, 0)])
    lesson_id = course.lesson_ids[0]

    refused = call_tool(client, free, "get_lesson", {"lesson_id": lesson_id})
    body = tool_error(refused, "PREMIUM_REQUIRED")
    rest = (await client.get(f"{API}/lessons/{lesson_id}", headers=free.headers)).json()
    assert body["detail"] == rest["detail"]
    assert refused.content[0].text == rest["detail"]  # type: ignore[union-attr]
    tool_error(
        call_tool(client, free, "complete_lesson", {"lesson_id": lesson_id}), "PREMIUM_REQUIRED"
    )
    assert structured(call_tool(client, paying, "get_lesson", {"lesson_id": lesson_id}))[
        "is_premium"
    ]


async def test_one_user_cannot_see_another_users_progress(
    client: TestClient, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    ann, bob = await make_account("ann"), await make_account("bob")
    course = await make_course(teacher, sections=1, lessons_per_section=2)
    structured(call_tool(client, ann, "complete_lesson", {"lesson_id": course.lesson_ids[0]}))
    bobs = structured(call_tool(client, bob, "get_progress", {"course_id": course.id}))
    assert bobs["items"][0]["completed_lesson_ids"] == []
    assert structured(call_tool(client, bob, "get_progress", {}))["items"] == []


async def test_a_hidden_course_is_not_found_in_the_rest_words(
    client: TestClient, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    learner = await make_account("lena")
    draft = await make_course(teacher, sections=1, lessons_per_section=1, published=False)
    body = tool_error(
        call_tool(client, learner, "get_course", {"course_id": draft.id}), "NOT_FOUND"
    )
    rest = (await client.get(f"{API}/courses/{draft.id}", headers=learner.headers)).json()
    assert body["detail"] == rest["detail"]
    assert (
        structured(call_tool(client, teacher, "get_course", {"course_id": draft.id}))["id"]
        == draft.id
    )
