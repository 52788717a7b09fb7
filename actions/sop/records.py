"""Read a support-profile file (JSON or CSV) into checked records.

Every problem is collected with where it is (CSV line, or the school's number
in the JSON list) so an SWV administrator can fix the whole file at once.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

from actions.sop.vocabulary import CATEGORIES, CLUSTER_SECTORS, CLUSTERS, LEVELS, SECTORS

SCHOOL_FIELDS = ("brin", "vestiging", "naam", "sector", "cluster", "denominatie",
                 "adres", "postcode", "plaats", "website", "telefoon", "email")  # fmt: skip
PROFILE_FIELDS = ("bron", "vastgesteld", "gecontroleerd")
OFFER_FIELDS = ("categorie", "niveau", "beschrijving", "expertise")
CSV_COLUMNS = SCHOOL_FIELDS + PROFILE_FIELDS + OFFER_FIELDS

_BRIN = re.compile(r"\d{2}[A-Z]{2}")
_VESTIGING = re.compile(r"\d{2}")
_POSTCODE = re.compile(r"([1-9]\d{3}) ?([A-Z]{2})")


class ImportRejected(ValueError):
    """The file has errors; nothing was imported. `errors` lists them all."""

    def __init__(self, errors: List[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Offer:
    category: str
    level: str
    description: str
    expertise: str


@dataclass
class School:
    brin: str
    vestiging: str
    name: str
    sector: str
    cluster: Optional[int]
    denomination: str
    address: str
    postcode: str
    town: str
    website: str
    phone: str
    email: str
    source: str
    established: date
    checked: date
    offers: List[Offer] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.brin}{self.vestiging}"


def _text(raw: Dict[str, Any], name: str) -> str:
    value = raw.get(name)
    return "" if value is None else str(value).strip()


def _date(raw: Dict[str, Any], name: str, where: str, errors: List[str]) -> Optional[date]:
    text = _text(raw, name)
    if not text:
        errors.append(f"{where}: datum '{name}' ontbreekt")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{where}: '{name}' is geen datum als 2025-09-15: {text!r}")
        return None


def _school(raw: Dict[str, Any], profile: Dict[str, Any], where: str, errors: List[str]) -> Optional[School]:
    before = len(errors)
    for name in ("brin", "vestiging", "naam", "sector", "postcode", "plaats"):
        if not _text(raw, name):
            errors.append(f"{where}: '{name}' ontbreekt")
    brin, vestiging = _text(raw, "brin").upper(), _text(raw, "vestiging")
    sector = _text(raw, "sector").lower()
    if brin and not _BRIN.fullmatch(brin):
        errors.append(f"{where}: BRIN {brin!r} moet 2 cijfers en 2 letters zijn, zoals 99XA")
    if vestiging and not _VESTIGING.fullmatch(vestiging):
        errors.append(f"{where}: vestiging {vestiging!r} moet 2 cijfers zijn, zoals 00")
    if sector and sector not in SECTORS:
        errors.append(f"{where}: onbekende sector {sector!r}; kies uit {', '.join(SECTORS)}")
    cluster = None
    if _text(raw, "cluster"):
        try:
            cluster = int(_text(raw, "cluster"))
        except ValueError:
            cluster = -1
        if cluster not in CLUSTERS:
            errors.append(f"{where}: cluster moet 1, 2, 3 of 4 zijn, niet {_text(raw, 'cluster')!r}")
        elif sector and sector not in CLUSTER_SECTORS:
            errors.append(f"{where}: alleen so en vso horen bij een cluster")
    postcode = _POSTCODE.fullmatch(_text(raw, "postcode").upper())
    if _text(raw, "postcode") and not postcode:
        errors.append(f"{where}: postcode {_text(raw, 'postcode')!r} klopt niet; schrijf 1234 AB")
    established = _date(profile, "vastgesteld", where, errors)
    checked = _date(profile, "gecontroleerd", where, errors)
    if established and checked and checked < established:
        errors.append(f"{where}: 'gecontroleerd' ligt voor 'vastgesteld'")
    if len(errors) > before:
        return None
    return School(
        brin=brin, vestiging=vestiging, name=_text(raw, "naam"), sector=sector, cluster=cluster,
        denomination=_text(raw, "denominatie"), address=_text(raw, "adres"),
        postcode=f"{postcode.group(1)} {postcode.group(2)}", town=_text(raw, "plaats"),
        website=_text(raw, "website"), phone=_text(raw, "telefoon"), email=_text(raw, "email"),
        source=_text(profile, "bron") or "Schoolondersteuningsprofiel",
        established=established, checked=checked,
    )  # fmt: skip


def _offer(raw: Dict[str, Any], where: str, errors: List[str]) -> Optional[Offer]:
    category, level = _text(raw, "categorie").lower(), _text(raw, "niveau").lower()
    ok = True
    if category not in CATEGORIES:
        errors.append(f"{where}: onbekende categorie {category!r}; zie knowledge/sop/README.md")
        ok = False
    if level not in LEVELS:
        errors.append(f"{where}: niveau {level!r} moet basis, extra of specialistisch zijn")
        ok = False
    if not _text(raw, "beschrijving"):
        errors.append(f"{where}: beschrijving ontbreekt")
        ok = False
    return Offer(category, level, _text(raw, "beschrijving"), _text(raw, "expertise")) if ok else None


def _add_offer(school: School, offer: Optional[Offer], where: str, errors: List[str]) -> None:
    if offer is None:
        return
    if any(o.category == offer.category for o in school.offers):
        errors.append(f"{where}: categorie {offer.category!r} staat twee keer bij {school.name}")
    school.offers.append(offer)


def _from_json(path: Path, errors: List[str]) -> List[School]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise ImportRejected([f"{path.name}: geen geldige JSON ({problem})"]) from None
    items = data.get("schools") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ImportRejected([f"{path.name}: de lijst 'schools' ontbreekt"])
    schools = []
    for number, raw in enumerate(items, start=1):
        where = f"school {number}"
        if not isinstance(raw, dict):
            errors.append(f"{where}: geen school (verwacht een object met velden)")
            continue
        where = f"school {number} ({_text(raw, 'naam') or 'zonder naam'})"
        school = _school(raw, raw.get("profiel") or {}, where, errors)
        for index, offer in enumerate(raw.get("aanbod") or [], start=1):
            checked = _offer(offer if isinstance(offer, dict) else {}, f"{where}, aanbod {index}", errors)
            if school is not None:
                _add_offer(school, checked, f"{where}, aanbod {index}", errors)
        if school is not None:
            schools.append(school)
    return schools


def _from_csv(path: Path, errors: List[str]) -> List[School]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise ImportRejected([f"{path.name}: geen tekstbestand in UTF-8"]) from None
    reader = csv.DictReader(lines)
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRejected([f"{path.name}, regel 1: kolommen ontbreken: {', '.join(missing)}"])
    by_key: Dict[str, Tuple[School, Dict[str, str], int]] = {}
    for row in reader:
        where = f"regel {reader.line_num}"
        school = _school(row, row, where, errors)
        offer = _offer(row, where, errors)
        if school is None:
            continue
        if school.key in by_key:
            first, first_row, first_line = by_key[school.key]
            changed = [c for c in SCHOOL_FIELDS + PROFILE_FIELDS if _text(row, c) != _text(first_row, c)]
            if changed:
                errors.append(
                    f"{where}: dezelfde school ({school.brin} {school.vestiging}) als regel {first_line}, "
                    f"maar met andere {', '.join(changed)}"
                )
                continue
            school = first
        else:
            by_key[school.key] = (school, row, reader.line_num)
        _add_offer(school, offer, where, errors)
    return [school for school, _, _ in by_key.values()]


def read_schools(path: Path) -> List[School]:
    """All schools in the file, or ImportRejected with every problem found."""
    errors: List[str] = []
    if path.suffix.lower() == ".json":
        schools = _from_json(path, errors)
    elif path.suffix.lower() == ".csv":
        schools = _from_csv(path, errors)
    else:
        raise ImportRejected([f"{path.name}: gebruik een .json- of .csv-bestand"])
    errors += _duplicates(schools)
    if errors:
        raise ImportRejected(errors)
    return schools


def _duplicates(schools: Iterable[School]) -> List[str]:
    seen: Dict[str, str] = {}
    errors = []
    for school in schools:
        if school.key in seen:
            errors.append(
                f"{school.name}: BRIN {school.brin} vestiging {school.vestiging} staat er twee keer in"
            )
        seen[school.key] = school.name
    return errors
