"""Shared fixtures of the assessment HTTP tests: courses and quizzes made through the public
API, quiz bodies of every question kind, a snapshot of the assessment tables (to prove that a
refused request changed nothing), and AI doubles."""

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from dependency_injector import providers
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.catalog.conftest import CourseIds, MakeCourse, course_maker
from tests.unit.tutoring.doubles import OneModel, ScriptedModel
from tutor_platform.ai.api import UngradableAnswer
from tutor_platform.ai.ports.model import GradingRequest, RubricGrade
from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import (
    CourseMasteryParametersRow,
    PremiumQuotaCounterRow,
    PremiumUsageRow,
    QuizAttemptRow,
    QuizQuestionRow,
    QuizRow,
)
from tutor_platform.assessment.application.support.free_text_graders import AiFreeTextGrader
from tutor_platform.shared.errors import UpstreamFailed

API = "/api/v1"
Body = dict[str, Any]
MODEL_ANSWER = (
    "A bare except hides every bug; catching a specific exception lets the unexpected errors "
    "surface."
)
SECRET_KEYS = frozenset(
    {"correct_option_ids", "correct", "accepted_answers", "rubric", "explanation"}
)


def single_choice(**fields: Any) -> Body:
    return {
        "kind": "single_choice",
        "prompt": "What is `7 / 2`?",
        "points": 1,
        "explanation": "True division returns a float.",
        "options": [{"text": "3"}, {"text": "3.5"}, {"id": "four", "text": "4"}],
        "correct_option_ids": ["b"],
        **fields,
    }


def multiple_choice(**fields: Any) -> Body:
    return {
        "kind": "multiple_choice",
        "prompt": "Which values are falsy?",
        "points": 2,
        "explanation": "Zero and empty collections are falsy.",
        "options": [
            {"id": "zero", "text": "0"},
            {"id": "empty", "text": "[]"},
            {"id": "f", "text": "'False'"},
        ],
        "correct_option_ids": ["zero", "empty"],
        **fields,
    }


def true_false(**fields: Any) -> Body:
    return {
        "kind": "true_false",
        "prompt": "Strings are immutable.",
        "points": 1,
        "explanation": "True.",
        "correct": True,
        **fields,
    }


def short_answer(**fields: Any) -> Body:
    return {
        "kind": "short_answer",
        "prompt": "Which exception does `int('x')` raise?",
        "points": 1,
        "explanation": "ValueError.",
        "accepted_answers": ["ValueError"],
        **fields,
    }


def free_text(**fields: Any) -> Body:
    return {
        "kind": "free_text",
        "prompt": "Why catch a specific exception?",
        "points": 2,
        "explanation": "A bare except hides bugs.",
        "rubric": {
            "keywords": ["specific", "bug"],
            "guidance": "Mentions hidden bugs.",
            "model_answer": MODEL_ANSWER,
        },
        **fields,
    }


def every_kind() -> list[Body]:
    return [single_choice(), multiple_choice(), true_false(), short_answer(), free_text()]


def quiz_body(**fields: Any) -> Body:
    return {"title": "Checkpoint", "questions": every_kind(), **fields}


async def created(client: Client, path: str, who: Account, body: Body) -> Body:
    response = await client.post(API + path, json=body, headers=who.headers)
    assert response.status_code == 201, response.text
    made: Body = response.json()
    return made


MakeQuiz = Callable[..., Awaitable[Body]]


@pytest.fixture
def make_course(client: Client) -> MakeCourse:
    return course_maker(client)


@pytest.fixture
def make_quiz(client: Client) -> MakeQuiz:
    """``await make_quiz(author, course_id, **fields)``: the authoring view of a new quiz."""

    async def make(author: Account, course_id: str, **fields: Any) -> Body:
        return await created(client, f"/courses/{course_id}/quizzes", author, quiz_body(**fields))

    return make


@dataclass
class Classroom:
    """A published course by ``teacher`` with a quiz of every kind, and learners."""

    teacher: Account
    student: Account
    member: Account
    course: CourseIds
    quiz: Body

    def question(self, kind: str) -> str:
        return next(str(q["id"]) for q in self.quiz["questions"] if q["kind"] == kind)


@pytest.fixture
async def classroom(
    make_account: MakeAccount, make_course: MakeCourse, make_quiz: MakeQuiz
) -> Classroom:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    member = await make_account("member", plan="premium")
    course = await make_course(teacher, sections=2, lessons_per_section=2)
    quiz = await make_quiz(teacher, course.id, lesson_id=course.lesson_ids[0])
    return Classroom(teacher, student, member, course, quiz)


async def submit(
    client: Client, who: Account | None, quiz_id: str, answers: Body
) -> httpx.Response:
    return await client.post(
        f"{API}/quizzes/{quiz_id}/attempts",
        json={"answers": answers},
        headers=who.headers if who else {},
    )


Snapshot = Callable[[], Awaitable[list[tuple[Any, ...]]]]


@pytest.fixture
def snapshot(db_engine: AsyncEngine) -> Snapshot:
    """Every stored quiz, question, attempt, usage record, quota counter and course's mastery
    parameters."""

    async def take() -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        async with db_engine.connect() as connection:
            for row_type in (
                QuizRow,
                QuizQuestionRow,
                QuizAttemptRow,
                PremiumUsageRow,
                PremiumQuotaCounterRow,
                CourseMasteryParametersRow,
            ):
                table = row_type.__table__
                result = await connection.execute(select(table).order_by(*table.primary_key))
                rows.extend((table.name, *row) for row in result.all())
        return rows

    return take


class FailingModel(ScriptedModel):
    """A model whose every call fails upstream (grading included)."""

    def __init__(self) -> None:
        super().__init__(fail_after=0)
        self.grading_requests: list[GradingRequest] = []

    async def grade(self, request: GradingRequest) -> RubricGrade:
        self.grading_requests.append(request)
        raise UpstreamFailed("scripted failure")


class UngradingModel(ScriptedModel):
    """A remote model whose grades never validate (the provider is up)."""

    async def grade(self, request: GradingRequest) -> RubricGrade:
        raise UngradableAnswer("gemini")


@pytest.fixture
def ungrading_ai(app: Litestar) -> Iterator[None]:
    """The default provider is a remote one whose grades never validate."""
    container = app.state.container
    container.tutor_models.override(providers.Object(OneModel(UngradingModel())))
    container.free_text_grader.override(container.ai_grader)
    yield
    container.free_text_grader.reset_override()
    container.tutor_models.reset_override()


@pytest.fixture
def failing_ai(app: Litestar) -> Iterator[FailingModel]:
    """Every AI provider of the app fails."""
    model = FailingModel()
    container = app.state.container
    container.tutor_models.override(providers.Object(OneModel(model)))
    container.free_text_grader.override(
        providers.Object(AiFreeTextGrader(container.assessment_ai()))
    )
    yield model
    container.free_text_grader.reset_override()
    container.tutor_models.reset_override()
