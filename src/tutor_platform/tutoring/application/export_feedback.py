"""Admins export matching feedback with the answer and question it is about, as a stream:
batches read by keyset on the id, each in a short transaction of its own, so memory and
locks stay small whatever the number of rows."""

from collections.abc import AsyncIterator
from typing import Final

from tutor_platform.tutoring.ports.repositories import ExportedFeedback, FeedbackQuery
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory

EXPORT_BATCH: Final = 500


class ExportFeedback:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory, batch: int = EXPORT_BATCH) -> None:
        self._uow_factory = uow_factory
        self._batch = batch

    async def execute(self, query: FeedbackQuery) -> AsyncIterator[ExportedFeedback]:
        after = None
        while True:
            async with self._uow_factory() as uow:
                rows = await uow.feedback.export_batch(query, after, self._batch)
            for row in rows:
                yield row
            if len(rows) < self._batch:
                return
            after = rows[-1].feedback.id
