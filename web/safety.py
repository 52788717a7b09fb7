"""Recognise a message about danger (self-harm, suicide, abuse, violence) and
give the help lines, before Rasa is asked anything.

Deliberately not the language model: this reply must not depend on model
confidence, on Rasa being up, on office hours or on a full queue. The patterns
and the reply live in knowledge/veiligheid.yml and are re-read when it changes.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from web.config_file import ConfigFile


def _plain(text: str) -> str:
    """Lower case, accents off ("suïcide" -> "suicide"), one space between words."""
    if text.isascii():  # most messages: nothing to take off, and no loop over every character
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@dataclass(frozen=True)
class SafetyRules:
    reply: str
    patterns: tuple[re.Pattern[str], ...]

    def is_urgent(self, text: str) -> bool:
        plain = _plain(text)
        return any(pattern.search(plain) for pattern in self.patterns)


def _parse(data: dict[str, Any]) -> SafetyRules:
    return SafetyRules(data["reply"].strip(), tuple(re.compile(p) for p in data["patterns"]))


class SafetyFile(ConfigFile[SafetyRules]):
    """knowledge/veiligheid.yml, parsed once per change."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, _parse)

    def rules(self) -> SafetyRules:
        return self.get()
