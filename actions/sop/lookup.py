"""Decide which schools a request is about: the one school a user names (or
the few they may mean), or the schools that offer what they need near them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from actions.sop.request import SchoolRequest
from actions.sop.search import Hit, ProfileIndex

# Schools scoring within this of the best name match are all plausible: ask.
AMBIGUOUS_MARGIN = 0.2
# A name pieced together from loose words must look at least this much alike.
GUESS_SCORE = 0.6
# "Did you mean" suggestions for a name that matched nothing well enough.
SUGGEST_SCORE = 0.4
MAX_CHOICES = 4
PAGE_SIZE = 5


def _best_per_school(hits: List[Hit]) -> List[Hit]:
    best: Dict[str, Hit] = {}
    for hit in hits:
        if hit.school.key not in best or hit.score > best[hit.school.key].score:
            best[hit.school.key] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.school.name))


def named_schools(index: ProfileIndex, request: SchoolRequest) -> List[Hit]:
    """The schools the user may mean, best first: one when it is clear, a few
    with look-alike names ("De Regenboog" in Zwolle and in Kampen), or none."""
    if request.school_keys:
        return [Hit(index.schools[k], 1.0) for k in request.school_keys if k in index.schools]
    hits = [hit for name in request.names for hit in index.by_name(name, request.town)]
    if not hits and request.names and request.town:
        # "De Regenboog in Zwolle" when the only Regenboog is in Kampen: still that one.
        hits = [hit for name in request.names for hit in index.by_name(name)]
    if not hits:
        guesses = request.name_guesses()
        hits = [h for g in guesses for h in index.by_name(g, request.town) if h.score >= GUESS_SCORE]
    hits = _best_per_school(hits)
    if not hits:
        return []
    top = hits[0].score
    return [h for h in hits if h.score >= top - AMBIGUOUS_MARGIN][:MAX_CHOICES]


def suggestions(index: ProfileIndex, request: SchoolRequest) -> List[Hit]:
    """Loosely similar names, for "Bedoelt u een van deze scholen?"."""
    queries = [*request.names, *request.name_guesses()]
    hits = [h for q in queries for h in index.by_name(q) if h.score >= SUGGEST_SCORE]
    return _best_per_school(hits)[:MAX_CHOICES]


@dataclass(frozen=True)
class Listing:
    """One page of schools for a need and a place."""

    hits: List[Hit]
    total: int
    offset: int
    # Fewer schools offer everything that was asked than offer part of it.
    partial: bool
    near: Optional[Tuple[float, float]]

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.hits) < self.total


def schools_for_need(index: ProfileIndex, request: SchoolRequest) -> Listing:
    near = index.place(request.town, request.postcode)
    hits = index.by_need(request.needs, near, request.sectors)
    everything = len(request.needs)
    partial = bool(hits) and everything > 1 and hits[0].score < everything
    page = hits[request.offset : request.offset + PAGE_SIZE]
    return Listing(page, len(hits), request.offset, partial, near)
