"""A fake Gemini API (``generateContent``, ``streamGenerateContent?alt=sse``,
``batchEmbedContents``, model ``GET``).

Answers by default with ``Fake Gemini answer to: <the last user text>`` (in three streamed
chunks for a stream), or with a valid grade when JSON output is asked for; embeddings are
deterministic bags of words (``tests.fakes.embeddings``), not unit length. Queue
``gemini_reply``, ``gemini_stream``, ``gemini_error`` or any ``Scripted`` to change that.
"""

from typing import Any

from tests.fakes.asgi import RecordedRequest, Scripted, ScriptedServer
from tests.fakes.embeddings import bag_of_words

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
DEFAULT_GRADE = (
    '{"score": 0.75, "feedback": "A solid answer.", '
    '"strengths": ["Names the key process"], "improvements": ["Give an example"]}'
)


def gemini_response(
    text: str,
    *,
    finish_reason: str | None = "STOP",
    prompt_tokens: int = 12,
    output_tokens: int | None = None,
) -> dict[str, Any]:
    """A ``GenerateContentResponse`` body (also one streamed chunk)."""
    content = {"role": "model", "parts": [{"text": text}]}
    candidate: dict[str, Any] = {"content": content, "index": 0}
    if finish_reason:
        candidate["finishReason"] = finish_reason
    completion = len(text.split()) if output_tokens is None else output_tokens
    return {
        "candidates": [candidate],
        "usageMetadata": {
            "promptTokenCount": prompt_tokens,
            "candidatesTokenCount": completion,
            "totalTokenCount": prompt_tokens + completion,
        },
        "modelVersion": "fake-gemini-001",
    }


def gemini_reply(text: str, **kwargs: Any) -> Scripted:
    return Scripted(json=gemini_response(text, **kwargs))


def gemini_stream(*texts: str, break_after: int | None = None) -> Scripted:
    """Server-sent chunks; the last one carries the finish reason and the usage."""
    chunks = [gemini_response(text, finish_reason=None) for text in texts[:-1]]
    chunks.append(gemini_response(texts[-1], output_tokens=len(" ".join(texts).split())))
    return Scripted(events=list(chunks), break_after=break_after)


def gemini_error(status: int, *, retry_after: str | None = None, delay: float = 0.0) -> Scripted:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    body = {
        "error": {
            "code": status,
            "message": f"scripted error {status}",
            "status": STATUS_NAMES.get(status, "UNKNOWN"),
        }
    }
    return Scripted(status=status, json=body, headers=headers, delay=delay)


def user_texts(request: RecordedRequest) -> list[str]:
    """The text parts of the request's user contents, in order."""
    return [
        part["text"]
        for content in request.json().get("contents", [])
        if content.get("role") == "user"
        for part in content.get("parts", [])
        if "text" in part
    ]


def system_text(request: RecordedRequest) -> str:
    parts = request.json().get("systemInstruction", {}).get("parts", [])
    return "".join(part.get("text", "") for part in parts)


class FakeGemini(ScriptedServer):
    """The Gemini API under ``/v1beta``; records every request."""

    def default(self, request: RecordedRequest) -> Scripted:
        if request.method == "GET":
            model = request.path.rsplit("/", 1)[-1]
            return Scripted(json={"name": f"models/{model}", "displayName": model})
        if not request.path.startswith("/v1beta/models/"):
            return gemini_error(404)
        if request.path.endswith(":batchEmbedContents"):
            return Scripted(json=_embeddings(request.json()))
        config = request.json().get("generationConfig", {})
        if config.get("responseMimeType") == "application/json":
            answer = DEFAULT_GRADE
        else:
            texts = user_texts(request)
            answer = f"Fake Gemini answer to: {texts[-1] if texts else ''}"
        if request.path.endswith(":streamGenerateContent"):
            words = answer.split(" ")
            third = max(1, len(words) // 3)
            pieces = [" ".join(words[:third]) + " ", " ".join(words[third : 2 * third]) + " "]
            pieces.append(" ".join(words[2 * third :]))
            return gemini_stream(*[piece for piece in pieces if piece.strip()])
        return gemini_reply(answer)


def _embeddings(body: dict[str, Any]) -> dict[str, Any]:
    """``{"embeddings": [{"values": [...]}]}``, one per request, three times unit length."""
    embeddings = []
    for item in body["requests"]:
        text = "".join(part.get("text", "") for part in item["content"]["parts"])
        size = item.get("outputDimensionality", 64)
        embeddings.append({"values": [3 * value for value in bag_of_words(text, size)]})
    return {"embeddings": embeddings}
