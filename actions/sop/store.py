"""The support profiles in SQLite (sqlite-utils): schools, their offers and
the postcode-area centres used for distance."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import List

import sqlite_utils

from actions.sop.records import School


def open_db(path: Path) -> sqlite_utils.Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(path, check_same_thread=False))
    _create_tables(db)
    return db


def _create_tables(db: sqlite_utils.Database) -> None:
    db["schools"].create(
        {
            "key": str, "brin": str, "vestiging": str, "name": str, "sector": str, "cluster": int,
            "denomination": str, "address": str, "postcode": str, "pc4": str, "town": str,
            "website": str, "phone": str, "email": str, "source": str, "established": str, "checked": str,
        },
        pk="key",
        if_not_exists=True,
    )  # fmt: skip
    db["offers"].create(
        {"school_key": str, "category": str, "level": str, "description": str, "expertise": str},
        pk=("school_key", "category"),
        foreign_keys=[("school_key", "schools", "key")],
        if_not_exists=True,
    )
    db["offers"].create_index(["category"], if_not_exists=True)
    db["postcodes"].create(
        {"pc4": str, "town": str, "lat": float, "lon": float}, pk="pc4", if_not_exists=True
    )


def import_schools(db: sqlite_utils.Database, schools: List[School]) -> int:
    """Replace these schools (by BRIN + vestiging) in one transaction."""
    with db.conn:
        for school in schools:
            db["offers"].delete_where("school_key = ?", [school.key])
            db["schools"].upsert(
                {
                    "key": school.key, "brin": school.brin, "vestiging": school.vestiging,
                    "name": school.name, "sector": school.sector, "cluster": school.cluster,
                    "denomination": school.denomination, "address": school.address,
                    "postcode": school.postcode, "pc4": school.postcode[:4], "town": school.town,
                    "website": school.website, "phone": school.phone, "email": school.email,
                    "source": school.source, "established": school.established.isoformat(),
                    "checked": school.checked.isoformat(),
                },
                pk="key",
            )  # fmt: skip
            db["offers"].insert_all(
                {
                    "school_key": school.key,
                    "category": offer.category,
                    "level": offer.level,
                    "description": offer.description,
                    "expertise": offer.expertise,
                }
                for offer in school.offers
            )
    return len(schools)


def import_postcodes(db: sqlite_utils.Database, path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        rows = [
            {"pc4": r["pc4"], "town": r["plaats"], "lat": float(r["lat"]), "lon": float(r["lon"])}
            for r in csv.DictReader(handle)
        ]
    with db.conn:
        db["postcodes"].upsert_all(rows, pk="pc4")
    return len(rows)
