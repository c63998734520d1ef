"""``AiCoreTutorModel``: the external AI-Core HTTP service (SPEC 3.4).

``POST {AI_CORE_URL}/api/v1/generate`` with ``{chat_id, tutor_id, model_id, knowledge_base_id,
system_prompt, message, history: [{role, content}], attachments}`` answers
``{content, tokens_used?, processing_time?, ...}``; every field but ``content`` goes to
``TutorReply.extra``. The course passages travel inside ``system_prompt`` and images as
``attachments: [{content_type, data (base64)}]``. AI-Core does not stream: ``stream`` makes
the call, then yields the answer word by word. ``GET {AI_CORE_URL}/health`` is the health check.
"""

import base64
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import httpx

from tutor_platform.ai.adapters.outbound.endpoint import Endpoint
from tutor_platform.ai.adapters.outbound.support import (
    GRADER_INSTRUCTION,
    GradeAnswer,
    MalformedResponse,
    estimate_tokens,
    grade_with_one_retry,
    grading_message,
    http_status_failure,
    prompt_tokens,
    reply_log_fields,
    split_words,
    system_instruction,
    transport_failure,
)
from tutor_platform.ai.ports.model import (
    GradingRequest,
    RubricGrade,
    StreamItem,
    TextDelta,
    TutorPrompt,
    TutorReply,
)
from tutor_platform.shared.resilience import Failure

GENERATE_PATH = "/api/v1/generate"
HEALTH_PATH = "/health"
DEFAULT_MODEL_ID = "ai-core-default"


class UnexpectedStatus(Exception):
    """AI-Core answered with a status other than 2xx."""

    def __init__(self, status: int, retry_after: str | None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


def classify_ai_core_error(exc: Exception) -> Failure | None:
    """429/5xx/network/timeouts are retryable; other statuses and malformed bodies are not."""
    if isinstance(exc, UnexpectedStatus):
        return http_status_failure(exc.status, exc.retry_after)
    return transport_failure(exc)


class AiCoreTutorModel:
    """The ``ai_core`` provider; ``api_key`` (optional) is sent as a bearer token."""

    provider = "ai_core"

    def __init__(self, endpoint: Endpoint) -> None:
        self._endpoint = endpoint
        self._http: httpx.AsyncClient | None = None

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        model = prompt.model_id or DEFAULT_MODEL_ID
        return await self._endpoint.resilience.call(
            lambda: self._generate_reply(prompt),
            action="reply",
            fields={"model": model},
            result_fields=reply_log_fields,
        )

    def stream(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        return self._endpoint.resilience.stream(
            lambda: self._stream_once(prompt),
            action="stream",
            fields={"model": prompt.model_id or DEFAULT_MODEL_ID},
            result_fields=reply_log_fields,
        )

    async def grade(self, request: GradingRequest) -> RubricGrade:
        body = _body(
            system_prompt=GRADER_INSTRUCTION,
            message=grading_message(request),
            model_id=request.model_id,
        )

        async def ask() -> GradeAnswer:
            data = await self._endpoint.resilience.call(
                lambda: self._post(body),
                action="grade",
                fields={"model": request.model_id or DEFAULT_MODEL_ID},
            )
            return GradeAnswer(str(data["content"]))

        return await grade_with_one_retry(self.provider, ask)

    async def health(self) -> bool:
        """Whether ``GET /health`` answers 2xx (not asked when the circuit is open)."""
        if self._endpoint.resilience.breaker.retry_after() > 0:
            return False
        try:
            response = await self._client().get(HEALTH_PATH)
        except httpx.HTTPError:
            return False
        return response.is_success

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
        self._http = None

    async def _generate_reply(self, prompt: TutorPrompt) -> TutorReply:
        data = await self._post(
            _body(
                system_prompt=system_instruction(prompt),
                message=prompt.message,
                model_id=prompt.model_id,
                chat_id=_text_or_none(prompt.session_id),
                tutor_id=_text_or_none(prompt.tutor_id),
                knowledge_base_id=prompt.knowledge_base_id,
                history=[{"role": turn.role, "content": turn.content} for turn in prompt.history],
                attachments=[
                    {
                        "content_type": image.content_type,
                        "data": base64.b64encode(image.data).decode("ascii"),
                    }
                    for image in prompt.images
                ],
            )
        )
        content = str(data["content"])
        if not content.strip():
            raise MalformedResponse("empty content")
        model_id = data.get("model_id")
        finish_reason = data.get("finish_reason")
        return TutorReply(
            content=content,
            provider=self.provider,
            model_id=model_id if isinstance(model_id, str) else prompt.model_id or DEFAULT_MODEL_ID,
            tokens_in=prompt_tokens(prompt),
            tokens_out=estimate_tokens(content),
            finish_reason=finish_reason.lower() if isinstance(finish_reason, str) else "stop",
            extra={key: value for key, value in data.items() if key != "content"},
        )

    async def _stream_once(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        reply = await self._generate_reply(prompt)
        for piece in split_words(reply.content):
            yield TextDelta(piece)
        yield reply

    async def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        response = await self._client().post(GENERATE_PATH, json=body)
        if not response.is_success:
            raise UnexpectedStatus(response.status_code, response.headers.get("retry-after"))
        try:
            data = response.json()
        except ValueError:
            raise MalformedResponse("not JSON") from None
        if not isinstance(data, dict) or not isinstance(data.get("content"), str):
            raise MalformedResponse("no content")
        return data

    def _client(self) -> httpx.AsyncClient:
        """The HTTP client, made on first use (no I/O before that)."""
        if self._http is None:
            endpoint = self._endpoint
            headers = {"Authorization": f"Bearer {endpoint.api_key}"} if endpoint.api_key else {}
            self._http = httpx.AsyncClient(
                base_url=endpoint.base_url, headers=headers, timeout=endpoint.timeout_seconds
            )
        return self._http


def _body(
    *,
    system_prompt: str,
    message: str,
    model_id: str | None,
    chat_id: str | None = None,
    tutor_id: str | None = None,
    knowledge_base_id: str | None = None,
    history: list[dict[str, str]] | None = None,
    attachments: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The request body, always with every field of the SPEC."""
    return {
        "chat_id": chat_id,
        "tutor_id": tutor_id,
        "model_id": model_id,
        "knowledge_base_id": knowledge_base_id,
        "system_prompt": system_prompt,
        "message": message,
        "history": history or [],
        "attachments": attachments or [],
    }


def _text_or_none(value: UUID | None) -> str | None:
    return None if value is None else str(value)
