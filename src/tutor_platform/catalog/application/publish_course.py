"""Publish or unpublish a course (the course's instructor or an admin)."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import course_to_edit
from tutor_platform.catalog.domain.catalog import Course
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class PublishCourse:
    """Setting the state the course is already in changes nothing (not even ``updated_at``)."""

    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, course_id: UUID, *, published: bool) -> Course:
        async with self._uow_factory() as uow:
            course = await course_to_edit(uow, principal, course_id)
            if course.is_published == published:
                return course
            course.is_published = published
            course.updated_at = self._clock.now()
            await uow.courses.update(course)
            await uow.commit()
        return course
