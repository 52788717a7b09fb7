"""bot/action_response_validation.py: Rasa's check of action server answers,
with the schema checked once instead of on every call."""

import jsonschema
import pytest
from jsonschema.exceptions import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.action_response_validation import response_validator, validate_action_result

ANSWERS = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "doelgroep", "value": "ouder"}], "responses": [{"text": "Hoi"}]},
    {"events": [{"event": "followup", "name": "action_listen"}]},
    {"events": [{"event": "slot", "value": "ouder"}]},  # a slot event without a name
    {"events": "niet een lijst"},
    {"events": [{"event": "bestaat_niet"}]},
    {"responses": ["tekst in plaats van een object"]},
]


ACTION = RemoteAction("action_antwoord", None)


def _outcome(validate, answer: dict) -> str:
    """ "True", or the message of the ValidationError raised."""
    try:
        return str(validate(ACTION, answer))
    except ValidationError as error:
        return error.message


@pytest.mark.parametrize("answer", ANSWERS)
def test_same_verdict_and_message_as_rasa(answer):
    assert _outcome(validate_action_result, answer) == _outcome(RemoteAction._validate_action_result, answer)


def test_invalid_answers_are_refused():
    refused = [a for a in ANSWERS if _outcome(validate_action_result, a) != "True"]
    assert len(refused) == 4


def test_the_schema_is_checked_once_not_per_answer(monkeypatch):
    response_validator.cache_clear()
    checks = []
    cls = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
    original = cls.check_schema
    monkeypatch.setattr(cls, "check_schema", classmethod(lambda c, s: checks.append(1) or original(s)))
    for _ in range(20):
        validate_action_result(ACTION, ANSWERS[1])
    assert len(checks) == 1
