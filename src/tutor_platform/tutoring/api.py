"""Tutoring's public face: what other contexts (learning) may use."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.citations import Citation
from tutor_platform.tutoring.application.find_tutor import FindTutor
from tutor_platform.tutoring.application.get_session import GetSession
from tutor_platform.tutoring.application.send_message import SendMessage
from tutor_platform.tutoring.application.start_session import StartSession
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.domain.errors import TutorNotFound
from tutor_platform.tutoring.domain.message import NewMessage
from tutor_platform.tutoring.domain.validation import fail

__all__ = ["Citation", "TutorAnswer", "TutorChat", "TutorNotFound", "TutoringFacade"]


class TutoringFacade:
    """Tutors for other contexts."""

    def __init__(self, *, find_tutor: FindTutor, access: TutorAccess) -> None:
        self._find_tutor = find_tutor
        self._access = access

    async def tutor_exists(self, tutor_id: UUID) -> bool:
        return await self._find_tutor.execute(tutor_id) is not None

    async def tutor_visible(self, principal: Principal, tutor_id: UUID) -> bool:
        """Whether the tutor exists and the caller may see it (the rule of
        ``GET /tutors/{id}``)."""
        tutor = await self._find_tutor.execute(tutor_id)
        return tutor is not None and await self._access.can_view(principal, tutor)

    async def tutor_course(self, tutor_id: UUID) -> UUID | None:
        """The course the tutor teaches (None: no course); ``TutorNotFound`` when unknown."""
        tutor = await self._find_tutor.execute(tutor_id)
        if tutor is None:
            raise TutorNotFound()
        return tutor.course_id


@dataclass(frozen=True, slots=True)
class TutorAnswer:
    """The tutor's stored answer to one question, with the passages it cites."""

    session_id: UUID
    message_id: UUID
    content: str
    citations: tuple[Citation, ...]


class TutorChat:
    """A signed-in user asks a tutor, through the same use cases and with the same rights
    and errors as ``POST /sessions`` and ``POST /sessions/{id}/messages`` (for integrations'
    MCP tools)."""

    def __init__(
        self, *, start_session: StartSession, get_session: GetSession, send_message: SendMessage
    ) -> None:
        self._start_session = start_session
        self._get_session = get_session
        self._send_message = send_message

    async def ask(
        self, principal: Principal, tutor_id: UUID, question: str, session_id: UUID | None
    ) -> TutorAnswer:
        """In the caller's session ``session_id`` (404 unless theirs; 422 if it is with
        another tutor), or in a new session with the tutor (422 for a tutor they cannot use);
        502 when the AI provider fails."""
        if session_id is None:
            session_id = (await self._start_session.execute(principal, tutor_id)).id
        else:
            session = await self._get_session.execute(principal, session_id)
            if session.tutor_id != tutor_id:
                raise fail("session_id", "must be a session with this tutor")
        exchange = await self._send_message.execute(
            principal, session_id, NewMessage(content=question)
        )
        answer = exchange.assistant_message
        return TutorAnswer(session_id, answer.id, answer.content, tuple(answer.citations))
