"""Provider output is untrusted input: every model's answers pass through here before use.

- Text: NUL and the other control characters but tab, line feed and carriage return are
  removed (a database may not store them, and no reader wants them).
- Size: an answer stops at ``max_characters`` of text (``AI_MAX_OUTPUT_CHARACTERS``); a
  longer one is cut there, its finish reason ``length``, and a stream stops reading the
  provider at that point.
- Failures: what an adapter raises that is not a ``DomainError`` (an answer its SDK could
  not read, a grade out of range, a bug) becomes ``UpstreamFailed``, so callers answer 502,
  never 500.
"""

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Final

import structlog

from tutor_platform.ai.ports.model import (
    GradingRequest,
    RubricGrade,
    StreamItem,
    TextDelta,
    TutorModel,
    TutorPrompt,
    TutorReply,
)
from tutor_platform.shared.errors import DomainError, UpstreamFailed

logger = structlog.get_logger("tutor_platform.ai")

CUT_AT_LIMIT: Final = "length"
"""The finish reason of an answer cut at the size limit."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """The text without NUL and the control characters no reader wants."""
    return _CONTROL.sub("", text)


def _unreadable(provider: str, exc: Exception) -> UpstreamFailed:
    logger.warning("provider_output_unreadable", provider=provider, error=repr(exc)[:300])
    return UpstreamFailed(f"The {provider} provider sent an answer that could not be read.")


class UntrustedOutput:
    """Implements the ``TutorModel`` port over another model, cleaning and capping its output."""

    def __init__(self, model: TutorModel, max_characters: int) -> None:
        if max_characters < 1:
            raise ValueError("max_characters must be positive")
        self._model = model
        self._max = max_characters

    @property
    def provider(self) -> str:
        return self._model.provider

    @property
    def inner(self) -> TutorModel:
        """The provider's own adapter."""
        return self._model

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        try:
            reply = await self._model.reply(prompt)
            content = clean_text(reply.content)
        except DomainError:
            raise
        except Exception as exc:
            raise _unreadable(self.provider, exc) from exc
        if len(content) <= self._max:
            return replace(reply, content=content)
        return replace(reply, content=content[: self._max], finish_reason=CUT_AT_LIMIT)

    async def stream(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        source = self._model.stream(prompt)
        pieces: list[str] = []
        size = 0
        try:
            async for item in source:
                if not isinstance(item, TextDelta):
                    yield replace(item, content="".join(pieces))
                    return
                text = clean_text(item.text)[: self._max - size]
                if text:
                    size += len(text)
                    pieces.append(text)
                    yield TextDelta(text)
                if size >= self._max:
                    yield self._cut_reply(prompt, "".join(pieces))
                    return
        except DomainError:
            raise
        except Exception as exc:
            raise _unreadable(self.provider, exc) from exc
        finally:
            aclose = getattr(source, "aclose", None)
            if aclose is not None:
                await aclose()

    def _cut_reply(self, prompt: TutorPrompt, content: str) -> TutorReply:
        return TutorReply(
            content=content,
            provider=self.provider,
            model_id=prompt.model_id or "",
            tokens_in=0,
            tokens_out=len(content) // 4,
            finish_reason=CUT_AT_LIMIT,
        )

    async def grade(self, request: GradingRequest) -> RubricGrade:
        try:
            grade = await self._model.grade(request)
            return RubricGrade(
                score=grade.score,
                feedback=clean_text(grade.feedback)[: self._max],
                strengths=[clean_text(s)[: self._max] for s in grade.strengths],
                improvements=[clean_text(s)[: self._max] for s in grade.improvements],
                tokens_in=grade.tokens_in,
                tokens_out=grade.tokens_out,
            )
        except DomainError:
            raise
        except Exception as exc:
            raise _unreadable(self.provider, exc) from exc

    async def health(self) -> bool:
        return await self._model.health()
