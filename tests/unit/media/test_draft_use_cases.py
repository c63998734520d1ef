"""AI lesson drafts: only the course's instructor and admins ask for, see and apply them;
the prompt is scoped to the lesson within its outline; a draft is applied once, on request."""

from uuid import UUID, uuid4

import pytest

from tests.unit.media.lesson_media_fakes import (
    ADMIN,
    FREE_STUDENT,
    INSTRUCTOR,
    OTHER_INSTRUCTOR,
    PREMIUM_STUDENT,
    Progress,
    World,
    make_lesson,
    world,
)
from tutor_platform.media.application.support.lesson_jobs import GENERATE_LESSON_DRAFT, DraftJob
from tutor_platform.media.domain.lesson_errors import (
    DraftAlreadyApplied,
    DraftNotFound,
    EmptyDraft,
    LessonNotFound,
    NotCourseEditor,
)
from tutor_platform.media.domain.lesson_media import MAX_DRAFT_LENGTH, LessonDraft
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, UpstreamFailed, ValidationFailed
from tutor_platform.shared.pagination import PageRequest

CONTENT = "Cells need energy. Mitochondria make ATP."


@pytest.fixture
def lesson_world() -> World:
    return world(make_lesson(CONTENT), make_lesson(is_published=False))


def lesson_id(w: World, index: int = 0) -> UUID:
    return list(w.catalog.lessons)[index]


async def generated(w: World, instructions: str | None = None, index: int = 0) -> LessonDraft:
    draft_job = DraftJob(uuid4(), lesson_id(w, index), instructions, INSTRUCTOR.user_id)
    return await w.media.generate_lesson_draft().execute(draft_job, Progress())


@pytest.mark.parametrize("caller", [INSTRUCTOR, ADMIN])
async def test_the_course_editors_start_a_draft_job(lesson_world: World, caller: Principal) -> None:
    lesson = lesson_id(lesson_world)

    job_id = await lesson_world.media.request_lesson_draft().execute(
        caller, lesson, "  Add a worked example.  "
    )

    [record] = lesson_world.jobs.enqueued
    assert (record.id, record.kind, record.owner_id) == (
        job_id,
        GENERATE_LESSON_DRAFT,
        caller.user_id,
    )
    assert DraftJob.parse(job_id, record.payload) == DraftJob(
        job_id, lesson, "Add a worked example.", caller.user_id
    )


async def test_blank_instructions_count_as_none(lesson_world: World) -> None:
    job_id = await lesson_world.media.request_lesson_draft().execute(
        INSTRUCTOR, lesson_id(lesson_world), "   "
    )

    assert DraftJob.parse(job_id, lesson_world.jobs.enqueued[0].payload).instructions is None


@pytest.mark.parametrize("caller", [OTHER_INSTRUCTOR, PREMIUM_STUDENT, FREE_STUDENT])
@pytest.mark.parametrize("index", [0, 1])
async def test_anyone_else_is_forbidden_even_on_a_hidden_course(
    lesson_world: World, caller: Principal, index: int
) -> None:
    lesson = lesson_id(lesson_world, index)
    media = lesson_world.media

    with pytest.raises(NotCourseEditor):
        await media.request_lesson_draft().execute(caller, lesson, None)
    with pytest.raises(NotCourseEditor):
        await media.list_lesson_drafts().execute(caller, lesson, PageRequest())

    assert lesson_world.jobs.enqueued == []


async def test_unknown_lessons_and_long_instructions_are_refused(lesson_world: World) -> None:
    request = lesson_world.media.request_lesson_draft()
    with pytest.raises(LessonNotFound):
        await request.execute(INSTRUCTOR, uuid4(), None)
    with pytest.raises(ValidationFailed) as refused:
        await request.execute(INSTRUCTOR, lesson_id(lesson_world), "x" * 2001)

    assert refused.value.errors == [FieldError("instructions", "must be at most 2000 characters")]
    assert lesson_world.jobs.enqueued == []


async def test_the_prompt_is_scoped_to_the_lesson_within_its_outline(lesson_world: World) -> None:
    await generated(lesson_world, "Add a worked example.")

    [request] = lesson_world.writer.requests
    assert request.system_prompt.endswith(
        "Course: Biology 101\n"
        "Outline:\n"
        "1. Cells\n"
        "   - What is a cell\n"
        "   - Cell energy  <- this lesson\n"
        "2. Plants\n"
        "   - Photosynthesis"
    )
    assert 'draft of the lesson "Cell energy"' in request.instruction
    assert request.instruction.endswith("The instructor asks for this:\nAdd a worked example.")
    assert (request.task, request.instructions) == ("draft", "Add a worked example.")
    assert [(p.lesson_id, p.title, p.text) for p in request.material] == [
        (lesson_id(lesson_world), "Cell energy", CONTENT)
    ]


