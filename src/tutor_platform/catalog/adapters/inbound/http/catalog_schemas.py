"""Request and response bodies of the catalog's HTTP API: courses, sections, lessons."""

from datetime import datetime
from typing import Annotated, TypeVar
from uuid import UUID

import msgspec

from tutor_platform.catalog.application.create_course import NewCourse
from tutor_platform.catalog.application.get_adjacent_lesson import AdjacentLesson
from tutor_platform.catalog.domain.catalog import (
    DEFAULT_ESTIMATED_MINUTES,
    CourseOutline,
    Difficulty,
)
from tutor_platform.catalog.domain.slugs import MAX_SLUG_LENGTH, SLUG_REGEX
from tutor_platform.catalog.domain.validation import (
    MAX_CONTENT_LENGTH,
    MAX_DESCRIPTION_LENGTH,
    MAX_ESTIMATED_MINUTES,
    MAX_PREREQUISITE_LENGTH,
    MAX_PREREQUISITES,
    MAX_SUBJECT_LENGTH,
    MAX_TITLE_LENGTH,
    MIN_ESTIMATED_MINUTES,
)
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest
from tutor_platform.shared.http.responses import convert

MAX_BULK_ITEMS = 100
MAX_POSITION = 2**31 - 1
Title = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=MAX_TITLE_LENGTH,
        description="Trimmed; 1-200 characters, no control characters.",
    ),
]
Slug = Annotated[
    str,
    msgspec.Meta(
        max_length=MAX_SLUG_LENGTH,
        pattern=f"^{SLUG_REGEX}$",
        extra={"message": "must be lower-case words of a-z and 0-9 joined by single hyphens"},
        description=(
            "Unique. Lower-case words of a-z and 0-9 joined by single hyphens; "
            "derived from the title when a new course has none."
        ),
        examples=["practical-python"],
    ),
]
Description = Annotated[str, msgspec.Meta(max_length=MAX_DESCRIPTION_LENGTH)]
Subject = Annotated[
    str, msgspec.Meta(max_length=MAX_SUBJECT_LENGTH, description="Trimmed, e.g. `python`.")
]
Prerequisites = Annotated[
    list[Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_PREREQUISITE_LENGTH)]],
    msgspec.Meta(max_length=MAX_PREREQUISITES, description="At most 20 items, trimmed."),
]
Content = Annotated[
    str, msgspec.Meta(max_length=MAX_CONTENT_LENGTH, description="Markdown, at most 200,000.")
]
Minutes = Annotated[int, msgspec.Meta(ge=MIN_ESTIMATED_MINUTES, le=MAX_ESTIMATED_MINUTES)]
Position = Annotated[
    int,
    msgspec.Meta(
        ge=1,
        le=MAX_POSITION,
        description=(
            "1-based among the siblings: 1..n+1 to insert (omit on create to append), "
            "1..n to move (1..m+1 when a lesson enters another section)."
        ),
    ),
]
T = TypeVar("T")


class CourseCreate(StrictRequest):
    title: Title
    slug: Slug | None = None
    description: Description = ""
    subject: Subject = ""
    difficulty: Difficulty = Difficulty.BEGINNER
    prerequisites: Prerequisites = msgspec.field(default_factory=list)
    cover_file_id: UUID | None = None

    def command(self) -> NewCourse:
        return NewCourse(
            title=self.title,
            slug=self.slug,
            description=self.description,
            subject=self.subject,
            difficulty=self.difficulty,
            prerequisites=list(self.prerequisites),
            cover_file_id=self.cover_file_id,
        )


class CourseBulkCreate(StrictRequest):
    items: Annotated[
        list[CourseCreate],
        msgspec.Meta(
            min_length=1,
            max_length=MAX_BULK_ITEMS,
            description="1 to 100 courses, created together or not at all.",
        ),
    ]


class CoursePatch(StrictRequest):
    title: Title | msgspec.UnsetType = msgspec.UNSET
    slug: Slug | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType = msgspec.UNSET
    subject: Subject | msgspec.UnsetType = msgspec.UNSET
    difficulty: Difficulty | msgspec.UnsetType = msgspec.UNSET
    prerequisites: Prerequisites | msgspec.UnsetType = msgspec.UNSET
    cover_file_id: Annotated[
        UUID | msgspec.UnsetType | None, msgspec.Meta(description="null removes the cover.")
    ] = msgspec.UNSET


