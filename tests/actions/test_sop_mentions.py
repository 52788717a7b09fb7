"""Recognising schools, towns, postcode areas and needs in a message, from the
profile database and the editors' need words: no retraining for a new school."""

import shutil
from datetime import date

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.settings import ROOT
from actions.sop.mentions import MentionFinder, name_variants
from actions.sop.records import School
from actions.sop.search import ProfileIndex
from actions.sop.store import import_schools, open_db
from actions.sop.wording import Wording, WordingError
from bot.school_entities import SchoolEntityExtractor


@pytest.fixture
def finder(demo_db) -> MentionFinder:
    return MentionFinder(ProfileIndex(demo_db), Wording(ROOT / "knowledge" / "sop"))


def found(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(m.entity, m.value) for m in finder.find(text)]


@pytest.mark.parametrize(
    ("name", "town", "expected"),
    [
        ("Basisschool De Regenboog", "Zwolle", {"de regenboog", "regenboog"}),
        ("Het Talent College", "Zwolle", {"het talent college", "talent college", "talentcollege"}),
        ("Talentcollege Kampen", "Kampen", {"talentcollege kampen", "talentcollege"}),
        ("Diezecollege vmbo", "Zwolle", {"diezecollege"}),
        (
            "Stedelijk Lyceum IJsselstroom (havo, vwo)",
            "Zwolle",
            {"ijsselstroom", "stedelijk lyceum ijsselstroom"},
        ),
        ("Oosterveld College vmbo", "Staphorst", {"oosterveld", "oosterveld college"}),
    ],
)
def test_how_people_write_a_school_name(name, town, expected):
    assert expected <= name_variants(name, town)


def test_short_or_common_words_are_not_names_on_their_own():
    variants = name_variants("SO De Brug", "Zwolle")
    assert "de brug" in variants
    assert "brug" not in variants
    assert "talent" not in name_variants("Het Talent College", "Zwolle")
    assert "college" not in name_variants("Vechtstreek College Ommen", "Ommen")


def test_the_three_kinds_of_question(finder):
    assert found(finder, "regenboog") == [("school", "regenboog")]
    assert found(finder, "autisme Zwolle") == [("behoefte", "autisme"), ("plaats", "Zwolle")]
    assert found(finder, "Is het Talentcollege rolstoeltoegankelijk?") == [
        ("school", "het talentcollege"),
        ("behoefte", "fysieke-beperking"),
    ]
    assert found(finder, "een vo-school met een kleine klas") == [("behoefte", "kleine-groep")]
    assert found(finder, "dichtbij 8021") == [("postcode", "8021")]


def test_spans_point_into_what_the_user_typed(finder):
    text = "Heeft CBS Het Mozaïek iets voor ADHD?"
    for mention in finder.find(text):
        assert text[mention.start : mention.end] == mention.text
    assert [m.text for m in finder.find(text)] == ["CBS Het Mozaïek", "ADHD"]


def test_the_longest_mention_wins(finder):
    # "Kampen" is part of the school's name here, not the place to search in.
    assert found(finder, "wat biedt Talentcollege Kampen") == [("school", "talentcollege kampen")]


def test_years_and_unknown_numbers_are_not_postcodes(finder):
    assert found(finder, "sinds 2021 heeft hij een opp") == []
    assert found(finder, "ordernummer 1234") == []
    assert found(finder, "wij wonen in 8261 AB") == [("postcode", "8261")]


def test_a_newly_imported_school_is_found_without_retraining(tmp_path):
    path = tmp_path / "sop.db"
    db = open_db(path)
    finder = MentionFinder(ProfileIndex(path), Wording(ROOT / "knowledge" / "sop"))
    assert found(finder, "wat biedt de Pimpernel") == []
    school = School(
        brin="98ZZ", vestiging="00", name="OBS De Pimpernel", sector="po", cluster=None,
        denomination="openbaar", address="Laan 1", postcode="8021 AB", town="Zwolle", website="",
        phone="", email="", source="SOP", established=date(2026, 1, 1), checked=date(2026, 1, 1),
    )  # fmt: skip
    import_schools(db, [school])
    assert found(finder, "wat biedt de Pimpernel") == [("school", "de pimpernel")]


def test_an_editor_adds_a_need_word(tmp_path, demo_db):
    folder = tmp_path / "sop"
    shutil.copytree(ROOT / "knowledge" / "sop", folder)
    finder = MentionFinder(ProfileIndex(demo_db), Wording(folder, check_every=0))
    assert found(finder, "een school voor een kind met dcd") == [("behoefte", "motoriek")]
    assert found(finder, "hij wil weer naar de klas") == []
    needs = folder / "behoeften.yml"
    # The file ends with the words for "herstart".
    needs.write_text(needs.read_text(encoding="utf-8") + "  - weer naar de klas\n", encoding="utf-8")
    assert found(finder, "hij wil weer naar de klas") == [("behoefte", "herstart")]


def test_an_unknown_category_in_the_need_words_is_refused(tmp_path):
    folder = tmp_path / "sop"
    shutil.copytree(ROOT / "knowledge" / "sop", folder)
    (folder / "behoeften.yml").write_text("dyslexie: [dyslexie]\nslim: [slim]\n", encoding="utf-8")
    with pytest.raises(WordingError, match="slim"):
        Wording(folder).need_words()


def test_the_rasa_component_adds_the_mentions_as_entities(finder):
    message = Message(data={"text": "autisme Zwolle"})
    [message] = SchoolEntityExtractor(finder).process([message])
    entities = message.get("entities")
    assert [(e["entity"], e["value"], e["start"], e["end"]) for e in entities] == [
        ("behoefte", "autisme", 0, 7),
        ("plaats", "Zwolle", 8, 14),
    ]
    assert {e["extractor"] for e in entities} == {"SchoolEntityExtractor"}
