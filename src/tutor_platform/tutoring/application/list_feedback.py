"""Admins list feedback (for the ML export), oldest first, filtered by ``processed`` and
``allow_training``."""

from tutor_platform.shared.pagination import Page, PageRequest
from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.ports.repositories import FeedbackQuery
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class ListFeedback:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, query: FeedbackQuery, page: PageRequest) -> Page[Feedback]:
        async with self._uow_factory() as uow:
            items, total = await uow.feedback.search(query, page)
        return Page(items=items, total=total, limit=page.limit, offset=page.offset)