class SectionCreate(StrictRequest):
    title: Title
    position: Position | None = None


class SectionPatch(StrictRequest):
    title: Title | msgspec.UnsetType = msgspec.UNSET


class MoveRequest(StrictRequest):
    position: Position


class LessonCreate(StrictRequest):
    title: Title
    content: Content = ""
    estimated_minutes: Minutes = DEFAULT_ESTIMATED_MINUTES
    is_premium: bool = False
    position: Position | None = None


class LessonPatch(StrictRequest):
    title: Title | msgspec.UnsetType = msgspec.UNSET
    content: Content | msgspec.UnsetType = msgspec.UNSET
    estimated_minutes: Minutes | msgspec.UnsetType = msgspec.UNSET
    is_premium: bool | msgspec.UnsetType = msgspec.UNSET


class LessonMoveRequest(StrictRequest):
    position: Position
    section_id: Annotated[
        UUID | None,
        msgspec.Meta(description="Another section of the same course; omit to stay."),
    ] = None


class CourseResponse(msgspec.Struct, kw_only=True):
    id: UUID
    title: str
    slug: str
    description: str
    subject: str
    difficulty: Difficulty
    prerequisites: list[str]
    is_published: bool
    instructor_id: UUID
    cover_file_id: UUID | None
    created_at: datetime
    updated_at: datetime


CourseListResponse = Annotated[PageResponse[CourseResponse], named("CourseListResponse")]


class CourseBulkResponse(msgspec.Struct):
    items: list[CourseResponse]


class OutlineLesson(msgspec.Struct):
    id: UUID
    title: str
    position: int
    is_premium: bool
    estimated_minutes: int


class OutlineSection(msgspec.Struct):
    id: UUID
    title: str
    position: int
    lessons: list[OutlineLesson]


class CourseOutlineResponse(CourseResponse, kw_only=True):
    """The course with its sections and lessons (titles only, premium ones too)."""

    sections: list[OutlineSection]

    @classmethod
    def of_outline(cls, outline: CourseOutline) -> "CourseOutlineResponse":
        sections = [
            OutlineSection(
                id=entry.section.id,
                title=entry.section.title,
                position=entry.section.position,
                lessons=[
                    OutlineLesson(x.id, x.title, x.position, x.is_premium, x.estimated_minutes)
                    for x in entry.lessons
                ],
            )
            for entry in outline.sections
        ]
        return convert(outline.course, cls, sections=sections)


class SectionResponse(msgspec.Struct):
    id: UUID
    course_id: UUID
    title: str
    position: int
    created_at: datetime
    updated_at: datetime


SectionListResponse = Annotated[PageResponse[SectionResponse], named("SectionListResponse")]


class LessonSummaryResponse(msgspec.Struct):
    """A lesson without its content."""

    id: UUID
    section_id: UUID
    course_id: UUID
    title: str
    position: int
    estimated_minutes: int
    is_premium: bool


LessonSummaryListResponse = Annotated[
    PageResponse[LessonSummaryResponse], named("LessonSummaryListResponse")
]


class LessonResponse(msgspec.Struct):
    id: UUID
    section_id: UUID
    course_id: UUID
    title: str
    content: Annotated[str, msgspec.Meta(description="Markdown.")]
    position: int
    estimated_minutes: int
    is_premium: bool
    created_at: datetime
    updated_at: datetime


class AdjacentLessonResponse(msgspec.Struct):
    """The next or previous lesson; a premium lesson for a free reader comes ``locked``, with
    ``content`` null."""

    id: UUID
    section_id: UUID
    course_id: UUID
    title: str
    content: Annotated[str | None, msgspec.Meta(description="Markdown; null when locked.")]
    position: int
    estimated_minutes: int
    is_premium: bool
    locked: Annotated[
        bool, msgspec.Meta(description="The caller needs a premium plan to read this lesson.")
    ]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, adjacent: AdjacentLesson) -> "AdjacentLessonResponse":
        lesson, locked = adjacent.lesson, adjacent.locked
        return convert(lesson, cls, content=None if locked else lesson.content, locked=locked)
