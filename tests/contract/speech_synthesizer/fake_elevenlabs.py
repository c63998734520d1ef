"""A fake ElevenLabs API: ``POST /v1/text-to-speech/{voice_id}`` answering ``audio/mpeg``.

By default it answers MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, silent) lasting 0.4 s
per word of the request's ``text``, so a decoder reads a plausible duration. Unknown paths,
and requests without the ``xi-api-key`` header, are answered as ElevenLabs would (404, 401).
Queue ``Scripted`` answers (``elevenlabs_error``, ``elevenlabs_audio``) for other cases.
"""

from typing import Final

from tests.fakes.asgi import RecordedRequest, Scripted, ScriptedServer

TTS_PREFIX: Final = "/v1/text-to-speech/"
FRAME_HEADER: Final = b"\xff\xfb\x90\x00"
FRAME_BYTES: Final = 417
FRAME_SECONDS: Final = 1152 / 44100
SECONDS_PER_WORD: Final = 0.4


def mp3_frames(seconds: float) -> bytes:
    """Silent MP3 audio of about ``seconds`` (whole frames of 26 ms)."""
    count = max(1, round(seconds / FRAME_SECONDS))
    return (FRAME_HEADER + bytes(FRAME_BYTES - len(FRAME_HEADER))) * count


def elevenlabs_audio(data: bytes, delay: float = 0.0) -> Scripted:
    return Scripted(body=data, headers={"content-type": "audio/mpeg"}, delay=delay)


def elevenlabs_error(
    status: int, *, retry_after: str | None = None, delay: float = 0.0
) -> Scripted:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    body = {"detail": {"status": f"scripted_{status}", "message": f"scripted error {status}"}}
    return Scripted(status=status, json=body, headers=headers, delay=delay)


class FakeElevenLabs(ScriptedServer):
    """ElevenLabs' text-to-speech endpoint; records every request."""

    def default(self, request: RecordedRequest) -> Scripted:
        if request.method != "POST" or not request.path.startswith(TTS_PREFIX):
            return elevenlabs_error(404)
        if not request.headers.get("xi-api-key"):
            return elevenlabs_error(401)
        words = len(str(request.json().get("text", "")).split())
        return elevenlabs_audio(mp3_frames(words * SECONDS_PER_WORD))
