"""Writing questions: each kind carries exactly its answer fields; every problem is reported
with the field the client wrote."""

from decimal import Decimal
from itertools import count
from uuid import UUID

import pytest

from tutor_platform.assessment.domain.authoring import (
    OptionDraft,
    QuestionDraft,
    checked_questions,
    generated_option_id,
    passing_score_problem,
)
from tutor_platform.assessment.domain.quiz import Option, Rubric
from tutor_platform.shared.errors import ValidationFailed

_ids = count(1)


def next_id() -> UUID:
    return UUID(int=next(_ids))


def draft(kind: str, **fields: object) -> QuestionDraft:
    values: dict[str, object] = {"kind": kind, "prompt": " A question? ", "points": 2}
    values.update(fields)
    return QuestionDraft(**values)  # type: ignore[arg-type]


def errors_of(*drafts: QuestionDraft) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as failure:
        checked_questions(list(drafts), next_id)
    return {error.field: error.message for error in failure.value.errors}


def test_valid_questions_of_every_kind_are_built() -> None:
    questions = checked_questions(
        [
            draft(
                "single_choice",
                options=[OptionDraft(" Yes "), OptionDraft("No")],
                correct_option_ids=["a"],
            ),
            draft(
                "multiple_choice",
                options=[OptionDraft("x", "first"), OptionDraft("y"), OptionDraft("z", "c")],
                correct_option_ids=["first", "b"],
                explanation="  Because.  ",
            ),
            draft("true_false", correct=False, explanation="   "),
            draft("short_answer", accepted_answers=[" int "]),
            draft("free_text", rubric=Rubric((" bug ",), " Hidden bugs. ")),
        ],
        next_id,
    )

    single, multiple, true_false, short, free = questions
    assert single.prompt == "A question?"
    assert single.options == (Option("a", "Yes"), Option("b", "No"))
    assert multiple.options == (Option("first", "x"), Option("b", "y"), Option("c", "z"))
    assert multiple.correct_option_ids == ("first", "b")
    assert multiple.explanation == "Because."
    assert true_false.correct is False
    assert true_false.explanation is None
    assert short.accepted_answers == ("int",)
    assert free.rubric == Rubric(("bug",), "Hidden bugs.")
    assert len({q.id for q in questions}) == 5


def test_a_free_text_question_without_a_rubric_is_refused() -> None:
    assert errors_of(draft("free_text")) == {
        "questions[0].rubric": "is required for a free_text question (keywords and/or guidance)"
    }


def test_an_empty_rubric_is_refused() -> None:
    errors = errors_of(draft("free_text", rubric=Rubric((), "  ")))

    assert list(errors) == ["questions[0].rubric"]


def test_missing_answer_fields_are_named_per_kind() -> None:
    errors = errors_of(
        draft("single_choice"),
        draft("true_false"),
        draft("short_answer"),
    )

    assert set(errors) == {
        "questions[0].options",
        "questions[0].correct_option_ids",
        "questions[1].correct",
        "questions[2].accepted_answers",
    }


def test_fields_of_another_kind_are_refused() -> None:
    errors = errors_of(
        draft("true_false", correct=True, options=[OptionDraft("a"), OptionDraft("b")]),
        draft("short_answer", accepted_answers=["x"], rubric=Rubric(("k",), "")),
        draft(
            "single_choice",
            options=[OptionDraft("a"), OptionDraft("b")],
            correct_option_ids=["a"],
            correct=True,
        ),
    )

    assert set(errors) == {
        "questions[0].options",
        "questions[1].rubric",
        "questions[2].correct",
    }


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"correct_option_ids": ["a", "b"]}, "correct_option_ids"),
        ({"correct_option_ids": []}, "correct_option_ids"),
        ({"correct_option_ids": ["q"]}, "correct_option_ids"),
        ({"options": [OptionDraft("only")], "correct_option_ids": ["a"]}, "options"),
        (
            {"options": [OptionDraft("a", "b"), OptionDraft("b")], "correct_option_ids": ["b"]},
            "options[1].id",
        ),
        (
            {
                "options": [OptionDraft("a", "no spaces"), OptionDraft("b")],
                "correct_option_ids": ["b"],
            },
            "options[0].id",
        ),
        (
            {"options": [OptionDraft("  "), OptionDraft("b")], "correct_option_ids": ["b"]},
            "options[0].text",
        ),
        ({"points": 0, "correct_option_ids": ["a"]}, "points"),
        ({"prompt": "   ", "correct_option_ids": ["a"]}, "prompt"),
        ({"prompt": "bad\x00", "correct_option_ids": ["a"]}, "prompt"),
    ],
)
def test_bad_single_choice_fields_are_named(fields: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"options": [OptionDraft("A"), OptionDraft("B")]}
    values.update(fields)

    errors = errors_of(draft("single_choice", **values))

    assert f"questions[0].{field}" in errors


def test_a_repeated_correct_option_is_refused() -> None:
    errors = errors_of(
        draft(
            "multiple_choice",
            options=[OptionDraft("A"), OptionDraft("B")],
            correct_option_ids=["a", "a"],
        )
    )

    assert errors == {"questions[0].correct_option_ids": "must not repeat an option id"}


def test_accepted_answers_must_survive_normalisation() -> None:
    errors = errors_of(draft("short_answer", accepted_answers=["ok", " ... "]))

    assert list(errors) == ["questions[0].accepted_answers[1]"]


def test_the_number_of_questions_is_bounded() -> None:
    with pytest.raises(ValidationFailed) as failure:
        checked_questions([], next_id)

    assert [e.field for e in failure.value.errors] == ["questions"]


def test_unknown_kinds_are_refused() -> None:
    assert list(errors_of(draft("essay"))) == ["questions[0].kind"]


def test_generated_option_ids_follow_the_position() -> None:
    assert [generated_option_id(n) for n in (0, 1, 25, 26)] == ["a", "b", "z", "o27"]


@pytest.mark.parametrize(
    ("score", "ok"),
    [
        ("0", True),
        ("1", True),
        ("0.7", True),
        ("0.6667", True),
        ("0.66667", False),
        ("1.01", False),
        ("-0.1", False),
    ],
)
def test_passing_scores_are_0_to_1_with_four_places(score: str, ok: bool) -> None:
    assert (passing_score_problem(Decimal(score)) is None) is ok
