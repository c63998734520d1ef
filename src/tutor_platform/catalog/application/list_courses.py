"""The course list: published courses, plus the caller's own (instructors) or all (admins)."""

from dataclasses import dataclass

from tutor_platform.catalog.domain.catalog import Course, Difficulty
from tutor_platform.catalog.domain.validation import (
    FieldChecks,
    difficulty_problem,
    query_problem,
)
from tutor_platform.catalog.ports.reader import CatalogReader, CourseQuery
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest


@dataclass(frozen=True, slots=True)
class CourseFilters:
    """``q`` matches part of the title or description; ``subject`` ignores case."""

    subject: str | None = None
    difficulty: Difficulty | None = None
    q: str | None = None


class ListCourses:
    def __init__(self, reader: CatalogReader) -> None:
        self._reader = reader

    async def execute(
        self, principal: Principal | None, filters: CourseFilters, page: PageRequest
    ) -> Page[Course]:
        text = (filters.q or "").strip() or None
        subject = (filters.subject or "").strip() or None
        checks = FieldChecks()
        if filters.difficulty is not None:
            checks.check("difficulty", difficulty_problem(filters.difficulty))
        for name, value in (("q", text), ("subject", subject)):
            if value is not None:
                checks.check(name, query_problem(value))
        checks.raise_if_failed()
        query = CourseQuery(
            subject=subject,
            difficulty=filters.difficulty,
            q=text,
            instructor_id=None if principal is None else principal.user_id,
            include_unpublished=principal is not None and principal.is_admin,
        )
        courses, total = await self._reader.list_courses(query, page)
        return Page(items=courses, total=total, limit=page.limit, offset=page.offset)
