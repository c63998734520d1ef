"""Rebuild one lesson's passages: split, embed with the configured embedder, store.

Safe to run twice and in any order: it reads the lesson as committed now and replaces every
passage of it (a deleted lesson is left with none), and bumps the index version of the courses
it touched. When the lesson changes between the
embedding and the write, it starts again from the new content, so a slow job never stores
passages of an older version over a newer one.
"""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.domain.passages import embedding_input, passage_search_text
from tutor_platform.catalog.ports.passages import (
    LessonSource,
    LessonSplitter,
    PassageEmbedder,
    StoredPassage,
)
from tutor_platform.catalog.ports.unit_of_work import PassageUnitOfWorkFactory
from tutor_platform.shared.ids import new_id

INDEX_LESSON = "learning.index_lesson"
"""The kind of job that runs this use case for one lesson (payload ``{"lesson_id"}``)."""
MAX_ROUNDS = 5


@dataclass(frozen=True, slots=True)
class IndexedLesson:
    lesson_id: UUID
    passages: int
    removed: bool


class LessonChangedTooOften(RuntimeError):
    """The lesson kept changing while it was being indexed (a later job will index it)."""


class IndexLessonPassages:
    def __init__(
        self,
        uow_factory: PassageUnitOfWorkFactory,
        splitter: LessonSplitter,
        embedder: PassageEmbedder,
    ) -> None:
        self._uow_factory = uow_factory
        self._splitter = splitter
        self._embedder = embedder

    async def execute(self, lesson_id: UUID, course_id: UUID | None = None) -> IndexedLesson:
        """``course_id``: the course the lesson was in when it changed, whose index version
        is bumped too (a deleted lesson's passages went with it, so nothing else names it)."""
        async with self._uow_factory() as uow:
            source = await uow.passages.source(lesson_id)
        for _ in range(MAX_ROUNDS):
            passages = await self._passages(source) if source is not None else []
            async with self._uow_factory() as uow:
                courses = await uow.passages.clear(lesson_id)
                current = await uow.passages.source(lesson_id)
                if current == source:
                    await uow.passages.add(passages)
                    courses |= {source.course_id} if source is not None else set()
                    await uow.passages.bump(courses | ({course_id} if course_id else set()))
                    await uow.commit()
                    return IndexedLesson(lesson_id, len(passages), removed=source is None)
            source = current
        raise LessonChangedTooOften(f"lesson {lesson_id} changed while it was being indexed")

    async def _passages(self, source: LessonSource) -> list[StoredPassage]:
        drafts = self._splitter.split(source.content)
        if not drafts:
            return []
        vectors = await self._embedder.embed_documents(
            [embedding_input(source.title, d.heading, d.text) for d in drafts]
        )
        name = self._embedder.name
        return [
            StoredPassage(
                id=new_id(),
                lesson_id=source.lesson_id,
                course_id=source.course_id,
                position=draft.position,
                heading=draft.heading,
                markdown=draft.markdown,
                text=draft.text,
                search_text=passage_search_text(source.title, draft.heading, draft.text),
                embedding=vector,
                embedder=name,
            )
            for draft, vector in zip(drafts, vectors, strict=True)
        ]
