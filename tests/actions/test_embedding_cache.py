"""bot/embedding_cache.py: a training embeds only the examples it has not seen."""

import numpy as np

from bot.embedding_cache import EmbeddingCache


class Embedder:
    """A stand-in for E5 that records what it was asked to embed."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.asked.append(list(texts))
        return np.array([[len(t), t.count("a")] for t in texts], dtype=np.float32)


def test_second_training_embeds_only_new_examples(tmp_path):
    cache, embedder = EmbeddingCache(tmp_path / "cache" / "e5.npz"), Embedder()
    first = cache.embed(["hallo", "wat is een opp", "hallo"], embedder)
    second = cache.embed(["wat is een opp", "nieuw voorbeeld", "hallo"], embedder)
    assert embedder.asked == [["hallo", "wat is een opp"], ["nieuw voorbeeld"]]
    assert np.array_equal(first[1], second[0])
    assert np.array_equal(first[0], second[2])
    assert np.array_equal(second, embedder(["wat is een opp", "nieuw voorbeeld", "hallo"]))


def test_examples_that_were_removed_leave_the_cache(tmp_path):
    cache, embedder = EmbeddingCache(tmp_path / "e5.npz"), Embedder()
    cache.embed(["oud", "blijft"], embedder)
    cache.embed(["blijft"], embedder)
    cache.embed(["oud", "blijft"], embedder)
    assert embedder.asked == [["oud", "blijft"], ["oud"]]


def test_without_a_path_everything_is_embedded_every_time(tmp_path):
    cache, embedder = EmbeddingCache(None), Embedder()
    cache.embed(["a", "b"], embedder)
    cache.embed(["a", "b"], embedder)
    assert embedder.asked == [["a", "b"], ["a", "b"]]
    assert list(tmp_path.iterdir()) == []
