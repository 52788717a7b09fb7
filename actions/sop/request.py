"""What a user asks of the support profiles, read from the entities of their
message: a school (by name or, from a button, by key), needs, a place, kinds
of school, and which page of a long list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

from spacy.lang.nl.stop_words import STOP_WORDS

from actions.sop.mentions import NEED, POSTCODE, SCHOOL, TOWN
from actions.sop.search import plain
from actions.text import fold

SCHOOL_KEY, SCHOOL_TYPE, OFFSET = "school_id", "school_type", "vanaf"
# Kinds of school as the NLU names them (bot/domain/entities.yml) -> sectors.
SECTOR_OF_TYPE = {
    "po": "po", "sbo": "sbo", "so": "so", "vso": "vso", "vo": "vo",
    "pro": "vo", "vmbo": "vo", "mavo": "vo", "havo": "vo", "vwo": "vo", "gymnasium": "vo", "lwoo": "vo",
}  # fmt: skip
# Words around a school's name that are never part of it.
QUESTION_WORDS = {
    "school", "scholen", "basisschool", "ervaring", "ondersteuning", "profiel", "ondersteuningsprofiel",
    "schoolondersteuningsprofiel", "sop", "biedt", "bieden", "aanbod", "kind", "zoon", "dochter",
    "info", "informatie", "hulp", "extra", "mogelijk", "mogelijkheden", "goed", "welke", "weet",
}  # fmt: skip
MAX_NAME_WORDS = 3
MIN_GUESS_CHARS = 3
# "info over de regenboog" is still just a name; a longer message is about something else.
MAX_OTHER_WORDS = 3


def _unique(values: Iterable[str]) -> Tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


@dataclass(frozen=True)
class SchoolRequest:
    text: str = ""
    school_keys: Tuple[str, ...] = ()
    names: Tuple[str, ...] = ()
    town: Optional[str] = None
    postcode: Optional[str] = None
    needs: Tuple[str, ...] = ()
    sectors: Tuple[str, ...] = ()
    offset: int = 0
    # Where in the text the entities are, so a name guess skips them.
    spans: Tuple[Tuple[int, int], ...] = ()

    @classmethod
    def from_message(cls, message: Dict[str, Any]) -> SchoolRequest:
        entities: List[Dict[str, Any]] = message.get("entities") or []

        def values(kind: str) -> Tuple[str, ...]:
            return _unique(str(e.get("value") or "") for e in entities if e.get("entity") == kind)

        offsets = [int(v) for v in values(OFFSET) if v.isdigit()]
        return cls(
            text=message.get("text") or "",
            school_keys=values(SCHOOL_KEY),
            names=values(SCHOOL),
            town=next(iter(values(TOWN)), None),
            postcode=next(iter(values(POSTCODE)), None),
            needs=values(NEED),
            sectors=_unique(SECTOR_OF_TYPE.get(v, "") for v in values(SCHOOL_TYPE)),
            offset=offsets[0] if offsets else 0,
            spans=tuple((e["start"], e["end"]) for e in entities if "start" in e and "end" in e),
        )

    @property
    def place(self) -> Optional[str]:
        """The place as the user named it: a postcode area beats a town."""
        return self.postcode or self.town

    def _words_outside_entities(self) -> List[str]:
        """The folded words that are no entity, "" where one was or punctuation stood."""
        folded = fold(self.text)
        for start, end in self.spans:
            if 0 <= start < end <= len(folded):
                folded = folded[:start] + " " * (end - start) + folded[end:]
        return folded.split(" ")

    def _leftover_runs(self) -> List[List[str]]:
        """Runs of adjacent words that are not an entity, a stop word or a
        question word ("wat biedt de regenbooog" -> [["regenbooog"]])."""
        runs: List[List[str]] = [[]]
        for word in self._words_outside_entities():
            if not word or word in STOP_WORDS or word in QUESTION_WORDS or word.isdigit():
                runs.append([])
            else:
                runs[-1].append(word)
        return [run for run in runs if run]

    def name_guesses(self) -> List[str]:
        """What may be a misspelt or partial school name ("regenbooog",
        "ijsselstroom"): every stretch of up to three leftover words."""
        guesses = []
        for run in self._leftover_runs():
            for size in range(min(MAX_NAME_WORDS, len(run)), 0, -1):
                guesses += [" ".join(run[i : i + size]) for i in range(len(run) - size + 1)]
        # One or two letters ("b" from "<b>", the "t" of "'t Kompas") would match
        # every school that starts with them.
        return [g for g in _unique(plain(g) for g in guesses) if len(g) >= MIN_GUESS_CHARS]

    def is_mostly_a_name(self) -> bool:
        """A message that names a school and says little else ("regenboog",
        "De Wegwijzer in Kampen?") is a question about that school."""
        other_words = [word for word in self._words_outside_entities() if word]
        return bool(self.names) and len(other_words) <= MAX_OTHER_WORDS
