"""One turn of a conversation, shared by the JSON and the streamed send.

1. ``open``: validate; check the session (the caller's own) and its tutor (still usable);
   with a ``client_message_id`` already used, resume that message instead (its stored answer,
   or a new try when it went unanswered, or 409 while another request is answering it); check
   the attachments and load the images; store the user message and COMMIT, before any AI
   call. The unique (session, client_message_id) constraint settles two identical sends
   racing: the loser resumes the winner's message.
2. ``brief``: the tutor's system prompt, the passages of the course relevant to the question
   (a follow-up is retrieved with the conversation's topic; premium lessons only for premium
   users and the course's editors; none below the relevance threshold, and then the other
   courses that may cover it: their passages pass the same rule and, with this course's, hold
   every word of the question), the attached text files, the earlier messages trimmed to the
   token budget, the images.
3. ``answer`` stores the tutor's reply with its citations (only of passages that were sent)
   (or ``interrupted`` the part a leaving client got; ``unanswered`` records that none came),
   and counts it in the session.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final
from uuid import UUID

from tutor_platform.ai.api import (
    ChatTurn,
    CoursePassage,
    ImagePart,
    TutorPrompt,
    TutorReply,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.citations import relevance
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.domain.citations import SourcePassage, cite
from tutor_platform.tutoring.domain.errors import (
    ClientMessageIdReused,
    ConversationChanged,
    ReplyInProgress,
    SessionNotFound,
    TutorUnavailable,
)
from tutor_platform.tutoring.domain.grounding import (
    Topic,
    choose_passages,
    fresh_first,
    is_small_talk,
    retrieval_query,
    unheld_words,
    unknown_names,
)
from tutor_platform.tutoring.domain.history import estimate_tokens, trim_history
from tutor_platform.tutoring.domain.message import (
    CLIENT_DISCONNECTED,
    STALE_CLAIM,
    Message,
    MessageMetadata,
    MessageRole,
    NewMessage,
    ReplyState,
    validate_new_message,
)
from tutor_platform.tutoring.domain.session import ChatSession, ensure_owner
from tutor_platform.tutoring.domain.tutor import Tutor
from tutor_platform.tutoring.domain.validation import fail
from tutor_platform.tutoring.ports.attachments import AttachedFile, FileAttachments
from tutor_platform.tutoring.ports.course_context import CourseContext, PassageHit
from tutor_platform.tutoring.ports.repositories import DuplicateClientMessage
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory

HISTORY_MESSAGES: Final = 100
"""At most this many earlier messages are considered for the history (then trimmed)."""
RETRIEVED_PASSAGES: Final = 8
"""How many passages are retrieved for a question before the relevance threshold."""
CONTEXT_PASSAGES: Final = 4
"""At most this many relevant passages go with a question."""
OTHER_COURSES: Final = 3
MAX_PASSAGE_CHARACTERS: Final = 8000
MAX_IMAGE_BYTES: Final = 20 * 1024 * 1024
"""The images of one message add up to at most this (what providers accept inline)."""


@dataclass(frozen=True, slots=True)
class Turn:
    """A user message being answered; ``answer`` is set when it already was (a replay)."""

    principal: Principal
    session: ChatSession
    tutor: Tutor
    question: Message
    answer: Message | None = None
    images: tuple[ImagePart, ...] = ()
    documents: tuple[SourcePassage, ...] = ()
    answer_id: UUID = field(default_factory=new_id)
    """The id the answer will have (known up front, so that a stream can be resumed)."""


@dataclass(frozen=True, slots=True)
class Briefing:
    """The prompt of a turn and the passages it numbers (``sources[n - 1]`` is ``[n]``)."""

    prompt: TutorPrompt
    sources: tuple[SourcePassage, ...]


@dataclass(frozen=True, slots=True)
class Grounding:
    """The course passages for a question, or that the course does not cover it."""

    sources: tuple[SourcePassage, ...] = ()
    uncovered: bool = False
    other_courses: tuple[str, ...] = ()


class Conversation:
    """The steps of a turn; ``history_budget`` is the most tokens of history sent."""

    def __init__(
        self,
        uow_factory: TutoringUnitOfWorkFactory,
        access: TutorAccess,
        courses: CourseContext,
        attachments: FileAttachments,
        clock: Clock,
        history_budget: int,
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._courses = courses
        self._attachments = attachments
        self._clock = clock
        self._history_budget = history_budget

    async def open(self, principal: Principal, session_id: UUID, new: NewMessage) -> Turn:
        validate_new_message(new)
        async with self._uow_factory() as uow:
            session = ensure_owner(principal, await uow.sessions.get(session_id))
            tutor = await uow.tutors.get(session.tutor_id)
            key = new.client_message_id
            existing = None if key is None else await uow.messages.by_client_id(session.id, key)
            leaf = await uow.messages.current_leaf(session.id)
        if tutor is None or not await self._access.can_use(principal, tutor):
            raise TutorUnavailable()
        if existing is not None:
            return await self._resume(principal, session, tutor, existing, new)
        images, documents = await self._attached(principal.user_id, new.attachments)
        now = self._clock.now()
        question = Message(
            id=new_id(),
            session_id=session.id,
            role=MessageRole.USER,
            content=new.content,
            created_at=now,
            attachments=new.attachments,
            client_message_id=new.client_message_id,
            reply_state=ReplyState.PENDING,
            reply_claimed_at=now,
            parent_id=None if leaf is None else leaf.id,
        )
        try:
            async with self._uow_factory() as uow:
                await uow.messages.add(question)
                await uow.figures.message_stored(session.tutor_id, question)
                await uow.sessions.record_messages(session.id, 1, now)
                await uow.commit()
        except DuplicateClientMessage:
            async with self._uow_factory() as uow:
                existing = await uow.messages.by_client_id(session.id, new.client_message_id or "")
            if existing is None:
                raise SessionNotFound() from None
            return await self._resume(principal, session, tutor, existing, new)
        return Turn(principal, session, tutor, question, images=images, documents=documents)

    async def brief(self, turn: Turn) -> Briefing:
        async with self._uow_factory() as uow:
            earlier = await uow.messages.page(turn.session.id, turn.question, HISTORY_MESSAGES)
        history = trim_history(earlier.items, self._history_budget)
        grounding = await self._ground(turn, current_topic(earlier.items))
        sources = (*turn.documents, *grounding.sources)
        prompt = TutorPrompt(
            system_prompt=turn.tutor.system_prompt,
            message=turn.question.content,
            history=[
                ChatTurn("user" if m.role == MessageRole.USER else "assistant", m.content)
                for m in history
            ],
            passages=[_course_passage(source) for source in sources],
            images=turn.images,
            model_id=turn.tutor.model_id,
            temperature=turn.tutor.temperature,
            session_id=turn.session.id,
            tutor_id=turn.tutor.id,
            knowledge_base_id=turn.tutor.knowledge_base_id,
            uncovered=grounding.uncovered and not sources,
            other_courses=grounding.other_courses,
        )
        return Briefing(prompt, sources)

    async def answer(
        self,
        turn: Turn,
        reply: TutorReply,
        latency_ms: int,
        sources: Sequence[SourcePassage] = (),
        finish_reason: str | None = None,
    ) -> Message:
        """Store the reply, with its citations of ``sources``, as the answer to the turn's
        question; ``ConversationChanged`` when the question was deleted meanwhile."""
        content, citations = cite(reply.content, sources)
        now = self._clock.now()
        metadata = MessageMetadata(
            model_id=reply.model_id,
            provider=reply.provider,
            tokens_in=reply.tokens_in,
            tokens_out=reply.tokens_out,
            latency_ms=latency_ms,
            finish_reason=finish_reason or reply.finish_reason,
            extra=dict(reply.extra),
        )
        answer = Message(
            id=turn.answer_id,
            session_id=turn.session.id,
            role=MessageRole.ASSISTANT,
            content=content,
            created_at=now,
            metadata=metadata,
            citations=tuple(citations),
            reply_to_id=turn.question.id,
            parent_id=turn.question.id,
        )
        async with self._uow_factory() as uow:
            if not await uow.messages.set_reply_state(turn.question.id, ReplyState.ANSWERED):
                raise ConversationChanged()
            await uow.messages.add(answer)
            await uow.figures.message_stored(turn.tutor.id, answer, turn.question)
            await uow.sessions.record_messages(turn.session.id, 1, now)
            await uow.commit()
        return answer

    async def interrupted(
        self, turn: Turn, briefing: Briefing | None, text: str, latency_ms: int
    ) -> Message | None:
        """The events were stopped (shutdown): store what was generated (finish reason
        ``client_disconnected``), or record the question as unanswered when nothing was."""
        if not text:
            await self.unanswered(turn)
            return None
        prompt = None if briefing is None else briefing.prompt
        reply = TutorReply(
            content=text,
            provider=turn.tutor.provider,
            model_id=(prompt.model_id if prompt else None) or turn.tutor.model_id,
            tokens_in=0 if prompt is None else prompt_size(prompt),
            tokens_out=estimate_tokens(text),
            finish_reason=CLIENT_DISCONNECTED,
        )
        sources = () if briefing is None else briefing.sources
        try:
            return await self.answer(turn, reply, latency_ms, sources)
        except ConversationChanged:
            return None

    async def unanswered(self, turn: Turn) -> None:
        """No answer came: a retry with the same ``client_message_id`` may ask again."""
        async with self._uow_factory() as uow:
            await uow.messages.set_reply_state(turn.question.id, ReplyState.UNANSWERED)
            await uow.commit()

    async def _resume(
        self,
        principal: Principal,
        session: ChatSession,
        tutor: Tutor,
        existing: Message,
        new: NewMessage,
    ) -> Turn:
        if not existing.same_request(new.content, new.attachments):
            raise ClientMessageIdReused()
        answer = await self._stored_answer(existing)
        if answer is not None:
            return Turn(principal, session, tutor, existing, answer)
        images, documents = await self._attached(principal.user_id, existing.attachments)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            claimed = await uow.messages.claim_reply(existing.id, now, now - STALE_CLAIM)
            await uow.commit()
        if not claimed:
            answer = await self._stored_answer(existing)
            if answer is None:
                raise ReplyInProgress()
            return Turn(principal, session, tutor, existing, answer)
        return Turn(principal, session, tutor, existing, images=images, documents=documents)

    async def again(
        self, principal: Principal, session: ChatSession, tutor: Tutor, question: Message
    ) -> Turn:
        """A turn answering a stored question anew (a regenerated answer, an edited question):
        its attachments loaded again."""
        images, documents = await self._attached(principal.user_id, question.attachments)
        return Turn(principal, session, tutor, question, images=images, documents=documents)

    async def _stored_answer(self, question: Message) -> Message | None:
        async with self._uow_factory() as uow:
            return await uow.messages.reply_to(question.id)

    async def _attached(
        self, user_id: UUID, file_ids: Sequence[UUID]
    ) -> tuple[tuple[ImagePart, ...], tuple[SourcePassage, ...]]:
        """422 on ``attachments`` unless every file is the caller's and not deleted; the
        images among them, loaded, and the text files as material (others are only referenced
        by the message)."""
        files: list[AttachedFile] = []
        for file_id in file_ids:
            found = await self._attachments.owned(user_id, file_id)
            if found is None:
                raise fail("attachments", "must be ids of your own files that are not deleted")
            files.append(found)
        images = [file for file in files if file.is_image]
        if sum(image.size for image in images) > MAX_IMAGE_BYTES:
            raise fail("attachments", "the images must add up to at most 20 MiB")
        loaded = []
        for image in images:
            loaded.append(ImagePart(image.content_type, await self._attachments.read(image.id)))
        documents = []
        for file in files:
            if file.is_text:
                data = await self._attachments.read(file.id)
                text = data[: MAX_PASSAGE_CHARACTERS * 4].decode("utf-8", "ignore")
                text = text[:MAX_PASSAGE_CHARACTERS]
                documents.append(SourcePassage(None, None, file.filename, None, text, text))
        return tuple(loaded), tuple(documents)

    async def _ground(self, turn: Turn, topic: Topic | None) -> Grounding:
        """The relevant passages of the tutor's course, or that it covers nothing of this."""
        course_id = turn.tutor.course_id
        message = turn.question.content
        if course_id is None or is_small_talk(message):
            return Grounding()
        hits = await self._courses.passages(
            course_id, retrieval_query(message, topic), RETRIEVED_PASSAGES
        )
        if any(hit.is_premium for hit in hits) and not (
            turn.principal.is_premium or await self._courses.can_edit(turn.principal, course_id)
        ):
            hits = [hit for hit in hits if not hit.is_premium]
        chosen = _grounding_passages(message, hits)
        if chosen:
            order = fresh_first([(s.title, s.heading) for s in chosen], message, topic)
            return Grounding(tuple(chosen[i] for i in order))
        others = []
        for other in await self._courses.other_courses(message, course_id, OTHER_COURSES):
            found = await self._courses.passages(other.id, message, 8)
            if _grounding_passages(message, found) and not unheld_words(
                message, [_searchable(hit) for hit in [*hits, *found]]
            ):
                others.append(other.title)
        return Grounding(uncovered=True, other_courses=tuple(others))


