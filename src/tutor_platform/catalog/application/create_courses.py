"""Bulk creation: every course or none."""

from collections import Counter

from tutor_platform.catalog.application.create_course import NewCourse, build_course
from tutor_platform.catalog.application.support.access import add_course
from tutor_platform.catalog.domain.catalog import Course
from tutor_platform.catalog.domain.errors import SlugTaken
from tutor_platform.catalog.domain.validation import FieldChecks
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock

MAX_BULK_COURSES = 100


class CreateCourses:
    """Validates every item first (422 naming ``items[i].field``), then checks every slug
    against the database and the batch (409), then stores them in one transaction."""

    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, items: list[NewCourse]) -> list[Course]:
        batch = FieldChecks()
        if not 1 <= len(items) <= MAX_BULK_COURSES:
            batch.check("items", f"must hold 1 to {MAX_BULK_COURSES} courses")
        batch.raise_if_failed()
        now = self._clock.now()
        courses = []
        for index, item in enumerate(items):
            checks = FieldChecks(prefix=f"items[{index}].")
            courses.append(build_course(item, principal.user_id, now, checks))
            batch.errors.extend(checks.errors)
        batch.raise_if_failed()
        repeated = [slug for slug, n in Counter(c.slug for c in courses).items() if n > 1]
        if repeated:
            raise SlugTaken(f"The batch uses the slug {repeated[0]!r} more than once.")
        async with self._uow_factory() as uow:
            taken = await uow.courses.slugs_taken({course.slug for course in courses})
            if taken:
                raise SlugTaken(f"A course with the slug {sorted(taken)[0]!r} already exists.")
            for course in courses:
                await add_course(uow, course)
            await uow.commit()
        return courses
