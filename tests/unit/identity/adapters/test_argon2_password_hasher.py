"""argon2id hashing: verification, rehash on parameter change, off the event loop."""

import threading

from tutor_platform.identity.adapters.outbound.argon2.password_hasher import Argon2PasswordHasher


def hasher(time_cost: int = 1, memory_cost_kib: int = 8) -> Argon2PasswordHasher:
    return Argon2PasswordHasher(time_cost=time_cost, memory_cost_kib=memory_cost_kib, parallelism=1)


async def test_hash_is_argon2id_with_the_configured_parameters() -> None:
    digest = await hasher().hash("violet-tractor-lamp")
    assert digest.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert "violet" not in digest


async def test_verify_accepts_the_password_only() -> None:
    h = hasher()
    digest = await h.hash("violet-tractor-lamp")
    assert await h.verify(digest, "violet-tractor-lamp")
    assert not await h.verify(digest, "violet-tractor-lamP")
    assert not await h.verify("not a hash", "violet-tractor-lamp")


async def test_changed_parameters_need_a_rehash() -> None:
    old = await hasher(time_cost=1).hash("violet-tractor-lamp")
    assert not hasher(time_cost=1).needs_rehash(old)
    assert hasher(time_cost=2).needs_rehash(old)
    assert hasher(memory_cost_kib=16).needs_rehash(old)
    assert hasher().needs_rehash("garbage")


async def test_dummy_hash_is_a_valid_hash_of_no_password() -> None:
    h = hasher()
    dummy = await h.dummy_hash()
    assert dummy == await h.dummy_hash()
    assert dummy.startswith("$argon2id$")
    assert not await h.verify(dummy, "")


class _ThreadRecorder:
    """Wraps argon2's hasher and notes the thread each call runs in."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.threads: list[int] = []

    def hash(self, password: str) -> str:
        self.threads.append(threading.get_ident())
        return self.inner.hash(password)  # type: ignore[attr-defined, no-any-return]

    def verify(self, password_hash: str, password: str) -> bool:
        self.threads.append(threading.get_ident())
        return self.inner.verify(password_hash, password)  # type: ignore[attr-defined, no-any-return]


async def test_hashing_and_verifying_run_off_the_event_loop_thread() -> None:
    h = hasher()
    recorder = _ThreadRecorder(h._hasher)
    h._hasher = recorder  # type: ignore[assignment]
    digest = await h.hash("violet-tractor-lamp")
    assert await h.verify(digest, "violet-tractor-lamp")
    assert len(recorder.threads) == 2
    assert threading.get_ident() not in recorder.threads
