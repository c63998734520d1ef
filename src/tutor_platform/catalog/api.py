"""The catalog's public face: what other contexts (progress, tutoring, assessment, media,
integrations) may use.

Everything here is plain frozen data; no ORM object or entity leaves the context. Reads do
not apply the visibility policy (callers are trusted code that applies its own rules, e.g.
with ``can_view_course``); ``replace_lesson_content`` applies the edit rules.
"""

from collections.abc import Collection
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.application.create_lesson import CreateLesson, NewLesson
from tutor_platform.catalog.application.get_course_outline import GetCourseOutline
from tutor_platform.catalog.application.get_lesson import GetLesson
from tutor_platform.catalog.application.get_section import GetSection
from tutor_platform.catalog.application.retrieve_passages import RetrievePassages, retrieved
from tutor_platform.catalog.application.search_catalog import SearchCatalog
from tutor_platform.catalog.application.search_relevant_lessons import SearchRelevantLessons
from tutor_platform.catalog.application.update_lesson import LessonChanges, UpdateLesson
from tutor_platform.catalog.domain import access
from tutor_platform.catalog.domain.access import (
    can_view_course,
    ensure_can_edit_course,
    ensure_can_read_lesson_content,
)
from tutor_platform.catalog.domain.catalog import Course, CourseOutline, Lesson
from tutor_platform.catalog.domain.errors import (
    CourseNotFound,
    LessonNotFound,
    NotCourseEditor,
    SectionNotFound,
)
from tutor_platform.catalog.domain.passages import RetrievedPassage, query_terms
from tutor_platform.catalog.domain.search import ALL_KINDS, SearchHit
from tutor_platform.catalog.ports.passages import PassageIndex
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.shared.auth import Principal

__all__ = [
    "CatalogFacade",
    "CourseInfo",
    "CourseNotFound",
    "LearnerCatalogFacade",
    "LessonInfo",
    "LessonNotFound",
    "LessonPassage",
    "LessonRef",
    "OutlineInfo",
    "RetrievedPassage",
    "SearchHit",
    "SearchPage",
    "SectionOutline",
    "can_view_course",
    "ensure_can_edit_course",
    "ensure_can_read_lesson_content",
]


@dataclass(frozen=True, slots=True)
class CourseInfo:
    id: UUID
    title: str
    slug: str
    instructor_id: UUID
    is_published: bool
    subject: str
    difficulty: str
    prerequisites: tuple[str, ...]

    @classmethod
    def of(cls, course: Course) -> "CourseInfo":
        return cls(
            id=course.id,
            title=course.title,
            slug=course.slug,
            instructor_id=course.instructor_id,
            is_published=course.is_published,
            subject=course.subject,
            difficulty=course.difficulty,
            prerequisites=tuple(course.prerequisites),
        )


@dataclass(frozen=True, slots=True)
class LessonInfo:
    """A lesson with its Markdown content."""

    id: UUID
    course_id: UUID
    section_id: UUID
    title: str
    content: str
    position: int
    is_premium: bool
    estimated_minutes: int

    @classmethod
    def of(cls, lesson: Lesson) -> "LessonInfo":
        return cls(
            id=lesson.id,
            course_id=lesson.course_id,
            section_id=lesson.section_id,
            title=lesson.title,
            content=lesson.content,
            position=lesson.position,
            is_premium=lesson.is_premium,
            estimated_minutes=lesson.estimated_minutes,
        )


@dataclass(frozen=True, slots=True)
class LessonRef:
    id: UUID
    title: str
    position: int
    is_premium: bool


@dataclass(frozen=True, slots=True)
class SectionOutline:
    id: UUID
    title: str
    position: int
    lessons: tuple[LessonRef, ...]


@dataclass(frozen=True, slots=True)
class OutlineInfo:
    """A course with its sections and lessons, in reading order."""

    course: CourseInfo
    sections: tuple[SectionOutline, ...]

    @classmethod
    def of(cls, outline: CourseOutline) -> "OutlineInfo":
        return cls(
            course=CourseInfo.of(outline.course),
            sections=tuple(
                SectionOutline(
                    id=entry.section.id,
                    title=entry.section.title,
                    position=entry.section.position,
                    lessons=tuple(
                        LessonRef(x.id, x.title, x.position, x.is_premium) for x in entry.lessons
                    ),
                )
                for entry in outline.sections
            ),
        )


