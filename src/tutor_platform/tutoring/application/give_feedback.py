"""A user gives feedback on an answer in their own session: the first time it is created,
afterwards it replaces their earlier feedback on that answer.

The tutor's ``rating``/``total_feedbacks`` are recomputed from its feedback in the same
transaction, with the tutor's row locked first, so concurrent feedback never loses an update.
"""

from dataclasses import dataclass, replace
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.domain.errors import MessageNotFound
from tutor_platform.tutoring.domain.feedback import Feedback, FeedbackInput, validate_feedback
from tutor_platform.tutoring.domain.message import MessageRole
from tutor_platform.tutoring.domain.validation import fail
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class GivenFeedback:
    feedback: Feedback
    created: bool


class GiveFeedback:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self, principal: Principal, message_id: UUID, given: FeedbackInput
    ) -> GivenFeedback:
        """404 unless the message is in the caller's own session; 422 on a user message."""
        validate_feedback(given)
        async with self._uow_factory() as uow:
            message = await uow.messages.get(message_id)
            session = None if message is None else await uow.sessions.get(message.session_id)
            if message is None or session is None or session.user_id != principal.user_id:
                raise MessageNotFound()
            if message.role != MessageRole.ASSISTANT:
                raise fail("message_id", "feedback is given on the tutor's answers only")
            await uow.tutors.lock(session.tutor_id)
            now = self._clock.now()
            feedback = await uow.feedback.of_user(principal.user_id, message.id)
            created = feedback is None
            before = None if feedback is None else replace(feedback)
            if feedback is None:
                feedback = Feedback(
                    id=new_id(),
                    message_id=message.id,
                    session_id=session.id,
                    user_id=principal.user_id,
                    tutor_id=session.tutor_id,
                    feedback_type=given.feedback_type,
                    created_at=now,
                    updated_at=now,
                )
                feedback.take(given, now)
                await uow.feedback.add(feedback)
            else:
                feedback.take(given, now)
                await uow.feedback.update(feedback)
            await uow.figures.feedback_given(before, feedback)
            await uow.tutors.refresh_rating(session.tutor_id)
            await uow.commit()
        return GivenFeedback(feedback, created)
