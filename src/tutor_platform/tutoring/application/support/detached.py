"""Work that must finish even when the request that started it is cancelled."""

import asyncio
from collections.abc import AsyncGenerator, Callable, Coroutine
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Item(Generic[T]):
    value: T


@dataclass(frozen=True, slots=True)
class _End:
    error: BaseException | None = None


class DetachedTasks:
    """Runs coroutines as tasks of their own, so that a client leaving mid-stream (which
    cancels the request) does not cancel the work it started. Keeps the tasks referenced
    until they end; ``drain`` lets shutdown wait for them."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._producers: set[asyncio.Task[Any]] = set()

    def start(self, work: Coroutine[Any, Any, T]) -> "asyncio.Task[T]":
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def shield(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` to its end even if the caller is cancelled while waiting for it."""
        return await asyncio.shield(self.start(work))

    async def relay(
        self, source: AsyncGenerator[T, None], on_leave: Callable[[], None]
    ) -> AsyncGenerator[T, None]:
        """The items of ``source``, produced by a task of its own: a consumer that stops
        early (the client left) calls ``on_leave`` and the source still runs to its end
        (only shutdown, after ``drain``'s wait, cancels it)."""
        queue: asyncio.Queue[_Item[T] | _End] = asyncio.Queue()
        producer = self.start(_pump(source, queue))
        self._producers.add(producer)
        producer.add_done_callback(self._producers.discard)
        ended = False
        try:
            while True:
                got = await queue.get()
                if isinstance(got, _End):
                    ended = True
                    if got.error is not None:
                        raise got.error
                    return
                yield got.value
        finally:
            if not ended:
                on_leave()

    async def drain(self, seconds: float = 10.0, grace: float = 5.0) -> None:
        """Wait (at most ``seconds``) for the tasks still running; then stop the relayed
        sources still producing and wait (at most ``grace``) for what they save on stopping."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=seconds)
        for producer in set(self._producers):
            producer.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=grace)


async def _pump(source: AsyncGenerator[T, None], queue: "asyncio.Queue[_Item[T] | _End]") -> None:
    try:
        async with aclosing(source) as items:
            async for item in items:
                queue.put_nowait(_Item(item))
    except asyncio.CancelledError:
        queue.put_nowait(_End())
        raise
    except Exception as exc:
        queue.put_nowait(_End(exc))
    else:
        queue.put_nowait(_End())
