"""Sentence embeddings of training examples, kept between trainings.

Embedding every training example with E5 took 95 s of a 6-minute training.
The embedding of a text never changes for one model, so a training after one
intent changed embeds only the examples that are new. The file is named after
the embedding package's version: another version starts an empty cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np


class EmbeddingCache:
    def __init__(self, path: Path | None) -> None:
        """`path` None: no cache, everything is embedded."""
        self.path = path

    def _load(self) -> dict[str, np.ndarray]:
        if not self.path or not self.path.is_file():
            return {}
        with np.load(self.path, allow_pickle=False) as stored:
            return dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))

    def _save(self, known: dict[str, np.ndarray]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.stem}.{os.getpid()}.npz")
        np.savez(partial, texts=np.array(list(known), dtype=str), vectors=np.stack(list(known.values())))
        os.replace(partial, self.path)  # a training that runs at the same time never reads half a file

    def embed(self, texts: list[str], compute: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """One row per text; `compute` embeds only the texts not in the cache.
        The cache keeps exactly the texts of this call."""
        known = self._load()
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            known.update(zip(missing, compute(missing), strict=True))
        if self.path and (missing or len(known) != len(set(texts))):
            self._save({t: known[t] for t in dict.fromkeys(texts)})
        return np.stack([known[t] for t in texts]) if texts else np.empty((0, 0), dtype=np.float32)
