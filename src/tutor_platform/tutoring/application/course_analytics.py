"""A course's tutoring figures over a range of days and its content gaps, for its instructor
and admins: 404 when the caller cannot see the course, 403 unless they edit it."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.pagination import Page, PageRequest
from tutor_platform.tutoring.domain.errors import (
    ContentGapNotFound,
    CourseNotFound,
    NotCourseEditor,
)
from tutor_platform.tutoring.domain.figures import (
    GAP_QUESTIONS,
    MESSAGES,
    RATING_SUM,
    RATINGS,
    REACTIONS,
    SESSIONS,
    TUTOR_METRICS,
    UNCITED_ANSWERS,
)
from tutor_platform.tutoring.ports.course_context import CourseContext
from tutor_platform.tutoring.ports.figures import GapGroup, GapGroupFigures, TutoringFiguresReader


@dataclass(frozen=True, slots=True)
class TutorAnalytics:
    tutor_id: UUID
    name: str
    sessions: int
    messages: int
    uncited_answers: int
    ratings: int
    mean_rating: float | None
    reactions: dict[str, int]


@dataclass(frozen=True, slots=True)
class TutoringAnalytics:
    tutors: list[TutorAnalytics]
    gaps: Page[GapGroupFigures]


def is_shown(group: GapGroup) -> bool:
    """A dismissed gap comes back when a question joins it after the dismissal."""
    return group.dismissed_at is None or group.last_asked_at > group.dismissed_at


class CourseTutoringAnalytics:
    def __init__(
        self, courses: CourseContext, figures: TutoringFiguresReader, clock: Clock
    ) -> None:
        self._courses = courses
        self._figures = figures
        self._clock = clock

    async def _ensure(self, principal: Principal, course_id: UUID) -> None:
        if not await self._courses.can_view(principal, course_id):
            raise CourseNotFound()
        if not await self._courses.can_edit(principal, course_id):
            raise NotCourseEditor()

    async def execute(
        self, principal: Principal, course_id: UUID, days: DateRange, page: PageRequest | None
    ) -> TutoringAnalytics:
        """Per tutor of the course: sessions started, messages, answers that cited nothing,
        ratings and quick reactions in the range; the content gaps with questions in the
        range, most asked first (``page`` None: all of them)."""
        await self._ensure(principal, course_id)
        tutors = await self._figures.course_tutors(course_id)
        sums = await self._figures.sums(course_id, (*TUTOR_METRICS, GAP_QUESTIONS), days)

        def total(metric: str, item: UUID) -> int:
            return sum(v for (m, i, _), v in sums.items() if m == metric and i == item)

        rows = []
        for tutor in tutors:
            ratings = total(RATINGS, tutor.id)
            rows.append(
                TutorAnalytics(
                    tutor_id=tutor.id,
                    name=tutor.name,
                    sessions=total(SESSIONS, tutor.id),
                    messages=total(MESSAGES, tutor.id),
                    uncited_answers=total(UNCITED_ANSWERS, tutor.id),
                    ratings=ratings,
                    mean_rating=round(total(RATING_SUM, tutor.id) / ratings, 2)
                    if ratings
                    else None,
                    reactions={
                        d: v
                        for (m, i, d), v in sums.items()
                        if m == REACTIONS and i == tutor.id and v
                    },
                )
            )
        counts = {i: v for (m, i, _), v in sums.items() if m == GAP_QUESTIONS and v > 0}
        groups = [g for g in await self._figures.groups(course_id, counts) if is_shown(g)]
        groups.sort(key=lambda g: (-counts[g.id], g.first_asked_at, str(g.id)))
        chosen = page or PageRequest(limit=max(len(groups), 1), offset=0)
        shown = groups[chosen.offset : chosen.offset + chosen.limit]
        tutors_of = await self._figures.group_tutors([g.id for g in shown])
        items = [GapGroupFigures(g, counts[g.id], tutors_of.get(g.id, ())) for g in shown]
        return TutoringAnalytics(
            tutors=rows,
            gaps=Page(items=items, total=len(groups), limit=chosen.limit, offset=chosen.offset),
        )

    async def dismiss(
        self, principal: Principal, course_id: UUID, group_id: UUID
    ) -> GapGroupFigures:
        """Hide a content gap of the course until a new question joins it (404 for a gap
        of another course)."""
        await self._ensure(principal, course_id)
        found = await self._figures.groups(course_id, [group_id])
        if not found:
            raise ContentGapNotFound()
        now = self._clock.now()
        await self._figures.dismiss(group_id, principal.user_id, now)
        group = (await self._figures.groups(course_id, [group_id]))[0]
        sums = await self._figures.sums(course_id, (GAP_QUESTIONS,), None)
        asked = sum(v for (_, i, _), v in sums.items() if i == group_id)
        tutors = await self._figures.group_tutors([group_id])
        return GapGroupFigures(group, asked, tutors.get(group_id, ()))
