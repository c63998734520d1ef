"""Work that must finish even when the request that started it is cancelled."""

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class DetachedTasks:
    """Runs coroutines as tasks of their own, so that a client leaving mid-stream (which
    cancels the request) does not cancel the save of what was generated. Keeps the tasks
    referenced until they end; ``drain`` lets shutdown wait for them."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def start(self, work: Coroutine[Any, Any, T]) -> "asyncio.Task[T]":
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def shield(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` to its end even if the caller is cancelled while waiting for it."""
        return await asyncio.shield(self.start(work))

    async def drain(self, seconds: float = 10.0) -> None:
        """Wait (at most ``seconds``) for the tasks still running."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=seconds)
