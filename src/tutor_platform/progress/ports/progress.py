"""Storage of learners' course progress: completions, course activity and quiz scores.

It also reads the little it needs of the catalog (who owns a course, whether it is
published, which lessons it has), so progress is always counted against the course as it
is now. Repositories never commit: the unit of work does.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True, slots=True)
class TrackedCourse:
    """A course as progress sees it: enough for the visibility policy."""

    id: UUID
    instructor_id: UUID
    is_published: bool


@dataclass(frozen=True, slots=True)
class TrackedLesson:
    """A lesson and its course: enough for the visibility and premium policies."""

    id: UUID
    course: TrackedCourse
    is_premium: bool


@dataclass(frozen=True, slots=True)
class CourseActivity:
    """A course the learner started: when, and when they last opened or completed a lesson."""

    course: TrackedCourse
    started_at: datetime
    last_accessed_at: datetime | None


@dataclass(frozen=True, slots=True)
class CourseStanding:
    """A course, the learner's activity in it (``None``: not started) and how many lessons it
    has now: what one course's progress needs besides the completions, read at once."""

    course: TrackedCourse
    activity: CourseActivity | None
    lessons: int


class ProgressRepository(Protocol):
    async def course(self, course_id: UUID) -> TrackedCourse | None: ...

    async def lesson(self, lesson_id: UUID) -> TrackedLesson | None: ...

    async def complete(self, user_id: UUID, lesson: TrackedLesson, at: datetime) -> bool:
        """Mark the lesson completed; false (and nothing changed) when it already was."""
        ...

    async def uncomplete(self, user_id: UUID, lesson_id: UUID) -> bool:
        """Forget a completion; false when there was none."""
        ...

    async def touch_course(
        self, user_id: UUID, course_id: UUID, at: datetime, *, accessed: bool
    ) -> None:
        """Record that the learner started the course (once; ``started_at`` keeps the first
        time) and, when ``accessed``, that they used it at ``at`` (``last_accessed_at``)."""
        ...

    async def started_courses(self, user_id: UUID) -> list[CourseActivity]:
        """Every course the learner started, the most recently accessed first (courses
        never accessed last), then the most recently started first."""
        ...

    async def course_standing(self, user_id: UUID, course_id: UUID) -> CourseStanding | None:
        """The course with the learner's activity and its lesson count (one statement on
        SQL); ``None`` when the course is unknown."""
        ...

    async def lesson_counts(self, course_ids: list[UUID]) -> dict[UUID, int]:
        """How many lessons each course has now (absent: none)."""
        ...

    async def completed_lessons(
        self, user_id: UUID, course_ids: list[UUID]
    ) -> dict[UUID, list[UUID]]:
        """Per course, the completed lessons that are still in it, in course order."""
        ...

    async def record_quiz_score(
        self,
        user_id: UUID,
        course_id: UUID,
        quiz_id: UUID,
        score: float,
        at: datetime,
        *,
        replace: bool = False,
    ) -> None:
        """Keep the best score of the learner in that quiz, atomically (no lost update);
        ``replace``: ``score`` is the new best (it was recomputed, maybe lower)."""
        ...

    async def quiz_scores(
        self, user_id: UUID, course_ids: list[UUID]
    ) -> dict[UUID, dict[UUID, float]]:
        """Per course, the best score of each quiz the learner took."""
        ...
