"""Find the schools, towns, postcodes and needs a message mentions.

A spaCy PhraseMatcher built from the support-profile database and the need
words in knowledge/sop/behoeften.yml, rebuilt when either changes: a school
imported today is recognised today, without retraining the model. Matching
runs on a folded copy of the text (lowercase, no accents or punctuation) that
keeps every character in its place, so spans point into what the user typed.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

import spacy
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from actions.sop.search import ProfileIndex, plain
from actions.sop.wording import Wording
from actions.text import fold

SCHOOL, TOWN, POSTCODE, NEED = "school", "plaats", "postcode", "behoefte"
# Words before the name proper: "CBS", "Basisschool", "Daltonschool" ...
NAME_PREFIXES = {
    "basisschool", "school", "obs", "cbs", "rkbs", "pcbs", "ikc", "kindcentrum", "sbo", "so", "vso",
    "daltonschool", "jenaplanschool", "montessorischool", "islamitische", "gereformeerde",
    "scholengemeenschap", "openbare", "christelijke",
}  # fmt: skip
# Levels after the name: "Diezecollege vmbo".
NAME_SUFFIXES = {"vmbo", "havo", "vwo", "mavo", "gymnasium", "pro"}
ARTICLES = {"de", "het"}
# "IJsselstroom" for "Stedelijk Lyceum IJsselstroom": a long word that is not
# what every secondary school is called.
INSTITUTION_WORDS = {"college", "lyceum", "school", "gymnasium", "scholengemeenschap", "campus", "academie"}
MIN_DISTINCTIVE_WORD = 8
# A name without its article only when that leaves a long enough word:
# "regenboog" is a school, "brug" is too often just a bridge.
MIN_BARE_NAME = 5
# Four digits are a postcode area when the database knows it, and when they
# are not a year (unless the user says "postcode" or adds the two letters).
_PC4 = re.compile(r"(?<!\d)([1-9]\d{3})(?!\d)(\s?[a-zA-Z]{2}\b)?")
_YEARS = range(1900, 2100)


@dataclass(frozen=True)
class Mention:
    entity: str
    value: str
    start: int
    end: int
    text: str

    def as_entity(self) -> Dict[str, object]:
        """As Rasa writes an entity in a parsed message."""
        return {"entity": self.entity, "value": self.value, "start": self.start, "end": self.end}


def name_variants(name: str, town: str) -> Set[str]:
    """How people write a school's name: "Basisschool De Regenboog" is also
    "de regenboog" and "regenboog"; "Het Talent College" also "talentcollege";
    "Talentcollege Kampen" also "talentcollege"; "Oosterveld College" also "oosterveld"."""
    words = plain(re.sub(r"\(.*?\)", " ", name)).split()
    town_words = plain(town).split()
    while words and words[-1] in NAME_SUFFIXES:
        words.pop()
    variants = {plain(name), " ".join(words)}
    if town_words and len(words) > len(town_words) and words[-len(town_words) :] == town_words:
        words = words[: -len(town_words)]
    while len(words) > 1 and words[0] in NAME_PREFIXES:
        words.pop(0)
    variants.add(" ".join(words))
    article = words[:1] if len(words) > 1 and words[0] in ARTICLES else []
    bare = words[len(article) :]
    if len("".join(bare)) >= MIN_BARE_NAME:
        variants.add(" ".join(bare))
        if len(bare) > 1:
            joined = "".join(bare)
            variants.update({joined, " ".join([*article, joined])})
            distinctive = bare[0] if bare[-1] in INSTITUTION_WORDS else bare[-1]
            if len(distinctive) >= MIN_DISTINCTIVE_WORD and distinctive not in INSTITUTION_WORDS:
                variants.add(distinctive)
    return {v for v in variants if v}


class MentionFinder:
    """Mentions of schools, towns, postcode areas and needs in one message."""

    def __init__(self, index: ProfileIndex, wording: Wording) -> None:
        self.index = index
        self.wording = wording
        self._nlp = spacy.blank("nl")
        self._lock = threading.Lock()
        self._built_for: Optional[Tuple[object, object]] = None
        self._matcher = PhraseMatcher(self._nlp.vocab)
        # Per label, what each phrase stands for: a town's own spelling, a need's category.
        self._values: Dict[str, Dict[str, str]] = {}

    def _phrases(self) -> Dict[str, Dict[str, str]]:
        schools = {v: v for s in self.index.schools.values() for v in name_variants(s.name, s.town)}
        towns = {plain(s.town): s.town for s in self.index.schools.values()}
        needs = {plain(w): category for category, words in self.wording.need_words().items() for w in words}
        return {SCHOOL: schools, TOWN: towns, NEED: needs}

    def _refresh(self) -> None:
        self.index.refresh()
        self.wording.refresh()
        sources = (self.index.stamp, self.wording.stamp)
        with self._lock:
            if sources == self._built_for:
                return
            values = self._phrases()
            matcher = PhraseMatcher(self._nlp.vocab)
            for label, phrases in values.items():
                matcher.add(label, list(self._nlp.tokenizer.pipe(phrases)))
            self._matcher, self._values, self._built_for = matcher, values, sources

    def _postcodes(self, text: str) -> List[Mention]:
        mentions = []
        for match in _PC4.finditer(text):
            pc4 = match.group(1)
            asked = match.group(2) or re.search(r"postcode\W*$", text[: match.start()].lower())
            if pc4 in self.index.postcodes and (int(pc4) not in _YEARS or asked):
                mentions.append(Mention(POSTCODE, pc4, match.start(1), match.end(1), pc4))
        return mentions

    def find(self, text: str) -> List[Mention]:
        """Every mention, longest first where two overlap ("Talentcollege Kampen"
        is a school, not a town), in the order they appear."""
        self._refresh()
        doc = self._nlp.make_doc(fold(text))
        matches = self._matcher(doc)
        labels = {(start, end): self._nlp.vocab.strings[key] for key, start, end in matches}
        mentions = []
        for span in filter_spans([doc[start:end] for _, start, end in matches]):
            label = labels[(span.start, span.end)]
            value = self._values[label][plain(span.text)]
            found = text[span.start_char : span.end_char]
            mentions.append(Mention(label, value, span.start_char, span.end_char, found))
        taken = [(m.start, m.end) for m in mentions]
        mentions += [m for m in self._postcodes(text) if not any(s < m.end and m.start < e for s, e in taken)]
        return sorted(mentions, key=lambda m: m.start)
