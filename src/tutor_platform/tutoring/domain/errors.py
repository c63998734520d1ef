"""Errors of the tutoring context; each states the fact and maps to a SPEC error code."""

from tutor_platform.shared.errors import Conflict, Forbidden, NotFound


class TutorNotFound(NotFound):
    default_detail = "The tutor was not found."


class NotTutorEditor(Forbidden):
    default_detail = (
        "Only the tutor's creator, the instructor of its course or an administrator may change it."
    )


class NotCourseEditor(Forbidden):
    default_detail = "Only the course's instructor or an administrator may attach a tutor to it."


class TutorUnavailable(Conflict):
    default_detail = "This tutor is not available any more."


class SessionNotFound(NotFound):
    default_detail = "The session was not found."


class ReadOnlyAudit(Forbidden):
    default_detail = "Administrators may read other users' sessions but not change them."


class MessageNotFound(NotFound):
    default_detail = "The message was not found."


class ReplyInProgress(Conflict):
    default_detail = (
        "A message with this client_message_id is still being answered; retry in a moment."
    )


class ClientMessageIdReused(Conflict):
    default_detail = "This client_message_id was already used for a different message."


class ConversationChanged(Conflict):
    default_detail = "The message was deleted while the tutor was answering it."


class CourseNotFound(NotFound):
    default_detail = "The course was not found."


class ContentGapNotFound(NotFound):
    default_detail = "The content gap was not found."
