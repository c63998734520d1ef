"""The two job kinds of lesson media and their payloads (what ``JobQueue.enqueue`` stores).

A payload holds only ids and the instructor's instructions: the job reads the lesson when it
runs. Parsing a payload raises ``ValueError`` when it is malformed.
"""

from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.media.domain.lesson_media import SUMMARY_KINDS, SummaryKind
from tutor_platform.shared.jobs.ports import JsonObject

RENDER_SUMMARY: Final = "media.render_summary"
GENERATE_LESSON_DRAFT: Final = "media.generate_lesson_draft"


@dataclass(frozen=True, slots=True)
class SummaryJob:
    """Render a summary of ``kind`` for ``lesson_id``, owned by ``requested_by``."""

    job_id: UUID
    lesson_id: UUID
    kind: SummaryKind
    requested_by: UUID

    @staticmethod
    def payload(lesson_id: UUID, kind: SummaryKind, requested_by: UUID) -> JsonObject:
        return {"lesson_id": str(lesson_id), "kind": kind, "requested_by": str(requested_by)}

    @classmethod
    def parse(cls, job_id: UUID, payload: JsonObject) -> "SummaryJob":
        kind = payload.get("kind")
        if kind not in SUMMARY_KINDS:
            raise ValueError(f"unknown summary kind {kind!r}")
        return cls(
            job_id,
            _uuid(payload, "lesson_id"),
            SummaryKind(kind),
            _uuid(payload, "requested_by"),
        )


@dataclass(frozen=True, slots=True)
class DraftJob:
    """Write a draft of ``lesson_id`` following ``instructions``, for ``requested_by``."""

    job_id: UUID
    lesson_id: UUID
    instructions: str | None
    requested_by: UUID

    @staticmethod
    def payload(lesson_id: UUID, instructions: str | None, requested_by: UUID) -> JsonObject:
        return {
            "lesson_id": str(lesson_id),
            "instructions": instructions,
            "requested_by": str(requested_by),
        }

    @classmethod
    def parse(cls, job_id: UUID, payload: JsonObject) -> "DraftJob":
        instructions = payload.get("instructions")
        if instructions is not None and not isinstance(instructions, str):
            raise ValueError("instructions must be text")
        return cls(
            job_id, _uuid(payload, "lesson_id"), instructions, _uuid(payload, "requested_by")
        )


def _uuid(payload: JsonObject, name: str) -> UUID:
    value = payload.get(name)
    if not isinstance(value, str):
        raise ValueError(f"{name} is missing")
    return UUID(value)
