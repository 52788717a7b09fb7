"""Finding schools: names with typos, need and place, no result, many results."""

from datetime import date

import pytest

from actions.sop.records import Offer, School
from actions.sop.search import ProfileIndex
from actions.sop.store import import_schools, open_db

POSTCODES = [("8021", "Zwolle", 52.52, 6.08), ("8261", "Kampen", 52.55, 5.91), ("7731", "Ommen", 52.52, 6.42)]


def make(key: str, name: str, town: str, pc4: str, sector: str = "po", offers=("dyslexie",)) -> School:
    return School(
        brin=key[:4], vestiging=key[4:], name=name, sector=sector, cluster=None, denomination="openbaar",
        address="Straat 1", postcode=f"{pc4} AB", town=town, website="", phone="", email="",
        source="SOP 2025-2026", established=date(2025, 9, 1), checked=date(2025, 10, 1),
        offers=[Offer(c, "extra", f"Hulp bij {c}.", "") for c in offers],
    )  # fmt: skip


@pytest.fixture
def index(tmp_path) -> ProfileIndex:
    db = open_db(tmp_path / "sop.db")
    db["postcodes"].insert_all(
        [{"pc4": p, "town": t, "lat": a, "lon": o} for p, t, a, o in POSTCODES], pk="pc4"
    )
    import_schools(
        db,
        [
            make("99AA00", "Basisschool De Regenboog", "Zwolle", "8021", offers=("dyslexie", "autisme")),
            make("99AB00", "De Regenboog", "Kampen", "8261", offers=("autisme",)),
            make(
                "99AC00",
                "Het Talent College",
                "Zwolle",
                "8021",
                sector="vo",
                offers=("kleine-groep", "autisme"),
            ),
            make(
                "99AD00", "Talentcollege Kampen", "Kampen", "8261", sector="vo", offers=("fysieke-beperking",)
            ),
            make("99AE00", "OBS De Vlinder", "Ommen", "7731", offers=("autisme", "dyslexie")),
        ],
    )
    return ProfileIndex(tmp_path / "sop.db")


@pytest.mark.parametrize(
    ("query", "first"),
    [("regenboog", "99AA00"), ("de regenbooog", "99AA00"), ("het talent college", "99AC00"),
     ("talentcolege", "99AC00"), ("vlinder", "99AE00")],
)  # fmt: skip
def test_name_with_typos_and_parts(index, query, first):
    hits = index.by_name(query)
    assert hits
    assert hits[0].school.key == first


def test_two_schools_with_the_same_name_are_told_apart_by_town(index):
    assert {h.school.town for h in index.by_name("regenboog")} == {"Zwolle", "Kampen"}
    [hit] = index.by_name("regenboog", town="kampen")
    assert hit.school.key == "99AB00"


def test_an_unknown_name_finds_nothing(index):
    assert index.by_name("zonnebloem") == []


def test_need_and_place_nearest_first(index):
    hits = index.by_need(["autisme"], near=index.place(town="Zwolle"))
    assert [h.school.town for h in hits][:2] == ["Zwolle", "Zwolle"]
    assert hits[-1].school.town in ("Kampen", "Ommen")
    assert hits[0].distance_km == pytest.approx(0, abs=0.01)


def test_more_needs_met_comes_first(index):
    hits = index.by_need(["autisme", "dyslexie"], near=index.place(pc4="8261"))
    assert {h.school.key for h in hits[:2]} == {"99AA00", "99AE00"}


def test_sector_filter(index):
    assert [h.school.key for h in index.by_need(["autisme"], sectors=["vo"])] == ["99AC00"]


def test_no_school_offers_it(index):
    assert index.by_need(["slechtziend"]) == []


def test_a_new_import_is_seen_without_restart(index, tmp_path):
    assert len(index.by_need(["autisme"])) == 4
    import_schools(
        open_db(tmp_path / "sop.db"), [make("99AF00", "De Ster", "Ommen", "7731", offers=("autisme",))]
    )
    assert len(index.by_need(["autisme"])) == 5


def test_many_results_nearest_first_then_by_name(index):
    hits = index.by_need([], near=index.place(pc4="8021"))
    assert len(hits) == 5
    distances = [h.distance_km for h in hits]
    assert distances == sorted(distances)
    same_place = [h.school.name for h in hits if h.distance_km == distances[0]]
    assert same_place == sorted(same_place)
    assert len(same_place) == 2
