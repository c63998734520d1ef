"""Media's units of work: one transaction over its repositories, owned by a use case."""

from collections.abc import Callable
from typing import Protocol

from tutor_platform.media.ports.lesson_media_repositories import (
    LessonDraftRepository,
    LessonSummaryRepository,
)
from tutor_platform.media.ports.repositories import FileRepository, UploadReservations
from tutor_platform.shared.unit_of_work import UnitOfWork


class MediaUnitOfWork(UnitOfWork, Protocol):
    """Media's repositories in one transaction."""

    @property
    def files(self) -> FileRepository: ...

    @property
    def uploads(self) -> UploadReservations: ...


MediaUnitOfWorkFactory = Callable[[], MediaUnitOfWork]


class LessonMediaUnitOfWork(MediaUnitOfWork, Protocol):
    """Media's unit of work with lesson summaries and drafts."""

    @property
    def summaries(self) -> LessonSummaryRepository: ...

    @property
    def drafts(self) -> LessonDraftRepository: ...


LessonMediaUnitOfWorkFactory = Callable[[], LessonMediaUnitOfWork]
