"""The MCP tools of SPEC 6. Each one calls the same facade (and so the same use case) as the
REST route it mirrors, with the caller's principal: a tool can do nothing the caller could
not do over REST. Domain errors come back as tool errors (``isError: true``) in the REST
API's words, with ``error_code`` and ``detail`` (and ``errors`` for invalid fields) as
structured content. Submitting a quiz and asking a tutor count against the caller's
``quiz_submit`` and ``ai_messages`` rate limits, shared with the REST routes."""

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, cast
from uuid import UUID

from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from tutor_platform.assessment.api import AssessmentFacade
from tutor_platform.catalog.api import LearnerCatalogFacade
from tutor_platform.integrations.adapters.inbound.mcp.auth import current_principal
from tutor_platform.integrations.adapters.inbound.mcp.schemas import (
    AttemptOut,
    CitationOut,
    CourseOutlineOut,
    DriveFilesOut,
    LessonMasteryOut,
    LessonOut,
    MasteryOut,
    OptionOut,
    ProgressListOut,
    ProgressOut,
    QuestionKind,
    QuestionOut,
    QuizListOut,
    QuizOut,
    QuizToTakeOut,
    SearchOut,
    SectionOut,
    TutorAnswerOut,
)
from tutor_platform.integrations.application.list_drive_files import ListDriveFiles
from tutor_platform.progress.api import CourseProgressView, LearnerProgressFacade
from tutor_platform.shared.errors import DomainError, RateLimited, ValidationFailed
from tutor_platform.shared.ratelimit.limiter import RateLimiter
from tutor_platform.shared.ratelimit.policy import AI_MESSAGES, QUIZ_SUBMIT
from tutor_platform.tutoring.api import TutorChat

Model = TypeVar("Model", bound=BaseModel)
QUERY_MAX = 200
QUESTION_MAX = 8000
Answer = str | bool | list[str]
READ_ONLY = ToolAnnotations(read_only_hint=True, open_world_hint=False)
WRITES = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)


@dataclass(frozen=True, slots=True)
class ToolDependencies:
    """Callables returning the facades (resolved per call: tests override providers)."""

    catalog: Callable[[], LearnerCatalogFacade]
    progress: Callable[[], LearnerProgressFacade]
    assessment: Callable[[], AssessmentFacade]
    chat: Callable[[], TutorChat]
    drive_files: Callable[[], ListDriveFiles]
    rate_limiter: Callable[[], RateLimiter | None]


def error_result(exc: DomainError) -> CallToolResult:
    """A tool error with the REST API's words."""
    body: dict[str, Any] = {"error_code": exc.code, "detail": exc.detail}
    text = exc.detail
    if isinstance(exc, ValidationFailed) and exc.errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in exc.errors]
        text += " " + "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
    if isinstance(exc, RateLimited):
        body["retry_after"] = exc.retry_after
    return CallToolResult(
        content=[TextContent(type="text", text=text)], structured_content=body, is_error=True
    )


async def answer(work: Awaitable[Model]) -> CallToolResult:
    """The tool's result as structured content (and its JSON as text), or a tool error."""
    try:
        result = await work
    except DomainError as exc:
        return error_result(exc)
    data = result.model_dump(mode="json")
    return CallToolResult(
        content=[TextContent(type="text", text=json.dumps(data, ensure_ascii=False))],
        structured_content=data,
    )


def _progress(view: CourseProgressView) -> ProgressOut:
    return ProgressOut(
        course_id=view.course_id,
        completed_lesson_ids=list(view.completed_lesson_ids),
        completed=view.completed,
        total=view.total,
        percent=view.percent,
        quiz_scores={str(quiz_id): score for quiz_id, score in view.quiz_scores.items()},
        last_accessed_at=view.last_accessed_at,
        streak_days=view.streak_days,
        longest_streak_days=view.longest_streak_days,
        minutes=view.minutes,
    )


def _out(model: type[Model], source: object) -> Model:
    """``model`` from the attributes of ``source`` (fields of the same names, nested too)."""
    return model.model_validate(source, from_attributes=True)


