"""Request and response bodies of the sessions and messages API."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec

from tutor_platform.shared.http.citations import CitationResponse
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest
from tutor_platform.shared.http.responses import convert
from tutor_platform.tutoring.domain.message import (
    MAX_ATTACHMENTS,
    MAX_CLIENT_MESSAGE_ID_LENGTH,
    MAX_CONTENT_LENGTH,
    Message,
    MessageRole,
    NewMessage,
)
from tutor_platform.tutoring.domain.session import MAX_TITLE_LENGTH

Title = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=MAX_TITLE_LENGTH,
        description="Trimmed; 1-200 characters, no control characters.",
    ),
]

ClientMessageId = Annotated[
    str, msgspec.Meta(min_length=1, max_length=MAX_CLIENT_MESSAGE_ID_LENGTH)
]


class SessionCreate(StrictRequest):
    tutor_id: Annotated[UUID, msgspec.Meta(description="An active tutor you can see.")]
    title: Annotated[
        Title | None, msgspec.Meta(description='Omitted: "Chat with <tutor name>".')
    ] = None


class SessionPatch(StrictRequest):
    title: Title


class SessionResponse(msgspec.Struct, kw_only=True):
    id: UUID
    user_id: UUID
    tutor_id: UUID
    title: str
    created_at: datetime
    updated_at: datetime
    last_message_at: Annotated[
        datetime | None, msgspec.Meta(description="null: no message (yet, or any more).")
    ]
    message_count: int


SessionListResponse = Annotated[PageResponse[SessionResponse], named("SessionListResponse")]


class MessageMetadataResponse(msgspec.Struct, kw_only=True):
    """How an answer was made; ``finish_reason`` is ``client_disconnected`` for an answer
    whose client left the stream before its end (the answer is still generated whole, unless
    the server shut down first, which stores the part generated)."""

    model_id: str
    provider: str
    tokens_in: int
    tokens_out: int
    latency_ms: int
    finish_reason: str
    extra: Annotated[
        dict[str, Any], msgspec.Meta(description="Other fields the provider returned.")
    ]


class MessageResponse(msgspec.Struct, kw_only=True):
    id: UUID
    session_id: UUID
    role: MessageRole
    content: str
    attachments: Annotated[list[UUID], msgspec.Meta(description="Ids of uploaded files.")]
    metadata: Annotated[
        MessageMetadataResponse | None, msgspec.Meta(description="null on user messages.")
    ]
    citations: Annotated[
        list[CitationResponse],
        msgspec.Meta(
            description="The course passages the answer rests on; [] on user messages and on "
            "answers the course does not support."
        ),
    ]
    client_message_id: str | None
    reply_to_id: Annotated[
        UUID | None, msgspec.Meta(description="On an answer: the user message it answers.")
    ]
    parent_id: Annotated[
        UUID | None,
        msgspec.Meta(
            description="The message this one follows (an answer's question); null on the "
            "first message of a branch."
        ),
    ]
    alternatives: Annotated[
        list[UUID],
        msgspec.Meta(
            description="The ids of the messages sharing this one's parent (regenerated "
            "answers, edited questions), this one included, oldest first."
        ),
    ]
    created_at: datetime

    def __post_init__(self) -> None:
        self.alternatives = self.alternatives or [self.id]


class StreamedUserMessage(MessageResponse, kw_only=True):
    """The data of a stream's ``user_message`` event."""

    assistant_message_id: Annotated[
        UUID | None,
        msgspec.Meta(description="The id the answer will have: resume its stream with it."),
    ]

    @classmethod
    def of_stream(
        cls, message: Message, assistant_message_id: UUID | None
    ) -> "StreamedUserMessage":
        fields = msgspec.structs.asdict(convert(message, MessageResponse))
        return cls(**fields, assistant_message_id=assistant_message_id)


class MessageEdit(StrictRequest):
    content: Annotated[
        str, msgspec.Meta(min_length=1, max_length=MAX_CONTENT_LENGTH, description="Not blank.")
    ]


class MessagePageResponse(msgspec.Struct):
    items: Annotated[list[MessageResponse], msgspec.Meta(description="Oldest first.")]
    has_more: Annotated[bool, msgspec.Meta(description="Whether older messages exist.")]


class MessageCreate(StrictRequest):
    content: Annotated[
        str, msgspec.Meta(min_length=1, max_length=MAX_CONTENT_LENGTH, description="Not blank.")
    ]
    attachments: Annotated[
        list[UUID],
        msgspec.Meta(
            max_length=MAX_ATTACHMENTS,
            description="Ids of your own uploaded files (not deleted); images are shown to the "
            "AI, other files are only referenced by the message.",
        ),
    ] = msgspec.field(default_factory=list)
    client_message_id: Annotated[
        ClientMessageId | None,
        msgspec.Meta(
            description="Your key for this message: sending it again returns the first "
            "result instead of asking the AI twice."
        ),
    ] = None

    def command(self) -> NewMessage:
        return NewMessage(self.content, tuple(self.attachments), self.client_message_id)


class ExchangeResponse(msgspec.Struct, kw_only=True):
    user_message: MessageResponse
    assistant_message: MessageResponse
