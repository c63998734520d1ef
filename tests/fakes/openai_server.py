"""A fake OpenAI-compatible API: ``POST /v1/chat/completions`` (JSON, or server-sent events
when ``stream`` is asked for), ``POST /v1/embeddings`` and ``GET /v1/models``.

Chat answers by default with ``Fake OpenAI answer to: <the last user text>`` (three streamed
pieces, then a usage chunk and ``[DONE]``), or with a valid grade when a JSON schema is asked
for. Embeddings are deterministic bags of words (see ``bag_of_words``), so texts that share
words are close. Queue ``openai_reply``, ``openai_stream``, ``openai_error`` or any
``Scripted`` to change that.
"""

from typing import Any

from tests.fakes.asgi import RecordedRequest, Scripted, ScriptedServer
from tests.fakes.embeddings import bag_of_words

DEFAULT_GRADE = (
    '{"score": 0.8, "feedback": "Good work.", '
    '"strengths": ["Uses the right terms"], "improvements": ["Add an example"]}'
)
ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_exceeded",
}


def openai_completion(
    text: str,
    *,
    model: str = "fake-openai-001",
    finish_reason: str = "stop",
    prompt_tokens: int = 14,
    completion_tokens: int | None = None,
) -> dict[str, Any]:
    """A ``chat.completion`` body."""
    completion = len(text.split()) if completion_tokens is None else completion_tokens
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": prompt_tokens + completion,
        },
    }


def openai_reply(text: str, **kwargs: Any) -> Scripted:
    return Scripted(json=openai_completion(text, **kwargs))


def _chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "fake-openai-001",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def openai_stream(*texts: str, break_after: int | None = None, prompt_tokens: int = 14) -> Scripted:
    """Server-sent chunks: the role, one per text, the finish reason, the usage, ``[DONE]``."""
    events: list[object] = [_chunk({"role": "assistant", "content": ""})]
    events += [_chunk({"content": text}) for text in texts]
    events.append(_chunk({}, finish_reason="stop"))
    completion = len(" ".join(texts).split())
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion,
        "total_tokens": prompt_tokens + completion,
    }
    events.append({**_chunk({}), "choices": [], "usage": usage})
    events.append("[DONE]")
    return Scripted(events=events, break_after=break_after)


def openai_error(status: int, *, retry_after: str | None = None, delay: float = 0.0) -> Scripted:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    body = {
        "error": {
            "message": f"scripted error {status}",
            "type": ERROR_TYPES.get(status, "server_error"),
            "param": None,
            "code": None,
        }
    }
    return Scripted(status=status, json=body, headers=headers, delay=delay)


def openai_embeddings(vectors: list[list[float]], model: str) -> dict[str, Any]:
    return {
        "object": "list",
        "data": [
            {"object": "embedding", "index": index, "embedding": vector}
            for index, vector in enumerate(vectors)
        ],
        "model": model,
        "usage": {"prompt_tokens": 1, "total_tokens": 1},
    }


def user_texts(request: RecordedRequest) -> list[str]:
    """The text of the request's user messages, in order."""
    texts = []
    for message in request.json().get("messages", []):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            texts.append(content)
        else:
            texts += [part["text"] for part in content if part.get("type") == "text"]
    return texts


def system_message(request: RecordedRequest) -> str:
    messages = request.json().get("messages", [])
    return "".join(m["content"] for m in messages if m.get("role") == "system")


class FakeOpenAI(ScriptedServer):
    """An OpenAI-compatible API under ``/v1``; records every request."""

    def default(self, request: RecordedRequest) -> Scripted:
        if request.method == "GET" and request.path == "/v1/models":
            model = {"id": "fake-openai-001", "object": "model", "created": 0, "owned_by": "x"}
            return Scripted(json={"object": "list", "data": [model]})
        if request.method == "POST" and request.path == "/v1/embeddings":
            body = request.json()
            texts = [body["input"]] if isinstance(body["input"], str) else body["input"]
            size = body.get("dimensions", 64)
            # Not unit length, as from a model cut to fewer dimensions: the adapter normalises.
            vectors = [[3 * v for v in bag_of_words(text, size)] for text in texts]
            return Scripted(json=openai_embeddings(vectors, body["model"]))
        if request.method != "POST" or request.path != "/v1/chat/completions":
            return openai_error(404)
        body = request.json()
        if (body.get("response_format") or {}).get("type") == "json_schema":
            answer = DEFAULT_GRADE
        else:
            texts = user_texts(request)
            answer = f"Fake OpenAI answer to: {texts[-1] if texts else ''}"
        if not body.get("stream"):
            return openai_reply(answer)
        words = answer.split(" ")
        third = max(1, len(words) // 3)
        pieces = [" ".join(words[:third]) + " ", " ".join(words[third : 2 * third]) + " "]
        pieces.append(" ".join(words[2 * third :]))
        return openai_stream(*[piece for piece in pieces if piece.strip()])
