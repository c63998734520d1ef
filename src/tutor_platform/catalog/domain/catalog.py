"""The catalog's entities: a course is made of sections, a section of lessons.

Positions are 1-based and dense within their parent (see ``positions``). Read models of the
outline (``CourseOutline``) carry lesson summaries, never lesson content.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Final
from uuid import UUID

DEFAULT_ESTIMATED_MINUTES: Final = 10
PLACEMENT_FIELDS: Final = frozenset({"id", "course_id", "section_id", "position", "created_at"})
"""What an edit of a section or lesson leaves alone: its identity, its creation and its place
(moves and deletions renumber places on their own); an edit saves every other field."""


class Difficulty(StrEnum):
    """How much a course expects of its learners."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


DIFFICULTIES: Final = tuple(Difficulty)


@dataclass(slots=True)
class Course:
    """A course; ``instructor_id`` is the user who owns it."""

    id: UUID
    title: str
    slug: str
    instructor_id: UUID
    created_at: datetime
    updated_at: datetime
    description: str = ""
    subject: str = ""
    difficulty: Difficulty = Difficulty.BEGINNER
    prerequisites: list[str] = field(default_factory=list)
    is_published: bool = False
    cover_file_id: UUID | None = None


@dataclass(slots=True)
class Section:
    id: UUID
    course_id: UUID
    title: str
    position: int
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True)
class Lesson:
    """A lesson; ``content`` is Markdown. ``course_id`` is always its section's course."""

    id: UUID
    section_id: UUID
    course_id: UUID
    title: str
    position: int
    created_at: datetime
    updated_at: datetime
    content: str = ""
    estimated_minutes: int = DEFAULT_ESTIMATED_MINUTES
    is_premium: bool = False


@dataclass(frozen=True, slots=True)
class LessonSummary:
    """A lesson without its content, as listed in outlines and lesson lists."""

    id: UUID
    section_id: UUID
    course_id: UUID
    title: str
    position: int
    estimated_minutes: int
    is_premium: bool

    @classmethod
    def of(cls, lesson: Lesson) -> "LessonSummary":
        return cls(
            id=lesson.id,
            section_id=lesson.section_id,
            course_id=lesson.course_id,
            title=lesson.title,
            position=lesson.position,
            estimated_minutes=lesson.estimated_minutes,
            is_premium=lesson.is_premium,
        )


@dataclass(frozen=True, slots=True)
class SectionOutline:
    section: Section
    lessons: tuple[LessonSummary, ...]


@dataclass(frozen=True, slots=True)
class CourseOutline:
    """A course with its sections and their lessons, all in position order."""

    course: Course
    sections: tuple[SectionOutline, ...]

    @property
    def lessons(self) -> list[LessonSummary]:
        """Every lesson of the course in reading order (across section boundaries)."""
        return [lesson for section in self.sections for lesson in section.lessons]

    def adjacent_lesson_id(self, lesson_id: UUID, step: int) -> UUID | None:
        """The id ``step`` lessons after (negative: before) ``lesson_id``, if there is one."""
        ids = [lesson.id for lesson in self.lessons]
        if lesson_id not in ids:
            return None
        index = ids.index(lesson_id) + step
        return ids[index] if 0 <= index < len(ids) else None
