"""Replace identifiers in text that is kept beyond the live conversation (the
SWV report's unanswered questions): e-mail, phone, IBAN, BSN-like numbers,
postcode with house number. Deliberately eager: a report loses nothing by a
masked order number, a parent loses a lot by a leaked BSN."""

import re

_RULES = (
    (re.compile(r"[\w.%+\-]+@[\w\-]+(\.[\w\-]+)+"), "[e-mail]"),
    (re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(\s?\d){10}\b", re.IGNORECASE), "[iban]"),
    (re.compile(r"(\+31|0031|\b0)[\s\-]?[1-9](?:[\s\-]?\d){8}\b"), "[telefoon]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\s+\d+\s?[a-z]?\b", re.IGNORECASE), "[adres]"),
    (re.compile(r"\b\d(?:[\s.]?\d){7,8}\b"), "[nummer]"),
)


def scrub(text: str) -> str:
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    return text
