"""School lookups through the public chat API, on the demo SWV's profiles: a
school by name, schools by need and place, and a question about one profile."""

import re

import pytest

pytestmark = pytest.mark.e2e

CAVEAT = "Een profiel is geen belofte"
SOURCE = re.compile(r"^schoolondersteuningsprofiel, vastgesteld \d{1,2} [a-z]+ 20\d\d$")


def buttons(reply: dict) -> list[dict]:
    return [b for m in reply["messages"] for b in m["buttons"]]


def press(chat, reply: dict, title_part: str) -> dict:
    [button] = [b for b in buttons(reply) if title_part in b["title"]]
    return chat.say(button["payload"])


def text(reply: dict) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


def sources(reply: dict) -> list[str]:
    return [s["title"] for m in reply["messages"] for s in m.get("sources", [])]


def assert_profile(reply: dict) -> None:
    assert any(SOURCE.match(s) for s in sources(reply)), sources(reply)
    assert CAVEAT in text(reply)


@pytest.mark.parametrize("question", ["regenboog", "wat biedt de regenboog?", "Info over De Regenboog"])
def test_a_name_two_schools_share_asks_which_town(chat, question):
    reply = chat.say(question)
    titles = [b["title"] for b in buttons(reply)]
    assert any("De Regenboog (Zwolle" in t for t in titles), titles
    assert any("De Regenboog (Kampen" in t for t in titles), titles
    assert_profile(press(chat, reply, "(Kampen"))


def test_a_partial_name_finds_the_school(chat):
    reply = chat.say("wat biedt het talent college in zwolle aan ondersteuning")
    assert "Het Talent College (voortgezet onderwijs, Zwolle)" in text(reply)
    assert_profile(reply)


def test_need_and_town(chat):
    reply = chat.say("autisme Zwolle")
    listed = re.findall(r"^\d\. (.+?) – .+?, (\w+)", text(reply), flags=re.M)
    assert len(listed) == 5
    assert listed[0][1] == "Zwolle"
    assert "autisme" in text(reply)
    assert "De volgorde zegt niets over hoe goed een school is" in text(reply)
    more = press(chat, reply, "Meer scholen")
    assert "Dit zijn 6 tot en met" in text(more)


def test_kind_of_school_and_need(chat):
    reply = chat.say("ik zoek een vo-school met een kleine klas")
    lines = re.findall(r"^\d\. .+? – (.+?), ", text(reply), flags=re.M)
    assert lines
    assert set(lines) == {"voortgezet onderwijs"}
    assert "kleine groep" in text(reply)


def test_near_a_postcode_area(chat):
    reply = chat.say("welke scholen zitten dichtbij 8021")
    assert "dichtst bij 8021" in text(reply)
    assert len(re.findall(r"^\d\. ", text(reply), flags=re.M)) == 5


def test_a_question_about_one_profile(chat):
    reply = chat.say("is het Talentcollege rolstoeltoegankelijk?")
    # Two schools are called Talentcollege: the parent picks, the question stays.
    answer = press(chat, reply, "Het Talent College")
    assert "Fysieke beperking en rolstoel (extra ondersteuning)" in text(answer)
    assert_profile(answer)