class LearningTools:
    """Tools over the caller's courses, lessons, quizzes, progress and tutors."""

    def __init__(self, deps: ToolDependencies) -> None:
        self._deps = deps

    async def _limit(self, group: str) -> None:
        """One hit of the caller in a REST rate-limit group (``RateLimited`` when over)."""
        limiter = self._deps.rate_limiter()
        if limiter is None:
            return
        decision = await limiter.check(group, f"user:{current_principal().user_id}")
        if not decision.allowed:
            raise RateLimited(decision.reset_after)

    async def search_courses(self, q: str, limit: int) -> SearchOut:
        page = await self._deps.catalog().search(current_principal(), q, limit)
        return _out(SearchOut, page)

    async def get_course(self, course_id: UUID) -> CourseOutlineOut:
        outline = await self._deps.catalog().course_outline(current_principal(), course_id)
        course = outline.course
        return CourseOutlineOut(
            id=course.id,
            title=course.title,
            slug=course.slug,
            subject=course.subject,
            difficulty=course.difficulty,
            prerequisites=list(course.prerequisites),
            is_published=course.is_published,
            instructor_id=course.instructor_id,
            sections=[_out(SectionOut, section) for section in outline.sections],
        )

    async def get_lesson(self, lesson_id: UUID) -> LessonOut:
        return _out(
            LessonOut, await self._deps.progress().read_lesson(current_principal(), lesson_id)
        )

    async def get_progress(self, course_id: UUID | None) -> ProgressListOut:
        learner, principal = self._deps.progress(), current_principal()
        if course_id is None:
            views = await learner.all_progress(principal)
        else:
            views = [await learner.course_progress(principal, course_id)]
        return ProgressListOut(items=[_progress(view) for view in views])

    async def complete_lesson(self, lesson_id: UUID) -> ProgressOut:
        view = await self._deps.progress().complete_lesson(current_principal(), lesson_id)
        return _progress(view)

    async def list_quizzes(self, course_id: UUID) -> QuizListOut:
        quizzes = await self._deps.assessment().list_quizzes(current_principal(), course_id)
        return QuizListOut(items=[_out(QuizOut, quiz) for quiz in quizzes])

    async def get_quiz(self, quiz_id: UUID) -> QuizToTakeOut:
        quiz = await self._deps.assessment().get_quiz(current_principal(), quiz_id)
        return QuizToTakeOut(
            id=quiz.id,
            course_id=quiz.course_id,
            lesson_id=quiz.lesson_id,
            title=quiz.title,
            passing_score=quiz.passing_score,
            is_premium=quiz.is_premium,
            max_attempts=quiz.max_attempts,
            max_points=quiz.max_points,
            questions=[
                QuestionOut(
                    id=q.id,
                    kind=cast(QuestionKind, q.kind),
                    prompt=q.prompt,
                    points=q.points,
                    lesson_id=q.lesson_id,
                    options=[OptionOut(id=o.id, text=o.text) for o in q.options] or None,
                )
                for q in quiz.questions
            ],
        )

    async def submit_quiz(self, quiz_id: UUID, answers: dict[str, Answer]) -> AttemptOut:
        await self._limit(QUIZ_SUBMIT)
        score = await self._deps.assessment().submit_quiz(current_principal(), quiz_id, answers)
        return _out(AttemptOut, score)

    async def get_mastery(self, course_id: UUID) -> MasteryOut:
        lessons = await self._deps.assessment().get_mastery(current_principal(), course_id)
        return MasteryOut(items=[_out(LessonMasteryOut, lesson) for lesson in lessons])

    async def ask_tutor(
        self, tutor_id: UUID, question: str, session_id: UUID | None
    ) -> TutorAnswerOut:
        await self._limit(AI_MESSAGES)
        reply = await self._deps.chat().ask(current_principal(), tutor_id, question, session_id)
        return TutorAnswerOut(
            session_id=reply.session_id,
            message_id=reply.message_id,
            answer=reply.content,
            citations=[_out(CitationOut, citation) for citation in reply.citations],
        )

    async def list_drive_files(self, q: str | None) -> DriveFilesOut:
        found = await self._deps.drive_files().execute(current_principal(), q)
        return _out(DriveFilesOut, found)


