"""The AI model that writes narration scripts and lesson drafts, and the speech and video
engines that turn a script into a summary file."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol
from uuid import UUID

from tutor_platform.media.domain.lesson_material import Passage
from tutor_platform.media.domain.video_plan import VideoPlan

ProgressReporter = Callable[[float], Awaitable[None]]
"""Records how far a job got, from 0.0 to 1.0."""


WritingTask = Literal["text", "draft", "narration"]
"""What is written: ``draft`` a lesson in Markdown, ``narration`` a spoken script of plain
whole sentences, ``text`` anything else."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WritingRequest:
    """``instructions``: the requester's own (a draft's), also part of ``instruction``; a
    model that cannot carry them out names them."""

    instruction: str
    system_prompt: str
    material: Sequence[Passage]
    max_output_tokens: int | None = None
    task: WritingTask = "text"
    instructions: str | None = None
    course_id: UUID | None = None
    """The course the text is for (kept with the call's usage)."""


@dataclass(frozen=True, slots=True)
class WrittenText:
    content: str
    provider: str
    model_id: str


class TextWriter(Protocol):
    """An AI model (the default provider). Raises ``UpstreamFailed`` when it fails."""

    async def write(self, request: WritingRequest) -> WrittenText: ...


@dataclass(frozen=True, slots=True)
class SpeechAudio:
    """Spoken audio: the bytes of a whole file of ``content_type`` (``audio/wav`` or
    ``audio/mpeg``)."""

    data: bytes
    content_type: str

    @property
    def extension(self) -> str:
        return ".mp3" if self.content_type == "audio/mpeg" else ".wav"


class SpeechSynthesizer(Protocol):
    """Text to speech. Raises ``UpstreamFailed`` when a remote provider fails."""

    async def synthesize(self, text: str) -> SpeechAudio: ...


@dataclass(frozen=True, slots=True)
class RenderedVideo:
    """An H.264/AAC MP4 file."""

    data: bytes
    content_type: str = "video/mp4"


class VideoRenderer(Protocol):
    """Cards of a ``VideoPlan`` over the narration (CPU-heavy work runs off the event loop)."""

    async def render(self, plan: VideoPlan, narration: SpeechAudio) -> RenderedVideo: ...
