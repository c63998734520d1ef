"""One transaction over the integrations' repositories, owned by a use case."""

from collections.abc import Callable
from typing import Protocol

from tutor_platform.integrations.ports.repositories import (
    ConnectionRepository,
    ImportRepository,
    StateRepository,
)
from tutor_platform.shared.unit_of_work import UnitOfWork


class IntegrationsUnitOfWork(UnitOfWork, Protocol):
    """The integrations' repositories in one transaction."""

    connections: ConnectionRepository
    states: StateRepository
    imports: ImportRepository


IntegrationsUnitOfWorkFactory = Callable[[], IntegrationsUnitOfWork]