def register_learning_tools(server: MCPServer, tools: LearningTools) -> None:
    """Add the learning tools, each with its input and output JSON schema."""

    @server.tool(annotations=READ_ONLY)
    async def search_courses(
        q: Annotated[str, Field(min_length=1, max_length=QUERY_MAX, description="Words to find.")],
        limit: Annotated[int, Field(ge=1, le=100)] = 20,
    ) -> Annotated[CallToolResult, SearchOut]:
        """Search the published courses and lessons, best match first (as GET /search)."""
        return await answer(tools.search_courses(q, limit))

    @server.tool(annotations=READ_ONLY)
    async def get_course(course_id: UUID) -> Annotated[CallToolResult, CourseOutlineOut]:
        """A course's outline: its sections and lesson titles in reading order."""
        return await answer(tools.get_course(course_id))

    @server.tool(annotations=READ_ONLY)
    async def get_lesson(lesson_id: UUID) -> Annotated[CallToolResult, LessonOut]:
        """A lesson with its Markdown content (premium lessons need a premium plan)."""
        return await answer(tools.get_lesson(lesson_id))

    @server.tool(annotations=READ_ONLY)
    async def get_progress(
        course_id: UUID | None = None,
    ) -> Annotated[CallToolResult, ProgressListOut]:
        """The caller's progress in one course, or in every course they started."""
        return await answer(tools.get_progress(course_id))

    @server.tool(annotations=WRITES)
    async def complete_lesson(lesson_id: UUID) -> Annotated[CallToolResult, ProgressOut]:
        """Mark a lesson completed for the caller (idempotent); answers the course progress."""
        return await answer(tools.complete_lesson(lesson_id))

    @server.tool(annotations=READ_ONLY)
    async def list_quizzes(course_id: UUID) -> Annotated[CallToolResult, QuizListOut]:
        """The quizzes of a course that the caller may take."""
        return await answer(tools.list_quizzes(course_id))

    @server.tool(annotations=READ_ONLY)
    async def get_quiz(quiz_id: UUID) -> Annotated[CallToolResult, QuizToTakeOut]:
        """A quiz to take: its questions and choices (never the answers), as GET /quizzes/{id}."""
        return await answer(tools.get_quiz(quiz_id))

    @server.tool(annotations=WRITES)
    async def submit_quiz(
        quiz_id: UUID,
        answers: Annotated[
            dict[str, Answer],
            Field(
                description=(
                    "Answer per question id: an option id (single choice), a list of option "
                    "ids (multiple choice), true/false, or text (short answer, free text)."
                )
            ),
        ],
    ) -> Annotated[CallToolResult, AttemptOut]:
        """Submit answers to a quiz as one attempt; answers the score."""
        return await answer(tools.submit_quiz(quiz_id, answers))

    @server.tool(annotations=WRITES)
    async def ask_tutor(
        tutor_id: UUID,
        question: Annotated[str, Field(min_length=1, max_length=QUESTION_MAX)],
        session_id: Annotated[
            UUID | None, Field(description="Continue this conversation (else a new one).")
        ] = None,
    ) -> Annotated[CallToolResult, TutorAnswerOut]:
        """Ask a course tutor; the answer cites the course passages it rests on."""
        return await answer(tools.ask_tutor(tutor_id, question, session_id))

    @server.tool(annotations=READ_ONLY)
    async def get_mastery(course_id: UUID) -> Annotated[CallToolResult, MasteryOut]:
        """The caller's mastery of each lesson of a course (BKT), with its evidence."""
        return await answer(tools.get_mastery(course_id))

    @server.tool(annotations=READ_ONLY)
    async def list_drive_files(
        q: Annotated[
            str | None, Field(max_length=QUERY_MAX, description="Words in the file name.")
        ] = None,
    ) -> Annotated[CallToolResult, DriveFilesOut]:
        """The caller's Google Drive files (once they connected Drive in the platform)."""
        return await answer(tools.list_drive_files(q))
