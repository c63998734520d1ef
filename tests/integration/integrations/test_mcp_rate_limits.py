"""The MCP tools that mirror rate-limited REST routes share their limits: quiz submissions and
tutor questions count per user, over MCP and REST together, and the tool error says when to
try again.

Runs in the SQLite pass only: the limiter's stores have their own contract on Redis."""

import pytest

from tests.conftest import make_settings
from tests.integration.accounts import Client, MakeAccount
from tests.integration.assessment.conftest import created, quiz_body, true_false
from tests.integration.catalog.conftest import API, MakeCourse
from tests.integration.integrations.mcp_support import call_tool, structured, tool_error
from tests.integration.tutoring.conftest import tutor_maker
from tutor_platform.bootstrap.settings import Settings


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(
        database_url,
        rate_limit_enabled=True,
        rate_limit_quiz_submit="2/hour",
        rate_limit_ai_messages="1/minute",
    )


async def test_quiz_submissions_count_over_mcp_and_rest_together(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    ann, bob = await make_account("ann"), await make_account("bob")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    quiz = await created(
        client, f"/courses/{course.id}/quizzes", teacher, quiz_body(questions=[true_false()])
    )
    answers = {str(quiz["questions"][0]["id"]): True}
    arguments = {"quiz_id": quiz["id"], "answers": answers}

    structured(call_tool(client, ann, "submit_quiz", arguments))
    rest = await client.post(
        f"{API}/quizzes/{quiz['id']}/attempts", json={"answers": answers}, headers=ann.headers
    )
    assert rest.status_code == 201
    refused = tool_error(call_tool(client, ann, "submit_quiz", arguments), "RATE_LIMITED")
    assert refused["retry_after"] >= 1
    attempts = await client.get(f"{API}/quizzes/{quiz['id']}/attempts", headers=ann.headers)
    assert len(attempts.json()["items"]) == 2
    structured(call_tool(client, bob, "submit_quiz", arguments))


async def test_tutor_questions_count_against_the_ai_message_limit(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    ann = await make_account("ann")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    tutor = await tutor_maker(client)(teacher, course.id)
    question = {"tutor_id": tutor["id"], "question": "What is a loop?"}
    structured(call_tool(client, ann, "ask_tutor", question))
    tool_error(call_tool(client, ann, "ask_tutor", question), "RATE_LIMITED")
    sessions = (await client.get(f"{API}/sessions", headers=ann.headers)).json()["items"]
    assert len(sessions) == 1
