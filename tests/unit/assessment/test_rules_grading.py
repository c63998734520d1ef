"""The offline rules grader on the fixed answer set (issue 12's targets), and its rules one
by one: inflections, the negation and bare-list guards, the model answer's own negations,
rubrics without a model answer."""

import pytest

from tests.unit.assessment.answer_set import CASES, QUESTION, RUBRIC, Case
from tutor_platform.ai.adapters.outbound.local.embedder import LocalEmbedder
from tutor_platform.assessment.adapters.outbound.similarity import EmbedderTextSimilarity
from tutor_platform.assessment.application.support.free_text_graders import RulesFreeTextGrader
from tutor_platform.assessment.domain.answers import MAX_FREE_TEXT_LENGTH
from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.assessment.domain.rules_grading import grade_by_rules

# kind: (lowest score, highest score, needs_review)
EXPECTED = {
    "right": (0.9, 1.0, False),
    "paraphrase": (0.5, 1.0, True),
    "keyword list": (0.0, 0.34, True),
    "negated": (0.0, 0.34, True),
    "empty": (0.0, 0.0, False),
    "off-topic": (0.0, 0.1, False),
    "very long": (0.5, 1.0, False),
    "very long keyword list": (0.0, 0.34, True),
}

_GRADER = RulesFreeTextGrader(EmbedderTextSimilarity(LocalEmbedder()))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_the_fixed_answer_set(case: Case) -> None:
    lowest, highest, needs_review = EXPECTED[case.kind]

    grade = await _GRADER.grade(QUESTION, case.answer, RUBRIC)

    assert lowest <= grade.score <= highest, grade.feedback
    assert grade.needs_review is needs_review, grade.feedback
    assert grade.graded_by == "rules"


def test_every_answer_of_the_set_fits_an_attempt() -> None:
    assert all(len(case.answer) <= MAX_FREE_TEXT_LENGTH for case in CASES)
    assert {case.kind for case in CASES} == set(EXPECTED)


async def test_feedback_says_why() -> None:
    listed = await _GRADER.grade(QUESTION, "specific, hide, bugs", RUBRIC)
    negated = await _GRADER.grade(QUESTION, "A bare except never hides bugs.", RUBRIC)

    assert "without sentences" in listed.feedback
    assert "opposite of the model answer about hide and bugs" in negated.feedback
    assert negated.improvements == (
        "Check what you wrote about hide.",
        "Check what you wrote about bugs.",
    )


KEYWORDS_ONLY = Rubric(keywords=("stores energy", "cell"))


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        ("The cells store the energy they convert.", 1.0),
        ("Each cell is where it happens.", 0.5),
        ("It is about energy.", 0.0),
    ],
)
def test_keywords_match_in_any_inflection_and_every_word_of_a_keyword(
    answer: str, score: float
) -> None:
    assert grade_by_rules(answer, KEYWORDS_ONLY, None).score == score


def test_a_keyword_only_rubric_is_sure_when_every_keyword_is_explained() -> None:
    assert grade_by_rules("The cell stores energy.", KEYWORDS_ONLY, None).needs_review is False
    assert grade_by_rules("The cell does it.", KEYWORDS_ONLY, None).needs_review is True


def test_a_negation_the_model_answer_has_too_is_no_contradiction() -> None:
    rubric = Rubric(
        keywords=("mutable",), model_answer="A tuple is not mutable, so it can be a key."
    )

    agrees = grade_by_rules("A tuple is not mutable, unlike a list.", rubric, 0.6)
    contradicts = grade_by_rules("A tuple is mutable, like a list.", rubric, 0.6)

    assert (agrees.score, agrees.needs_review) == (1.0, False)
    assert (contradicts.score, contradicts.needs_review) == (0.0, True)


def test_a_negation_ends_with_its_clause_or_a_reason() -> None:
    rubric = Rubric(keywords=("hides bugs",), model_answer="A bare except hides bugs.")

    graded = grade_by_rules("It is not a good idea because it hides bugs.", rubric, 0.5)

    assert graded.score == 1.0


def test_a_short_answer_earns_similarity_credit_by_its_length() -> None:
    rubric = Rubric(model_answer=" ".join(["word"] * 40))

    short = grade_by_rules("It is like that.", rubric, 0.55)
    full = grade_by_rules(" ".join(["it is like that"] * 5), rubric, 0.55)

    assert short.score == 0.2
    assert full.score == 1.0


def test_without_a_model_answer_guidance_is_the_reference() -> None:
    graded = grade_by_rules("Anything at all here.", Rubric(guidance="Hidden bugs."), 0.0)

    assert (graded.score, graded.needs_review) == (0.0, False)
