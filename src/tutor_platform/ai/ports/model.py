"""The AI behind a tutor: one port, four adapters (``local``, ``gemini``, ``ai_core``, ``openai``).

A caller builds a :class:`TutorPrompt` (the tutor's system prompt, the user's message, the
trimmed history, course passages it retrieved and images it loaded) and asks a
:class:`TutorModel` for a :class:`TutorReply`, either at once (``reply``) or streamed
(``stream``: :class:`TextDelta` items, then exactly one ``TutorReply`` whose ``content`` is the
concatenation of the deltas). ``grade`` scores a free-text answer against a rubric.

Errors: when the provider fails (after the adapter's retries), every method raises
:class:`~tutor_platform.shared.errors.UpstreamFailed` or a subclass of it —
:class:`ProviderNotConfigured` when the provider has no key or URL, and
``shared.resilience.CircuitOpen`` when calls fail fast because the provider keeps failing.
Invalid arguments (an empty message, a temperature out of range) raise ``ValueError`` when the
value objects are built: they are programming errors, not upstream ones.

:class:`TutorModels` picks the model for a tutor's ``provider`` (or the default one).
"""

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, Protocol, get_args
from uuid import UUID

from tutor_platform.shared.errors import UpstreamFailed

ProviderName = Literal["local", "gemini", "ai_core", "openai"]
Task = Literal["tutor", "text", "draft", "narration"]
PROVIDER_NAMES: Final[tuple[ProviderName, ...]] = get_args(ProviderName)


class ProviderNotConfigured(UpstreamFailed):
    """The provider was asked for but has no key or URL in the settings."""

    def __init__(self, provider: str) -> None:
        super().__init__(f"provider {provider} is not configured")
        self.provider = provider


class UngradableAnswer(UpstreamFailed):
    """The provider answered a grading call twice without a valid grade (JSON of the wrong
    shape, types or range): the answer needs a person, not a retry later."""

    def __init__(self, provider: str) -> None:
        super().__init__(f"{provider} did not answer successfully (malformed grade, 2 attempts)")
        self.provider = provider


@dataclass(frozen=True, slots=True)
class ChatTurn:
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str

    def __post_init__(self) -> None:
        if self.role not in ("user", "assistant"):
            raise ValueError(f"unknown chat role {self.role!r}")


@dataclass(frozen=True, slots=True)
class ImagePart:
    """An image attached to the message, already loaded by the caller."""

    content_type: str
    data: bytes

    def __post_init__(self) -> None:
        if not self.content_type.startswith("image/"):
            raise ValueError(f"not an image content type: {self.content_type!r}")


@dataclass(frozen=True, slots=True)
class CoursePassage:
    """Course material the caller retrieved for this message (a lesson or a part of it).

    ``title`` is the lesson's (or the attached file's) title, ``heading`` the section of the
    lesson it comes from, ``text`` its Markdown. In a prompt, passages are numbered from 1 in
    the order given: a provider cites passage ``n`` as ``[n]``.
    """

    lesson_id: UUID | None
    title: str
    text: str
    heading: str | None = None
    heading_line: str | None = None
    """The Markdown heading line that opens this passage in its lesson (``## Mitochondria``),
    when the caller cut the lesson at its headings. Prompts do not show it; the offline model
    rebuilds the lesson's outline from it (a draft)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TutorPrompt:
    """Everything a model needs to answer one message.

    ``model_id`` None means the provider's default model. ``temperature`` is 0-2.
    ``task``: ``tutor`` answers a learner; ``text`` writes to an instruction from the
    material; ``draft`` rewrites a lesson (Markdown); ``narration`` writes a spoken script
    (plain whole sentences). ``instructions``: for a draft, the requester's own instructions
    (the caller also writes them into ``message``; the offline model, which cannot carry them
    out, names them). ``uncovered``: the tutor's course has no passage relevant to the
    message; the answer says so plainly, naming ``other_courses`` (titles) that may cover it.
    ``session_id``, ``tutor_id`` and ``knowledge_base_id`` are passed to providers that keep
    their own state (AI-Core); the others ignore them.
    """

    system_prompt: str
    message: str
    history: Sequence[ChatTurn] = ()
    passages: Sequence[CoursePassage] = ()
    images: Sequence[ImagePart] = ()
    model_id: str | None = None
    temperature: float = 0.7
    session_id: UUID | None = None
    tutor_id: UUID | None = None
    knowledge_base_id: str | None = None
    max_output_tokens: int | None = None
    task: Task = "tutor"
    instructions: str | None = None
    uncovered: bool = False
    other_courses: Sequence[str] = ()

    def __post_init__(self) -> None:
        if not self.message.strip() and not self.images:
            raise ValueError("a prompt needs a message or an image")
        if not 0.0 <= self.temperature <= 2.0:
            raise ValueError("temperature must be between 0 and 2")
        if self.max_output_tokens is not None and self.max_output_tokens < 1:
            raise ValueError("max_output_tokens must be positive")


@dataclass(frozen=True, slots=True)
class TutorReply:
    """A complete answer. ``extra`` holds provider-specific fields (for message metadata)."""

    content: str
    provider: str
    model_id: str
    tokens_in: int
    tokens_out: int
    finish_reason: str
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of a streamed answer."""

    text: str


StreamItem = TextDelta | TutorReply


@dataclass(frozen=True, slots=True, kw_only=True)
class GradingRequest:
    """A free-text answer to grade against a rubric (keywords and/or guidance)."""

    question: str
    answer: str
    rubric_keywords: Sequence[str] = ()
    rubric_guidance: str = ""
    model_id: str | None = None


@dataclass(frozen=True, slots=True)
class RubricGrade:
    """The grade of a free-text answer: ``score`` from 0 to 1 and why; ``tokens_in`` and
    ``tokens_out``: the usage the provider reported for the calls that made it (None when
    it reported none)."""

    score: float
    feedback: str
    strengths: list[str]
    improvements: list[str]
    tokens_in: int | None = None
    tokens_out: int | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError("score must be between 0 and 1")


class TutorModel(Protocol):
    """An AI model that answers as a tutor and grades free-text answers."""

    @property
    def provider(self) -> str:
        """The provider's name: ``local``, ``gemini``, ``ai_core`` or ``openai``."""
        ...

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        """The whole answer to the prompt's message."""
        ...

    def stream(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        """The answer as :class:`TextDelta` items, then one :class:`TutorReply`.

        The reply's ``content`` equals the concatenation of the deltas. A failure before the
        first delta is retried like ``reply``; after it, ``UpstreamFailed`` ends the stream.
        """
        ...

    async def grade(self, request: GradingRequest) -> RubricGrade:
        """Grade a free-text answer; the score is always between 0 and 1."""
        ...

    async def health(self) -> bool:
        """Whether the provider answers now (False rather than raising)."""
        ...


class TutorModels(Protocol):
    """The tutor model of each provider, and the default provider from the settings."""

    @property
    def default_provider(self) -> str: ...

    def get(self, provider: str | None = None) -> TutorModel:
        """The model of ``provider`` (None: the default); ``LookupError`` for an unknown name.

        A known provider without its key or URL is returned too; using it raises
        :class:`ProviderNotConfigured`.
        """
        ...
