"""The unit-of-work port every context's own unit of work extends with its repositories."""

from types import TracebackType
from typing import Protocol, Self


class UnitOfWork(Protocol):
    """A transaction entered per use case; whatever was not committed is rolled back on exit."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...
