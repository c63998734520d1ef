"""The state behind the in-memory progress repositories, over an in-memory catalog."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore


@dataclass
class StudyTimeEntry:
    total_minutes: int
    course_id: UUID | None


@dataclass
class InMemoryProgressStore:
    """Keys are ``(user_id, ...)`` tuples, as the tables' primary keys."""

    catalog: InMemoryCatalogStore = field(default_factory=InMemoryCatalogStore)
    completions: dict[tuple[UUID, UUID], datetime] = field(default_factory=dict)
    started: dict[tuple[UUID, UUID], tuple[datetime, datetime | None]] = field(default_factory=dict)
    quiz_scores: dict[tuple[UUID, UUID], tuple[UUID, float]] = field(default_factory=dict)
    activity: dict[tuple[UUID, datetime], datetime] = field(default_factory=dict)
    streaks: dict[UUID, tuple[datetime | None, int]] = field(default_factory=dict)
    study_time: dict[tuple[UUID, UUID], StudyTimeEntry] = field(default_factory=dict)
    figure_calls: list[tuple[str, tuple[object, ...]]] = field(default_factory=list)
    """Calls of the figures port, in order (the figures themselves are SQL's business)."""
    commits: int = 0
