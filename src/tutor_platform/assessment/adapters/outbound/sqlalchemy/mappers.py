"""Rows ↔ entities of assessment, and the JSON forms of questions' answer fields, attempts'
answers and results (points as exact decimal strings)."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Row

from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.grading import Answer, Grader, QuestionResult
from tutor_platform.assessment.domain.quiz import Option, Question, QuestionKind, Quiz, Rubric


def question_values(quiz_id: UUID, position: int, question: Question) -> dict[str, Any]:
    rubric = question.rubric
    return {
        "id": question.id,
        "quiz_id": quiz_id,
        "position": position,
        "kind": question.kind,
        "prompt": question.prompt,
        "points": question.points,
        "lesson_id": question.lesson_id,
        "explanation": question.explanation,
        "options": [{"id": option.id, "text": option.text} for option in question.options],
        "correct_option_ids": list(question.correct_option_ids),
        "correct": question.correct,
        "accepted_answers": list(question.accepted_answers),
        "rubric": None
        if rubric is None
        else {
            "keywords": list(rubric.keywords),
            "guidance": rubric.guidance,
            "model_answer": rubric.model_answer,
        },
    }


def question_from_row(row: Any) -> Question:
    """From a row of ``quiz_questions`` (or any object with its columns as attributes)."""
    rubric = row.rubric
    return Question(
        id=row.id,
        kind=QuestionKind(row.kind),
        prompt=row.prompt,
        points=row.points,
        lesson_id=row.lesson_id,
        explanation=row.explanation,
        options=tuple(Option(str(item["id"]), str(item["text"])) for item in row.options or []),
        correct_option_ids=tuple(str(item) for item in row.correct_option_ids or []),
        correct=row.correct,
        accepted_answers=tuple(str(item) for item in row.accepted_answers or []),
        rubric=None
        if rubric is None
        else Rubric(
            tuple(str(k) for k in rubric.get("keywords", [])),
            str(rubric.get("guidance", "")),
            str(rubric.get("model_answer", "")),
        ),
    )


def quiz_values(quiz: Quiz) -> dict[str, Any]:
    return {
        "course_id": quiz.course_id,
        "lesson_id": quiz.lesson_id,
        "title": quiz.title,
        "passing_score": quiz.passing_score,
        "is_premium": quiz.is_premium,
        "max_attempts": quiz.max_attempts,
        "created_by": quiz.created_by,
        "created_at": quiz.created_at,
        "updated_at": quiz.updated_at,
    }


def quiz_from_row(row: Row[Any], questions: Iterable[Question]) -> Quiz:
    return Quiz(
        id=row.id,
        course_id=row.course_id,
        lesson_id=row.lesson_id,
        title=row.title,
        passing_score=row.passing_score,
        is_premium=row.is_premium,
        max_attempts=row.max_attempts,
        questions=tuple(questions),
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def answers_json(answers: Mapping[UUID, Answer]) -> dict[str, Any]:
    return {
        str(question_id): list(answer) if isinstance(answer, tuple) else answer
        for question_id, answer in answers.items()
    }


def answers_from_json(data: Mapping[str, Any]) -> dict[UUID, Answer]:
    return {
        UUID(key): tuple(str(item) for item in value) if isinstance(value, list) else value
        for key, value in data.items()
    }


def results_json(results: Iterable[QuestionResult]) -> list[dict[str, Any]]:
    return [
        {
            "question_id": str(result.question_id),
            "correct": result.correct,
            "awarded_points": str(result.awarded_points),
            "explanation": result.explanation,
            "feedback": result.feedback,
            "graded_by": result.graded_by,
            "needs_review": result.needs_review,
            "reviewer_id": None if result.reviewer_id is None else str(result.reviewer_id),
            "reviewed_at": None if result.reviewed_at is None else result.reviewed_at.isoformat(),
            "max_points": result.max_points,
        }
        for result in results
    ]


def results_from_json(data: Iterable[Mapping[str, Any]]) -> tuple[QuestionResult, ...]:
    return tuple(
        QuestionResult(
            question_id=UUID(item["question_id"]),
            correct=bool(item["correct"]),
            awarded_points=Decimal(item["awarded_points"]),
            explanation=item.get("explanation"),
            feedback=item.get("feedback"),
            graded_by=Grader(item.get("graded_by") or _earlier_grader(item)),
            needs_review=bool(item.get("needs_review", False)),
            reviewer_id=_uuid(item.get("reviewer_id")),
            reviewed_at=_instant(item.get("reviewed_at")),
            max_points=None if item.get("max_points") is None else int(item["max_points"]),
        )
        for item in data
    )


def _earlier_grader(item: Mapping[str, Any]) -> str:
    """Results stored before graders were named: free text (with feedback) was the AI's."""
    return Grader.AI if item.get("feedback") is not None else Grader.EXACT


def _uuid(value: Any) -> UUID | None:
    return None if value is None else UUID(str(value))


def _instant(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def attempt_values(attempt: Attempt) -> dict[str, Any]:
    return {
        "id": attempt.id,
        "quiz_id": attempt.quiz_id,
        "user_id": attempt.user_id,
        "number": attempt.number,
        "answers": answers_json(attempt.answers),
        "results": results_json(attempt.results),
        "points": attempt.points,
        "max_points": attempt.max_points,
        "score": attempt.score,
        "passed": attempt.passed,
        "status": attempt.status,
        "completed_at": attempt.completed_at,
        "created_at": attempt.completed_at,
        "updated_at": attempt.completed_at,
    }


def attempt_from_row(row: Row[Any]) -> Attempt:
    return Attempt(
        id=row.id,
        quiz_id=row.quiz_id,
        user_id=row.user_id,
        number=row.number,
        answers=answers_from_json(row.answers),
        results=results_from_json(row.results),
        points=row.points,
        max_points=row.max_points,
        score=row.score,
        passed=row.passed,
        completed_at=row.completed_at,
    )
