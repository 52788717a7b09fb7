"""Messages about danger get the help lines; ordinary ones, however dramatic
their words, do not. The two lists in tests/safety are written as a counsellor
would sort them, including pupil slang and typos."""

from pathlib import Path

import pytest

from web.safety import SafetyFile
from web.settings import ROOT

CORPUS = Path(__file__).resolve().parent.parent / "safety"


def lines(name: str) -> list[str]:
    return [line.strip() for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def rules():
    return SafetyFile(ROOT / "knowledge" / "veiligheid.yml").rules()


def test_every_urgent_message_is_recognised(rules):
    missed = [text for text in lines("urgent.txt") if not rules.is_urgent(text)]
    print(f"recall {1 - len(missed) / len(lines('urgent.txt')):.1%}")
    assert missed == []


def test_no_ordinary_message_is_taken_for_danger(rules):
    raised = [text for text in lines("ordinary.txt") if rules.is_urgent(text)]
    print(f"false alarms {len(raised)} of {len(lines('ordinary.txt'))}")
    assert raised == []


def test_the_reply_has_every_help_line(rules):
    for number in ("112", "0800-0113", "0800-0432", "0800-2000"):
        assert number in rules.reply
