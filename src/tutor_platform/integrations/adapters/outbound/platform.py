"""The other contexts as integrations needs them, over their facades."""

from collections.abc import AsyncIterator, Callable
from uuid import UUID

from tutor_platform.catalog.api import LearnerCatalogFacade
from tutor_platform.identity.api import IdentityFacade
from tutor_platform.media.api import MediaFacade
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import Conflict, NotFound


class FacadeMediaFiles:
    def __init__(self, media: Callable[[], MediaFacade]) -> None:
        self._media = media

    async def store_upload(
        self,
        owner_id: UUID,
        file_id: UUID,
        filename: str,
        chunks: AsyncIterator[bytes],
        size: int | None = None,
    ) -> UUID:
        info = await self._media().store_upload(
            owner_id, filename, chunks, declared_size=size, file_id=file_id
        )
        return info.id


class FacadeLessonAuthoring:
    def __init__(self, learner: Callable[[], LearnerCatalogFacade]) -> None:
        self._learner = learner

    async def check_draft_section(self, principal: Principal, section_id: UUID) -> None:
        course = await self._learner().section_course(principal, section_id)
        if course.is_published:
            raise Conflict(
                "The section's course is published: a lesson imported there would be visible "
                "at once. Import into a section of an unpublished course."
            )

    async def add_lesson(
        self, principal: Principal, lesson_id: UUID, section_id: UUID, title: str, content: str
    ) -> UUID:
        lesson = await self._learner().add_lesson(
            principal, section_id, title, content, lesson_id=lesson_id
        )
        return lesson.id


class FacadeAccounts:
    def __init__(self, identity: Callable[[], IdentityFacade]) -> None:
        self._identity = identity

    async def principal(self, user_id: UUID) -> Principal | None:
        try:
            user = await self._identity().get_user(user_id)
        except NotFound:
            return None
        if not user.is_active:
            return None
        return Principal(user_id=user.id, role=user.role, plan=user.plan)
