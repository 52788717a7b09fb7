"""What the school lookup says and which words mean which need, as editors write
them: knowledge/sop/teksten.yml and knowledge/sop/behoeften.yml.

Both files are re-read when one changes, like the articles: no retraining.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import yaml

from actions.sop.vocabulary import CATEGORIES, LEVELS, SECTORS

TEXTS_FILE = "teksten.yml"
NEEDS_FILE = "behoeften.yml"


class WordingError(ValueError):
    """A wording file that cannot be used; the message names the file and the problem."""


def _read(path: Path) -> Dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise WordingError(f"{path.name}: verwacht een lijst met namen en waarden")
    return data


def _need_words(path: Path) -> Dict[str, Tuple[str, ...]]:
    words: Dict[str, Tuple[str, ...]] = {}
    for category, phrases in _read(path).items():
        if category not in CATEGORIES:
            raise WordingError(f"{path.name}: onbekende categorie '{category}'")
        words[category] = tuple(str(p).strip().lower() for p in phrases or () if str(p).strip())
    return words


class Wording:
    """The lookup's sentences, labels and need words from one folder."""

    def __init__(self, folder: Path, check_every: float = 1.0) -> None:
        self.folder = folder
        # One answer reads dozens of texts: look at the files at most this often (seconds).
        self.check_every = check_every
        self._checked = float("-inf")
        self._lock = threading.Lock()
        self.stamp: Optional[Tuple[int, int]] = None
        self._texts: Dict[str, str] = {}
        self._levels: Dict[str, str] = {}
        self._sectors: Dict[str, str] = {}
        self._in_a_sentence: Dict[str, str] = {}
        self._needs: Dict[str, Tuple[str, ...]] = {}

    def refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.check_every:
            return
        self._checked = now
        texts, needs = self.folder / TEXTS_FILE, self.folder / NEEDS_FILE
        stamp = (texts.stat().st_mtime_ns, needs.stat().st_mtime_ns)
        with self._lock:
            if stamp == self.stamp:
                return
            data = _read(texts)
            levels, sectors = data.get("levels") or {}, data.get("sectors") or {}
            missing = [key for key in (*LEVELS, *SECTORS) if key not in {**levels, **sectors}]
            if missing:
                raise WordingError(f"{TEXTS_FILE}: geen tekst voor {', '.join(missing)}")
            self._needs = _need_words(needs)
            self._texts, self._levels, self._sectors = dict(data.get("texts") or {}), levels, sectors
            self._in_a_sentence = dict(data.get("needs_in_a_sentence") or {})
            self.stamp = stamp

    def text(self, key: str, **values: Any) -> str:
        self.refresh()
        if key not in self._texts:
            raise WordingError(f"{TEXTS_FILE}: de tekst '{key}' ontbreekt")
        return self._texts[key].format(**values)

    def level(self, level: str) -> str:
        self.refresh()
        return self._levels.get(level, level)

    def sector(self, sector: str) -> str:
        self.refresh()
        return self._sectors.get(sector, sector)

    @staticmethod
    def category(category: str) -> str:
        """A need as a label: "Fysieke beperking en rolstoel"."""
        return CATEGORIES.get(category, category)

    def need(self, category: str) -> str:
        """A need inside a sentence: "een fysieke beperking of rolstoel"."""
        self.refresh()
        return self._in_a_sentence.get(category) or self.category(category).lower()

    def need_words(self) -> Dict[str, Tuple[str, ...]]:
        self.refresh()
        return self._needs
