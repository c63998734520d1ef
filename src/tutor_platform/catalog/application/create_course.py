"""An instructor (or admin) creates a course they own; its slug comes from the title unless
given, and must be free (409)."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from tutor_platform.catalog.application.support.access import add_course
from tutor_platform.catalog.domain.catalog import Course, Difficulty
from tutor_platform.catalog.domain.errors import SlugTaken
from tutor_platform.catalog.domain.slugs import slug_problem, slugify
from tutor_platform.catalog.domain.validation import (
    FieldChecks,
    clean_prerequisites,
    clean_title,
    description_problem,
    difficulty_problem,
    prerequisites_problem,
    subject_problem,
    title_problem,
)
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id


@dataclass(frozen=True, slots=True)
class NewCourse:
    title: str
    slug: str | None = None
    description: str = ""
    subject: str = ""
    difficulty: Difficulty = Difficulty.BEGINNER
    prerequisites: list[str] = field(default_factory=list)
    cover_file_id: UUID | None = None


def build_course(cmd: NewCourse, instructor_id: UUID, now: datetime, checks: FieldChecks) -> Course:
    """A new unpublished course from ``cmd``; field problems go to ``checks``."""
    title = clean_title(cmd.title)
    subject = cmd.subject.strip()
    prerequisites = clean_prerequisites(cmd.prerequisites)
    checks.check("title", title_problem(title))
    slug = slugify(title) if cmd.slug is None else cmd.slug
    checks.check("slug", slug_problem(slug))
    checks.check("description", description_problem(cmd.description))
    checks.check("subject", subject_problem(subject))
    checks.check("difficulty", difficulty_problem(cmd.difficulty))
    checks.check("prerequisites", prerequisites_problem(prerequisites))
    return Course(
        id=new_id(),
        title=title,
        slug=slug,
        instructor_id=instructor_id,
        created_at=now,
        updated_at=now,
        description=cmd.description,
        subject=subject,
        difficulty=cmd.difficulty,
        prerequisites=prerequisites,
        cover_file_id=cmd.cover_file_id,
    )


class CreateCourse:
    """The caller becomes the course's instructor; the course starts unpublished."""

    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, cmd: NewCourse) -> Course:
        checks = FieldChecks()
        course = build_course(cmd, principal.user_id, self._clock.now(), checks)
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            if await uow.courses.slugs_taken({course.slug}):
                raise SlugTaken()
            await add_course(uow, course)
            await uow.commit()
        return course
