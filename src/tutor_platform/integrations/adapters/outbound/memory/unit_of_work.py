"""The in-memory unit of work: writes land in the store at once; commits are counted."""

from tutor_platform.integrations.adapters.outbound.memory.repositories import (
    InMemoryConnectionRepository,
    InMemoryImportRepository,
    InMemoryStateRepository,
)
from tutor_platform.integrations.adapters.outbound.memory.store import InMemoryIntegrationsStore
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork


class InMemoryIntegrationsUnitOfWork(InMemoryUnitOfWork[InMemoryIntegrationsStore]):
    """No isolation and no rollback: use cases validate before they write, so tests of
    their outcomes stay honest; ``store.commits`` tells whether a use case committed."""

    def _bind(self) -> None:
        self.connections = InMemoryConnectionRepository(self.store)
        self.states = InMemoryStateRepository(self.store)
        self.imports = InMemoryImportRepository(self.store)
