"""``OpenAITutorModel``: any OpenAI-compatible chat-completions server through the ``openai`` SDK.

OpenAI itself, Azure OpenAI, Ollama, vLLM, LM Studio, OpenRouter… all speak
``POST {base_url}/chat/completions``. The system prompt (the tutor's prompt and the course
passages, built by ``support.system_instruction`` as for every provider) is the first message,
then the history, then the user's message with its images as ``image_url`` data URLs. Streams
ask for the usage in their last chunk (``stream_options.include_usage``). Grades ask for a
structured reply (``response_format`` with a JSON schema), validated by ``parse_grade``.

The SDK runs on an HTTP client this adapter owns (``aclose`` releases it) with its own
retries off: ``shared.resilience`` retries, times out and breaks the circuit.
"""

import base64
import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

import openai
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema

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

GRADE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "score": {"type": "number", "description": "from 0 to 1"},
        "feedback": {"type": "string"},
        "strengths": {"type": "array", "items": {"type": "string"}},
        "improvements": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["score", "feedback", "strengths", "improvements"],
    "additionalProperties": False,
}
GRADE_FORMAT: ResponseFormatJSONSchema = {
    "type": "json_schema",
    "json_schema": {"name": "rubric_grade", "strict": True, "schema": GRADE_SCHEMA},
}


def classify_openai_error(exc: Exception) -> Failure | None:
    """Sort the SDK's exceptions: 429/5xx/network/timeouts are retryable, other statuses and
    malformed answers are not."""
    if isinstance(exc, openai.APIStatusError):
        return http_status_failure(exc.status_code, exc.response.headers.get("retry-after"))
    if isinstance(exc, openai.APITimeoutError):
        return Failure(True, "timeout")
    if isinstance(exc, openai.APIConnectionError):
        return Failure(True, "network")
    if isinstance(exc, openai.APIResponseValidationError | json.JSONDecodeError):
        return Failure(False, "malformed: not a chat completion")
    if isinstance(exc, openai.APIError):
        return Failure(True, "stream_error")
    return transport_failure(exc)


def sdk_client(
    *, base_url: str, api_key: str, timeout_seconds: float
) -> tuple[openai.AsyncOpenAI, openai.DefaultAsyncHttpxClient]:
    """An ``AsyncOpenAI`` without retries, on an HTTP client the caller owns and closes."""
    http = openai.DefaultAsyncHttpxClient(timeout=timeout_seconds)
    client = openai.AsyncOpenAI(
        base_url=base_url,
        api_key=api_key,
        max_retries=0,
        timeout=timeout_seconds,
        http_client=http,
    )
    return client, http


