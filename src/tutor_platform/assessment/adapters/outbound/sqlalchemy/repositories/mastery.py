"""Mastery: the evidence rows (the repository's table), each learner's traced lessons
(``lesson_mastery``) and each course's BKT parameters. Rows are written with one statement
per call (``executemany``, its SQL compiled once), whatever their number."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, Final, cast
from uuid import UUID

from sqlalchemy import Table, func, select, update

from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import (
    CourseMasteryParametersRow,
    LessonMasteryRow,
    MasteryEvidenceRow,
)
from tutor_platform.assessment.domain.mastery import (
    PROBABILITY_FIELDS,
    BktParameters,
    CourseBkt,
    Evidence,
    EvidenceSource,
    LessonMastery,
)
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import Repository
from tutor_platform.shared.persistence.upsert import Upsert

_EVIDENCE = cast(Table, MasteryEvidenceRow.__table__)
_MASTERY = cast(Table, LessonMasteryRow.__table__)
_PARAMETERS = cast(Table, CourseMasteryParametersRow.__table__)
_TRACED: Final = ("course_id", "p_mastery", "evidence", "last_evidence_at", "parameters_version")

# A no-op update of the row: PostgreSQL locks it until the end of the transaction (SQLite
# holds its write lock already); a missing row is created with no evidence.
_LOCK = Upsert(
    _MASTERY,
    lambda insert: insert.on_conflict_do_update(
        index_elements=["user_id", "lesson_id"], set_={"evidence": _MASTERY.c.evidence}
    ).returning(*_MASTERY.c),
)
_ADD_EVIDENCE = Upsert(
    _EVIDENCE,
    lambda insert: insert.on_conflict_do_nothing(index_elements=["user_id", "first_key"]).returning(
        _EVIDENCE.c.id
    ),
)
_SAVE = Upsert(
    _MASTERY,
    lambda insert: insert.on_conflict_do_update(
        index_elements=["user_id", "lesson_id"],
        set_={name: insert.excluded[name] for name in _TRACED},
    ),
)
# The next version in the same statement: two changes saved at once get two versions.
_SET_PARAMETERS = Upsert(
    _PARAMETERS,
    lambda insert: insert.on_conflict_do_update(
        index_elements=["course_id"],
        set_={
            **{
                name: insert.excluded[name]
                for name in (*PROBABILITY_FIELDS, "updated_by", "updated_at")
            },
            "version": _PARAMETERS.c.version + 1,
        },
    ).returning(_PARAMETERS.c.version),
)


class SqlAlchemyMasteryRepository(Repository[Evidence]):
    table = _EVIDENCE
    entity = Evidence

    def _values(self, entity: Evidence) -> dict[str, Any]:
        first = entity.question_id if entity.source == EvidenceSource.ATTEMPT else None
        return to_values(entity, _EVIDENCE, first_key=first)

    async def lock(
        self, user_id: UUID, course_id: UUID, lesson_ids: Collection[UUID]
    ) -> dict[UUID, LessonMastery]:
        # Rows in one order: no deadlock between two transactions locking the same lessons.
        if not lesson_ids:
            return {}
        rows = await self._session.execute(
            _LOCK.on(self._session),
            [
                {
                    "user_id": user_id,
                    "lesson_id": lesson_id,
                    "course_id": course_id,
                    "p_mastery": 0.0,
                    "evidence": 0,
                    "last_evidence_at": None,
                    "parameters_version": 0,
                }
                for lesson_id in sorted(lesson_ids)
            ],
        )
        return {row.lesson_id: to_entity(row, LessonMastery) for row in rows}

    async def add_evidence(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        if not evidence:
            return []
        rows = [self._values(item) for item in evidence]
        result = await self._session.execute(_ADD_EVIDENCE.on(self._session), rows)
        inserted = set(result.scalars())
        return [item for item in evidence if item.id in inserted]

    async def regrade(self, source_id: UUID, question_id: UUID, correct: bool) -> Evidence | None:
        condition = (_EVIDENCE.c.source_id == source_id) & (_EVIDENCE.c.question_id == question_id)
        await self._session.execute(update(_EVIDENCE).where(condition).values(correct=correct))
        return await self.first(condition)

    async def evidence(
        self, user_id: UUID, lesson_ids: Collection[UUID]
    ) -> dict[UUID, list[Evidence]]:
        if not lesson_ids:
            return {}
        found: dict[UUID, list[Evidence]] = defaultdict(list)
        for item in await self.all(
            _EVIDENCE.c.user_id == user_id,
            _EVIDENCE.c.lesson_id.in_(lesson_ids),
            order_by=[_EVIDENCE.c.observed_at, _EVIDENCE.c.id],
        ):
            found[item.lesson_id].append(item)
        return dict(found)

    async def save(self, masteries: Sequence[LessonMastery]) -> None:
        if masteries:
            rows = [to_values(mastery, _MASTERY) for mastery in masteries]
            await self._session.execute(_SAVE.on(self._session), rows)

    async def right_in_review(
        self, user_id: UUID, question_ids: Collection[UUID]
    ) -> dict[UUID, datetime]:
        if not question_ids:
            return {}
        rows = await self._session.execute(
            select(_EVIDENCE.c.question_id, func.max(_EVIDENCE.c.observed_at).label("at"))
            .where(
                _EVIDENCE.c.user_id == user_id,
                _EVIDENCE.c.source == EvidenceSource.REVIEW,
                _EVIDENCE.c.correct.is_(True),
                _EVIDENCE.c.question_id.in_(question_ids),
            )
            .group_by(_EVIDENCE.c.question_id)
        )
        return {row.question_id: row.at for row in rows}

    async def of_course(self, user_id: UUID, course_id: UUID) -> list[LessonMastery]:
        rows = await self._session.execute(
            select(_MASTERY).where(
                _MASTERY.c.user_id == user_id,
                _MASTERY.c.course_id == course_id,
                _MASTERY.c.evidence > 0,
            )
        )
        return [to_entity(row, LessonMastery) for row in rows]

    async def parameters(self, course_id: UUID) -> CourseBkt:
        row = (
            await self._session.execute(
                select(_PARAMETERS).where(_PARAMETERS.c.course_id == course_id)
            )
        ).first()
        if row is None:
            return CourseBkt(course_id=course_id)
        return CourseBkt(
            course_id=course_id,
            parameters=to_entity(row, BktParameters),
            version=row.version,
            updated_by=row.updated_by,
            updated_at=row.updated_at,
        )

    async def set_parameters(self, bkt: CourseBkt) -> CourseBkt:
        values = {
            **to_values(bkt.parameters, _PARAMETERS),
            "course_id": bkt.course_id,
            "version": 1,
            "updated_by": bkt.updated_by,
            "updated_at": bkt.updated_at,
        }
        version = (
            await self._session.execute(_SET_PARAMETERS.on(self._session), values)
        ).scalar_one()
        return CourseBkt(
            course_id=bkt.course_id,
            parameters=bkt.parameters,
            version=int(version),
            updated_by=bkt.updated_by,
            updated_at=bkt.updated_at,
        )

    async def stale_learners(self, course_id: UUID, version: int, limit: int) -> list[UUID]:
        rows = await self._session.execute(
            select(_MASTERY.c.user_id)
            .where(
                _MASTERY.c.course_id == course_id,
                _MASTERY.c.evidence > 0,
                _MASTERY.c.parameters_version != version,
            )
            .group_by(_MASTERY.c.user_id)
            .order_by(_MASTERY.c.user_id)
            .limit(limit)
        )
        return list(rows.scalars())
