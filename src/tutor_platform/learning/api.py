"""Learning's public face: what other contexts (tutoring, assessment, media) may use.

Everything here is plain frozen data; no ORM object or entity leaves the context. Reads do
not apply the visibility policy (callers are trusted code that applies its own rules, e.g.
with ``can_view_course``); ``replace_lesson_content`` applies the edit rules.
"""

from collections.abc import Collection
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.learning.application.add_study_time import AddStudyTime
from tutor_platform.learning.application.complete_lesson import CompleteLesson
from tutor_platform.learning.application.create_lesson import CreateLesson, NewLesson
from tutor_platform.learning.application.get_course_outline import GetCourseOutline
from tutor_platform.learning.application.get_course_progress import GetCourseProgress
from tutor_platform.learning.application.get_lesson import GetLesson
from tutor_platform.learning.application.get_section import GetSection
from tutor_platform.learning.application.get_study_time import GetStudyTime
from tutor_platform.learning.application.list_completed_lessons import ListCompletedLessons
from tutor_platform.learning.application.list_course_progress import ListCourseProgress
from tutor_platform.learning.application.record_lesson_access import RecordLessonAccess
from tutor_platform.learning.application.record_quiz_score import RecordQuizScore
from tutor_platform.learning.application.retrieve_passages import RetrievePassages, retrieved
from tutor_platform.learning.application.search_catalog import SearchCatalog
from tutor_platform.learning.application.search_relevant_lessons import SearchRelevantLessons
from tutor_platform.learning.application.set_study_time import SetStudyTime
from tutor_platform.learning.application.support.progress_views import CourseProgressView
from tutor_platform.learning.application.update_lesson import LessonChanges, UpdateLesson
from tutor_platform.learning.domain import access
from tutor_platform.learning.domain.catalog import Course, CourseOutline, Lesson
from tutor_platform.learning.domain.errors import NotCourseEditor, SectionNotFound
from tutor_platform.learning.domain.passages import RetrievedPassage, query_terms
from tutor_platform.learning.domain.search import ALL_KINDS, SearchHit
from tutor_platform.learning.domain.study_time import MAX_TOTAL_MINUTES
from tutor_platform.learning.ports.catalog_reader import CatalogReader
from tutor_platform.learning.ports.passages import PassageIndex
from tutor_platform.shared.auth import Principal

