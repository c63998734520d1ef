"""Quizzes: written by the course's instructor or an admin, taken by signed-in learners.

``/courses/{id}/quizzes`` (list, create), ``/quizzes/{id}`` (read to take, change, delete),
``/quizzes/{id}/authoring`` (with answers, for authors) and ``/quizzes/{id}/attempts``.
"""

from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from tutor_platform.assessment.adapters.inbound.http.attempt_schemas import (
    AttemptListResponse,
    AttemptRequest,
    AttemptResponse,
)
from tutor_platform.assessment.adapters.inbound.http.authoring_schemas import (
    QuizAuthoringResponse,
    QuizCreate,
    QuizPatch,
)
from tutor_platform.assessment.adapters.inbound.http.params import (
    INSTRUCTORS,
    QUIZ_SUBMISSION,
)
from tutor_platform.assessment.adapters.inbound.http.review_schemas import (
    GradeRequest,
    ReviewItemResponse,
    ReviewQueueResponse,
)
from tutor_platform.assessment.adapters.inbound.http.taker_schemas import (
    QuizListResponse,
    QuizResponse,
    QuizSummaryResponse,
)
from tutor_platform.assessment.application.create_quiz import CreateQuiz
from tutor_platform.assessment.application.delete_quiz import DeleteQuiz
from tutor_platform.assessment.application.get_quiz import GetQuiz
from tutor_platform.assessment.application.get_quiz_for_authoring import GetQuizForAuthoring
from tutor_platform.assessment.application.list_attempts import ListAttempts
from tutor_platform.assessment.application.list_course_quizzes import ListCourseQuizzes
from tutor_platform.assessment.application.review_answers import GradeAnswer, ListReviewQueue
from tutor_platform.assessment.application.submit_attempt import SubmitAttempt
from tutor_platform.assessment.application.update_quiz import UpdateQuiz
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

QuizId = FromPath[UUID]
CourseId = FromPath[UUID]


