"""Tutors and sessions through their use cases, over the in-memory adapters."""

import pytest

from tests.unit.tutoring.world import DEFAULT_MODELS, World, admin, instructor, person
from tutor_platform.shared.errors import Forbidden, NotFound, ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.application.delete_tutor import DeleteTutor
from tutor_platform.tutoring.application.get_tutor import GetTutor
from tutor_platform.tutoring.application.list_tutors import ListTutors
from tutor_platform.tutoring.application.update_tutor import TutorChanges, UpdateTutor
from tutor_platform.tutoring.domain.tutor import TutorFields


async def test_a_new_tutor_gets_its_providers_default_model() -> None:
    world = World()
    tutor = await world.tutor(instructor(), provider="gemini")
    assert (tutor.provider, tutor.model_id) == ("gemini", "gemini-x")
    assert (tutor.rating, tutor.total_feedbacks, tutor.is_active) == (None, 0, True)
    assert world.store.commits == 1


async def test_a_tutor_is_attached_only_to_a_course_its_creator_may_change() -> None:
    world = World()
    teacher, rival = instructor(), instructor()
    published = world.course(teacher)
    draft = world.course(teacher, published=False)
    assert (await world.tutor(teacher, published.id)).course_id == published.id
    assert (await world.tutor(admin(), draft.id)).course_id == draft.id
    with pytest.raises(Forbidden):
        await world.tutor(rival, published.id)
    for hidden in (draft.id, new_id()):
        with pytest.raises(ValidationFailed) as error:
            await world.tutor(rival, hidden)
        assert error.value.errors[0].field == "course_id"
    assert len(world.committed.tutors) == 2


async def test_the_system_prompt_is_shown_only_to_those_who_may_change_the_tutor() -> None:
    world = World()
    creator, teacher = instructor(), instructor()
    course = world.course(creator)
    tutor = await world.tutor(creator, course.id, system_prompt="Be kind.")
    course.instructor_id = teacher.user_id
    get = GetTutor(world.uow_factory, world.access)
    for caller in (creator, teacher, admin()):
        assert (await get.execute(caller, tutor.id)).system_prompt == "Be kind."
    for caller in (None, person(), instructor()):
        assert (await get.execute(caller, tutor.id)).system_prompt is None


async def test_inactive_tutors_and_those_of_hidden_courses_are_not_found_by_others() -> None:
    world = World()
    teacher = instructor()
    draft = world.course(teacher, published=False)
    hidden = await world.tutor(teacher, draft.id)
    inactive = await world.tutor(teacher, is_active=False)
    get = GetTutor(world.uow_factory, world.access)
    for tutor in (hidden, inactive):
        with pytest.raises(NotFound):
            await get.execute(person(), tutor.id)
        assert (await get.execute(teacher, tutor.id)).id == tutor.id


async def test_the_list_leaves_out_inactive_tutors_and_hidden_courses() -> None:
    world = World()
    teacher = instructor()
    published, draft = world.course(teacher), world.course(teacher, published=False)
    free = await world.tutor(teacher, name="Free")
    course_tutor = await world.tutor(teacher, published.id, name="Course")
    draft_tutor = await world.tutor(teacher, draft.id, name="Draft")
    await world.tutor(teacher, name="Off", is_active=False)
    orphan = await world.tutor(teacher, world.course(teacher).id, name="Orphan")
    del world.courses.courses[orphan.course_id]  # type: ignore[arg-type]
    list_tutors = ListTutors(world.uow_factory, world.courses)

    seen = await list_tutors.execute(person(), None, PageRequest(10, 0))
    assert [t.name for t in seen.items] == ["Free", "Course"]
    assert seen.total == 2
    assert all(t.system_prompt is None for t in seen.items)
    mine = await list_tutors.execute(teacher, None, PageRequest(10, 0))
    assert [t.name for t in mine.items] == ["Free", "Course", "Draft"]
    assert all(t.system_prompt == "" for t in mine.items)
    of_course = await list_tutors.execute(None, published.id, PageRequest(10, 0))
    assert [t.id for t in of_course.items] == [course_tutor.id]
    assert (await list_tutors.execute(None, draft.id, PageRequest(10, 0))).items == []
    page = await list_tutors.execute(teacher, None, PageRequest(1, 1))
    assert ([t.id for t in page.items], page.total) == ([course_tutor.id], 3)
    assert free.id != draft_tutor.id


async def test_updating_a_tutor() -> None:
    world = World()
    teacher, creator, rival = instructor(), instructor(), instructor()
    course = world.course(creator)
    tutor = await world.tutor(creator, course.id)
    course.instructor_id = teacher.user_id
    update = UpdateTutor(world.uow_factory, world.access, world.clock, DEFAULT_MODELS)
    world.clock.advance(minutes=5)

    changed = await update.execute(
        teacher, tutor.id, TutorChanges(TutorFields(name=" New ", provider="ai_core"))
    )
    assert (changed.name, changed.provider, changed.model_id) == ("New", "ai_core", "core-1")
    assert changed.updated_at > tutor.updated_at
    detached = await update.execute(creator, tutor.id, TutorChanges(TutorFields(), detach=True))
    assert detached.course_id is None
    with pytest.raises(Forbidden):
        await update.execute(rival, tutor.id, TutorChanges(TutorFields(name="Mine")))
    with pytest.raises(Forbidden):
        await update.execute(teacher, tutor.id, TutorChanges(TutorFields(name="Again")))
    with pytest.raises(NotFound):
        await update.execute(teacher, new_id(), TutorChanges(TutorFields(name="Ghost")))
    assert world.committed.tutors[tutor.id].name == "New"


async def test_deleting_a_tutor_deletes_its_sessions() -> None:
    world = World()
    creator, student = instructor(), person()
    tutor = await world.tutor(creator)
    session = await world.session(student, tutor.id)
    delete = DeleteTutor(world.uow_factory, world.access)
    with pytest.raises(Forbidden):
        await delete.execute(instructor(), tutor.id)
    await delete.execute(creator, tutor.id)
    assert tutor.id not in world.committed.tutors
    assert session.id not in world.committed.sessions


async def test_a_session_needs_an_active_tutor_the_user_may_see() -> None:
    world = World()
    teacher, student = instructor(), person()
    draft = world.course(teacher, published=False)
    hidden = await world.tutor(teacher, draft.id)
    inactive = await world.tutor(teacher, is_active=False)
    for tutor_id in (hidden.id, inactive.id, new_id()):
        with pytest.raises(ValidationFailed) as error:
            await world.session(student, tutor_id)
        assert error.value.errors[0].field == "tutor_id"
    assert world.committed.sessions == {}
    session = await world.session(student, (await world.tutor(teacher, name="Pip")).id)
    assert (session.title, session.message_count, session.last_message_at) == (
        "Chat with Pip",
        0,
        None,
    )
