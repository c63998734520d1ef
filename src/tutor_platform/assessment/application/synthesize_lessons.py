"""Premium: connections across lessons of a course, written by the AI from their passages
(``POST /hybrid/synthesis``): the ideas they share, each with the passages it rests on.

The lessons' passages are numbered and sent with the instruction to list the shared ideas, one
per list item, citing them as ``[n]``; each idea keeps only markers of passages that were sent,
and its citations are those passages (see ``domain.synthesis``). The passages are sent in
turns, the first of every lesson, then the second of every lesson..., so that a writer that
reads only the first few still draws on every lesson.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, zip_longest
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.support.material import excerpt, visible_course
from tutor_platform.assessment.application.support.premium_gate import PremiumGate
from tutor_platform.assessment.domain.citations import Source
from tutor_platform.assessment.domain.premium import PremiumFeature
from tutor_platform.assessment.domain.synthesis import Idea, cited_by_any, ideas
from tutor_platform.assessment.ports.ai import AssessmentAI, Passage
from tutor_platform.assessment.ports.courses import CourseCatalog, LessonFacts
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.citations import Citation
from tutor_platform.shared.validation import FieldChecks

MIN_LESSONS: Final = 2
MAX_LESSONS: Final = 10
PASSAGES_PER_LESSON: Final = 4
"""At most this many passages of each lesson are sent (the first ones, in reading order)."""


@dataclass(frozen=True, slots=True)
class Synthesis:
    course_id: UUID
    lessons: list[LessonFacts]
    connections: list[Idea]
    citations: list[Citation]
    """Every passage some idea cites."""


class SynthesizeLessons:
    """403 for free users; 422 when the course is hidden, or the lessons are not 2 to 10
    distinct lessons of it; 429 over the daily quota; 502 when the AI fails (not counted).
    Callers may use premium features, so they may read premium lessons too."""

    def __init__(self, gate: PremiumGate, catalog: CourseCatalog, ai: AssessmentAI) -> None:
        self._gate = gate
        self._catalog = catalog
        self._ai = ai

    async def execute(
        self, principal: Principal, course_id: UUID, lesson_ids: Sequence[UUID]
    ) -> Synthesis:
        self._gate.ensure_allowed(principal)
        course = await visible_course(self._catalog, principal, course_id)
        lessons = await self._lessons(course_id, lesson_ids)
        titles = ", ".join(f"\u201c{lesson.title}\u201d" for lesson in lessons)
        instruction = (
            f"List the ideas that the lessons {titles} of the course "
            f'\u201c{course.title}\u201d share, one idea per Markdown list item ("- "), '
            "in one or two sentences that say how the lessons connect on it. The passages are "
            "numbered: in each item, cite the passages it rests on as [n], with their numbers."
        )
        sources = await self._sources(lessons)
        material = [Passage(s.title, s.markdown, s.lesson_id, s.heading) for s in sources]

        async def connections() -> str:
            return await self._ai.write(instruction, material, course_id)

        written = await self._gate.run(principal, PremiumFeature.SYNTHESIS, connections, course_id)
        shared = ideas(written, sources)
        return Synthesis(course_id, lessons, shared, cited_by_any(shared))

    async def _sources(self, lessons: Sequence[LessonFacts]) -> list[Source]:
        """Each lesson's first passages (the whole lesson, cut, when it has none indexed yet),
        in turns across the lessons."""
        per_lesson = []
        for lesson in lessons:
            passages = (await self._catalog.lesson_passages(lesson.id))[:PASSAGES_PER_LESSON]
            per_lesson.append(
                [
                    Source(p.lesson_id, p.course_id, p.lesson_title, p.heading, p.markdown, p.text)
                    for p in passages
                ]
                or [
                    Source(
                        lesson.id,
                        lesson.course_id,
                        lesson.title,
                        None,
                        excerpt(lesson.content),
                        excerpt(lesson.content),
                    )
                ]
            )
        turns = chain.from_iterable(zip_longest(*per_lesson))
        return [source for source in turns if source is not None]

    async def _lessons(self, course_id: UUID, lesson_ids: Sequence[UUID]) -> list[LessonFacts]:
        checks = FieldChecks()
        if not MIN_LESSONS <= len(lesson_ids) <= MAX_LESSONS:
            checks.check("lesson_ids", f"must hold {MIN_LESSONS} to {MAX_LESSONS} lesson ids")
        if len(set(lesson_ids)) != len(lesson_ids):
            checks.check("lesson_ids", "must not repeat a lesson")
        lessons = []
        for index, lesson_id in enumerate(lesson_ids):
            lesson = await self._catalog.lesson(lesson_id)
            if lesson is None or lesson.course_id != course_id:
                checks.check(f"lesson_ids[{index}]", "must be a lesson of the course")
            else:
                lessons.append(lesson)
        checks.raise_if_failed()
        return lessons
