"""The lesson summary and draft repositories, for SQLAlchemy and the fakes: one result per
job (a second is ``DuplicateJobResult``; on the database it takes its file with it), a draft is
marked applied once, and lists leave out summaries whose file is deleted."""

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.media_repository.conftest import Media
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow
from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.domain.lesson_media import LessonDraft, LessonSummary
from tutor_platform.media.ports.lesson_media_repositories import DuplicateJobResult
from tutor_platform.shared.clock import SystemClock
from tutor_platform.shared.pagination import PageRequest

UnitOfWork = Callable[[], Any]
NOW = SystemClock().now()


@pytest.fixture
def uow(media: Media) -> UnitOfWork:
    return media.lesson_media


def a_file(seconds: int = 0) -> StoredFile:
    at = NOW + timedelta(seconds=seconds)
    return StoredFile(
        uuid4(), uuid4(), "s.wav", "audio/wav", 10, "0" * 64, "public", "files/x", at, at
    )


def a_summary(file: StoredFile, lesson_id: UUID, job_id: UUID | None = None) -> LessonSummary:
    job = job_id or uuid4()
    return LessonSummary(
        uuid4(), lesson_id, "audio", file.id, job, "Script.", uuid4(), file.created_at
    )


def a_draft(lesson_id: UUID, seconds: int = 0) -> LessonDraft:
    at = NOW + timedelta(seconds=seconds)
    return LessonDraft(
        uuid4(), lesson_id, uuid4(), uuid4(), "# Draft", None, "m", "local", uuid4(), at
    )


async def store(uow: UnitOfWork, file: StoredFile, summary: LessonSummary) -> None:
    async with uow() as work:
        await work.files.add(file)
        await work.summaries.add(summary)
        await work.commit()


async def test_a_second_summary_of_a_job_is_refused(uow: UnitOfWork) -> None:
    lesson_id, job_id = uuid4(), uuid4()
    file = a_file()
    first = a_summary(file, lesson_id, job_id)
    await store(uow, file, first)
    loser = a_file()

    with pytest.raises(DuplicateJobResult):
        await store(uow, loser, a_summary(loser, lesson_id, job_id))

    async with uow() as work:
        assert await work.summaries.by_job(job_id) == first


@pytest.mark.parametrize("media", ["sqlalchemy"], indirect=True)
async def test_a_refused_summary_takes_its_file_with_it(
    uow: UnitOfWork, db_engine: AsyncEngine
) -> None:
    lesson_id, job_id = uuid4(), uuid4()
    file = a_file()
    await store(uow, file, a_summary(file, lesson_id, job_id))
    loser = a_file()

    with pytest.raises(DuplicateJobResult):
        await store(uow, loser, a_summary(loser, lesson_id, job_id))

    async with db_engine.connect() as connection:
        assert list(await connection.scalars(select(FileRow.id))) == [file.id]


async def test_lists_are_newest_first_and_skip_summaries_of_deleted_files(
    uow: UnitOfWork,
) -> None:
    lesson_id = uuid4()
    files = [a_file(seconds) for seconds in range(3)]
    summaries = [a_summary(file, lesson_id) for file in files]
    for file, summary in zip(files, summaries, strict=True):
        await store(uow, file, summary)
    async with uow() as work:
        files[2].soft_delete(NOW)
        await work.files.update(files[2])
        await work.commit()

    async with uow() as work:
        items, total = await work.summaries.for_lesson(lesson_id, PageRequest(1, 1))
        everything, _ = await work.summaries.for_lesson(lesson_id, PageRequest())

    assert total == 2
    assert items == [summaries[0]]
    assert everything == [summaries[1], summaries[0]]


async def test_a_draft_is_marked_applied_once_and_can_be_unmarked(uow: UnitOfWork) -> None:
    lesson_id = uuid4()
    older, newer = a_draft(lesson_id), a_draft(lesson_id, 5)
    async with uow() as work:
        await work.drafts.add(older)
        await work.drafts.add(newer)
        await work.commit()

    async with uow() as work:
        first = await work.drafts.mark_applied(older.id, NOW)
        second = await work.drafts.mark_applied(older.id, NOW)
        await work.commit()
    async with uow() as work:
        applied = await work.drafts.get(older.id)
        await work.drafts.mark_unapplied(older.id)
        await work.commit()
    async with uow() as work:
        items, total = await work.drafts.for_lesson(lesson_id, PageRequest())
        duplicate = replace(a_draft(lesson_id), job_id=newer.job_id)
        with pytest.raises(DuplicateJobResult):
            await work.drafts.add(duplicate)

    assert (first, second) == (True, False)
    assert applied is not None
    assert applied.applied_at == NOW
    assert [d.id for d in items] == [newer.id, older.id]
    assert total == 2
    assert items[1].applied_at is None