@dataclass(frozen=True, slots=True)
class LessonPassage:
    """A piece of a lesson's text relevant to a question."""

    lesson_id: UUID
    title: str
    text: str


class CatalogFacade:
    """Courses and lessons for other contexts."""

    def __init__(
        self,
        *,
        reader: CatalogReader,
        update_lesson: UpdateLesson,
        relevant_lessons: SearchRelevantLessons,
        retrieve_passages: RetrievePassages,
        passage_index: PassageIndex,
    ) -> None:
        self._reader = reader
        self._update_lesson = update_lesson
        self._relevant_lessons = relevant_lessons
        self._retrieve_passages = retrieve_passages
        self._passage_index = passage_index

    async def get_course(self, course_id: UUID) -> CourseInfo | None:
        course = await self._reader.course(course_id)
        return None if course is None else CourseInfo.of(course)

    async def get_lesson(self, lesson_id: UUID) -> LessonInfo | None:
        lesson = await self._reader.lesson(lesson_id)
        return None if lesson is None else LessonInfo.of(lesson)

    async def course_outline(self, course_id: UUID) -> OutlineInfo | None:
        outline = await self._reader.outline(course_id)
        return None if outline is None else OutlineInfo.of(outline)

    async def ordered_lessons(self, course_id: UUID) -> list[LessonInfo]:
        """Every lesson of the course with its content, in reading order ([] if unknown)."""
        return [LessonInfo.of(lesson) for lesson in await self._reader.ordered_lessons(course_id)]

    async def can_view_course(self, principal: Principal | None, course_id: UUID) -> bool:
        """Whether the course exists and the caller may see it (published, or theirs, or
        the caller is an admin)."""
        course = await self._reader.course(course_id)
        return course is not None and can_view_course(principal, course)

    async def visible_courses(
        self, principal: Principal | None, course_ids: Collection[UUID]
    ) -> set[UUID]:
        """Those of ``course_ids`` that exist and the caller may see (``can_view_course`` of
        each, in one query)."""
        if not course_ids:
            return set()
        courses = await self._reader.courses(course_ids)
        return {course.id for course in courses if can_view_course(principal, course)}

    async def can_edit_course(self, principal: Principal, course_id: UUID) -> bool:
        """Whether the course exists and the caller is its instructor or an admin."""
        course = await self._reader.course(course_id)
        return course is not None and access.is_course_editor(principal, course)

    async def editable_courses(
        self, principal: Principal, course_ids: Collection[UUID]
    ) -> set[UUID]:
        """Those of ``course_ids`` that exist and the caller may edit (``can_edit_course`` of
        each, in one query)."""
        if not course_ids:
            return set()
        courses = await self._reader.courses(course_ids)
        return {course.id for course in courses if access.is_course_editor(principal, course)}

    async def replace_lesson_content(
        self, principal: Principal, lesson_id: UUID, content: str
    ) -> LessonInfo:
        """Set a lesson's Markdown: ``LessonNotFound`` (404), ``NotCourseEditor`` (403) or
        ``ValidationFailed`` (422, too long) as for ``PATCH /lessons/{id}``."""
        lesson = await self._update_lesson.execute(
            principal, lesson_id, LessonChanges(content=content)
        )
        return LessonInfo.of(lesson)

    async def relevant_lessons(
        self, course_id: UUID, query: str, limit: int = 3
    ) -> list[LessonPassage]:
        """Up to ``limit`` lessons of the course (published or not) that best match any word of
        ``query``, with their whole text; the course's first lessons when none matches."""
        passages = await self._relevant_lessons.execute(course_id, query, limit)
        return [LessonPassage(p.lesson_id, p.title, p.text) for p in passages]

    async def retrieve_passages(
        self, course_id: UUID, query: str, limit: int = 5, *, include_premium: bool = True
    ) -> list[RetrievedPassage]:
        """Up to ``limit`` passages of the course (published or not), most relevant first; []
        when the query has no usable words, or the course has no passages.

        Hybrid: candidates from full-text search (code-aware: ``==``, ``//``, ``__name__`` are
        searchable) and from the cosine similarity of embeddings, fused by reciprocal rank,
        then ordered by relevance (``score``: ``shared.citations.relevance`` of ``similarity``
        and ``lexical``, the share of the question's content terms found in the passage, its
        lesson title or heading), which callers threshold. Passages of premium lessons are
        left out unless ``include_premium``."""
        return await self._retrieve_passages.execute(
            course_id, query, limit, include_premium=include_premium
        )

    async def lesson_passages(self, lesson_id: UUID) -> list[RetrievedPassage]:
        """A lesson's passages in reading order (score/similarity/lexical 0)."""
        return [
            retrieved(record) for record in await self._passage_index.lesson_passages(lesson_id)
        ]

    async def matching_courses(self, query: str, limit: int = 3) -> list[CourseInfo]:
        """Published courses whose full-text search matches the query (any of its content
        terms, in the courses' passages), best first (for "this course does not cover it, but
        course X may")."""
        terms = query_terms(query)
        if limit < 1 or not terms:
            return []
        found = []
        for course_id in await self._passage_index.matching_courses(terms, limit):
            course = await self._reader.course(course_id)
            if course is not None and course.is_published:
                found.append(CourseInfo.of(course))
        return found


