"""Where a signed-in reader's lesson reads are recorded (progress's facade, wired by the root)."""

from typing import Protocol
from uuid import UUID


class LessonReads(Protocol):
    async def record_lesson_access(self, user_id: UUID, lesson_id: UUID) -> None: ...
