"""Media's use cases over in-memory adapters, wired by the real container."""

from functools import partial

import pytest

from tests.unit.identity.builders import T0
from tests.unit.media.fakes import FakeDurationProbe
from tutor_platform.media.adapters.outbound.memory.storage import InMemoryFileStorage
from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.media.adapters.outbound.memory.unit_of_work import InMemoryMediaUnitOfWork
from tutor_platform.media.adapters.outbound.puremagic.sniffer import PuremagicContentSniffer
from tutor_platform.media.container import MediaContainer
from tutor_platform.media.domain.content_types import DEFAULT_ALLOWED_TYPES
from tutor_platform.media.domain.quota import UploadPolicy
from tutor_platform.shared.clock import FixedClock

MAX_BYTES = 10_000
QUOTA_BYTES = 30_000
FIRST_RESERVATION = 2000


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def store() -> InMemoryMediaStore:
    return InMemoryMediaStore()


@pytest.fixture
def storage() -> InMemoryFileStorage:
    return InMemoryFileStorage(chunk_size=1000)


@pytest.fixture
def probe() -> FakeDurationProbe:
    return FakeDurationProbe()


@pytest.fixture
def policy() -> UploadPolicy:
    return UploadPolicy(
        max_bytes=MAX_BYTES,
        allowed_types=frozenset(DEFAULT_ALLOWED_TYPES),
        quota_bytes=QUOTA_BYTES,
        first_reservation=FIRST_RESERVATION,
    )


@pytest.fixture
def media(
    clock: FixedClock,
    store: InMemoryMediaStore,
    storage: InMemoryFileStorage,
    probe: FakeDurationProbe,
    policy: UploadPolicy,
) -> MediaContainer:
    return MediaContainer(
        clock=clock,
        uow_factory=partial(InMemoryMediaUnitOfWork, store),
        storage=storage,
        sniffer=PuremagicContentSniffer(),
        duration_probe=probe,
        upload_policy=policy,
    )
