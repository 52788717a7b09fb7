"""The school lookup action with rasa_sdk, on the demo SWV's profiles: the
entities come from the same matcher the NLU component uses."""

import json
import re
from datetime import date
from typing import Any, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.school_lookup as lookup_module
from actions.clarify import ActionClarify
from actions.school_lookup import ActionSchoolLookup
from actions.settings import ROOT
from actions.sop.mentions import MentionFinder
from actions.sop.search import ProfileIndex
from actions.sop.vocabulary import CATEGORIES
from actions.sop.wording import Wording

TODAY = date(2026, 12, 1)
CAVEAT = "Een profiel is geen belofte"
ORDER = "De volgorde zegt niets over hoe goed een school is"


@pytest.fixture
def index(demo_db, monkeypatch) -> ProfileIndex:
    index = ProfileIndex(demo_db)
    index.refresh()
    monkeypatch.setattr(lookup_module, "profile_index", index)
    monkeypatch.setattr(lookup_module, "today", lambda: TODAY)
    return index


@pytest.fixture
def ask(index):
    finder = MentionFinder(index, Wording(ROOT / "knowledge" / "sop"))

    def run(text: str, intent: str = "school_info", entities: Optional[list] = None) -> dict[str, Any]:
        if entities is None:
            entities = [m.as_entity() for m in finder.find(text)]
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "intent_ranking": [{"name": intent, "confidence": 0.9}],
            "entities": entities,
        }
        tracker = Tracker("test", {}, latest, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        assert ActionSchoolLookup().run(dispatcher, tracker, {}) == []
        [message] = dispatcher.messages
        return message

    return run


def click(ask, button: dict[str, str]) -> dict[str, Any]:
    """What Rasa makes of a button's payload: its intent and entities, no NLU."""
    intent, _, raw = button["payload"][1:].partition("{")
    values = json.loads("{" + raw) if raw else {}
    entities = [
        {"entity": k, "value": v} for k, vs in values.items() for v in (vs if isinstance(vs, list) else [vs])
    ]
    return ask(button["title"], intent=intent, entities=entities)


def sources(message: dict[str, Any]) -> list[str]:
    return [s["title"] for s in (message.get("custom") or {}).get("sources", [])]


def test_a_name_two_schools_share_asks_which_town(ask):
    message = ask("regenboog")
    titles = [b["title"] for b in message["buttons"]]
    assert len(titles) == 2
    assert any("Zwolle" in t for t in titles)
    assert any("Kampen" in t for t in titles)


def test_the_town_picks_the_school(ask, index):
    message = ask("wat biedt de regenboog in Kampen voor dyslexie", intent="school_info")
    school = index.schools[message["custom"]["school"]]
    assert "Regenboog" in school.name
    assert school.town == "Kampen"
    assert sources(message) == [f"schoolondersteuningsprofiel, vastgesteld {_long(school.established)}"]
    assert CAVEAT in message["text"]


def _long(day: date) -> str:
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
              "oktober", "november", "december"]  # fmt: skip
    return f"{day.day} {months[day.month - 1]} {day.year}"


def test_typos_in_a_name_still_find_the_school(ask, index):
    message = ask("wat bied het talent colege in zwolle")
    assert index.schools[message["custom"]["school"]].name == "Het Talent College"


def test_a_profile_question_answers_for_the_need_asked(ask, index):
    choice = ask("Is het Talentcollege rolstoeltoegankelijk?")
    # Two schools are called Talentcollege; each button keeps the question.
    names = {b["title"].split(" (")[0] for b in choice["buttons"]}
    assert names == {"Het Talent College", "Talentcollege Kampen"}
    for button in choice["buttons"]:
        answer = click(ask, button)
        school = index.schools[answer["custom"]["school"]]
        offers = {o.category for o in school.offers}
        if "fysieke-beperking" in offers:
            assert "Fysieke beperking en rolstoel" in answer["text"]
        else:
            assert "Over een fysieke beperking of rolstoel staat niets" in answer["text"]
        assert answer["buttons"][0]["title"].startswith("Heel het profiel")
        assert CAVEAT in answer["text"]


def test_a_full_profile_shows_every_category_with_its_level(ask, index):
    key = next(k for k, s in index.schools.items() if len(s.offers) >= 4)
    message = ask("x", entities=[{"entity": "school_id", "value": key}])
    for offer in index.schools[key].offers:
        label = re.escape(CATEGORIES[offer.category])
        assert re.search(rf"• {label} \({offer.level}[a-z]* ?ondersteuning\)", message["text"])
    assert message["text"].count("•") == len(index.schools[key].offers)


