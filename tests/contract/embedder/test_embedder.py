"""What every ``Embedder`` promises, whichever model embeds."""

import math

import pytest

from tests.contract.embedder.conftest import Harness

QUESTION = "How do plants use light to make glucose?"
ABOUT_IT = (
    "Photosynthesis: plants use light energy to make glucose from water and carbon dioxide. "
    "Chlorophyll in the leaves absorbs the light."
)
UNRELATED = [
    "The French Revolution began in 1789 with the storming of the Bastille in Paris.",
    "A for loop in Python repeats a block of code for every item of a list.",
]


def dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


async def test_one_unit_vector_per_text_of_the_announced_size(harness: Harness) -> None:
    texts = [ABOUT_IT, *UNRELATED]

    vectors = await harness.embedder.embed_documents(texts)

    assert len(vectors) == len(texts)
    for vector in vectors:
        assert len(vector) == harness.embedder.dimensions
        assert math.isclose(math.sqrt(dot(vector, vector)), 1.0, abs_tol=1e-5)


async def test_vectors_come_back_in_the_order_of_the_texts(harness: Harness) -> None:
    texts = [ABOUT_IT, *UNRELATED]

    together = await harness.embedder.embed_documents(texts)
    alone = [(await harness.embedder.embed_documents([text]))[0] for text in texts]

    for joint, single in zip(together, alone, strict=True):
        assert dot(joint, single) == pytest.approx(1.0, abs=1e-4)


async def test_no_text_gives_no_vector(harness: Harness) -> None:
    assert await harness.embedder.embed_documents([]) == []
    if harness.fake is not None:
        assert harness.server.requests == []


async def test_a_query_is_closer_to_a_passage_about_it_than_to_unrelated_ones(
    harness: Harness,
) -> None:
    query = await harness.embedder.embed_query(QUESTION)
    about, *unrelated = await harness.embedder.embed_documents([ABOUT_IT, *UNRELATED])

    assert len(query) == harness.embedder.dimensions
    assert all(dot(query, about) > dot(query, other) for other in unrelated)


async def test_the_name_says_provider_model_and_size(harness: Harness) -> None:
    name = harness.embedder.name

    assert name.startswith(f"{harness.name}:")
    assert name.endswith(f"-{harness.embedder.dimensions}")
