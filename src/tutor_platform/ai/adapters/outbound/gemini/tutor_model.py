"""``GeminiTutorModel``: Google Gemini through google-genai's async client.

The tutor's system prompt and the course passages go in the system instruction, the history
as ``user``/``model`` contents, images as inline data parts. The SDK runs on an httpx client
this adapter owns (so transport errors are httpx's and ``aclose`` releases it); the SDK's own
retries stay off: ``shared.resilience`` retries, times out and breaks the circuit.
"""

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

import httpx
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

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

API_VERSION = "v1beta"
_NO_TOOLS: dict[str, Any] = {
    "automatic_function_calling": types.AutomaticFunctionCallingConfig(disable=True)
}


def _grade_schema() -> types.Schema:
    """The JSON shape a grade must have (``response_schema``)."""
    strings = types.Schema(type=types.Type.ARRAY, items=types.Schema(type=types.Type.STRING))
    return types.Schema(
        type=types.Type.OBJECT,
        properties={
            "score": types.Schema(type=types.Type.NUMBER, minimum=0, maximum=1),
            "feedback": types.Schema(type=types.Type.STRING),
            "strengths": strings,
            "improvements": strings,
        },
        required=["score", "feedback", "strengths", "improvements"],
    )


def classify_gemini_error(exc: Exception) -> Failure | None:
    """Sort the SDK's and httpx's exceptions: 429/5xx/network/timeouts are retryable."""
    if isinstance(exc, genai_errors.APIError):
        response = getattr(exc, "response", None)
        headers = getattr(response, "headers", None) or {}
        return http_status_failure(exc.code, headers.get("retry-after"))
    if isinstance(exc, json.JSONDecodeError | genai_errors.UnknownApiResponseError):
        return Failure(False, "malformed: not JSON")
    return transport_failure(exc)


class GeminiTutorModel:
    """The ``gemini`` provider."""

    provider = "gemini"

    def __init__(self, endpoint: Endpoint, *, default_model: str) -> None:
        self._endpoint = endpoint
        self._default_model = default_model
        self._http: httpx.AsyncClient | None = None
        self._client: genai.Client | None = None

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        model = prompt.model_id or self._default_model

        async def generate() -> TutorReply:
            response = await self._genai().aio.models.generate_content(
                model=model, contents=_contents(prompt), config=_config(prompt)
            )
            return self._reply(prompt, model, [_text(response)], response)

        return await self._endpoint.resilience.call(
            generate, action="reply", fields={"model": model}, result_fields=reply_log_fields
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
        config = types.GenerateContentConfig(
            system_instruction=GRADER_INSTRUCTION,
            temperature=0.0,
            response_mime_type="application/json",
            response_schema=_grade_schema(),
            **_NO_TOOLS,
        )

        async def generate() -> GradeAnswer:
            response = await self._genai().aio.models.generate_content(
                model=model, contents=grading_message(request), config=config
            )
            usage = response.usage_metadata
            return GradeAnswer(
                response.text,
                usage.prompt_token_count if usage else None,
                usage.candidates_token_count if usage else None,
            )

        async def ask() -> GradeAnswer:
            return await self._endpoint.resilience.call(
                generate, action="grade", fields={"model": model}
            )

        return await grade_with_one_retry(self.provider, ask)

    async def health(self) -> bool:
        """Whether the default model answers a metadata request (not when the circuit is open)."""
        if self._endpoint.resilience.breaker.retry_after() > 0:
            return False
        try:
            await self._genai().aio.models.get(model=self._default_model)
        except Exception:
            return False
        return True

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
        self._http = None
        self._client = None

    async def _stream_once(self, prompt: TutorPrompt, model: str) -> AsyncIterator[StreamItem]:
        chunks = await self._genai().aio.models.generate_content_stream(
            model=model, contents=_contents(prompt), config=_config(prompt)
        )
        texts: list[str] = []
        last: types.GenerateContentResponse | None = None
        async for chunk in chunks:
            last = chunk
            text = _chunk_text(chunk)
            if text:
                texts.append(text)
                yield TextDelta(text)
        if last is None:
            raise MalformedResponse("empty stream")
        yield self._reply(prompt, model, texts, last)

    def _reply(
        self,
        prompt: TutorPrompt,
        model: str,
        texts: list[str],
        response: types.GenerateContentResponse,
    ) -> TutorReply:
        content = "".join(texts)
        finish = _finish_reason(response)
        if not content:
            raise MalformedResponse(f"no answer (finish reason {finish})")
        usage = response.usage_metadata
        tokens_in = usage.prompt_token_count if usage else None
        tokens_out = usage.candidates_token_count if usage else None
        extra: Mapping[str, object] = (
            {"model_version": response.model_version} if response.model_version else {}
        )
        return TutorReply(
            content=content,
            provider=self.provider,
            model_id=model,
            tokens_in=tokens_in if tokens_in is not None else prompt_tokens(prompt),
            tokens_out=tokens_out if tokens_out is not None else estimate_tokens(content),
            finish_reason=finish,
            extra=extra,
        )

    def _genai(self) -> genai.Client:
        """The SDK client, made on first use (no I/O before that)."""
        if self._client is None:
            self._http = httpx.AsyncClient(timeout=self._endpoint.timeout_seconds)
            options = types.HttpOptions(
                base_url=self._endpoint.base_url,
                api_version=API_VERSION,
                timeout=round(self._endpoint.timeout_seconds * 1000),
                httpx_async_client=self._http,
            )
            self._client = genai.Client(api_key=self._endpoint.api_key, http_options=options)
        return self._client


def _contents(prompt: TutorPrompt) -> list[types.Content]:
    history = [
        types.Content(
            role="model" if turn.role == "assistant" else "user",
            parts=[types.Part.from_text(text=turn.content)],
        )
        for turn in prompt.history
    ]
    parts = [types.Part.from_text(text=prompt.message)] if prompt.message else []
    parts += [
        types.Part.from_bytes(data=image.data, mime_type=image.content_type)
        for image in prompt.images
    ]
    return [*history, types.Content(role="user", parts=parts)]


def _config(prompt: TutorPrompt) -> types.GenerateContentConfig:
    options: dict[str, Any] = {"temperature": prompt.temperature, **_NO_TOOLS}
    instruction = system_instruction(prompt)
    if instruction:
        options["system_instruction"] = instruction
    if prompt.max_output_tokens is not None:
        options["max_output_tokens"] = prompt.max_output_tokens
    return types.GenerateContentConfig(**options)


def _text(response: types.GenerateContentResponse) -> str:
    if not response.candidates:
        raise MalformedResponse("no candidates")
    return _chunk_text(response)


def _chunk_text(response: types.GenerateContentResponse) -> str:
    """The text parts of the first candidate (thoughts left out)."""
    if not response.candidates:
        return ""
    content = response.candidates[0].content
    parts = content.parts if content and content.parts else []
    return "".join(part.text for part in parts if part.text and not part.thought)


def _finish_reason(response: types.GenerateContentResponse) -> str:
    reason = response.candidates[0].finish_reason if response.candidates else None
    if reason is None:
        return "unknown"
    return str(reason.value if hasattr(reason, "value") else reason).lower()
