"""Entities the answers and later steps use, normalised by synonyms."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.model_only]


def _entities(parse, text: str) -> dict[str, str]:
    return {e["entity"]: e["value"] for e in parse(text)["entities"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("moet mijn zoon naar het speciaal basisonderwijs", {"school_type": "sbo"}),
        ("mijn dochter gaat volgend jaar naar de middelbare school", {"school_type": "vo"}),
        ("ze heeft een tlv voor cluster 4 gekregen", {"cluster": "cluster 4"}),
        ("mijn zoon is 12 jaar en zit thuis", {"age": "12 jaar"}),
        ("we hebben hem op 15 maart aangemeld", {"date": "15 maart"}),
        ("aangemeld op 3-2-2026, nog geen besluit", {"date": "3-2-2026"}),
    ],
)
def test_entities_are_found_and_normalised(parse, text, expected):
    assert expected.items() <= _entities(parse, text).items()


def test_no_entities_in_a_plain_question(parse):
    assert _entities(parse, "wat is een opp") == {}
