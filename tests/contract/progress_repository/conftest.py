from tests.contract.progress_repository.harness import backend

__all__ = ["backend"]
