"""Premium: a multi-step mentor plan towards a goal (``POST /hybrid/mentor-session``).

With a course, the lessons are those that retrieval finds relevant to the goal (a lesson
whose best passage passes the relevance rule of ``domain.citations``), in course order; those
the learner is done with are left to revisit: mastered, for a lesson some question tests;
completed, for one none does (as in the adaptive path). The steps are ``domain.mentor``
(deterministic); the relevant passages are numbered and sent to the AI, which writes advice
on top of the steps citing them as ``[n]``. The plan's citations are those passages: each
step names the numbers of its lessons' passages. A course with no relevant lesson gets a plan
that says it does not cover the goal, with no citations (``covered`` false).
"""

from dataclasses import dataclass, replace
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.support.mastery_tracing import course_mastery
from tutor_platform.assessment.application.support.material import numbered, visible_course
from tutor_platform.assessment.application.support.premium_gate import PremiumGate
from tutor_platform.assessment.domain.citations import Source, cite, is_relevant
from tutor_platform.assessment.domain.learning_path import PathLesson
from tutor_platform.assessment.domain.mentor import (
    MentorSection,
    MentorStep,
    goal_problem,
    mentor_plan,
    uncovered_plan,
)
from tutor_platform.assessment.domain.premium import PremiumFeature
from tutor_platform.assessment.ports.ai import AssessmentAI, Passage
from tutor_platform.assessment.ports.courses import (
    CourseCatalog,
    LearnerProgress,
    PassageFacts,
)
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.citations import Citation, relevance
from tutor_platform.shared.validation import FieldChecks

RETRIEVED_PASSAGES: Final = 20
"""How many passages of the course are retrieved for the goal."""
PASSAGES_PER_LESSON: Final = 2
MAX_CITED_PASSAGES: Final = 8


@dataclass(frozen=True, slots=True)
class MentorPlan:
    goal: str
    course_id: UUID | None
    steps: list[MentorStep]
    advice: str
    citations: list[Citation]
    covered: bool
    """Whether the course has lessons relevant to the goal (False without a course)."""


class StartMentorSession:
    """403 for free users; 422 for a blank goal or a course the caller cannot see; 429 over
    the daily quota; 502 when the AI fails (not counted)."""

    def __init__(
        self,
        gate: PremiumGate,
        catalog: CourseCatalog,
        progress: LearnerProgress,
        uow_factory: AssessmentUnitOfWorkFactory,
        ai: AssessmentAI,
    ) -> None:
        self._gate = gate
        self._catalog = catalog
        self._progress = progress
        self._uow_factory = uow_factory
        self._ai = ai

    async def execute(self, principal: Principal, goal: str, course_id: UUID | None) -> MentorPlan:
        self._gate.ensure_allowed(principal)
        goal = goal.strip()
        checks = FieldChecks()
        checks.check("goal", goal_problem(goal))
        checks.raise_if_failed()
        sources: list[Source] = []
        if course_id is None:
            steps = mentor_plan(goal, None)
        else:
            steps, sources = await self._course_plan(principal, goal, course_id)

        async def advice() -> str:
            return await self._advice(goal, steps, sources)

        written = await self._gate.run(principal, PremiumFeature.MENTOR_SESSION, advice, course_id)
        text, _ = cite(written, sources)
        citations = [source.cite(number) for number, source in enumerate(sources, start=1)]
        return MentorPlan(goal, course_id, steps, text, citations, bool(sources))

    async def _course_plan(
        self, principal: Principal, goal: str, course_id: UUID
    ) -> tuple[list[MentorStep], list[Source]]:
        course = await visible_course(self._catalog, principal, course_id)
        found = await self._catalog.relevant_passages(course_id, goal, RETRIEVED_PASSAGES)
        relevant = [p for p in found if is_relevant(p.similarity, p.lexical)]
        if not relevant:
            return uncovered_plan(goal, course.title), []
        lesson_ids = {passage.lesson_id for passage in relevant}
        sections = [
            MentorSection(
                section.title,
                tuple(
                    PathLesson(lesson.id, lesson.title)
                    for lesson in section.lessons
                    if lesson.id in lesson_ids
                ),
            )
            for section in await self._catalog.sections(course_id)
        ]
        order = [lesson.id for section in sections for lesson in section.lessons]
        sources = _sources(relevant, order)
        completed = await self._progress.completed_lessons(principal.user_id, course_id)
        async with self._uow_factory() as uow:
            quizzes = await uow.quizzes.all_of_course(course_id)
            bkt, traced = await course_mastery(uow, principal.user_id, course_id)
        tested = {q.lesson_id for quiz in quizzes for q in quiz.questions if q.lesson_id}
        mastered = {m.lesson_id for m in traced.values() if m.mastered(bkt.parameters)}
        done = {
            lesson for lesson in order if lesson in (mastered if lesson in tested else completed)
        }
        steps = mentor_plan(
            goal, [s for s in sections if s.lessons], done, [q.title for q in quizzes]
        )
        return [_with_citations(step, sources) for step in steps], sources

    async def _advice(self, goal: str, steps: list[MentorStep], sources: list[Source]) -> str:
        plan = numbered([f"{step.title}: {step.detail}" for step in steps])
        instruction = (
            f"Write a short overview of this mentor plan for the goal \u201c{goal}\u201d, "
            f"encouraging the learner and saying where to start: {plan}"
        )
        if sources:
            instruction += (
                " The course passages are numbered: cite each one you draw on as [n], "
                "with its number."
            )
        material = [Passage(s.title, s.markdown, s.lesson_id, s.heading) for s in sources]
        return await self._ai.write(instruction, [*material, Passage("Your plan", plan)])


def _sources(relevant: list[PassageFacts], order: list[UUID]) -> list[Source]:
    """The relevant passages to cite: the best of each lesson (at most
    ``PASSAGES_PER_LESSON``), lessons in course order, best first within a lesson."""
    ranked = sorted(relevant, key=lambda p: -relevance(p.similarity, p.lexical))
    chosen: list[PassageFacts] = []
    for lesson_id in order:
        chosen += [p for p in ranked if p.lesson_id == lesson_id][:PASSAGES_PER_LESSON]
    return [
        Source(p.lesson_id, p.course_id, p.lesson_title, p.heading, p.markdown, p.text)
        for p in chosen[:MAX_CITED_PASSAGES]
    ]


def _with_citations(step: MentorStep, sources: list[Source]) -> MentorStep:
    numbers = tuple(
        number
        for number, source in enumerate(sources, start=1)
        if source.lesson_id in step.lesson_ids
    )
    return replace(step, citations=numbers)
