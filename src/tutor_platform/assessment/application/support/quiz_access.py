"""Who may see, take and write a quiz, asking the learning context about its course."""

from dataclasses import replace
from uuid import UUID

from tutor_platform.assessment.domain.access import ensure_can_take
from tutor_platform.assessment.domain.errors import CourseNotFound, NotCourseEditor, QuizNotFound
from tutor_platform.assessment.domain.quiz import Question, Quiz
from tutor_platform.assessment.ports.courses import CourseCatalog
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.validation import FieldChecks


class QuizAccess:
    """The rules of ``domain.access`` with the course facts they need."""

    def __init__(self, catalog: CourseCatalog) -> None:
        self._catalog = catalog

    async def edits_course(self, principal: Principal, course_id: UUID) -> bool:
        return await self._catalog.can_edit(principal, course_id)

    async def ensure_course_visible(self, principal: Principal, course_id: UUID) -> None:
        """``CourseNotFound`` (404) when the course is unknown or hidden from the caller."""
        if not await self._catalog.can_view(principal, course_id):
            raise CourseNotFound()

    async def ensure_course_editor(self, principal: Principal, course_id: UUID) -> None:
        """404 for an unknown course, 403 unless the caller is its instructor or an admin."""
        if await self._catalog.course(course_id) is None:
            raise CourseNotFound()
        if not await self._catalog.can_edit(principal, course_id):
            raise NotCourseEditor()

    async def visible(self, principal: Principal, quiz: Quiz | None) -> Quiz:
        """The quiz, or ``QuizNotFound`` (404) when there is none or its course is hidden."""
        if quiz is None or not await self._catalog.can_view(principal, quiz.course_id):
            raise QuizNotFound()
        return quiz

    async def takeable(self, principal: Principal, quiz: Quiz | None) -> Quiz:
        """A visible quiz the caller may take (403 PREMIUM_REQUIRED otherwise)."""
        visible = await self.visible(principal, quiz)
        edits = await self._catalog.can_edit(principal, visible.course_id)
        ensure_can_take(principal, visible, edits_course=edits)
        return visible

    async def editable(self, principal: Principal, quiz: Quiz | None) -> Quiz:
        """A quiz the caller may change: 404 when unknown, 403 unless they edit its course."""
        if quiz is None:
            raise QuizNotFound()
        if not await self._catalog.can_edit(principal, quiz.course_id):
            raise NotCourseEditor()
        return quiz

    async def authoring_view(self, principal: Principal, quiz: Quiz | None) -> Quiz:
        """For reading answers and rubrics: 404 when the course is hidden from the caller,
        403 unless they edit it."""
        visible = await self.visible(principal, quiz)
        return await self.editable(principal, visible)

    async def lesson_problem(self, course_id: UUID, lesson_id: UUID) -> str | None:
        lesson = await self._catalog.lesson(lesson_id)
        if lesson is None or lesson.course_id != course_id:
            return "must be a lesson of the quiz's course"
        return None

    async def with_lessons(
        self,
        course_id: UUID,
        quiz_lesson_id: UUID | None,
        questions: tuple[Question, ...],
        checks: FieldChecks,
    ) -> tuple[Question, ...]:
        """The questions with their lesson: the one the author named (which must be a lesson
        of the course: 422 ``questions[i].lesson_id``), else the quiz's."""
        problems: dict[UUID, str | None] = {}
        resolved = []
        for index, question in enumerate(questions):
            lesson_id = question.lesson_id
            if lesson_id is None:
                resolved.append(replace(question, lesson_id=quiz_lesson_id))
                continue
            if lesson_id not in problems:
                problems[lesson_id] = await self.lesson_problem(course_id, lesson_id)
            checks.check(f"questions[{index}].lesson_id", problems[lesson_id])
            resolved.append(question)
        return tuple(resolved)
