from tests.contract.user_repository.harness import uow_factory

__all__ = ["uow_factory"]
