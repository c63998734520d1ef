"""A small in-memory world for the progress use cases: a catalog, learners with time zones,
tutors' courses, a fixed clock, and the progress container's providers over fakes."""

from dataclasses import dataclass, field
from functools import partial
from typing import Any
from uuid import UUID

from tests.support.clock import T0
from tutor_platform.catalog.domain.catalog import Course, Lesson, Section
from tutor_platform.progress.adapters.outbound.memory.store import InMemoryProgressStore
from tutor_platform.progress.adapters.outbound.memory.unit_of_work import (
    InMemoryProgressUnitOfWork,
)
from tutor_platform.progress.application.support.views import StudyTimeView
from tutor_platform.progress.container import ProgressContainer
from tutor_platform.shared.auth import Plan, Principal, Role
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.ids import new_id


@dataclass
class FakeProfiles:
    """Time zone names per learner, as identity would give them (``UTC`` when unset)."""

    timezones: dict[UUID, str] = field(default_factory=dict)

    async def timezone_of(self, user_id: UUID) -> str:
        return self.timezones.get(user_id, "UTC")


class ProgressWorld:
    def __init__(self) -> None:
        self.clock = FixedClock(T0)
        self.store = InMemoryProgressStore()
        self.profiles = FakeProfiles()
        self.tutor_courses: dict[UUID, UUID | None] = {}
        self.container = ProgressContainer(
            clock=self.clock,
            progress_uow_factory=partial(InMemoryProgressUnitOfWork, self.store),
            learner_profiles=self.profiles,
        )
        self.instructor = principal(Role.INSTRUCTOR)

    def use_case(self, name: str) -> Any:
        return getattr(self.container, name)()

    def course(
        self, lessons: int = 4, *, published: bool = True, instructor: Principal | None = None
    ) -> tuple[Course, list[Lesson]]:
        """A course with its lessons spread over two sections, in course order."""
        owner = instructor or self.instructor
        course = Course(
            id=new_id(),
            title="Course",
            slug=f"course-{new_id()}",
            instructor_id=owner.user_id,
            created_at=T0,
            updated_at=T0,
            is_published=published,
        )
        self.store.catalog.courses[course.id] = course
        sections = [self._section(course, position) for position in (1, 2)]
        made = [self.lesson(course, sections[n * 2 // max(lessons, 1)]) for n in range(lessons)]
        return course, made

    def _section(self, course: Course, position: int) -> Section:
        section = Section(new_id(), course.id, f"Section {position}", position, T0, T0)
        self.store.catalog.sections[section.id] = section
        return section

    def lesson(self, course: Course, section: Section, *, is_premium: bool = False) -> Lesson:
        position = 1 + sum(
            1 for lesson in self.store.catalog.lessons.values() if lesson.section_id == section.id
        )
        lesson = Lesson(
            id=new_id(),
            section_id=section.id,
            course_id=course.id,
            title=f"Lesson {position}",
            position=position,
            created_at=T0,
            updated_at=T0,
            is_premium=is_premium,
        )
        self.store.catalog.lessons[lesson.id] = lesson
        return lesson

    def premium_lesson(self, course: Course) -> Lesson:
        section = next(s for s in self.store.catalog.sections.values() if s.course_id == course.id)
        return self.lesson(course, section, is_premium=True)

    def tutor(self, course_id: UUID | None = None) -> UUID:
        """A tutor of ``course_id`` (None: no course), as tutoring knows it."""
        tutor_id = new_id()
        self.tutor_courses[tutor_id] = course_id
        return tutor_id

    async def get_study_time(self, learner: Principal, tutor_id: UUID) -> StudyTimeView:
        view: StudyTimeView = await self.use_case("get_study_time").execute(
            learner.user_id, tutor_id
        )
        return view

    async def set_study_time(self, learner: Principal, tutor_id: UUID, total: int) -> StudyTimeView:
        """As tutoring calls it: with the tutor's course."""
        course_id = self.tutor_courses[tutor_id]
        view: StudyTimeView = await self.use_case("set_study_time").execute(
            learner.user_id, tutor_id, course_id, total
        )
        return view

    async def add_study_time(
        self, learner: Principal, tutor_id: UUID, minutes: int
    ) -> StudyTimeView:
        """As tutoring calls it: with the tutor's course."""
        course_id = self.tutor_courses[tutor_id]
        view: StudyTimeView = await self.use_case("add_study_time").execute(
            learner.user_id, tutor_id, course_id, minutes
        )
        return view


def principal(role: str = Role.STUDENT, plan: str = "free") -> Principal:
    return Principal(user_id=new_id(), role=role, plan=plan)


def student(premium: bool = False) -> Principal:
    return principal(Role.STUDENT, Plan.PREMIUM if premium else "free")


def admin() -> Principal:
    return principal(Role.ADMIN)
