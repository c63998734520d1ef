"""A ``multipart/form-data`` upload read straight from the request body, chunk by chunk.

Litestar's own form parsing reads the whole body (spooling files over 1 MiB to a temporary
file) before the handler runs; reading the stream here lets the upload be refused early
(too large, over quota, wrong type) and written to storage as it arrives.

The form has one file part named ``file`` and, before or after it, an optional
``visibility`` field. Any other field, a second file or a field sent as a file is 422.
"""

from collections import deque
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Final

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from tutor_platform.media.domain.errors import FileTooLarge

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks
from tutor_platform.media.domain.file import visibility_problem
from tutor_platform.shared.errors import (
    BadRequest,
    FieldError,
    UnsupportedMediaType,
    ValidationFailed,
)

FILE_FIELD: Final = "file"
FORM_OVERHEAD_BYTES: Final = 64 * 1024
"""Room in the body for part headers, boundaries and fields besides the file."""
_TEXT_FIELDS: Final = {"visibility": visibility_problem}
_MAX_FIELD_BYTES: Final = 64

_Event = tuple[str, object]


class MultipartUpload:
    """Implements the ``UploadSource`` port over one request body.

    Call :meth:`start` first: it reads up to the file part. ``declared_size`` is the body's
    ``Content-Length`` (an upper bound of the file's size).
    """

    def __init__(
        self,
        body: AsyncIterator[bytes],
        content_type: str,
        content_length: int | None,
        max_file_bytes: int,
    ) -> None:
        media_type, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if media_type != b"multipart/form-data" or not boundary:
            raise UnsupportedMediaType("Send the file as multipart/form-data.")
        self._max_file_bytes = max_file_bytes
        self._max_body_bytes = max_file_bytes + FORM_OVERHEAD_BYTES
        if content_length is not None and content_length > self._max_body_bytes:
            raise FileTooLarge(max_file_bytes)
        self._body = body
        self._received = 0
        self._events: deque[_Event] = deque()
        self._headers: list[tuple[bytes, bytes]] = []
        self._header: list[bytearray] = [bytearray(), bytearray()]
        self._fields: dict[str, str] = {}
        self._complete = False
        self._filename: str | None = None
        self.declared_size = content_length
        try:
            self._parser = MultipartParser(boundary, self._callbacks())
        except FormParserError:
            raise BadRequest("The multipart boundary is not valid.") from None

    @property
    def filename(self) -> str:
        if self._filename is None:
            raise RuntimeError("call start() first")
        return self._filename

    async def start(self) -> None:
        """Read the body up to the file's bytes, keeping the fields sent before it."""
        while True:
            kind, value = await self._next_event()
            if kind == "headers":
                name, filename = _disposition(value)
                if name == FILE_FIELD:
                    if not filename:
                        raise _invalid(FILE_FIELD, "must be a file (with a file name)")
                    self._filename = filename
                    return
                await self._read_field(name, filename)
            elif kind == "done":
                raise _invalid(FILE_FIELD, "is required")

    async def chunks(self) -> AsyncIterator[bytes]:
        """The file's bytes as they arrive."""
        while True:
            kind, value = await self._next_event()
            if kind == "end":
                return
            if kind == "data" and isinstance(value, bytes):
                yield value

    async def fields(self) -> Mapping[str, str]:
        """Read the rest of the body; the text fields, checked."""
        while not self._complete:
            kind, value = await self._next_event()
            if kind == "headers":
                name, filename = _disposition(value)
                if name == FILE_FIELD:
                    raise _invalid(FILE_FIELD, "only one file may be sent")
                await self._read_field(name, filename)
        return dict(self._fields)

    async def _read_field(self, name: str, filename: str | None) -> None:
        check = _TEXT_FIELDS.get(name)
        if check is None:
            raise _invalid(name or "body", "is not a field of this form")
        if filename is not None:
            raise _invalid(name, "must be a text field, not a file")
        if name in self._fields:
            raise _invalid(name, "is given twice")
        value = bytearray()
        while (event := await self._next_event())[0] != "end":
            kind, data = event
            if kind == "data" and isinstance(data, bytes):
                value += data
                if len(value) > _MAX_FIELD_BYTES:
                    raise _invalid(name, "is too long")
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            raise _invalid(name, "is not UTF-8 text") from None
        if (problem := check(text)) is not None:
            raise _invalid(name, problem)
        self._fields[name] = text

    async def _next_event(self) -> _Event:
        while not self._events:
            if self._complete:
                raise BadRequest("The multipart body ended early.")
            chunk = await anext(self._body, None)
            if chunk is None:
                raise BadRequest("The multipart body ended before its closing boundary.")
            self._received += len(chunk)
            if self._received > self._max_body_bytes:
                raise FileTooLarge(self._max_file_bytes)
            try:
                self._parser.write(chunk)
            except FormParserError:
                raise BadRequest("The multipart body is malformed.") from None
        event = self._events.popleft()
        if event[0] == "done":
            self._complete = True
        return event

    def _callbacks(self) -> "MultipartCallbacks":
        events, header, headers = self._events, self._header, self._headers

        def on_part_begin() -> None:
            headers.clear()

        def on_header_field(data: bytes, start: int, end: int) -> None:
            header[0] += data[start:end]

        def on_header_value(data: bytes, start: int, end: int) -> None:
            header[1] += data[start:end]

        def on_header_end() -> None:
            headers.append((bytes(header[0]).lower(), bytes(header[1])))
            header[0].clear()
            header[1].clear()

        def on_headers_finished() -> None:
            events.append(("headers", list(headers)))

        def on_part_data(data: bytes, start: int, end: int) -> None:
            if end > start:
                events.append(("data", data[start:end]))

        def on_part_end() -> None:
            events.append(("end", None))

        def on_end() -> None:
            events.append(("done", None))

        return {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
            "on_end": on_end,
        }


def _disposition(headers: object) -> tuple[str, str | None]:
    """The field name and file name of a part's ``Content-Disposition: form-data`` header."""
    values = dict(headers) if isinstance(headers, list) else {}
    kind, options = parse_options_header(values.get(b"content-disposition", b""))
    if kind != b"form-data" or b"name" not in options:
        raise BadRequest("Every part needs a Content-Disposition: form-data header with a name.")
    name = options[b"name"].decode("utf-8", errors="replace")
    filename = options.get(b"filename")
    return name, None if filename is None else filename.decode("utf-8", errors="replace")


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(errors=[FieldError(field, message)])
