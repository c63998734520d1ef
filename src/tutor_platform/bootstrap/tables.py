"""Imports every context's table module so that one metadata describes the whole schema."""

from tutor_platform.ai.adapters.outbound.sqlalchemy import usage_ledger as _ai_tables
from tutor_platform.assessment.adapters.outbound.sqlalchemy import tables as _assessment_tables
from tutor_platform.catalog.adapters.outbound.sqlalchemy import tables as _catalog_tables
from tutor_platform.identity.adapters.outbound.sqlalchemy import tables as _identity_tables
from tutor_platform.integrations.adapters.outbound.sqlalchemy import (
    tables as _integrations_tables,
)
from tutor_platform.media.adapters.outbound.sqlalchemy import (
    lesson_media_tables as _lesson_media_tables,
)
from tutor_platform.media.adapters.outbound.sqlalchemy import tables as _media_tables
from tutor_platform.progress.adapters.outbound.sqlalchemy import (
    figures_tables as _progress_figures_tables,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy import tables as _progress_tables
from tutor_platform.shared.jobs import tables as _jobs_tables
from tutor_platform.shared.persistence.base import metadata
from tutor_platform.tutoring.adapters.outbound.sqlalchemy import tables as _tutoring_tables

__all__ = ["metadata"]
_ = (
    _jobs_tables,
    _identity_tables,
    _catalog_tables,
    _progress_tables,
    _progress_figures_tables,
    _media_tables,
    _lesson_media_tables,
    _tutoring_tables,
    _assessment_tables,
    _integrations_tables,
    _ai_tables,
)
