"""Flow files, domain, rules and articles agree: a mistake an editor or developer
makes in one of them is caught here, not by a parent mid-conversation."""

import re
import string

import pytest
import yaml

from actions.answer_article import knowledge_base
from actions.flow_control import ASK_ACTIONS
from actions.flow_definitions import flow_book
from actions.settings import ROOT

FLOWS = flow_book.all()
DOMAIN = yaml.safe_load((ROOT / "bot" / "domain" / "flows.yml").read_text(encoding="utf-8"))


def test_the_five_flows_exist():
    assert {f.id for f in FLOWS} == {
        "zorgplicht_termijn",
        "escalatieladder",
        "gpo_verzoek",
        "hoorrecht",
        "thuiszitten",
    }


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.id)
def test_domain_declares_the_form_its_questions_and_actions(flow):
    assert DOMAIN["forms"][flow.form]["required_slots"] == flow.slots
    assert flow.start_intent in DOMAIN["intents"]
    expected = {f"validate_{flow.form}", f"action_{flow.id}_result", *(f"action_ask_{s}" for s in flow.slots)}
    assert expected <= set(DOMAIN["actions"])


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.id)
def test_articles_named_by_a_flow_exist(flow):
    named = list(flow.articles)
    named += [o.extra["article"] for q in flow.questions for o in q.options if "article" in o.extra]
    assert [a for a in named if knowledge_base.get(a) is None] == []


def test_every_article_flow_exists():
    for article in knowledge_base.articles():
        assert article.flow is None or flow_book.get(article.flow), article.id


def test_every_ladder_step_says_what_to_bring():
    steps = flow_book.get("escalatieladder").question("el_stap").options
    assert all(s.extra.get("article") and s.extra.get("bring") for s in steps if s.value != "nog_niets")


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.id)
def test_texts_use_only_known_placeholders(flow):
    # A typo in a {placeholder} would crash the flow at its very end.
    known = {"datum", "label", "waarde", "beslisdatum", "weken", "aanmelddatum", "dagen",
             "beslisdatum_verlengd", "onderwerp", "stap", "regel", "wat"}  # fmt: skip
    for key, text in flow.texts.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        assert fields <= known, f"{flow.id}: {key}: {fields - known}"


def test_pupil_flow_speaks_to_the_pupil_as_je():
    flow = flow_book.get("hoorrecht")
    said = [flow.intro, *(q.ask for q in flow.questions), *flow.texts.values()]
    formal = [t for t in said if re.search(r"\b(u|uw)\b", t)]
    assert formal == []


def test_pupil_flow_never_asks_for_a_name_or_school():
    for question in flow_book.get("hoorrecht").questions:
        assert not re.search(r"\b(naam|welke school|adres|telefoon|e-?mail)\b", question.ask.lower())


def test_one_ask_action_per_question():
    names = {action().name() for action in ASK_ACTIONS}
    assert names == {f"action_ask_{slot}" for flow in FLOWS for slot in flow.slots}


def test_rules_start_finish_and_stop_every_flow():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "flows.yml").read_text(encoding="utf-8"))["rules"]
    steps = [r["steps"] for r in rules]
    for flow in FLOWS:
        assert {"intent": flow.start_intent} in [s[0] for s in steps]
        assert any({"action": f"action_{flow.id}_result"} in s for s in steps)
        assert any(
            r.get("condition") == [{"active_loop": flow.form}] and r["steps"][0] == {"intent": "flow_stop"}
            for r in rules
        )