__all__ = [
    "MAX_TOTAL_MINUTES",
    "CourseInfo",
    "CourseProgressView",
    "LearnerFacade",
    "LearningFacade",
    "LessonInfo",
    "LessonPassage",
    "LessonRef",
    "OutlineInfo",
    "RetrievedPassage",
    "SearchHit",
    "SearchPage",
    "SectionOutline",
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


class LearningFacade:
    """Courses and lessons for other contexts."""

    def __init__(
        self,
        *,
        reader: CatalogReader,
        update_lesson: UpdateLesson,
        relevant_lessons: SearchRelevantLessons,
        record_quiz_score: RecordQuizScore,
        list_completed_lessons: ListCompletedLessons,
        record_lesson_access: RecordLessonAccess,
        get_study_time: GetStudyTime,
        set_study_time: SetStudyTime,
        add_study_time: AddStudyTime,
        retrieve_passages: RetrievePassages,
        passage_index: PassageIndex,
    ) -> None:
        self._reader = reader
        self._update_lesson = update_lesson
        self._relevant_lessons = relevant_lessons
        self._record_quiz_score = record_quiz_score
        self._list_completed_lessons = list_completed_lessons
        self._record_lesson_access = record_lesson_access
        self._get_study_time = get_study_time
        self._set_study_time = set_study_time
        self._add_study_time = add_study_time
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
        return course is not None and access.can_view_course(principal, course)

    async def visible_courses(
        self, principal: Principal | None, course_ids: Collection[UUID]
    ) -> set[UUID]:
        """Those of ``course_ids`` that exist and the caller may see (``can_view_course`` of
        each, in one query)."""
        if not course_ids:
            return set()
        courses = await self._reader.courses(course_ids)
        return {course.id for course in courses if access.can_view_course(principal, course)}

    async def can_edit_course(self, principal: Principal, course_id: UUID) -> bool:
        """Whether the course exists and the caller is its instructor or an admin."""
        course = await self._reader.course(course_id)
        return course is not None and access.is_course_editor(principal, course)

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

    async def record_quiz_score(
        self, user_id: UUID, course_id: UUID, quiz_id: UUID, score: float, *, replace: bool = False
    ) -> None:
        """Keep the learner's best score (0-1) in a quiz of the course, for their progress:
        ``CourseNotFound`` (404) for an unknown course, ``ValidationFailed`` (422) outside 0-1.
        ``replace``: the score is the recomputed best (after a grade by a person), kept even
        when lower."""
        await self._record_quiz_score.execute(user_id, course_id, quiz_id, score, replace=replace)

    async def completed_lesson_ids(self, user_id: UUID, course_id: UUID) -> set[UUID]:
        """The lessons of the course the learner completed (only those still in it)."""
        return await self._list_completed_lessons.execute(user_id, course_id)

    async def record_lesson_access(self, user_id: UUID, lesson_id: UUID) -> None:
        """Note that the learner opened the lesson (their course's ``last_accessed_at``);
        call it after showing them the lesson. An unknown lesson is ignored."""
        await self._record_lesson_access.execute(user_id, lesson_id)

    async def study_time(self, user_id: UUID, tutor_id: UUID) -> int:
        """The learner's minutes with the tutor (0 when none)."""
        return (await self._get_study_time.execute(user_id, tutor_id)).total_minutes

    async def set_study_time(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, total_minutes: int
    ) -> int:
        """Set the learner's minutes with the tutor of ``course_id`` (None, or a course since
        deleted: no course); a correction, not streak activity. ``ValidationFailed`` (422)
        outside 0..``MAX_TOTAL_MINUTES``."""
        view = await self._set_study_time.execute(user_id, tutor_id, course_id, total_minutes)
        return view.total_minutes

    async def add_study_time(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, minutes: int
    ) -> int:
        """Add (or take back) minutes atomically and answer the total; positive minutes are
        streak activity. ``ValidationFailed`` (422, nothing changed) for a total that would
        leave 0..``MAX_TOTAL_MINUTES``."""
        view = await self._add_study_time.execute(user_id, tutor_id, course_id, minutes)
        return view.total_minutes


@dataclass(frozen=True, slots=True)
class SearchPage:
    """Ranked hits of a catalog search (snippets withheld as ``GET /search`` does)."""

    items: tuple[SearchHit, ...]
    total: int


class LearnerFacade:
    """What a signed-in user may do with courses, lessons and progress, through the same use
    cases and with the same rights and errors as the HTTP API (for integrations' MCP tools
    and Drive imports)."""

    def __init__(
        self,
        *,
        search_catalog: SearchCatalog,
        get_course_outline: GetCourseOutline,
        get_lesson: GetLesson,
        record_lesson_access: RecordLessonAccess,
        get_course_progress: GetCourseProgress,
        list_course_progress: ListCourseProgress,
        complete_lesson: CompleteLesson,
        get_section: GetSection,
        create_lesson: CreateLesson,
        reader: CatalogReader,
    ) -> None:
        self._search_catalog = search_catalog
        self._get_course_outline = get_course_outline
        self._get_lesson = get_lesson
        self._record_lesson_access = record_lesson_access
        self._get_course_progress = get_course_progress
        self._list_course_progress = list_course_progress
        self._complete_lesson = complete_lesson
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

    async def read_lesson(self, principal: Principal, lesson_id: UUID) -> LessonInfo:
        """``GET /lessons/{id}``: 404 when hidden, 403 PREMIUM_REQUIRED for a premium lesson
        the caller may not read; the access counts for the caller's course progress."""
        lesson = await self._get_lesson.execute(principal, lesson_id)
        await self._record_lesson_access.execute(principal.user_id, lesson.id)
        return LessonInfo.of(lesson)

    async def course_progress(self, principal: Principal, course_id: UUID) -> CourseProgressView:
        """``GET /progress/courses/{id}``."""
        return await self._get_course_progress.execute(principal, course_id)

    async def all_progress(self, principal: Principal) -> list[CourseProgressView]:
        """``GET /progress/courses``: every course the caller started."""
        return await self._list_course_progress.execute(principal)

    async def complete_lesson(self, principal: Principal, lesson_id: UUID) -> CourseProgressView:
        """``POST /progress/lessons/{id}/complete`` (idempotent)."""
        return await self._complete_lesson.execute(principal, lesson_id)

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
