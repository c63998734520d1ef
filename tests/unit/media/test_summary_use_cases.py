"""Lesson summaries: who may ask for one, what the job makes of a lesson, and why a job run
twice (or racing another run) still leaves exactly one file and one summary."""

from uuid import UUID, uuid4

import pytest

from tests.unit.media.lesson_media_fakes import (
    ADMIN,
    FREE_STUDENT,
    INSTRUCTOR,
    OTHER_INSTRUCTOR,
    PREMIUM_STUDENT,
    TINY_MP4,
    TINY_WAV,
    Progress,
    World,
    make_lesson,
    world,
)
from tutor_platform.media.application.support.lesson_jobs import RENDER_SUMMARY, SummaryJob
from tutor_platform.media.domain.file import storage_key_for
from tutor_platform.media.domain.lesson_errors import LessonNotFound, NothingToNarrate
from tutor_platform.media.domain.lesson_media import LessonSummary, SummaryKind
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import PremiumRequired, UpstreamFailed, ValidationFailed
from tutor_platform.shared.pagination import PageRequest

CONTENT = """# Cell energy

Cells need energy to live.

## Mitochondria

Mitochondria turn sugar into ATP. They have their own DNA.
"""


@pytest.fixture
def lesson_world() -> World:
    return world(
        make_lesson(CONTENT), make_lesson(is_premium=True), make_lesson(is_published=False)
    )


def lesson_id(w: World, index: int = 0) -> UUID:
    return list(w.catalog.lessons)[index]


def job(
    w: World, kind: SummaryKind = "audio", index: int = 0, requested_by: Principal = INSTRUCTOR
) -> SummaryJob:
    return SummaryJob(uuid4(), lesson_id(w, index), kind, requested_by.user_id)


@pytest.mark.parametrize("caller", [INSTRUCTOR, ADMIN, PREMIUM_STUDENT, OTHER_INSTRUCTOR])
async def test_editors_and_premium_users_start_a_summary_job(
    lesson_world: World, caller: Principal
) -> None:
    lesson = lesson_id(lesson_world)

    job_id = await lesson_world.media.request_lesson_summary().execute(caller, lesson, "video")

    [record] = lesson_world.jobs.enqueued
    assert record.id == job_id
    assert record.kind == RENDER_SUMMARY
    assert record.owner_id == caller.user_id
    assert SummaryJob.parse(job_id, record.payload) == SummaryJob(
        job_id, lesson, "video", caller.user_id
    )


async def test_a_free_student_needs_premium_and_nothing_is_queued(lesson_world: World) -> None:
    with pytest.raises(PremiumRequired):
        await lesson_world.media.request_lesson_summary().execute(
            FREE_STUDENT, lesson_id(lesson_world), "audio"
        )

    assert lesson_world.jobs.enqueued == []


async def test_a_premium_student_cannot_see_a_lesson_of_an_unpublished_course(
    lesson_world: World,
) -> None:
    with pytest.raises(LessonNotFound):
        await lesson_world.media.request_lesson_summary().execute(
            PREMIUM_STUDENT, lesson_id(lesson_world, 2), "audio"
        )

    assert lesson_world.jobs.enqueued == []


async def test_unknown_lessons_and_kinds_are_refused(lesson_world: World) -> None:
    request = lesson_world.media.request_lesson_summary()
    with pytest.raises(LessonNotFound):
        await request.execute(INSTRUCTOR, uuid4(), "audio")
    with pytest.raises(ValidationFailed) as refused:
        await request.execute(INSTRUCTOR, lesson_id(lesson_world), "podcast")

    assert refused.value.errors[0].field == "kind"
    assert lesson_world.jobs.enqueued == []


