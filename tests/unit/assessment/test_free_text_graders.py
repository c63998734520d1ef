"""The AI grader's fallback: replies that never validate leave the answer for a person, with
the rules grader's provisional grade when there is one."""

from dataclasses import dataclass, field
from uuid import UUID

from tests.unit.assessment.doubles import ScriptedAI
from tutor_platform.assessment.application.support.free_text_graders import AiFreeTextGrader
from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.assessment.ports.ai import Grade, NoUsableGrade

RUBRIC = Rubric(keywords=("bug",))


@dataclass
class UngradingAI(ScriptedAI):
    asked: list[str] = field(default_factory=list)

    async def grade(
        self, question: str, answer: str, rubric: Rubric | None, course_id: UUID | None = None
    ) -> Grade:
        self.asked.append(answer)
        raise NoUsableGrade("gemini did not answer successfully (malformed grade, 2 attempts)")


@dataclass
class Provisional:
    async def grade(
        self, question: str, answer: str, rubric: Rubric | None, course_id: UUID | None = None
    ) -> Grade:
        return Grade(0.5, "Covers 1 of 2.", ("bug",), (), graded_by="rules", needs_review=False)


async def test_a_valid_ai_grade_is_the_ais() -> None:
    grade = await AiFreeTextGrader(ScriptedAI(score=0.75), Provisional()).grade("Q?", "A.", RUBRIC)

    assert (grade.score, grade.graded_by, grade.needs_review) == (0.75, "ai", False)


async def test_an_ungradable_answer_gets_the_rules_grade_to_review() -> None:
    ai = UngradingAI()

    grade = await AiFreeTextGrader(ai, Provisional()).grade("Q?", "A bug.", RUBRIC)

    assert ai.asked == ["A bug."]
    assert (grade.score, grade.graded_by, grade.needs_review) == (0.5, "rules", True)
    assert grade.feedback.startswith("The AI grader gave no usable grade")
    assert grade.feedback.endswith("Covers 1 of 2.")


async def test_without_a_fallback_an_ungradable_answer_scores_0_to_review() -> None:
    grade = await AiFreeTextGrader(UngradingAI()).grade("Q?", "A bug.", RUBRIC)

    assert (grade.score, grade.graded_by, grade.needs_review) == (0.0, "ai", True)
