"""The support-profile importer: good files, every kind of bad row, re-import."""

import json
from pathlib import Path

import pytest

from actions.sop.__main__ import main
from actions.sop.records import CSV_COLUMNS, ImportRejected, read_schools
from actions.sop.store import open_db


def school(**changes) -> dict:
    base = {
        "brin": "99XA", "vestiging": "00", "naam": "Basisschool De Regenboog", "sector": "po",
        "cluster": None, "denominatie": "openbaar", "adres": "Regenboogstraat 1", "postcode": "8021 AB",
        "plaats": "Zwolle", "website": "https://regenboog.example.nl", "telefoon": "038 000 0001",
        "email": "info@regenboog.example.nl",
        "profiel": {"bron": "Schoolondersteuningsprofiel 2025-2026", "vastgesteld": "2025-09-15",
                    "gecontroleerd": "2026-10-01"},
        "aanbod": [
            {"categorie": "dyslexie", "niveau": "extra", "beschrijving": "Voorlezen.", "expertise": ""},
            {"categorie": "autisme", "niveau": "basis", "beschrijving": "Een vaste plek.", "expertise": ""},
        ],
    }  # fmt: skip
    return {**base, **changes}


def write_json(tmp_path: Path, *schools: dict) -> Path:
    path = tmp_path / "scholen.json"
    path.write_text(json.dumps({"schools": list(schools)}), encoding="utf-8")
    return path


def write_csv(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "scholen.csv"
    lines = [",".join(CSV_COLUMNS)]
    for row in rows:
        lines.append(",".join(str(row.get(column, "")) for column in CSV_COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_row(**changes) -> dict:
    flat = {k: v for k, v in school().items() if k not in ("profiel", "aanbod")}
    flat.update(school()["profiel"])
    flat.update(
        {"cluster": "", "categorie": "dyslexie", "niveau": "extra", "beschrijving": "Voorleessoftware."}
    )
    return {**flat, **changes}


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        read_schools(path)
    return rejected.value.errors


def test_a_good_json_file(tmp_path):
    [read] = read_schools(write_json(tmp_path, school()))
    assert read.key == "99XA00"
    assert [o.category for o in read.offers] == ["dyslexie", "autisme"]


def test_a_good_csv_file_groups_rows_by_school(tmp_path):
    rows = [csv_row(), csv_row(categorie="autisme", niveau="basis", beschrijving="Rustige plek.")]
    [read] = read_schools(write_csv(tmp_path, rows))
    assert [o.category for o in read.offers] == ["dyslexie", "autisme"]


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (csv_row(categorie="paardrijden"), "onbekende categorie 'paardrijden'"),
        (csv_row(niveau="heel veel"), "basis, extra of specialistisch"),
        (csv_row(postcode="80211AB"), "postcode '80211AB' klopt niet"),
        (csv_row(vastgesteld=""), "'vastgesteld' ontbreekt"),
        (csv_row(vastgesteld="15-09-2025"), "geen datum"),
        (csv_row(sector="mbo"), "onbekende sector 'mbo'"),
        (csv_row(brin="ABCD"), "BRIN 'ABCD'"),
        (csv_row(cluster="4"), "alleen so en vso"),
        (csv_row(naam=""), "'naam' ontbreekt"),
    ],
)
def test_every_kind_of_bad_row_is_named_with_its_line(tmp_path, row, words):
    errors = errors_of(write_csv(tmp_path, [csv_row(brin="99XB"), row]))
    assert len(errors) == 1
    assert errors[0].startswith("regel 3:")
    assert words in errors[0]


def test_the_same_school_with_other_details_is_a_duplicate(tmp_path):
    rows = [csv_row(), csv_row(categorie="autisme", adres="Andere straat 2")]
    [error] = errors_of(write_csv(tmp_path, rows))
    assert "regel 3" in error
    assert "regel 2" in error
    assert "adres" in error


def test_a_duplicate_school_in_json(tmp_path):
    [error] = errors_of(write_json(tmp_path, school(), school(naam="Kopie")))
    assert "twee keer" in error


def test_all_errors_are_listed_at_once(tmp_path):
    errors = errors_of(write_json(tmp_path, school(postcode="x"), school(brin="99XB", sector="hbo")))
    assert len(errors) == 2
    assert errors[0].startswith("school 1")
    assert errors[1].startswith("school 2")


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00", b"{niet json"])
def test_a_broken_file_is_refused(tmp_path, content):
    path = tmp_path / "scholen.json"
    path.write_bytes(content)
    assert errors_of(path)


def _count(db_path: Path, table: str) -> int:
    return open_db(db_path)[table].count


def test_import_is_all_or_nothing(tmp_path, capsys):
    db = tmp_path / "sop.db"
    path = write_json(
        tmp_path, school(), school(brin="99XB", aanbod=[{"categorie": "vliegen", "niveau": "extra"}])
    )
    assert main(["import", str(path), "--db", str(db)]) == 1
    assert "Niets geïmporteerd" in capsys.readouterr().err
    assert _count(db, "schools") == 0


def test_reimport_replaces_without_duplicates(tmp_path):
    db = tmp_path / "sop.db"
    assert main(["import", str(write_json(tmp_path, school())), "--db", str(db)]) == 0
    updated = school(aanbod=[{"categorie": "adhd", "niveau": "extra", "beschrijving": "Korte pauzes."}])
    assert main(["import", str(write_json(tmp_path, updated)), "--db", str(db)]) == 0
    assert _count(db, "schools") == 1
    assert [r["category"] for r in open_db(db)["offers"].rows] == ["adhd"]


def test_the_demo_dataset_imports(tmp_path):
    root = Path(__file__).resolve().parents[2] / "knowledge" / "sop"
    db = tmp_path / "sop.db"
    postcodes = ["--postcodes", str(root / "postcodes.csv")]
    assert main(["import", str(root / "demo-scholen.json"), "--db", str(db), *postcodes]) == 0
    rows = list(open_db(db)["schools"].rows)
    assert len(rows) >= 60
    assert len({r["town"] for r in rows}) >= 8
    assert {r["sector"] for r in rows} == {"po", "vo", "sbo", "so", "vso"}
    # Every school can be placed on the map for "dichtbij 8021".
    assert {r["pc4"] for r in rows} <= {r["pc4"] for r in open_db(db)["postcodes"].rows}
