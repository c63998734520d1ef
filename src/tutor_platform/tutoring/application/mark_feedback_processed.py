"""Admins mark feedback as processed (taken into a training set); unknown ids are ignored."""

from collections.abc import Collection
from typing import Final
from uuid import UUID

from tutor_platform.tutoring.domain.validation import fail
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory

MAX_IDS: Final = 1000


class MarkFeedbackProcessed:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, ids: Collection[UUID]) -> int:
        """How many of ``ids`` exist (and are now processed); 422 for 0 or over 1000 ids."""
        if not 1 <= len(ids) <= MAX_IDS:
            raise fail("ids", f"must list 1 to {MAX_IDS} feedback ids")
        async with self._uow_factory() as uow:
            updated = await uow.feedback.mark_processed(set(ids))
            await uow.commit()
        return updated
