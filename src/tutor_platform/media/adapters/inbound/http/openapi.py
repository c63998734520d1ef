"""OpenAPI of the two operations whose bodies Litestar cannot describe: the multipart upload
(read from the raw stream) and the download (bytes of any type, whole or a range)."""

from dataclasses import dataclass
from typing import Final

from litestar.openapi.spec import (
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    RequestBody,
    Schema,
)

from tutor_platform.media.adapters.inbound.http.multipart import FILE_FIELD
from tutor_platform.media.domain.file import VISIBILITIES, Visibility

_BINARY: Final = Schema(type=OpenAPIType.STRING, format="binary")  # type: ignore[arg-type]


@dataclass
class UploadOperation(Operation):
    """Documents the ``multipart/form-data`` body of ``POST /files``."""

    def __post_init__(self) -> None:
        form = Schema(
            type=OpenAPIType.OBJECT,
            required=[FILE_FIELD],
            properties={
                FILE_FIELD: Schema(
                    type=OpenAPIType.STRING,
                    format="binary",  # type: ignore[arg-type]
                    description="The file; its type is detected from its bytes.",
                ),
                "visibility": Schema(
                    type=OpenAPIType.STRING,
                    enum=list(VISIBILITIES),
                    default=Visibility.PRIVATE,
                    description="public: anyone may read the file and its metadata.",
                ),
            },
            additional_properties=False,
        )
        self.request_body = RequestBody(
            required=True,
            content={"multipart/form-data": OpenAPIMediaType(schema=form)},
        )


def _header(description: str) -> OpenAPIHeader:
    return OpenAPIHeader(schema=Schema(type=OpenAPIType.STRING), description=description)


_CONTENT_HEADERS: Final[dict[str, OpenAPIHeader | Reference]] = {
    "ETag": _header("The file's SHA-256, quoted."),
    "Content-Disposition": _header("inline (or attachment) with the file name (RFC 6266)."),
    "Accept-Ranges": _header("bytes"),
}


@dataclass
class ContentOperation(Operation):
    """Documents ``GET /files/{id}/content``: the bytes in their own media type."""

    def __post_init__(self) -> None:
        responses = dict(self.responses or {})
        responses["200"] = OpenAPIResponse(
            description="The whole file, in its own media type.",
            content={"*/*": OpenAPIMediaType(schema=_BINARY)},
            headers=dict(_CONTENT_HEADERS),
        )
        responses["206"] = OpenAPIResponse(
            description="The single byte range asked for with Range.",
            content={"*/*": OpenAPIMediaType(schema=_BINARY)},
            headers={**_CONTENT_HEADERS, "Content-Range": _header("bytes first-last/size")},
        )
        responses["304"] = OpenAPIResponse(
            description="Not modified: If-None-Match named the current ETag."
        )
        self.responses = responses
