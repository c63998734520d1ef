"""A file arriving from a client, as the upload use case reads it."""

from collections.abc import AsyncIterator, Mapping
from typing import Protocol


class UploadSource(Protocol):
    """One file read once, front to back, with the form fields sent around it."""

    @property
    def filename(self) -> str:
        """The name the client gave (unclean: may hold a path or odd characters)."""
        ...

    @property
    def declared_size(self) -> int | None:
        """An upper bound of the file's size announced before it is read, if any."""
        ...

    def chunks(self) -> AsyncIterator[bytes]: ...

    async def fields(self) -> Mapping[str, str]:
        """The other form fields; call it after the chunks, when all of them are known."""
        ...
