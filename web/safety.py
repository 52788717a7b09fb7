"""Recognise a message about danger (self-harm, suicide, abuse, violence) and
give the help lines, before Rasa is asked anything.

Deliberately not the language model: this reply must not depend on model
confidence, on Rasa being up, on office hours or on a full queue. The patterns
and the reply live in knowledge/veiligheid.yml and are re-read when it changes.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml


def _plain(text: str) -> str:
    """Lower case, accents off ("suïcide" -> "suicide"), one space between words."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@dataclass(frozen=True)
class SafetyRules:
    reply: str
    patterns: tuple[re.Pattern[str], ...]

    def is_urgent(self, text: str) -> bool:
        plain = _plain(text)
        return any(pattern.search(plain) for pattern in self.patterns)


class SafetyFile:
    """knowledge/veiligheid.yml, parsed once per change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: int | None = None
        self._rules = SafetyRules("", ())

    def rules(self) -> SafetyRules:
        stamp = self.path.stat().st_mtime_ns
        with self._lock:
            if stamp != self._stamp:
                data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
                patterns = tuple(re.compile(p) for p in data["patterns"])
                self._rules, self._stamp = SafetyRules(data["reply"].strip(), patterns), stamp
            return self._rules
