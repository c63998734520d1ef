"""Errors of lesson summaries and drafts; each states the fact and maps to a SPEC error code."""

from tutor_platform.shared.errors import Conflict, Forbidden, NotFound, UpstreamFailed


class LessonNotFound(NotFound):
    default_detail = "The lesson was not found."


class DraftNotFound(NotFound):
    default_detail = "The draft was not found."


class NotCourseEditor(Forbidden):
    default_detail = "Only the course's instructor or an administrator may do this."


class DraftAlreadyApplied(Conflict):
    default_detail = "The draft has already been applied."


class NothingToNarrate(UpstreamFailed):
    default_detail = "The AI model returned no text to narrate."


class EmptyDraft(UpstreamFailed):
    default_detail = "The AI model returned an empty draft."
