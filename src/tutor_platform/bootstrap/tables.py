"""Imports every context's table module so that one metadata describes the whole schema."""

from tutor_platform.identity.adapters.outbound.sqlalchemy import tables as _identity_tables
from tutor_platform.shared.jobs import tables as _jobs_tables
from tutor_platform.shared.persistence.base import metadata

__all__ = ["metadata"]
_ = (_jobs_tables, _identity_tables)
