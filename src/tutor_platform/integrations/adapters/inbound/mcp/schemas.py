"""What the MCP tools answer: pydantic models whose JSON schemas are the tools' output
schemas. Field names are those of the REST API's bodies."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field


class SearchHitOut(BaseModel):
    type: Literal["course", "lesson"]
    id: UUID
    course_id: UUID
    title: str
    snippet: str = Field(description="Plain text with the matched words in <mark>…</mark>.")
    rank: float
    is_premium: bool


class SearchOut(BaseModel):
    items: list[SearchHitOut]
    total: int


class LessonRefOut(BaseModel):
    id: UUID
    title: str
    position: int
    is_premium: bool


class SectionOut(BaseModel):
    id: UUID
    title: str
    position: int
    lessons: list[LessonRefOut]


class CourseOutlineOut(BaseModel):
    id: UUID
    title: str
    slug: str
    subject: str
    difficulty: str
    prerequisites: list[str]
    is_published: bool
    instructor_id: UUID
    sections: list[SectionOut]


class LessonOut(BaseModel):
    id: UUID
    section_id: UUID
    course_id: UUID
    title: str
    content: str = Field(description="Markdown.")
    position: int
    estimated_minutes: int
    is_premium: bool


class ProgressOut(BaseModel):
    course_id: UUID
    completed_lesson_ids: list[UUID]
    completed: int
    total: int
    percent: float
    quiz_scores: dict[str, float] = Field(description="Best score (0-1) per quiz id.")
    last_accessed_at: datetime | None
    streak_days: int
    longest_streak_days: int
    minutes: int


class ProgressListOut(BaseModel):
    items: list[ProgressOut]


class QuizOut(BaseModel):
    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    is_premium: bool
    question_count: int
    max_attempts: int | None = Field(description="Attempts allowed; null: no limit.")
    attempts_used: int
    best_score: float | None = Field(description="The caller's best score, 0-1; null before any.")


class QuizListOut(BaseModel):
    items: list[QuizOut]


class OptionOut(BaseModel):
    id: str
    text: str


QuestionKind = Literal[
    "single_choice", "multiple_choice", "true_false", "short_answer", "free_text"
]


class QuestionOut(BaseModel):
    id: UUID
    kind: QuestionKind
    prompt: str
    points: int
    lesson_id: UUID | None = Field(description="The lesson it tests.")
    options: list[OptionOut] | None = Field(
        description="The choices (single and multiple choice only)."
    )


class QuizToTakeOut(BaseModel):
    """A quiz to take: its questions without correct answers, explanations or rubrics."""

    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    passing_score: float = Field(description="The score (0-1) that passes.")
    is_premium: bool
    max_attempts: int | None = Field(description="Attempts allowed; null: no limit.")
    max_points: int
    questions: list[QuestionOut]


class AttemptOut(BaseModel):
    attempt_id: UUID
    quiz_id: UUID
    score: float = Field(description="0-1.")
    passed: bool
    number: int = Field(description="Which attempt of the caller this was (1 = the first).")
    status: str = Field(description="graded, or needs_review while a person must grade an answer.")


class LessonMasteryOut(BaseModel):
    lesson_id: UUID
    title: str
    p_mastery: float = Field(description="Probability that the lesson is mastered (BKT), 0-1.")
    mastered: bool
    evidence: int = Field(description="First answers to the lesson's questions it rests on.")
    last_evidence_at: datetime | None


class MasteryOut(BaseModel):
    items: list[LessonMasteryOut]


class CitationOut(BaseModel):
    index: int
    lesson_id: UUID | None
    course_id: UUID | None
    title: str
    heading: str | None
    snippet: str


class TutorAnswerOut(BaseModel):
    session_id: UUID = Field(description="Pass it back to continue the conversation.")
    message_id: UUID
    answer: str = Field(description="Markdown.")
    citations: list[CitationOut]


class DriveFileOut(BaseModel):
    id: str
    name: str
    mime_type: str
    size: int | None
    modified_time: datetime
    importable: bool


class DriveFilesOut(BaseModel):
    items: list[DriveFileOut]
    next_page_token: str | None