def _grounding_passages(message: str, hits: Sequence[PassageHit]) -> list[SourcePassage]:
    """The passages relevant enough to answer ``message`` from (none when it names something
    that no retrieved passage mentions)."""
    scored = [(relevance(hit.similarity, hit.lexical), str(hit.lesson_id)) for hit in hits]
    chosen = choose_passages(scored, CONTEXT_PASSAGES)
    texts = [_searchable(hit) for hit in hits]
    if not chosen or unknown_names(message, texts):
        return []
    return [_source(hits[position]) for position in chosen]


def _searchable(hit: PassageHit) -> str:
    return f"{hit.lesson_title} {hit.heading or ''} {hit.text}"


def current_topic(earlier: Sequence[Message]) -> Topic | None:
    """The last question before this one and the lesson titles its answer cited."""
    question = next((m for m in reversed(earlier) if m.role == MessageRole.USER), None)
    if question is None:
        return None
    answer = next((m for m in earlier if m.reply_to_id == question.id), None)
    if answer is None:
        return Topic(question.content)
    titles = tuple(dict.fromkeys(c.title for c in answer.citations))
    return Topic(question.content, titles, tuple((c.title, c.heading) for c in answer.citations))


def _source(hit: PassageHit) -> SourcePassage:
    return SourcePassage(
        hit.lesson_id,
        hit.course_id,
        hit.lesson_title,
        hit.heading,
        hit.text,
        hit.markdown[:MAX_PASSAGE_CHARACTERS],
    )


def _course_passage(source: SourcePassage) -> CoursePassage:
    return CoursePassage(source.lesson_id, source.title, source.markdown, source.heading)


def prompt_size(prompt: TutorPrompt) -> int:
    """The estimated tokens of everything a prompt sends."""
    texts = [prompt.system_prompt, prompt.message, *(turn.content for turn in prompt.history)]
    texts += [passage.text for passage in prompt.passages]
    return sum(estimate_tokens(text) for text in texts)