def test_an_old_profile_carries_a_warning(ask, index):
    old = next(s for s in index.schools.values() if (TODAY - s.established).days > 400)
    new = next(s for s in index.schools.values() if (TODAY - s.established).days < 300)

    def profile(school):
        return ask("x", entities=[{"entity": "school_id", "value": school.key}])["text"]

    assert "meer dan een jaar geleden" in profile(old)
    assert "meer dan een jaar geleden" not in profile(new)


def test_need_and_town_lists_five_nearest_with_more(ask, index):
    message = ask("autisme Zwolle", intent="school_zoeken")
    schools = [index.schools[k] for k in message["custom"]["schools"]]
    assert len(schools) == 5
    assert all("autisme" in {o.category for o in s.offers} for s in schools)
    assert schools[0].town == "Zwolle"
    assert ORDER in message["text"]
    assert CAVEAT in message["text"]
    assert message["buttons"][-1]["title"] == "Meer scholen"
    more = click(ask, message["buttons"][-1])
    assert not set(more["custom"]["schools"]) & set(message["custom"]["schools"])
    assert "Dit zijn 6 tot en met" in more["text"]


def test_kind_of_school_and_need_without_a_place(ask, index):
    entities = [{"entity": "school_type", "value": "vo"}, {"entity": "behoefte", "value": "kleine-groep"}]
    message = ask("een vo-school met een kleine klas", intent="school_zoeken", entities=entities)
    schools = [index.schools[k] for k in message["custom"]["schools"]]
    assert schools
    assert all(s.sector == "vo" for s in schools)
    assert all("kleine-groep" in {o.category for o in s.offers} for s in schools)
    assert "Tip: noem uw plaats of postcode" in message["text"]


def test_near_a_postcode_nearest_first(ask, index):
    message = ask("scholen dichtbij 8021", intent="school_zoeken")
    found = re.findall(r"(minder dan 1|ongeveer \d+) km", message["text"])
    distances = [0 if km == "minder dan 1" else int(km.split()[1]) for km in found]
    assert len(distances) == 5
    assert distances == sorted(distances)


def test_no_school_offers_it(ask):
    entities = [
        {"entity": "behoefte", "value": "slechtziend"},
        {"entity": "school_type", "value": "vso"},
        {"entity": "plaats", "value": "Ommen"},
    ]
    message = ask("slechtziend vso Ommen", intent="school_zoeken", entities=entities)
    assert message["text"].startswith("Ik vind geen school")
    assert message["buttons"][0]["payload"] == "/handoff_request"


def test_a_question_without_a_school_or_need_gets_a_question_back(ask):
    assert "Over welke school gaat het?" in ask("wat biedt die school eigenlijk")["text"]
    assert "Wat heeft uw kind nodig" in ask("ik zoek een school", intent="school_zoeken")["text"]


def test_a_close_typo_is_answered(ask, index):
    message = ask("wat biedt de sterrewacht")
    assert index.schools[message["custom"]["school"]].name == "RKBS De Sterrenwacht"


def test_a_loose_guess_is_offered_not_assumed(ask):
    message = ask("wat biedt de sterenwagt")
    assert message["text"].startswith("Ik weet niet zeker welke school u bedoelt")
    assert any("Sterrenwacht" in b["title"] for b in message["buttons"])


def test_without_profiles_it_says_so(ask, monkeypatch, tmp_path):
    monkeypatch.setattr(lookup_module, "profile_index", ProfileIndex(tmp_path / "missing.db"))
    assert "niet inzien" in ask("autisme Zwolle", intent="school_zoeken")["text"]


def test_a_bare_name_the_model_did_not_place_is_a_school_question(index):
    finder = MentionFinder(index, Wording(ROOT / "knowledge" / "sop"))

    def clarify(text: str) -> dict[str, Any]:
        entities = [m.as_entity() for m in finder.find(text)]
        latest = {"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.3}, "entities": entities}
        tracker = Tracker("test", {}, latest, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        ActionClarify().run(dispatcher, tracker, {})
        [message] = dispatcher.messages
        return message

    assert any("Kampen" in b["title"] for b in clarify("De Regenboog?")["buttons"])
    long_story = "De Regenboog zegt dat ze mijn zoon niet kunnen helpen en nu weet ik het niet meer"
    assert clarify(long_story)["response"] == "utter_default"


def test_single_letters_are_no_school_name(ask):
    """The "b" of a typed "<b>" tag once offered every school starting with B."""
    message = ask("<b onmouseover=x>qwzx vlorp</b>")
    assert [b["title"] for b in message["buttons"] if "(" in b["title"]] == []
    assert "Over welke school gaat het?" in message["text"]
