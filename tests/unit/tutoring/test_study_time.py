"""Study time with a tutor through tutoring's use case: only with a tutor the caller may see,
and counted for the tutor's course (learning's ledger is a fake here)."""

from dataclasses import dataclass, field
from uuid import UUID

import pytest

from tests.unit.tutoring.world import World, instructor, person
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.application.study_time import StudyTime
from tutor_platform.tutoring.domain.errors import TutorNotFound


@dataclass
class FakeLedger:
    """Totals per (learner, tutor) and the course each change was counted for."""

    totals: dict[tuple[UUID, UUID], int] = field(default_factory=dict)
    courses: list[UUID | None] = field(default_factory=list)

    async def study_time(self, user_id: UUID, tutor_id: UUID) -> int:
        return self.totals.get((user_id, tutor_id), 0)

    async def set_study_time(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, total_minutes: int
    ) -> int:
        self.courses.append(course_id)
        self.totals[user_id, tutor_id] = total_minutes
        return total_minutes

    async def add_study_time(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, minutes: int
    ) -> int:
        total = await self.study_time(user_id, tutor_id) + minutes
        return await self.set_study_time(user_id, tutor_id, course_id, total)


def study_time(world: World, ledger: FakeLedger) -> StudyTime:
    return StudyTime(world.uow_factory, world.access, ledger)


async def test_minutes_are_counted_for_the_tutors_course() -> None:
    world, ledger = World(), FakeLedger()
    teacher, learner = instructor(), person()
    course = world.course(teacher)
    tutor, loose = await world.tutor(teacher, course.id), await world.tutor(teacher)
    use = study_time(world, ledger)
    assert await use.add(learner, tutor.id, 20) == 20
    assert await use.set_total(learner, loose.id, 5) == 5
    assert await use.total(learner, tutor.id) == 20
    assert ledger.courses == [course.id, None]


@pytest.mark.parametrize("call", ["total", "set_total", "add"])
async def test_an_unknown_tutor_is_not_found(call: str) -> None:
    world, ledger = World(), FakeLedger()
    use = study_time(world, ledger)
    args = () if call == "total" else (10,)
    with pytest.raises(TutorNotFound):
        await getattr(use, call)(person(), new_id(), *args)
    assert ledger.totals == {}


@pytest.mark.parametrize("call", ["total", "set_total", "add"])
async def test_a_tutor_the_caller_may_not_see_is_not_found_either(call: str) -> None:
    world, ledger = World(), FakeLedger()
    teacher = instructor()
    tutor = await world.tutor(teacher, world.course(teacher, published=False).id)
    use = study_time(world, ledger)
    args = () if call == "total" else (10,)
    with pytest.raises(TutorNotFound):
        await getattr(use, call)(person(), tutor.id, *args)
    assert ledger.totals == {}
    assert await use.add(teacher, tutor.id, 10) == 10
