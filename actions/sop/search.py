"""Find schools in the support profiles: by name (typos and parts of names
welcome) and by need and place, nearest first.

The whole index lives in memory (5,000 schools are a few MB) and is rebuilt
when the database file changes, so a fresh import is used at once.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from actions.sop.records import Offer, School
from actions.text import fold

# Words in nearly every school name say nothing about which school is meant.
GENERIC_WORDS = {
    "basisschool",
    "school",
    "de",
    "het",
    "een",
    "obs",
    "cbs",
    "rkbs",
    "pcbs",
    "ikc",
    "kindcentrum",
}
MIN_NAME_SCORE = 0.45
SCHOOL_QUERY = (
    "select brin, vestiging, name, sector, cluster, denomination, address, postcode, town, website, "
    "phone, email, source, established, checked, pc4 from schools order by name, brin, vestiging"
)


def plain(text: str) -> str:
    """Words only: "Het Talent-College!" -> "het talent college"."""
    return " ".join(fold(text).split())


def name_key(name: str) -> str:
    """ "Het Talent College" and "Talentcollege" both become "talentcollege"."""
    return "".join(w for w in plain(name).split() if w not in GENERIC_WORDS)


def _trigrams(key: str) -> Set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Hit(NamedTuple):
    # A tuple, not a dataclass: a search near a postcode makes one per school.
    school: School
    score: float
    distance_km: Optional[float] = None


def distance_km(a: Tuple[float, float], b: Tuple[float, float]) -> float:
    """Great-circle distance; postcode-area centres are good enough to rank by."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


class ProfileIndex:
    """Schools, offers and postcode centres from one support-profile database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp: Optional[int] = None
        self.schools: Dict[str, School] = {}
        self.locations: Dict[str, Tuple[float, float]] = {}
        self.postcodes: Dict[str, Tuple[float, float]] = {}
        self.towns: Dict[str, Tuple[float, float]] = {}
        # The towns as the profiles spell them, for "Ik ken scholen in: ...".
        self.town_names: List[str] = []
        self._by_category: Dict[str, Set[str]] = defaultdict(set)
        self._by_trigram: Dict[str, Set[str]] = defaultdict(set)
        # Per school: its name key, how many trigrams that has, its town in plain words.
        self._names: Dict[str, Tuple[str, int, str]] = {}

    def refresh(self) -> None:
        stamp = self.path.stat().st_mtime_ns if self.path.exists() else None
        if stamp == self.stamp:
            return
        self._load()
        self.stamp = stamp

    def _load(self) -> None:
        self.schools, self.locations, self.postcodes, self.town_names = {}, {}, {}, []
        self._by_trigram, self._names, self._by_category = defaultdict(set), {}, defaultdict(set)
        if not self.path.exists():
            return
        with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) as db:
            for pc4, lat, lon in db.execute("select pc4, lat, lon from postcodes"):
                self.postcodes[pc4] = (lat, lon)
            for row in db.execute(SCHOOL_QUERY):
                *fields, established, checked, pc4 = row
                school = School(*fields, date.fromisoformat(established), date.fromisoformat(checked))
                self.schools[school.key] = school
                if pc4 in self.postcodes:
                    self.locations[school.key] = self.postcodes[pc4]
            for key, *offer in db.execute(
                "select school_key, category, level, description, expertise from offers"
            ):
                self.schools[key].offers.append(Offer(*offer))
                self._by_category[offer[0]].add(key)
        self.town_names = sorted({school.town for school in self.schools.values()})
        self._index_names()
        self._index_towns()

    def _index_names(self) -> None:
        for school in self.schools.values():
            own_key = name_key(school.name)
            grams = _trigrams(own_key)
            self._names[school.key] = (own_key, len(grams), plain(school.town))
            for gram in grams:
                self._by_trigram[gram].add(school.key)

    def _index_towns(self) -> None:
        spots: Dict[str, List[Tuple[float, float]]] = defaultdict(list)
        for key, location in self.locations.items():
            spots[plain(self.schools[key].town)].append(location)
        self.towns = {
            town: (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
            for town, points in spots.items()
        }

    def by_name(self, query: str, town: Optional[str] = None) -> List[Hit]:
        """Schools whose name looks like the query, best match first."""
        self.refresh()
        key = name_key(query)
        if not key:
            return []
        wanted = _trigrams(key)
        counts: Dict[str, int] = defaultdict(int)
        for gram in wanted:
            for school_key in self._by_trigram.get(gram, ()):
                counts[school_key] += 1
        wanted_town = plain(town) if town else None
        hits = []
        for school_key, shared in counts.items():
            candidate, size, school_town = self._names[school_key]
            if wanted_town and wanted_town != school_town:
                continue
            # Dice on trigrams, and a bonus when the query is a whole part of the name.
            score = 2 * shared / (len(wanted) + size)
            if key in candidate:
                score = max(score, 0.8)
            if score >= MIN_NAME_SCORE:
                hits.append(Hit(self.schools[school_key], round(score, 3)))
        return sorted(hits, key=lambda h: (-h.score, h.school.name))

    def place(self, town: Optional[str] = None, pc4: Optional[str] = None) -> Optional[Tuple[float, float]]:
        self.refresh()
        if pc4 and pc4 in self.postcodes:
            return self.postcodes[pc4]
        return self.towns.get(plain(town)) if town else None

    def by_need(
        self,
        categories: Sequence[str],
        near: Optional[Tuple[float, float]] = None,
        sectors: Sequence[str] = (),
    ) -> List[Hit]:
        """Schools offering any of the categories: most needs met first, then nearest.

        Never a judgement of quality: the order is what matches and how far it is.
        """
        self.refresh()
        if categories:
            matched: Dict[str, int] = defaultdict(int)
            for category in categories:
                for key in self._by_category.get(category, ()):
                    matched[key] += 1
            candidates = [(key, matched[key]) for key in self.schools if key in matched]
        else:
            candidates = [(key, 0) for key in self.schools]
        # Schools share postcode-area centres: one distance per centre.
        distances: Dict[Tuple[float, float], float] = {}
        hits = []
        for key, score in candidates:
            school = self.schools[key]
            if sectors and school.sector not in sectors:
                continue
            location = self.locations.get(key)
            distance = None
            if near and location:
                if location not in distances:
                    distances[location] = distance_km(near, location)
                distance = distances[location]
            hits.append(Hit(school, float(score), distance))
        far = float("inf")
        # Stable sort: equal matches at equal distance stay in name order.
        hits.sort(key=lambda h: (-h.score, far if h.distance_km is None else h.distance_km))
        return hits