async def test_an_audio_summary_is_a_public_file_of_the_requester_linked_to_the_lesson(
    lesson_world: World,
) -> None:
    progress = Progress()
    summary_job = job(lesson_world, requested_by=PREMIUM_STUDENT)

    summary = await lesson_world.media.render_lesson_summary().execute(summary_job, progress)

    file = lesson_world.store.media.files[summary.file_id]
    assert file.owner_id == PREMIUM_STUDENT.user_id
    assert file.visibility == "public"
    assert file.content_type == "audio/wav"
    assert file.filename == "Cell energy - audio summary.wav"
    assert lesson_world.storage.objects[storage_key_for(file.id)] == TINY_WAV
    assert summary.lesson_id == summary_job.lesson_id
    assert summary.job_id == summary_job.job_id
    assert summary.created_by == PREMIUM_STUDENT.user_id
    assert summary.script == "Cells turn food into energy. Mitochondria do most of this work."
    assert lesson_world.speech.texts == [summary.script]
    assert lesson_world.video.plans == []
    assert progress.values == [0.3, 0.6]


async def test_the_script_is_asked_for_this_lesson_from_its_own_text(lesson_world: World) -> None:
    await lesson_world.media.render_lesson_summary().execute(job(lesson_world), Progress())

    [request] = lesson_world.writer.requests
    assert '"Cell energy"' in request.instruction
    assert '"Biology 101"' in request.instruction
    assert "at most 150 words" in request.instruction
    assert (request.task, request.instructions) == ("narration", None)
    assert [(p.title, p.text) for p in request.material] == [
        ("Cell energy: Cell energy", "Cells need energy to live."),
        ("Cell energy: Mitochondria", "Mitochondria turn sugar into ATP. They have their own DNA."),
    ]


async def test_a_video_summary_shows_the_titles_then_each_sentence(lesson_world: World) -> None:
    progress = Progress()

    summary = await lesson_world.media.render_lesson_summary().execute(
        job(lesson_world, "video"), progress
    )

    [plan] = lesson_world.video.plans
    assert (plan.course_title, plan.lesson_title) == ("Biology 101", "Cell energy")
    assert plan.captions == (
        "Cells turn food into energy.",
        "Mitochondria do most of this work.",
    )
    file = lesson_world.store.media.files[summary.file_id]
    assert file.content_type == "video/mp4"
    assert lesson_world.storage.objects[storage_key_for(file.id)] == TINY_MP4
    assert progress.values == [0.3, 0.6, 0.9]


async def test_a_model_answer_in_markdown_still_gives_plain_sentence_captions(
    lesson_world: World,
) -> None:
    lesson_world.writer.answer = (
        "## Cell energy\n\n| Part | Job |\n|---|---|\n| Mitochondria | ATP |\n\n"
        "- Cells turn **food** into energy\n- ATP\n\nMitochondria do most of this work. And"
    )

    summary = await lesson_world.media.render_lesson_summary().execute(
        job(lesson_world, "video"), Progress()
    )

    [plan] = lesson_world.video.plans
    assert plan.captions == ("Cells turn food into energy.", "Mitochondria do most of this work.")
    assert summary.script == " ".join(plan.captions)


async def test_the_script_is_spoken_without_markdown_and_at_most_a_minute_long(
    lesson_world: World,
) -> None:
    sentence = "This **bold** sentence has [a link](http://x.test) and eight words."
    lesson_world.writer.answer = "# Heading\n\n" + " ".join([sentence] * 30)

    summary = await lesson_world.media.render_lesson_summary().execute(
        job(lesson_world), Progress()
    )

    assert summary.script.startswith("This bold sentence has a link and eight words.")
    assert "Heading" not in summary.script
    assert "*" not in summary.script
    assert "http" not in summary.script
    assert len(summary.script.split()) <= 150


async def test_a_job_run_again_returns_its_summary_without_new_work(lesson_world: World) -> None:
    render = lesson_world.media.render_lesson_summary()
    summary_job = job(lesson_world, "video")
    first = await render.execute(summary_job, Progress())

    again = await render.execute(summary_job, Progress())

    assert again == first
    assert len(lesson_world.writer.requests) == 1
    assert len(lesson_world.video.plans) == 1
    assert len(lesson_world.store.media.files) == 1
    assert len(lesson_world.store.summaries) == 1