@dataclass(frozen=True, slots=True)
class SearchPage:
    """Ranked hits of a catalog search (snippets withheld as ``GET /search`` does)."""

    items: tuple[SearchHit, ...]
    total: int


class LearnerCatalogFacade:
    """What a signed-in user may do with courses and lessons, through the same use cases and
    with the same rights and errors as the HTTP API (for integrations' MCP tools and Drive
    imports, and progress's lesson reads)."""

    def __init__(
        self,
        *,
        search_catalog: SearchCatalog,
        get_course_outline: GetCourseOutline,
        get_lesson: GetLesson,
        get_section: GetSection,
        create_lesson: CreateLesson,
        reader: CatalogReader,
    ) -> None:
        self._search_catalog = search_catalog
        self._get_course_outline = get_course_outline
        self._get_lesson = get_lesson
        self._get_section = get_section
        self._create_lesson = create_lesson
        self._reader = reader

    async def search(self, principal: Principal | None, text: str, limit: int) -> SearchPage:
        """``GET /search?q=&limit=``: published courses and lessons, best first (422 for a
        query without words)."""
        results = await self._search_catalog.execute(text, ALL_KINDS, limit, 0, principal)
        return SearchPage(tuple(results.items), results.total)

    async def course_outline(self, principal: Principal | None, course_id: UUID) -> OutlineInfo:
        """``GET /courses/{id}``: 404 for a course the caller may not see."""
        return OutlineInfo.of(await self._get_course_outline.execute(principal, course_id))

    async def lesson(self, principal: Principal | None, lesson_id: UUID) -> LessonInfo:
        """The lesson as ``GET /lessons/{id}`` shows it: 404 when hidden, 403
        PREMIUM_REQUIRED for a premium lesson the caller may not read (progress records the
        access)."""
        return LessonInfo.of(await self._get_lesson.execute(principal, lesson_id))

    async def section_course(self, principal: Principal, section_id: UUID) -> CourseInfo:
        """The course of a section the caller may edit: ``SectionNotFound`` (404) or
        ``NotCourseEditor`` (403) as for ``POST /sections/{id}/lessons``."""
        section = await self._get_section.execute(principal, section_id)
        course = await self._reader.course(section.course_id)
        if course is None:
            raise SectionNotFound()
        if not access.is_course_editor(principal, course):
            raise NotCourseEditor()
        return CourseInfo.of(course)

    async def add_lesson(
        self,
        principal: Principal,
        section_id: UUID,
        title: str,
        content: str,
        lesson_id: UUID | None = None,
    ) -> LessonInfo:
        """``POST /sections/{id}/lessons`` (appended; same errors). With ``lesson_id``, a
        lesson of that id made earlier is the answer instead of a second one."""
        lesson = await self._create_lesson.execute(
            principal, section_id, NewLesson(title=title, content=content, id=lesson_id)
        )
        return LessonInfo.of(lesson)
