"""Tutoring's daily figures: what a session, a message and a learner's feedback add, and the
lexical likeness that groups uncited questions into content gaps."""

import re
from datetime import datetime
from typing import Final
from uuid import UUID, uuid5

from tutor_platform.shared.figures import NO_ITEM, FigureDelta, utc_day
from tutor_platform.shared.words import STOP_WORDS
from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.domain.message import Message, MessageRole

SESSIONS: Final = "sessions"
MESSAGES: Final = "messages"
UNCITED_ANSWERS: Final = "uncited_answers"
RATINGS: Final = "ratings"
RATING_SUM: Final = "rating_sum"
REACTIONS: Final = "reactions"
"""Quick reactions (detail: the reaction)."""
GAP_QUESTIONS: Final = "gap_questions"
"""Uncited questions per content gap (item: the gap group)."""
AI_CALLS: Final = "ai_calls"
AI_TOKENS_IN: Final = "ai_tokens_in"
AI_TOKENS_OUT: Final = "ai_tokens_out"
"""The tutor's AI calls (detail: ``provider/model``), course-wide (item: none)."""
TUTOR_METRICS: Final = (SESSIONS, MESSAGES, UNCITED_ANSWERS, RATINGS, RATING_SUM, REACTIONS)
USAGE_METRICS: Final = (AI_CALLS, AI_TOKENS_IN, AI_TOKENS_OUT)
GAP_LIKENESS: Final = 0.5
"""Questions whose word sets overlap this much (Jaccard) are one content gap."""
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def session_figures(course_id: UUID, tutor_id: UUID, started_at: datetime) -> list[FigureDelta]:
    return [FigureDelta(course_id, utc_day(started_at), SESSIONS, tutor_id)]


def message_figures(course_id: UUID, tutor_id: UUID, message: Message) -> list[FigureDelta]:
    day = utc_day(message.created_at)
    deltas = [FigureDelta(course_id, day, MESSAGES, tutor_id)]
    if message.role != MessageRole.ASSISTANT:
        return deltas
    if not message.citations:
        deltas.append(FigureDelta(course_id, day, UNCITED_ANSWERS, tutor_id))
    meta = message.metadata
    if meta is not None:
        model = f"{meta.provider}/{meta.model_id}"[:64]
        deltas += [
            FigureDelta(course_id, day, AI_CALLS, NO_ITEM, model),
            FigureDelta(course_id, day, AI_TOKENS_IN, NO_ITEM, model, meta.tokens_in or 0),
            FigureDelta(course_id, day, AI_TOKENS_OUT, NO_ITEM, model, meta.tokens_out or 0),
        ]
    return deltas


def feedback_figures(course_id: UUID, feedback: Feedback) -> list[FigureDelta]:
    day, tutor = utc_day(feedback.created_at), feedback.tutor_id
    deltas = []
    if feedback.rating is not None:
        deltas += [
            FigureDelta(course_id, day, RATINGS, tutor),
            FigureDelta(course_id, day, RATING_SUM, tutor, value=feedback.rating),
        ]
    if feedback.quick_reaction:
        deltas.append(FigureDelta(course_id, day, REACTIONS, tutor, feedback.quick_reaction))
    return deltas


def gap_figures(course_id: UUID, group_id: UUID, asked_at: datetime) -> list[FigureDelta]:
    return [FigureDelta(course_id, utc_day(asked_at), GAP_QUESTIONS, group_id)]


def gap_words(text: str) -> frozenset[str]:
    """The question's content words, lower-cased, a plural ``s`` dropped."""
    words = (word.lower() for word in _WORD.findall(text))
    return frozenset(
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in words
        if len(word) > 1 and word not in STOP_WORDS
    )


def likeness(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def closest_gap(words: frozenset[str], groups: dict[UUID, frozenset[str]]) -> UUID | None:
    """The group most like ``words`` if alike enough (ties: the smaller id)."""
    best = max(
        groups.items(), key=lambda item: (likeness(words, item[1]), -item[0].int), default=None
    )
    if best is None or likeness(words, best[1]) < GAP_LIKENESS:
        return None
    return best[0]


def new_gap_id(course_id: UUID, question_id: UUID) -> UUID:
    """A group's id, from the question that opened it."""
    return uuid5(course_id, str(question_id))
