"""The conversation history sent with a new message, trimmed to a token budget."""

from collections.abc import Sequence

from tutor_platform.tutoring.domain.message import Message


def estimate_tokens(text: str) -> int:
    """A provider-independent size: whitespace-separated words."""
    return len(text.split())


def trim_history(messages: Sequence[Message], budget: int) -> list[Message]:
    """The newest messages (given oldest first) whose sizes add up to at most ``budget``,
    oldest first; an older message is never kept when a newer one was dropped."""
    kept: list[Message] = []
    used = 0
    for message in reversed(messages):
        used += estimate_tokens(message.content)
        if used > budget:
            break
        kept.append(message)
    kept.reverse()
    return kept
