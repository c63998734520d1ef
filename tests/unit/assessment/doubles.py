"""Test doubles of assessment's outer ports: courses and progress kept here (with learning's
visibility rules), an AI that records what it is asked (and can fail), and a user directory."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.assessment.ports.ai import Grade, Passage
from tutor_platform.assessment.ports.courses import (
    CourseFacts,
    LessonFacts,
    LessonRef,
    PassageFacts,
    SectionFacts,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import UpstreamFailed
from tutor_platform.shared.ids import new_id


@dataclass
class FakeCourse:
    id: UUID
    instructor_id: UUID
    title: str = "Python"
    is_published: bool = True
    sections: list[tuple[str, list[LessonFacts]]] = field(default_factory=list)

    @property
    def lessons(self) -> list[LessonFacts]:
        return [lesson for _, lessons in self.sections for lesson in lessons]


@dataclass
class FakeCatalog:
    """``CourseCatalog`` over courses kept here. A lesson's passages are those given to
    ``passage``; retrieval gives every passage of the course with a similarity or word share
    (as the test scored it for the query), best first, and records the queries."""

    courses: dict[UUID, FakeCourse] = field(default_factory=dict)
    passages: dict[UUID, list[PassageFacts]] = field(default_factory=dict)
    queries: list[tuple[UUID, str]] = field(default_factory=list)

    def passage(
        self,
        lesson: LessonFacts,
        text: str,
        heading: str | None = None,
        *,
        similarity: float = 0.0,
        lexical: float = 0.0,
    ) -> PassageFacts:
        passage = PassageFacts(
            lesson.id,
            lesson.course_id,
            lesson.title,
            heading,
            f"## {heading}\n\n{text}" if heading else text,
            text,
            similarity,
            lexical,
        )
        self.passages.setdefault(lesson.id, []).append(passage)
        return passage

    async def lesson_passages(self, lesson_id: UUID) -> list[PassageFacts]:
        return [
            PassageFacts(p.lesson_id, p.course_id, p.lesson_title, p.heading, p.markdown, p.text)
            for p in self.passages.get(lesson_id, [])
        ]

    async def relevant_passages(
        self, course_id: UUID, query: str, limit: int
    ) -> list[PassageFacts]:
        self.queries.append((course_id, query))
        course = self.courses.get(course_id)
        lessons = [] if course is None else course.lessons
        found = [
            p
            for lesson in lessons
            for p in self.passages.get(lesson.id, [])
            if p.similarity or p.lexical
        ]
        return sorted(found, key=lambda p: -(p.similarity + p.lexical))[:limit]

    def add(
        self,
        instructor_id: UUID,
        *,
        published: bool = True,
        sections: Sequence[int] = (2, 2),
        premium_lessons: int = 0,
    ) -> FakeCourse:
        """A course with ``sections[i]`` lessons in section i (the first ``premium_lessons``
        of all premium)."""
        course = FakeCourse(new_id(), instructor_id, is_published=published)
        number = 0
        for s, size in enumerate(sections, start=1):
            lessons = []
            for n in range(1, size + 1):
                lessons.append(
                    LessonFacts(
                        new_id(),
                        course.id,
                        f"Lesson {s}.{n}",
                        f"Lesson {s}.{n} explains topic {s}{n}. It has a second sentence.",
                        number < premium_lessons,
                    )
                )
                number += 1
            course.sections.append((f"Section {s}", lessons))
        self.courses[course.id] = course
        return course

    async def course(self, course_id: UUID) -> CourseFacts | None:
        course = self.courses.get(course_id)
        return None if course is None else CourseFacts(course.id, course.title)

    async def can_edit(self, principal: Principal, course_id: UUID) -> bool:
        course = self.courses.get(course_id)
        return course is not None and (
            principal.is_admin or principal.user_id == course.instructor_id
        )

    async def can_view(self, principal: Principal | None, course_id: UUID) -> bool:
        course = self.courses.get(course_id)
        if course is None:
            return False
        return course.is_published or (
            principal is not None and await self.can_edit(principal, course_id)
        )

    async def lesson(self, lesson_id: UUID) -> LessonFacts | None:
        for course in self.courses.values():
            for lesson in course.lessons:
                if lesson.id == lesson_id:
                    return lesson
        return None

    async def sections(self, course_id: UUID) -> list[SectionFacts]:
        course = self.courses.get(course_id)
        if course is None:
            return []
        return [
            SectionFacts(title, tuple(LessonRef(lesson.id, lesson.title) for lesson in lessons))
            for title, lessons in course.sections
        ]


@dataclass
class FakeProgress:
    """``LearnerProgress``: completions set by the test, best scores recorded here."""

    completed: dict[tuple[UUID, UUID], set[UUID]] = field(default_factory=dict)
    recorded: list[tuple[UUID, UUID, UUID, Decimal]] = field(default_factory=list)

    def complete(self, user_id: UUID, course: FakeCourse, *lessons: LessonFacts) -> None:
        self.completed.setdefault((user_id, course.id), set()).update(x.id for x in lessons)

    async def completed_lessons(self, user_id: UUID, course_id: UUID) -> set[UUID]:
        return set(self.completed.get((user_id, course_id), set()))

    async def record_best_score(
        self,
        user_id: UUID,
        course_id: UUID,
        quiz_id: UUID,
        score: Decimal,
        *,
        replace: bool = False,
    ) -> None:
        self.recorded.append((user_id, course_id, quiz_id, score))


@dataclass
class ScriptedAI:
    """``AssessmentAI``: grades with ``score``, writes ``text``; ``fail`` raises
    ``UpstreamFailed``. Every call is recorded."""

    score: float = 0.75
    text: str = "A plan written by the AI."
    fail: bool = False
    graded: list[tuple[str, str, Rubric | None]] = field(default_factory=list)
    written: list[tuple[str, list[Passage]]] = field(default_factory=list)
    written_for: list[UUID | None] = field(default_factory=list)

    async def grade(
        self, question: str, answer: str, rubric: Rubric | None, course_id: UUID | None = None
    ) -> Grade:
        self.graded.append((question, answer, rubric))
        if self.fail:
            raise UpstreamFailed("scripted failure")
        return Grade(self.score, f"graded: {answer[:20]}", ("clear",), ("add an example",))

    async def write(
        self, instruction: str, material: Sequence[Passage], course_id: UUID | None = None
    ) -> str:
        self.written.append((instruction, list(material)))
        self.written_for.append(course_id)
        if self.fail:
            raise UpstreamFailed("scripted failure")
        return self.text


@dataclass
class FakeUsers:
    known: set[UUID] = field(default_factory=set)

    async def exists(self, user_id: UUID) -> bool:
        return user_id in self.known

    async def timezone_of(self, user_id: UUID) -> str | None:
        return None
