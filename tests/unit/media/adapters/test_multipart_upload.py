"""Reading an upload form from the raw body, a few bytes at a time."""

from collections.abc import AsyncIterator

import pytest

from tests.unit.media.adapters.multipart_bodies import (
    CONTENT_TYPE,
    Part,
    body,
    field,
    file_part,
)
from tutor_platform.media.adapters.inbound.http.multipart import (
    FORM_OVERHEAD_BYTES,
    MultipartUpload,
)
from tutor_platform.media.domain.errors import FileTooLarge
from tutor_platform.shared.errors import BadRequest, UnsupportedMediaType, ValidationFailed

MAX = 10_000


async def pieces(data: bytes, size: int = 7) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def form(
    data: bytes, content_type: str = CONTENT_TYPE, length: int | None = None
) -> MultipartUpload:
    return MultipartUpload(pieces(data), content_type, length, MAX)


async def read(upload: MultipartUpload) -> tuple[str, bytes, dict[str, str]]:
    await upload.start()
    data = b"".join([chunk async for chunk in upload.chunks()])
    return upload.filename, data, dict(await upload.fields())


def field_of(raised: pytest.ExceptionInfo[ValidationFailed]) -> list[str]:
    return [error.field for error in raised.value.errors]


@pytest.mark.parametrize(
    "parts",
    [
        (field("visibility", "public"), file_part(b"hello\r\n--not a boundary")),
        (file_part(b"hello\r\n--not a boundary"), field("visibility", "public")),
    ],
    ids=["field-first", "file-first"],
)
async def test_file_and_field_in_either_order(parts: tuple[Part, ...]) -> None:
    assert await read(form(body(*parts))) == (
        "notes.txt",
        b"hello\r\n--not a boundary",
        {"visibility": "public"},
    )


async def test_file_name_in_utf8_and_without_fields() -> None:
    name, data, fields = await read(form(body(file_part(b"x", "Übung 1.md"))))
    assert (name, data, fields) == ("Übung 1.md", b"x", {})


@pytest.mark.parametrize(
    ("parts", "field_name"),
    [
        ((field("visibility", "public"),), "file"),
        ((Part("file", b"not a file"),), "file"),
        ((file_part(b"x", ""),), "file"),
        ((field("title", "x"), file_part(b"x")), "title"),
        ((field("visibility", "everyone"), file_part(b"x")), "visibility"),
        ((Part("visibility", b"public", "v.txt"), file_part(b"x")), "visibility"),
        (
            (field("visibility", "public"), field("visibility", "public"), file_part(b"x")),
            "visibility",
        ),
    ],
    ids=[
        "no-file",
        "file-as-text",
        "empty-file-name",
        "unknown-field",
        "bad-visibility",
        "field-as-file",
        "twice",
    ],
)
async def test_invalid_forms_before_the_file(parts: tuple[Part, ...], field_name: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await form(body(*parts)).start()
    assert field_of(raised) == [field_name]


@pytest.mark.parametrize(
    ("parts", "field_name"),
    [
        ((file_part(b"x"), file_part(b"y")), "file"),
        ((file_part(b"x"), field("visibility", "x" * 100)), "visibility"),
        ((file_part(b"x"), field("owner", "me")), "owner"),
    ],
    ids=["two-files", "long-field", "unknown-field"],
)
async def test_invalid_forms_after_the_file(parts: tuple[Part, ...], field_name: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await read(form(body(*parts)))
    assert field_of(raised) == [field_name]


@pytest.mark.parametrize(
    "content_type", ["application/json", "multipart/form-data", "multipart/mixed; boundary=x", ""]
)
def test_other_media_types_are_415(content_type: str) -> None:
    with pytest.raises(UnsupportedMediaType):
        form(b"{}", content_type)


@pytest.mark.parametrize(
    "data",
    [
        body(file_part(b"hello"))[:-30],
        b"no boundary anywhere at all",
        b"--" + CONTENT_TYPE.split("=")[1].encode() + b"\r\nno headers\r\n\r\nx",
    ],
    ids=["cut-short", "garbage", "no-disposition"],
)
async def test_malformed_bodies_are_400(data: bytes) -> None:
    with pytest.raises(BadRequest):
        await read(form(data))


async def test_announced_size_over_the_cap_is_refused_before_reading() -> None:
    with pytest.raises(FileTooLarge):
        form(b"", length=MAX + FORM_OVERHEAD_BYTES + 1)


async def test_a_body_growing_over_the_cap_is_stopped() -> None:
    upload = form(body(file_part(b"x" * (MAX + FORM_OVERHEAD_BYTES))))
    await upload.start()
    with pytest.raises(FileTooLarge):
        async for _ in upload.chunks():
            pass
