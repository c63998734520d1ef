"""A fake AI-Core service: ``POST /api/v1/generate`` and ``GET /health``.

Answers by default with ``{"content": "Fake AI-Core answer to: <message>", "tokens_used",
"processing_time", "sources"}``, or with a valid grade (as JSON text in ``content``) when the
system prompt asks for one. Queue ``ai_core_reply``, ``ai_core_error`` or any ``Scripted``.
"""

from typing import Any

from tests.fakes.asgi import RecordedRequest, Scripted, ScriptedServer

DEFAULT_GRADE = (
    '{"score": 0.6, "feedback": "Mostly right.", '
    '"strengths": ["Clear wording"], "improvements": ["Mention the inputs"]}'
)


def ai_core_reply(content: str, **extra: Any) -> Scripted:
    return Scripted(json={"content": content, **extra})


def ai_core_error(status: int, *, retry_after: str | None = None, delay: float = 0.0) -> Scripted:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return Scripted(
        status=status, json={"detail": f"scripted error {status}"}, headers=headers, delay=delay
    )


class FakeAiCore(ScriptedServer):
    """The AI-Core HTTP service; records every request."""

    def default(self, request: RecordedRequest) -> Scripted:
        if request.method == "GET" and request.path == "/health":
            return Scripted(json={"status": "ok"})
        if request.method != "POST" or request.path != "/api/v1/generate":
            return Scripted(status=404, json={"detail": "not found"})
        body = request.json()
        if "JSON" in (body.get("system_prompt") or ""):
            return ai_core_reply(DEFAULT_GRADE, tokens_used=30)
        return ai_core_reply(
            f"Fake AI-Core answer to: {body.get('message', '')}",
            tokens_used=42,
            processing_time=0.25,
            sources=["kb-doc-1"],
        )
