"""What integrations needs from the other contexts (media, learning, identity)."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.shared.auth import Principal


@dataclass(frozen=True, slots=True)
class UploadRules:
    """The upload rules of media: the accepted types and the size cap."""

    allowed_types: frozenset[str]
    max_bytes: int


class MediaFiles(Protocol):
    async def store_upload(
        self,
        owner_id: UUID,
        file_id: UUID,
        filename: str,
        chunks: AsyncIterator[bytes],
        size: int | None = None,
    ) -> UUID:
        """Store a file under the upload rules (type from the bytes 415, cap 413, quota);
        nothing is kept when a rule refuses it. ``file_id`` names the new file: when it was
        stored already (by an earlier run), that file is the answer and nothing is stored
        again. ``size``, when known, is reserved against the quota at once (the chunks must
        not exceed it). Returns the file's id."""
        ...


class LessonAuthoring(Protocol):
    async def check_draft_section(self, principal: Principal, section_id: UUID) -> None:
        """That the caller may add a lesson to the section (404/403 as over REST), and that its
        course is not published (409): an imported lesson is a draft nobody sees yet."""
        ...

    async def add_lesson(
        self, principal: Principal, lesson_id: UUID, section_id: UUID, title: str, content: str
    ) -> UUID:
        """Add the lesson ``lesson_id``, or answer it when an earlier run added it."""
        ...


class Accounts(Protocol):
    async def principal(self, user_id: UUID) -> Principal | None:
        """The user's rights now; None when the user is gone or deactivated."""
        ...
