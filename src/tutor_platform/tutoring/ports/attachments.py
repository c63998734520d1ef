"""Files attached to messages, which live in the media context."""

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True, slots=True)
class AttachedFile:
    id: UUID
    content_type: str
    size: int
    filename: str = ""

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_text(self) -> bool:
        """Plain text or Markdown: material the tutor reads."""
        return self.content_type in ("text/plain", "text/markdown")


class FileAttachments(Protocol):
    async def owned(self, user_id: UUID, file_id: UUID) -> AttachedFile | None:
        """The file if ``user_id`` uploaded it and it is not deleted, else None."""
        ...

    async def read(self, file_id: UUID) -> bytes:
        """The file's bytes."""
        ...