async def test_a_draft_keeps_what_the_model_wrote_and_changes_no_lesson(
    lesson_world: World,
) -> None:
    lesson_world.writer.answer = "  # Cell energy\n\nA better lesson.\n"

    draft = await generated(lesson_world, "Shorter.")

    assert draft.content == "# Cell energy\n\nA better lesson."
    assert (draft.provider, draft.model_id) == ("local", "local-test-1")
    assert draft.instructions == "Shorter."
    assert draft.created_by == INSTRUCTOR.user_id
    assert draft.applied_at is None
    assert lesson_world.catalog.lessons[draft.lesson_id].material.content == CONTENT


async def test_a_draft_longer_than_a_lesson_may_be_is_cut(lesson_world: World) -> None:
    lesson_world.writer.answer = "word " * MAX_DRAFT_LENGTH

    draft = await generated(lesson_world)

    assert len(draft.content) == MAX_DRAFT_LENGTH


async def test_an_empty_answer_or_a_failing_model_stores_no_draft(lesson_world: World) -> None:
    lesson_world.writer.answer = "   "
    with pytest.raises(EmptyDraft):
        await generated(lesson_world)
    lesson_world.writer.failure = UpstreamFailed("provider down")
    with pytest.raises(UpstreamFailed):
        await generated(lesson_world)

    assert lesson_world.store.drafts == {}


async def test_a_job_run_again_returns_its_draft_without_asking_the_model(
    lesson_world: World,
) -> None:
    draft_job = DraftJob(uuid4(), lesson_id(lesson_world), None, INSTRUCTOR.user_id)
    generate = lesson_world.media.generate_lesson_draft()
    first = await generate.execute(draft_job, Progress())

    again = await generate.execute(draft_job, Progress())

    assert again == first
    assert len(lesson_world.writer.requests) == 1
    assert len(lesson_world.store.drafts) == 1


async def test_applying_a_draft_sets_the_lesson_content_once(lesson_world: World) -> None:
    lesson_world.writer.answer = "The new lesson."
    draft = await generated(lesson_world)
    apply = lesson_world.media.apply_lesson_draft()

    lesson = await apply.execute(ADMIN, draft.lesson_id, draft.id)
    with pytest.raises(DraftAlreadyApplied):
        await apply.execute(INSTRUCTOR, draft.lesson_id, draft.id)

    assert lesson.content == "The new lesson."
    assert lesson_world.catalog.lessons[draft.lesson_id].material.content == "The new lesson."
    assert lesson_world.store.drafts[draft.id].applied_at == lesson_world.clock.now()


async def test_a_draft_is_applied_only_to_its_own_lesson(lesson_world: World) -> None:
    draft = await generated(lesson_world)
    apply = lesson_world.media.apply_lesson_draft()

    with pytest.raises(DraftNotFound):
        await apply.execute(INSTRUCTOR, lesson_id(lesson_world, 1), draft.id)
    with pytest.raises(DraftNotFound):
        await apply.execute(INSTRUCTOR, draft.lesson_id, uuid4())

    assert not lesson_world.store.drafts[draft.id].is_applied


async def test_a_draft_the_lesson_refuses_stays_unapplied(lesson_world: World) -> None:
    draft = await generated(lesson_world)
    refusal = ValidationFailed(errors=[FieldError("content", "too long")])
    lesson_world.catalog.refuse_content = refusal

    with pytest.raises(ValidationFailed):
        await lesson_world.media.apply_lesson_draft().execute(INSTRUCTOR, draft.lesson_id, draft.id)

    assert lesson_world.store.drafts[draft.id].applied_at is None
    assert lesson_world.catalog.lessons[draft.lesson_id].material.content == CONTENT


async def test_only_editors_apply_drafts(lesson_world: World) -> None:
    draft = await generated(lesson_world)

    with pytest.raises(NotCourseEditor):
        await lesson_world.media.apply_lesson_draft().execute(
            OTHER_INSTRUCTOR, draft.lesson_id, draft.id
        )

    assert lesson_world.store.drafts[draft.id].applied_at is None


async def test_drafts_are_listed_newest_first(lesson_world: World) -> None:
    older = await generated(lesson_world)
    lesson_world.clock.advance(minutes=1)
    newer = await generated(lesson_world)
    await generated(lesson_world, index=1)

    page = await lesson_world.media.list_lesson_drafts().execute(
        INSTRUCTOR, lesson_id(lesson_world), PageRequest(10, 0)
    )

    assert [d.id for d in page.items] == [newer.id, older.id]
    assert (page.total, page.limit, page.offset) == (2, 10, 0)
