"""The JSON forms of attempts' answers and results (points as exact decimal strings)."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from tutor_platform.assessment.domain.grading import Answer, Grader, QuestionResult


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


def _earlier_grader(item: Mapping[str, Any]) -> Grader:
    """Results stored before graders were named: free text (with feedback) was the AI's."""
    return Grader.AI if item.get("feedback") is not None else Grader.EXACT


def _uuid(value: Any) -> UUID | None:
    return None if value is None else UUID(str(value))


def _instant(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))
