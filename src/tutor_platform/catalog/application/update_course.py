"""The course's instructor or an admin changes its fields. The slug stays unless given."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.application.support.access import course_to_edit
from tutor_platform.catalog.domain.catalog import Course, Difficulty
from tutor_platform.catalog.domain.errors import SlugTaken
from tutor_platform.catalog.domain.slugs import slug_problem
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


@dataclass(frozen=True, slots=True)
class CourseChanges:
    """``None`` leaves a field as it is; ``remove_cover`` clears ``cover_file_id``."""

    title: str | None = None
    slug: str | None = None
    description: str | None = None
    subject: str | None = None
    difficulty: Difficulty | None = None
    prerequisites: list[str] | None = None
    cover_file_id: UUID | None = None
    remove_cover: bool = False


def _checked(changes: CourseChanges) -> CourseChanges:
    """The changes with titles and lists cleaned; 422 naming every bad field."""
    checks = FieldChecks()
    title = None if changes.title is None else clean_title(changes.title)
    subject = None if changes.subject is None else changes.subject.strip()
    prerequisites = (
        None if changes.prerequisites is None else clean_prerequisites(changes.prerequisites)
    )
    if title is not None:
        checks.check("title", title_problem(title))
    if changes.slug is not None:
        checks.check("slug", slug_problem(changes.slug))
    if changes.description is not None:
        checks.check("description", description_problem(changes.description))
    if subject is not None:
        checks.check("subject", subject_problem(subject))
    if changes.difficulty is not None:
        checks.check("difficulty", difficulty_problem(changes.difficulty))
    if prerequisites is not None:
        checks.check("prerequisites", prerequisites_problem(prerequisites))
    checks.raise_if_failed()
    return CourseChanges(
        title=title,
        slug=changes.slug,
        description=changes.description,
        subject=subject,
        difficulty=changes.difficulty,
        prerequisites=prerequisites,
        cover_file_id=changes.cover_file_id,
        remove_cover=changes.remove_cover,
    )


class UpdateCourse:
    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self, principal: Principal, course_id: UUID, changes: CourseChanges
    ) -> Course:
        changes = _checked(changes)
        async with self._uow_factory() as uow:
            course = await course_to_edit(uow, principal, course_id)
            if (
                changes.slug is not None
                and changes.slug != course.slug
                and await uow.courses.slugs_taken({changes.slug})
            ):
                raise SlugTaken()
            course.title = changes.title or course.title
            course.slug = changes.slug or course.slug
            course.subject = course.subject if changes.subject is None else changes.subject
            course.difficulty = changes.difficulty or course.difficulty
            if changes.description is not None:
                course.description = changes.description
            if changes.prerequisites is not None:
                course.prerequisites = changes.prerequisites
            if changes.remove_cover:
                course.cover_file_id = None
            elif changes.cover_file_id is not None:
                course.cover_file_id = changes.cover_file_id
            course.updated_at = self._clock.now()
            await uow.courses.update(course)
            await uow.commit()
        return course
