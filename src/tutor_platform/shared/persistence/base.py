"""The declarative base all tables derive from: one metadata for migrations."""

from advanced_alchemy.base import UUIDv7AuditBase, UUIDv7Base, orm_registry

metadata = orm_registry.metadata

__all__ = ["UUIDv7AuditBase", "UUIDv7Base", "metadata"]
