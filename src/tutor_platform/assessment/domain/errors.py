"""Errors of the assessment context; each states the fact and maps to a SPEC error code."""

from tutor_platform.shared.errors import Conflict, Forbidden, NotFound, PremiumRequired


class QuizNotFound(NotFound):
    default_detail = "The quiz was not found."


class CourseNotFound(NotFound):
    default_detail = "The course was not found."


class UserNotFound(NotFound):
    default_detail = "The user was not found."


class NotCourseEditor(Forbidden):
    default_detail = "Only the course's instructor or an administrator may change its quizzes."


class PremiumQuiz(PremiumRequired):
    default_detail = "This quiz is for premium members."


class PremiumFeature(PremiumRequired):
    default_detail = "This feature is for premium members."


class AttemptsExhausted(Conflict):
    default_detail = "You have used every attempt this quiz allows."


class AttemptRaced(Conflict):
    default_detail = "Another attempt of yours was being recorded at the same time; try again."


class AttemptNotFound(NotFound):
    default_detail = "The attempt was not found."


class ResultNotFound(NotFound):
    default_detail = "The attempt has no answer to that question."


class CardNotFound(NotFound):
    default_detail = "The review card was not found."