class CourseQuizzesController(Controller):
    path = "/courses/{course_id:uuid}/quizzes"
    security = BEARER_SECURITY

    @get("/", responses=error_responses(401, 404, 422))
    async def list_course_quizzes(
        self,
        course_id: CourseId,
        principal: NamedDependency[Principal],
        list_course_quizzes: Provided[ListCourseQuizzes],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> QuizListResponse:
        """The course's quizzes, oldest first, without their questions. Premium quizzes are
        listed for everyone (``is_premium``); taking one needs a premium plan."""
        page = await list_course_quizzes.execute(principal, course_id, PageRequest(limit, offset))
        items = [QuizSummaryResponse.of(item) for item in page.items]
        return PageResponse(items, page.total, page.limit, page.offset)

    @post("/", guards=INSTRUCTORS, responses=error_responses(403, 404, 422))
    async def create_quiz(
        self,
        course_id: CourseId,
        data: JSONBody[QuizCreate],
        principal: NamedDependency[Principal],
        create_quiz: Provided[CreateQuiz],
    ) -> QuizAuthoringResponse:
        """Write a quiz for the course (its instructor or an admin; others 403)."""
        quiz = await create_quiz.execute(principal, course_id, data.command())
        return convert(quiz, QuizAuthoringResponse)


class QuizzesController(Controller):
    path = "/quizzes"
    security = BEARER_SECURITY

    @get("/{quiz_id:uuid}", responses=error_responses(401, 403, 404))
    async def get_quiz(
        self,
        quiz_id: QuizId,
        principal: NamedDependency[Principal],
        get_quiz: Provided[GetQuiz],
    ) -> QuizResponse:
        """A quiz to take: its questions and options, never the answers (403
        PREMIUM_REQUIRED for a premium quiz and a free plan)."""
        return convert(await get_quiz.execute(principal, quiz_id), QuizResponse)

    @get(
        "/{quiz_id:uuid}/authoring",
        guards=INSTRUCTORS,
        responses=error_responses(401, 403, 404),
    )
    async def get_quiz_for_authoring(
        self,
        quiz_id: QuizId,
        principal: NamedDependency[Principal],
        get_quiz_for_authoring: Provided[GetQuizForAuthoring],
    ) -> QuizAuthoringResponse:
        """The quiz with correct answers, rubrics and explanations (the course's instructor
        or an admin)."""
        quiz = await get_quiz_for_authoring.execute(principal, quiz_id)
        return convert(quiz, QuizAuthoringResponse)

    @patch("/{quiz_id:uuid}", guards=INSTRUCTORS, responses=error_responses(403, 404, 422))
    async def update_quiz(
        self,
        quiz_id: QuizId,
        data: JSONBody[QuizPatch],
        principal: NamedDependency[Principal],
        update_quiz: Provided[UpdateQuiz],
    ) -> QuizAuthoringResponse:
        """Change a quiz; ``questions`` replaces them all (past attempts keep their results)."""
        quiz = await update_quiz.execute(principal, quiz_id, data.changes())
        return convert(quiz, QuizAuthoringResponse)

    @delete(
        "/{quiz_id:uuid}",
        guards=INSTRUCTORS,
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(403, 404),
    )
    async def delete_quiz(
        self,
        quiz_id: QuizId,
        principal: NamedDependency[Principal],
        delete_quiz: Provided[DeleteQuiz],
    ) -> None:
        """Delete a quiz with its attempts."""
        await delete_quiz.execute(principal, quiz_id)

    @post(
        "/{quiz_id:uuid}/attempts",
        opt=QUIZ_SUBMISSION,
        responses=error_responses(401, 403, 404, 409, 422, 429, 502),
    )
    async def submit_attempt(
        self,
        quiz_id: QuizId,
        data: JSONBody[AttemptRequest],
        principal: NamedDependency[Principal],
        submit_attempt: Provided[SubmitAttempt],
    ) -> AttemptResponse:
        """Submit answers: graded at once (free text by the AI). 409 past ``max_attempts``;
        422 for an unknown question or an answer of the wrong type, and nothing is stored."""
        return AttemptResponse.of(await submit_attempt.execute(principal, quiz_id, data.answers))

    @get("/{quiz_id:uuid}/attempts", responses=error_responses(401, 404, 422))
    async def list_attempts(
        self,
        quiz_id: QuizId,
        principal: NamedDependency[Principal],
        list_attempts: Provided[ListAttempts],
        user_id: Annotated[
            UUID | None,
            QueryParameter(description="Only this user's (the course's instructor, admins)."),
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> AttemptListResponse:
        """Attempts, newest first: your own; the course's instructor and admins see
        everyone's."""
        page = await list_attempts.execute(principal, quiz_id, user_id, PageRequest(limit, offset))
        items = [AttemptResponse.of(attempt) for attempt in page.items]
        return PageResponse(items, page.total, page.limit, page.offset)

    @get("/{quiz_id:uuid}/review", guards=INSTRUCTORS, responses=error_responses(401, 403, 404))
    async def list_review_queue(
        self,
        quiz_id: QuizId,
        principal: NamedDependency[Principal],
        list_review_queue: Provided[ListReviewQueue],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> ReviewQueueResponse:
        """The answers that need a person's grade, oldest attempt first (the course's
        instructor or an admin)."""
        page = await list_review_queue.execute(principal, quiz_id, PageRequest(limit, offset))
        items = [ReviewItemResponse.of(item) for item in page.items]
        return PageResponse(items, page.total, page.limit, page.offset)


class AttemptsController(Controller):
    path = "/attempts"
    security = BEARER_SECURITY

    @put(
        "/{attempt_id:uuid}/results/{question_id:uuid}",
        guards=INSTRUCTORS,
        responses=error_responses(401, 403, 404, 422),
    )
    async def grade_answer(
        self,
        attempt_id: FromPath[UUID],
        question_id: FromPath[UUID],
        data: JSONBody[GradeRequest],
        principal: NamedDependency[Principal],
        grade_answer: Provided[GradeAnswer],
    ) -> AttemptResponse:
        """Grade one answer by hand (the course's instructor or an admin): the attempt's
        score, ``passed`` and ``status`` and the learner's best score are recomputed."""
        attempt = await grade_answer.execute(principal, attempt_id, question_id, data.grade())
        return AttemptResponse.of(attempt)