class OpenAITutorModel:
    """The ``openai`` provider (any OpenAI-compatible chat-completions server)."""

    provider = "openai"

    def __init__(self, endpoint: Endpoint, *, default_model: str) -> None:
        self._endpoint = endpoint
        self._default_model = default_model
        self._http: openai.DefaultAsyncHttpxClient | None = None
        self._client: openai.AsyncOpenAI | None = None

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        model = prompt.model_id or self._default_model

        async def complete() -> TutorReply:
            response = await self._openai().chat.completions.create(
                **_request(prompt, model), stream=False
            )
            return self._reply(prompt, model, response)

        return await self._endpoint.resilience.call(
            complete, action="reply", fields={"model": model}, result_fields=reply_log_fields
        )

    def stream(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        model = prompt.model_id or self._default_model
        return self._endpoint.resilience.stream(
            lambda: self._stream_once(prompt, model),
            action="stream",
            fields={"model": model},
            result_fields=reply_log_fields,
        )

    async def grade(self, request: GradingRequest) -> RubricGrade:
        model = request.model_id or self._default_model
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": GRADER_INSTRUCTION},
            {"role": "user", "content": grading_message(request)},
        ]

        async def complete() -> GradeAnswer:
            response = await self._openai().chat.completions.create(
                model=model,
                messages=messages,
                temperature=0.0,
                response_format=GRADE_FORMAT,
                stream=False,
            )
            usage = getattr(response, "usage", None)
            return GradeAnswer(
                _message_text(response),
                _count(getattr(usage, "prompt_tokens", None)),
                _count(getattr(usage, "completion_tokens", None)),
            )

        async def ask() -> GradeAnswer:
            return await self._endpoint.resilience.call(
                complete, action="grade", fields={"model": model}
            )

        return await grade_with_one_retry(self.provider, ask)

    async def health(self) -> bool:
        """Whether the server lists its models (not asked when the circuit is open)."""
        if self._endpoint.resilience.breaker.retry_after() > 0:
            return False
        try:
            await self._openai().models.list()
        except Exception:
            return False
        return True

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
        self._http = None
        self._client = None

    async def _stream_once(self, prompt: TutorPrompt, model: str) -> AsyncIterator[StreamItem]:
        chunks = await self._openai().chat.completions.create(
            **_request(prompt, model), stream=True, stream_options={"include_usage": True}
        )
        texts: list[str] = []
        finish: str | None = None
        usage: Any = None
        seen = False
        try:
            async for chunk in chunks:
                if not isinstance(chunk, ChatCompletionChunk):
                    raise MalformedResponse("not a chat completion chunk")
                seen = True
                usage = getattr(chunk, "usage", None) or usage
                for choice in getattr(chunk, "choices", None) or []:
                    if choice.index != 0:
                        continue
                    finish = choice.finish_reason or finish
                    text = choice.delta.content if choice.delta else None
                    if text:
                        texts.append(text)
                        yield TextDelta(text)
        finally:
            await chunks.close()
        if not seen:
            raise MalformedResponse("empty stream")
        content = "".join(texts)
        if not content:
            raise MalformedResponse(f"no answer (finish reason {finish or 'unknown'})")
        yield self._build_reply(prompt, model, content, finish, usage, None)

    def _reply(self, prompt: TutorPrompt, model: str, response: object) -> TutorReply:
        content = _message_text(response)
        choices = getattr(response, "choices", None) or []
        finish = choices[0].finish_reason if choices else None
        if not content:
            raise MalformedResponse(f"no answer (finish reason {finish or 'unknown'})")
        usage = getattr(response, "usage", None)
        version = getattr(response, "model", None)
        return self._build_reply(prompt, model, content, finish, usage, version)

    def _build_reply(
        self,
        prompt: TutorPrompt,
        model: str,
        content: str,
        finish: str | None,
        usage: Any,
        version: str | None,
    ) -> TutorReply:
        tokens_in = getattr(usage, "prompt_tokens", None)
        tokens_out = getattr(usage, "completion_tokens", None)
        extra: Mapping[str, object] = {"model_version": version} if version else {}
        return TutorReply(
            content=content,
            provider=self.provider,
            model_id=model,
            tokens_in=tokens_in if isinstance(tokens_in, int) else prompt_tokens(prompt),
            tokens_out=tokens_out if isinstance(tokens_out, int) else estimate_tokens(content),
            finish_reason=str(finish or "unknown").lower(),
            extra=extra,
        )

    def _openai(self) -> openai.AsyncOpenAI:
        """The SDK client, made on first use (no I/O before that)."""
        if self._client is None:
            self._client, self._http = sdk_client(
                base_url=self._endpoint.base_url,
                api_key=self._endpoint.api_key,
                timeout_seconds=self._endpoint.timeout_seconds,
            )
        return self._client


def _request(prompt: TutorPrompt, model: str) -> dict[str, Any]:
    """The arguments of a chat completion shared by ``reply`` and ``stream``."""
    options: dict[str, Any] = {
        "model": model,
        "messages": _messages(prompt),
        "temperature": prompt.temperature,
    }
    if prompt.max_output_tokens is not None:
        options["max_tokens"] = prompt.max_output_tokens
    return options


def _messages(prompt: TutorPrompt) -> list[dict[str, Any]]:
    instruction = system_instruction(prompt)
    messages: list[dict[str, Any]] = (
        [{"role": "system", "content": instruction}] if instruction else []
    )
    messages += [{"role": turn.role, "content": turn.content} for turn in prompt.history]
    if not prompt.images:
        messages.append({"role": "user", "content": prompt.message})
        return messages
    parts: list[dict[str, Any]] = (
        [{"type": "text", "text": prompt.message}] if prompt.message else []
    )
    parts += [
        {
            "type": "image_url",
            "image_url": {
                "url": f"data:{image.content_type};base64,"
                + base64.b64encode(image.data).decode("ascii")
            },
        }
        for image in prompt.images
    ]
    messages.append({"role": "user", "content": parts})
    return messages


def _message_text(response: object) -> str:
    """The text of the first choice; ``MalformedResponse`` when it is no chat completion."""
    if not isinstance(response, ChatCompletion):
        raise MalformedResponse("not a chat completion")
    choices = getattr(response, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise MalformedResponse("no choices")
    message = getattr(choices[0], "message", None)
    content = getattr(message, "content", None)
    return content if isinstance(content, str) else ""


def _count(value: object) -> int | None:
    """A token count the SDK reported, or None."""
    return value if isinstance(value, int) else None
