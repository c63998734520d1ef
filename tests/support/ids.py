"""Fixed ids for tests: a parametrize value (and so a test id) must be the same in every run,
and on every pytest-xdist worker, or xdist refuses to distribute the tests."""

from uuid import UUID


def fixed_id(n: int) -> UUID:
    """A valid, fixed UUID (with hex letters in it, so upper and lower case differ)."""
    return UUID(f"0b5e55ed-0000-4000-8000-{n:012d}")
