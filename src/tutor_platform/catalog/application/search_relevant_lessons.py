"""The lessons of a course that best answer a question, for a tutor's context."""

from uuid import UUID

from tutor_platform.catalog.domain.search import Passage, search_terms
from tutor_platform.catalog.ports.search import SearchIndex


class SearchRelevantLessons:
    """Lessons matching any word of the question, best first; when none matches, the course's
    first lessons. Lessons of unpublished courses count too (a tutor knows its whole course)."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index

    async def execute(self, course_id: UUID, question: str, limit: int = 3) -> list[Passage]:
        if limit < 1:
            return []
        terms = search_terms(question)
        found = await self._index.matching_lessons(course_id, terms, limit) if terms else []
        return found or await self._index.leading_lessons(course_id, limit)
