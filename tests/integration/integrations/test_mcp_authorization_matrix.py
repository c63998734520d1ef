"""Every MCP tool, for each caller: anonymous, a free student, a premium student, another
instructor, the course's instructor and an admin. A tool answers what the matching REST route
answers the same caller: the same refusals, in the same words (as tool errors).

The rows only read (or are refused), so they share one world per module.

Runs in the SQLite pass only (see test_mcp_tools.py)."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.assessment.conftest import created, quiz_body, true_false
from tests.integration.catalog.conftest import course_maker
from tests.integration.tutoring.conftest import tutor_maker

ACTORS = ("anonymous", "student", "premium", "other instructor", "course instructor", "admin")
OK = "ok"


def each(outcome: str, **overrides: str) -> dict[str, str]:
    outcomes = dict.fromkeys(ACTORS, outcome)
    outcomes.update({key.replace("_", " "): value for key, value in overrides.items()})
    outcomes["anonymous"] = "401"
    return outcomes


def editors(refusal: str) -> dict[str, str]:
    return each(refusal, course_instructor=OK, admin=OK)


@dataclass
class World:
    accounts: dict[str, Account]
    ids: dict[str, str]


@pytest.fixture
def client(shared_client: Client) -> Client:
    return shared_client


@pytest.fixture(scope="module")
async def world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    make_course = course_maker(shared_client)
    teacher = await shared_make_account("teacher", role="instructor")
    accounts = {
        "student": await shared_make_account("student"),
        "premium": await shared_make_account("member", plan="premium"),
        "other instructor": await shared_make_account("rival", role="instructor"),
        "course instructor": teacher,
        "admin": await shared_make_account("chief", role="admin"),
    }
    course = await make_course(teacher, sections=1, lessons_per_section=2, premium=[(0, 1)])
    draft = await make_course(teacher, sections=1, lessons_per_section=1, published=False)
    hidden_quiz = await created(
        shared_client, f"/courses/{draft.id}/quizzes", teacher, quiz_body(questions=[true_false()])
    )
    quiz = await created(
        shared_client, f"/courses/{course.id}/quizzes", teacher, quiz_body(questions=[true_false()])
    )
    premium_quiz = await created(
        shared_client,
        f"/courses/{course.id}/quizzes",
        teacher,
        quiz_body(questions=[true_false()], is_premium=True),
    )
    hidden_tutor = await tutor_maker(shared_client)(teacher, draft.id)
    ids = {
        "course": course.id,
        "draft": draft.id,
        "lesson": course.lesson_ids[0],
        "premium_lesson": course.lesson_ids[1],
        "draft_lesson": draft.lesson_ids[0],
        "hidden_quiz": hidden_quiz["id"],
        "quiz": quiz["id"],
        "premium_quiz": premium_quiz["id"],
        "hidden_tutor": hidden_tutor["id"],
    }
    return World(accounts, ids)


Row = tuple[str, dict[str, Any], dict[str, str]]
ROWS: list[Row] = [
    ("search_courses", {"q": "course"}, each(OK)),
    ("get_course", {"course_id": "{course}"}, each(OK)),
    ("get_course", {"course_id": "{draft}"}, editors("NOT_FOUND")),
    ("get_lesson", {"lesson_id": "{lesson}"}, each(OK)),
    (
        "get_lesson",
        {"lesson_id": "{premium_lesson}"},
        each(OK, student="PREMIUM_REQUIRED", other_instructor="PREMIUM_REQUIRED"),
    ),
    ("get_lesson", {"lesson_id": "{draft_lesson}"}, editors("NOT_FOUND")),
    ("get_progress", {}, each(OK)),
    ("get_progress", {"course_id": "{course}"}, each(OK)),
    ("get_progress", {"course_id": "{draft}"}, editors("NOT_FOUND")),
    ("list_quizzes", {"course_id": "{course}"}, each(OK)),
    ("list_quizzes", {"course_id": "{draft}"}, editors("NOT_FOUND")),
    ("get_quiz", {"quiz_id": "{quiz}"}, each(OK)),
    (
        "get_quiz",
        {"quiz_id": "{premium_quiz}"},
        each(OK, student="PREMIUM_REQUIRED", other_instructor="PREMIUM_REQUIRED"),
    ),
    ("get_quiz", {"quiz_id": "{hidden_quiz}"}, editors("NOT_FOUND")),
    ("get_mastery", {"course_id": "{course}"}, each(OK)),
    ("get_mastery", {"course_id": "{draft}"}, editors("NOT_FOUND")),
    (
        "complete_lesson",
        {"lesson_id": "{draft_lesson}"},
        each("NOT_FOUND", course_instructor="", admin=""),
    ),
    (
        "complete_lesson",
        {"lesson_id": "{premium_lesson}"},
        each("", student="PREMIUM_REQUIRED", other_instructor="PREMIUM_REQUIRED"),
    ),
    (
        "submit_quiz",
        {"quiz_id": "{hidden_quiz}", "answers": {}},
        each("NOT_FOUND", course_instructor="", admin=""),
    ),
    (
        "ask_tutor",
        {"tutor_id": "{hidden_tutor}", "question": "Hello?"},
        each("VALIDATION_ERROR", course_instructor="", admin=""),
    ),
]
CASES = [
    pytest.param(tool, arguments, actor, outcome, id=f"{tool}-{index}-{actor}")
    for index, (tool, arguments, outcomes) in enumerate(ROWS)
    for actor, outcome in outcomes.items()
    if outcome  # "": the call would change something; the REST tests cover it
]


def _filled(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {key: _filled(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize(("tool", "arguments", "actor", "outcome"), CASES)
async def test_tool_answers_each_caller_as_rest_would(
    client: Client, world: World, tool: str, arguments: dict[str, Any], actor: str, outcome: str
) -> None:
    account = world.accounts.get(actor)
    headers = {"Accept": "application/json, text/event-stream"}
    if account is not None:
        headers.update(account.headers)
    call = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": tool, "arguments": _filled(arguments, world.ids)},
    }
    response = await client.post("/mcp", json=call, headers=headers)
    if outcome == "401":
        assert response.status_code == 401
        assert response.json()["error_code"] == "UNAUTHENTICATED"
        return
    assert response.status_code == 200, response.text
    result = response.json()["result"]
    if outcome == OK:
        assert not result.get("isError"), result
        assert isinstance(result["structuredContent"], dict)
    else:
        assert result["isError"] is True
        assert result["structuredContent"]["error_code"] == outcome
