"""Turn lookup results into chat messages, in the words of knowledge/sop/teksten.yml.

Every answer about a school carries its source (the profile and the date it
was set) and what a profile cannot promise. Lists are ordered by what matches
and how far away it is, and say so: Wegwijzer never ranks schools as better.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, List, Sequence, Tuple

from actions.dutch_dates import format_date
from actions.person import PERSON_PAYLOAD
from actions.sop.lookup import Listing
from actions.sop.mentions import NEED, POSTCODE, TOWN
from actions.sop.records import Offer, School
from actions.sop.request import OFFSET, SCHOOL_KEY, SCHOOL_TYPE, SchoolRequest
from actions.sop.search import Hit
from actions.sop.vocabulary import CATEGORIES
from actions.sop.wording import Wording

SEARCH_INTENT, INFO_INTENT = "school_zoeken", "school_info"
ZORGPLICHT_INTENT = "zorgplicht_uitleg"


@dataclass
class Reply:
    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)
    custom: Dict[str, Any] = field(default_factory=dict)


def payload(intent: str, **entities: Any) -> str:
    """A button's message: `/school_info{"school_id":"99AA00"}`."""
    kept = {k: list(v) if isinstance(v, tuple) else v for k, v in entities.items() if v not in (None, "", ())}
    return f"/{intent}{json.dumps(kept, ensure_ascii=False, separators=(',', ':'))}" if kept else f"/{intent}"


def older_than_a_year(day: date, today: date) -> bool:
    try:
        return day.replace(year=day.year + 1) < today
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, month=3, day=1) < today


def _in_order(offers: Sequence[Offer]) -> List[Offer]:
    order = list(CATEGORIES)
    return sorted(offers, key=lambda o: order.index(o.category) if o.category in order else len(order))