async def test_a_run_that_loses_the_race_keeps_the_winners_summary_and_drops_its_bytes(
    lesson_world: World,
) -> None:
    summary_job = job(lesson_world)
    winner_file = uuid4()

    async def other_run_finishes() -> None:
        lesson_world.store.summaries[winner_file] = LessonSummary(
            uuid4(),
            summary_job.lesson_id,
            "audio",
            winner_file,
            summary_job.job_id,
            "x",
            INSTRUCTOR.user_id,
            lesson_world.clock.now(),
        )

    lesson_world.speech.during = other_run_finishes

    summary = await lesson_world.media.render_lesson_summary().execute(summary_job, Progress())

    assert summary.file_id == winner_file
    assert len(lesson_world.store.summaries) == 1
    assert lesson_world.store.media.files == {}
    assert lesson_world.storage.objects == {}


async def test_a_failed_render_stores_nothing(lesson_world: World) -> None:
    lesson_world.video.failure = UpstreamFailed("ffmpeg crashed")

    with pytest.raises(UpstreamFailed):
        await lesson_world.media.render_lesson_summary().execute(
            job(lesson_world, "video"), Progress()
        )

    assert lesson_world.store.summaries == {}
    assert lesson_world.store.media.files == {}
    assert lesson_world.storage.objects == {}


async def test_a_script_with_nothing_to_say_fails_the_attempt(lesson_world: World) -> None:
    lesson_world.writer.answer = "```\ncode only\n```"

    with pytest.raises(NothingToNarrate):
        await lesson_world.media.render_lesson_summary().execute(job(lesson_world), Progress())

    assert lesson_world.speech.texts == []


async def test_a_lesson_deleted_before_the_job_ran_fails_it(lesson_world: World) -> None:
    summary_job = job(lesson_world)
    del lesson_world.catalog.lessons[summary_job.lesson_id]

    with pytest.raises(LessonNotFound):
        await lesson_world.media.render_lesson_summary().execute(summary_job, Progress())


async def test_summaries_are_listed_newest_first_without_those_whose_file_is_deleted(
    lesson_world: World,
) -> None:
    render = lesson_world.media.render_lesson_summary()
    older = await render.execute(job(lesson_world), Progress())
    lesson_world.clock.advance(minutes=1)
    newer = await render.execute(job(lesson_world, "video"), Progress())
    lesson_world.clock.advance(minutes=1)
    hidden = await render.execute(job(lesson_world), Progress())
    lesson_world.store.media.files[hidden.file_id].soft_delete(lesson_world.clock.now())
    listing = lesson_world.media.list_lesson_summaries()

    page = await listing.execute(None, lesson_id(lesson_world), PageRequest(10, 0))
    second = await listing.execute(None, lesson_id(lesson_world), PageRequest(1, 1))

    assert [s.id for s in page.items] == [newer.id, older.id]
    assert page.total == 2
    assert [s.id for s in second.items] == [older.id]


@pytest.mark.parametrize(
    ("caller", "allowed"),
    [
        (None, False),
        (FREE_STUDENT, False),
        (OTHER_INSTRUCTOR, True),
        (PREMIUM_STUDENT, True),
        (INSTRUCTOR, True),
        (ADMIN, True),
    ],
)
async def test_summaries_of_a_premium_lesson_need_the_right_to_read_it(
    lesson_world: World, caller: Principal | None, allowed: bool
) -> None:
    listing = lesson_world.media.list_lesson_summaries()
    premium = lesson_id(lesson_world, 1)

    if allowed:
        assert (await listing.execute(caller, premium, PageRequest())).total == 0
    else:
        with pytest.raises(PremiumRequired):
            await listing.execute(caller, premium, PageRequest())


async def test_summaries_of_a_hidden_course_are_not_found(lesson_world: World) -> None:
    with pytest.raises(LessonNotFound):
        await lesson_world.media.list_lesson_summaries().execute(
            PREMIUM_STUDENT, lesson_id(lesson_world, 2), PageRequest()
        )
