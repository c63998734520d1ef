"""Test doubles of tutoring's outer ports: AI models that record what they are asked (and
can be slow, fail, or check something at call time), and in-memory courses and files."""

import asyncio
from collections.abc import AsyncIterator, Callable, Collection, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.ai.ports.model import (
    GradingRequest,
    RubricGrade,
    StreamItem,
    TextDelta,
    TutorModel,
    TutorPrompt,
    TutorReply,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import UpstreamFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.ports.attachments import AttachedFile
from tutor_platform.tutoring.ports.course_context import CourseRef, PassageHit


class ScriptedModel:
    """Answers ``pieces`` (streamed one by one, joined for ``reply``), waiting ``delay``
    seconds before each piece. ``fail_after`` raises ``UpstreamFailed`` once that many pieces
    were sent (0: before any; ``reply`` fails whenever it is set). ``on_call`` runs when a
    call starts (to check what is stored at that moment)."""

    def __init__(
        self,
        *pieces: str,
        provider: str = "local",
        delay: float = 0.0,
        fail_after: int | None = None,
        on_call: Callable[[TutorPrompt], None] | None = None,
    ) -> None:
        self.provider = provider
        self.pieces = list(pieces or ("Here is ", "the answer."))
        self.delay = delay
        self.fail_after = fail_after
        self.on_call = on_call
        self.prompts: list[TutorPrompt] = []
        self.sent: list[str] = []

    @property
    def answer(self) -> str:
        return "".join(self.pieces)

    def _start(self, prompt: TutorPrompt) -> None:
        self.prompts.append(prompt)
        if self.on_call is not None:
            self.on_call(prompt)

    def _reply(self, content: str) -> TutorReply:
        return TutorReply(
            content=content,
            provider=self.provider,
            model_id="scripted-1",
            tokens_in=11,
            tokens_out=len(content.split()),
            finish_reason="stop",
            extra={"trace": "t-1"},
        )

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        self._start(prompt)
        await asyncio.sleep(self.delay)
        if self.fail_after is not None:
            raise UpstreamFailed("scripted failure")
        return self._reply(self.answer)

    async def stream(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        self._start(prompt)
        for index, piece in enumerate(self.pieces):
            if self.fail_after == index:
                raise UpstreamFailed("scripted failure")
            await asyncio.sleep(self.delay)
            self.sent.append(piece)
            yield TextDelta(piece)
        yield self._reply(self.answer)

    async def grade(self, request: GradingRequest) -> RubricGrade:
        return RubricGrade(0.5, f"graded: {request.answer}", [], [])

    async def health(self) -> bool:
        return True


class OneModel:
    """``TutorModels`` whose every provider is the same model."""

    default_provider = "local"

    def __init__(self, model: TutorModel) -> None:
        self.model = model
        self.asked: list[str | None] = []

    def get(self, provider: str | None = None) -> TutorModel:
        self.asked.append(provider)
        return self.model

    async def aclose(self) -> None:
        return None


@dataclass
class FakeCourse:
    id: UUID
    instructor_id: UUID
    is_published: bool = True
    lessons: list[PassageHit] = field(default_factory=list)
    title: str = "A course"


def hit(
    title: str,
    text: str,
    *,
    premium: bool = False,
    heading: str | None = None,
    similarity: float = 0.9,
    lexical: float = 1.0,
) -> PassageHit:
    """A retrieved passage of a lesson (relevant unless told otherwise)."""
    return PassageHit(
        lesson_id=new_id(),
        course_id=new_id(),
        lesson_title=title,
        heading=heading,
        markdown=text,
        text=text,
        is_premium=premium,
        score=1.0,
        similarity=similarity,
        lexical=lexical,
    )


@dataclass
class FakeCourses:
    """``CourseContext`` over courses kept here, with learning's visibility rules."""

    courses: dict[UUID, FakeCourse] = field(default_factory=dict)
    material_asked: list[tuple[UUID, str, int]] = field(default_factory=list)

    def add(self, course: FakeCourse) -> FakeCourse:
        self.courses[course.id] = course
        return course

    async def can_edit(self, principal: Principal, course_id: UUID) -> bool:
        course = self.courses.get(course_id)
        return course is not None and (
            principal.is_admin or principal.user_id == course.instructor_id
        )

    async def editable(self, principal: Principal, course_ids: Collection[UUID]) -> set[UUID]:
        return {c for c in course_ids if await self.can_edit(principal, c)}

    async def can_view(self, principal: Principal | None, course_id: UUID) -> bool:
        course = self.courses.get(course_id)
        if course is None:
            return False
        return course.is_published or (
            principal is not None and await self.can_edit(principal, course_id)
        )

    async def hidden(self, principal: Principal | None, course_ids: Collection[UUID]) -> set[UUID]:
        return {c for c in course_ids if not await self.can_view(principal, c)}

    async def passages(self, course_id: UUID, query: str, limit: int) -> list[PassageHit]:
        self.material_asked.append((course_id, query, limit))
        return list(self.courses[course_id].lessons[:limit])

    async def other_courses(self, query: str, exclude: UUID, limit: int) -> list[CourseRef]:
        others = [c for c in self.courses.values() if c.id != exclude and c.is_published]
        return [CourseRef(c.id, c.title) for c in others][:limit]


@dataclass
class FakeFiles:
    """``FileAttachments``: files by owner, with their bytes."""

    files: dict[UUID, tuple[UUID, AttachedFile, bytes]] = field(default_factory=dict)
    reads: list[UUID] = field(default_factory=list)

    def add(self, owner: UUID, file_id: UUID, content_type: str, data: bytes) -> UUID:
        attached = AttachedFile(file_id, content_type, len(data), f"file-{len(self.files)}")
        self.files[file_id] = (owner, attached, data)
        return file_id

    async def owned(self, user_id: UUID, file_id: UUID) -> AttachedFile | None:
        found = self.files.get(file_id)
        return found[1] if found is not None and found[0] == user_id else None

    async def read(self, file_id: UUID) -> bytes:
        self.reads.append(file_id)
        return self.files[file_id][2]


def texts(prompt: TutorPrompt) -> Sequence[str]:
    """The history of a prompt as its texts, oldest first."""
    return [turn.content for turn in prompt.history]
