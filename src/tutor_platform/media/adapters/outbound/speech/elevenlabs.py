"""``ElevenLabsSpeechSynthesizer``: speech from ElevenLabs through the ``elevenlabs`` SDK.

``POST {base_url}/v1/text-to-speech/{voice_id}?output_format=mp3_44100_128`` with
``{"text", "model_id"}`` answers MP3 bytes. The SDK's own retries are off: the shared
``Resilience`` policy retries 429, 5xx, timeouts and network errors (honouring
``Retry-After``) behind a circuit breaker; other statuses and an answer that is not MPEG
audio fail at once. Every failure ends as ``UpstreamFailed``. Without an API key, using the
adapter raises ``SpeechProviderNotConfigured`` (the application still starts).
"""

from typing import Final

import httpx
from elevenlabs import AsyncElevenLabs
from elevenlabs.core.api_error import ApiError

from tutor_platform.media.ports.authoring import SpeechAudio
from tutor_platform.shared.errors import UpstreamFailed
from tutor_platform.shared.resilience import Failure, Resilience
from tutor_platform.shared.resilience.http import transport_failure

MP3: Final = "audio/mpeg"
OUTPUT_FORMAT: Final = "mp3_44100_128"
DEFAULT_BASE_URL: Final = "https://api.elevenlabs.io"


class SpeechProviderNotConfigured(UpstreamFailed):
    def __init__(self) -> None:
        super().__init__("speech provider elevenlabs is not configured")


class MalformedAudio(Exception):
    """ElevenLabs answered 2xx, but not with MPEG audio."""


def is_mpeg_audio(data: bytes) -> bool:
    """An ID3 tag or an MPEG audio frame sync at the start."""
    if data[:3] == b"ID3":
        return True
    return len(data) >= 4 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0


def classify_elevenlabs_error(exc: Exception) -> Failure | None:
    """429, 5xx (and 408), timeouts and network errors are retryable; the rest is not."""
    if isinstance(exc, ApiError) and exc.status_code is not None:
        status = exc.status_code
        retryable = status in (408, 429) or status >= 500
        retry_after = (exc.headers or {}).get("retry-after") if retryable else None
        return Failure(retryable, f"http_{status}", retry_after)
    if isinstance(exc, MalformedAudio):
        return Failure(False, "malformed: not MPEG audio")
    return transport_failure(exc)


class ElevenLabsSpeechSynthesizer:
    """MP3 speech in one voice and model; the HTTP client is made on first use."""

    def __init__(
        self,
        *,
        api_key: str,
        voice_id: str,
        model_id: str,
        resilience: Resilience,
        base_url: str = DEFAULT_BASE_URL,
        timeout_seconds: float = 60.0,
    ) -> None:
        self._api_key = api_key
        self._voice_id = voice_id
        self._model_id = model_id
        self._resilience = resilience
        self._base_url = base_url.rstrip("/")
        self._timeout_seconds = timeout_seconds
        self._http: httpx.AsyncClient | None = None
        self._client: AsyncElevenLabs | None = None

    async def synthesize(self, text: str) -> SpeechAudio:
        if not self._api_key:
            raise SpeechProviderNotConfigured()
        data = await self._resilience.call(
            lambda: self._convert(text),
            action="text_to_speech",
            fields={"model": self._model_id, "voice": self._voice_id, "characters": len(text)},
            result_fields=lambda audio: {"bytes": len(audio)},
        )
        return SpeechAudio(data, MP3)

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None
            self._client = None

    async def _convert(self, text: str) -> bytes:
        chunks = [
            chunk
            async for chunk in self._sdk().text_to_speech.convert(
                self._voice_id,
                text=text,
                model_id=self._model_id,
                output_format=OUTPUT_FORMAT,
                request_options={"max_retries": 0},
            )
        ]
        data = b"".join(chunks)
        if not is_mpeg_audio(data):
            raise MalformedAudio()
        return data

    def _sdk(self) -> AsyncElevenLabs:
        if self._client is None:
            self._http = httpx.AsyncClient(timeout=self._timeout_seconds)
            self._client = AsyncElevenLabs(
                api_key=self._api_key,
                base_url=self._base_url,
                timeout=self._timeout_seconds,
                httpx_client=self._http,
            )
        return self._client
