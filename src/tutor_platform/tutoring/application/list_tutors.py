"""Anyone lists the active tutors (optionally of one course) whose course they may see."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest
from tutor_platform.tutoring.application.support.views import TutorView
from tutor_platform.tutoring.domain.tutor import can_edit_tutor
from tutor_platform.tutoring.ports.course_context import CourseContext
from tutor_platform.tutoring.ports.repositories import TutorQuery
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class ListTutors:
    """Oldest first. The catalog is asked once which courses with tutors the caller may not
    see, and once which courses of the page the caller may edit (to show them the system
    prompts); the hidden courses are filtered in the query."""

    def __init__(self, uow_factory: TutoringUnitOfWorkFactory, courses: CourseContext) -> None:
        self._uow_factory = uow_factory
        self._courses = courses

    async def execute(
        self, principal: Principal | None, course_id: UUID | None, page: PageRequest
    ) -> Page[TutorView]:
        async with self._uow_factory() as uow:
            course_ids = await uow.tutors.listed_course_ids()
        if course_id is not None:
            course_ids &= {course_id}
        hidden = await self._courses.hidden(principal, course_ids)
        async with self._uow_factory() as uow:
            tutors, total = await uow.tutors.search(
                TutorQuery(course_id=course_id, hidden_courses=frozenset(hidden)), page
            )
        taught: set[UUID] = set()
        if principal is not None and not principal.is_admin:
            page_courses = {t.course_id for t in tutors if t.course_id is not None}
            taught = await self._courses.editable(principal, page_courses)
        views = [
            TutorView.of(tutor, editor=can_edit_tutor(principal, tutor, tutor.course_id in taught))
            for tutor in tutors
        ]
        return Page(items=views, total=total, limit=page.limit, offset=page.offset)
