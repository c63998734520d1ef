"""The shared state behind the in-memory catalog (one per fake "database")."""

from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.catalog.domain.catalog import Course, Lesson, Section
from tutor_platform.catalog.domain.project import Project


@dataclass
class InMemoryCatalogStore:
    courses: dict[UUID, Course] = field(default_factory=dict)
    sections: dict[UUID, Section] = field(default_factory=dict)
    lessons: dict[UUID, Lesson] = field(default_factory=dict)
    projects: dict[UUID, Project] = field(default_factory=dict)
    commits: int = 0
