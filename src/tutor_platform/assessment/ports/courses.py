"""What assessment needs to know about courses and learners' progress (the learning context)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol
from uuid import UUID

from tutor_platform.shared.auth import Principal


@dataclass(frozen=True, slots=True)
class CourseFacts:
    id: UUID
    title: str


@dataclass(frozen=True, slots=True)
class LessonFacts:
    """A lesson with its Markdown text."""

    id: UUID
    course_id: UUID
    title: str
    content: str
    is_premium: bool


@dataclass(frozen=True, slots=True)
class PassageFacts:
    """A passage of a lesson (its Markdown and plain ``text``); ``similarity`` (-1..1) and
    ``lexical`` (the share of the query's words it holds) when retrieved for a query, else 0."""

    lesson_id: UUID
    course_id: UUID
    lesson_title: str
    heading: str | None
    markdown: str
    text: str
    similarity: float = 0.0
    lexical: float = 0.0


@dataclass(frozen=True, slots=True)
class LessonRef:
    id: UUID
    title: str


@dataclass(frozen=True, slots=True)
class SectionFacts:
    """A section of a course with its lessons, in order."""

    title: str
    lessons: tuple[LessonRef, ...]


class CourseCatalog(Protocol):
    async def course(self, course_id: UUID) -> CourseFacts | None:
        """The course, whoever may see it (None when unknown)."""
        ...

    async def can_view(self, principal: Principal | None, course_id: UUID) -> bool:
        """Whether the course exists and the caller may see it."""
        ...

    async def can_edit(self, principal: Principal, course_id: UUID) -> bool:
        """Whether the course exists and the caller is its instructor or an admin."""
        ...

    async def lesson(self, lesson_id: UUID) -> LessonFacts | None: ...

    async def sections(self, course_id: UUID) -> list[SectionFacts]:
        """The course's sections and lessons in reading order ([] when unknown)."""
        ...

    async def lesson_passages(self, lesson_id: UUID) -> list[PassageFacts]:
        """The lesson's passages in reading order ([] when it has none in the index yet)."""
        ...

    async def relevant_passages(
        self, course_id: UUID, query: str, limit: int
    ) -> list[PassageFacts]:
        """Up to ``limit`` passages of the course (premium lessons included), best first."""
        ...


class LearnerProgress(Protocol):
    async def completed_lessons(self, user_id: UUID, course_id: UUID) -> set[UUID]: ...

    async def record_best_score(
        self,
        user_id: UUID,
        course_id: UUID,
        quiz_id: UUID,
        score: Decimal,
        *,
        replace: bool = False,
    ) -> None:
        """Keep the learner's best score (0-1) in a quiz of the course for their progress;
        ``replace``: the score was recomputed and replaces the kept one even when lower."""
        ...