def _join(words: Sequence[str]) -> str:
    """ "autisme, ADHD en dyslexie"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} en {words[-1]}"


class ReplyWriter:
    """Chat messages about schools, in the editors' words."""

    def __init__(self, wording: Wording) -> None:
        self.w = wording

    def _needs(self, needs: Sequence[str]) -> str:
        return _join([self.w.need(n) for n in needs])

    def _school(self, school: School) -> Dict[str, str]:
        return {"naam": school.name, "plaats": school.town, "sector": self.w.sector(school.sector)}

    def _school_button(self, school: School, needs: Sequence[str]) -> Dict[str, str]:
        """Opens the school's profile, keeping the needs the user asked about."""
        return {
            "title": self.w.text("school_button", naam=school.name, plaats=school.town),
            "payload": payload(INFO_INTENT, **{SCHOOL_KEY: school.key, NEED: tuple(needs)}),
        }

    def _common_buttons(self) -> List[Dict[str, str]]:
        return [{"title": self.w.text("zorgplicht_button"), "payload": f"/{ZORGPLICHT_INTENT}"}]

    def _offer_lines(self, offers: Sequence[Offer], expertise: bool) -> List[str]:
        lines = []
        for offer in _in_order(offers):
            lines.append(
                self.w.text(
                    "profile_item",
                    categorie=self.w.category(offer.category),
                    niveau=self.w.level(offer.level),
                    beschrijving=offer.description,
                )
            )
            if expertise and offer.expertise:
                lines.append(self.w.text("profile_expertise", expertise=offer.expertise))
        return lines

    def _offered(self, school: School, needs: Sequence[str]) -> List[str]:
        """The profile's items: all of them, or those asked about and a word on the rest."""
        names = self._school(school)
        if not needs:
            if not school.offers:
                return [self.w.text("profile_empty", **names)]
            lines = "\n".join(self._offer_lines(school.offers, expertise=False))
            return [self.w.text("profile_intro", **names), lines]
        parts = []
        asked = [o for o in school.offers if o.category in needs]
        if asked:
            found = self._needs([o.category for o in _in_order(asked)])
            parts += [self.w.text("profile_intro_asked", behoeften=found, **names)]
            parts += ["\n".join(self._offer_lines(asked, expertise=True))]
        missing = [n for n in needs if n not in {o.category for o in asked}]
        if missing:
            parts.append(self.w.text("profile_not_mentioned", behoeften=self._needs(missing), **names))
        others = [self.w.category(o.category) for o in _in_order(school.offers) if o.category not in needs]
        if others:
            parts.append(self.w.text("profile_also", categorieen=_join(others)))
        return parts

    def profile(self, school: School, needs: Sequence[str], today: date) -> Reply:
        """One school's profile, its date (with a warning when it is old), how to
        reach the school, and what a profile cannot promise."""
        parts = self._offered(school, needs)
        established = format_date(school.established, weekday=False)
        if older_than_a_year(school.established, today):
            parts.append(self.w.text("profile_outdated", datum=established))
        contact = ", ".join(c for c in (school.phone, school.email, school.website) if c)
        if contact:
            parts.append(self.w.text("profile_contact", contact=contact))
        parts.append(self.w.text("caveat"))
        buttons = self._common_buttons()
        if needs:
            title = self.w.text("full_profile_button", naam=school.name)
            buttons.insert(0, {"title": title, "payload": payload(INFO_INTENT, **{SCHOOL_KEY: school.key})})
        source = {
            "title": self.w.text("profile_source", datum=established),
            "ref": f"{school.source}, {school.name} ({school.town})",
        }
        # school_name: the consultant's intake card and the SWV report name the school.
        custom = {"school": school.key, "school_name": f"{school.name} ({school.town})", "sources": [source]}
        return Reply("\n\n".join(parts), buttons, custom)

    def choose(self, hits: Sequence[Hit], needs: Sequence[str], sure: bool = True) -> Reply:
        """Look-alike names, or loose guesses (not `sure`): let the user pick,
        with the town and kind of school showing."""
        buttons = [
            {
                "title": f"{hit.school.name} ({hit.school.town}, {self.w.sector(hit.school.sector)})",
                "payload": payload(INFO_INTENT, **{SCHOOL_KEY: hit.school.key, NEED: tuple(needs)}),
            }
            for hit in hits
        ]
        return Reply(self.w.text("which_school" if sure else "not_sure_which"), buttons)

    def not_found(self, request: SchoolRequest, towns: Sequence[str], similar: Sequence[Hit]) -> Reply:
        """`towns`: the towns the profiles cover, sorted (ProfileIndex.town_names)."""
        name = request.names[0] if request.names else request.text.strip()
        text = self.w.text("not_found", naam=name, plaatsen=_join(towns))
        buttons = [self._school_button(h.school, request.needs) for h in similar]
        if buttons:
            text += "\n\n" + self.w.text("not_found_suggest")
        return Reply(text, [*buttons, self._search_button()])

    def _search_button(self) -> Dict[str, str]:
        return {"title": self.w.text("search_button"), "payload": f"/{SEARCH_INTENT}"}

    def _sector(self, request: SchoolRequest) -> str:
        sectors = [self.w.sector(s) for s in request.sectors]
        return self.w.text("list_sector", sector=_join(sectors)) if sectors else ""

    def _intro(self, request: SchoolRequest, listing: Listing, sector: str) -> Tuple[str, str]:
        """What the list shows, and which sentence explains its order."""
        if request.needs:
            near = self.w.text("list_near", plaats=request.place) if listing.near else ""
            needs = self._needs(request.needs)
            return self.w.text("list_intro_need", sector=sector, behoeften=needs, waar=near), "list_order"
        if listing.near:
            return self.w.text("list_intro_place", sector=sector, plaats=request.place), "list_order_distance"
        return self.w.text("list_intro_all", sector=sector), "list_order_name"

    def listing(self, request: SchoolRequest, listing: Listing, towns: Sequence[str]) -> Reply:
        """A page of schools for a need and a place, with a button per school and "meer"."""
        sector = self._sector(request)
        if not listing.hits:
            text = self.w.text("no_result_need", behoeften=self._needs(request.needs), sector=sector)
            person = {"title": self.w.text("person_button"), "payload": PERSON_PAYLOAD}
            return Reply(f"{text}\n\n{self.w.text('caveat')}", [person, *self._common_buttons()])
        intro, order = self._intro(request, listing, sector)
        parts = [intro]
        if listing.partial:
            parts.append(self.w.text("list_partial"))
        numbered = enumerate(listing.hits, listing.offset + 1)
        parts.append("\n".join(self._list_item(n, hit, request.needs) for n, hit in numbered))
        first, last = listing.offset + 1, listing.offset + len(listing.hits)
        parts.append(self.w.text("list_count", van=first, tot=last, totaal=listing.total))
        parts.append(self.w.text(order))
        if not listing.near:
            parts.append(self.w.text("list_no_place_tip", plaatsen=_join(towns)))
        parts.append(self.w.text("caveat"))
        buttons = [self._school_button(h.school, request.needs) for h in listing.hits]
        if listing.has_more:
            more = payload(
                SEARCH_INTENT,
                **{NEED: request.needs, TOWN: request.town, POSTCODE: request.postcode,
                   SCHOOL_TYPE: request.sectors, OFFSET: str(last)},
            )  # fmt: skip
            buttons.append({"title": self.w.text("more_button"), "payload": more})
        source = {"title": self.w.text("list_source"), "ref": ""}
        custom = {"schools": [h.school.key for h in listing.hits], "sources": [source]}
        return Reply("\n\n".join(parts), buttons, custom)

    def _list_item(self, number: int, hit: Hit, needs: Sequence[str]) -> str:
        school = hit.school
        distance = ""
        if hit.distance_km is not None and hit.distance_km < 1:
            distance = self.w.text("list_distance_near")
        elif hit.distance_km is not None:
            distance = self.w.text("list_distance", km=round(hit.distance_km))
        line = self.w.text("list_item", nummer=number, afstand=distance, **self._school(school))
        asked = [o for o in _in_order(school.offers) if o.category in needs]
        levels = [f"{self.w.category(o.category)}: {self.w.level(o.level)}" for o in asked]
        return f"{line}\n{self.w.text('list_item_levels', niveaus=' · '.join(levels))}" if levels else line

    def ask(self, key: str) -> Reply:
        return Reply(self.w.text(key))
