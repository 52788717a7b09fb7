"""Find personal identifiers in Dutch chat text, as a spaCy pipeline: a blank
Dutch tokenizer and one component that proposes candidates by pattern and keeps
only those a validator accepts (the BSN's 11-proef, the IBAN's mod-97, a Dutch
phone number's length, a birth date's context). Found spans are `doc.ents`.

Deliberately not a statistical model: this must be predictable, fast, and
explainable to a privacy officer ("a 9-digit number that passes the 11-proef").
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

BSN, IBAN, PHONE, EMAIL, ADDRESS, BIRTH_DATE = "BSN", "IBAN", "TELEFOON", "E-MAIL", "ADRES", "GEBOORTEDATUM"

_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|mrt|apr|jun|jul|aug|sept?|okt|nov|dec)\.?"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
    rf"|\d{{1,2}}\s+{_MONTHS}\s+(?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2}-\d{2}-\d{2})"
)
_POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z])"
_HOUSE_NUMBER = r"\d{1,5}(?:\s?[a-zA-Z](?![A-Za-z]))?(?:-\d{1,4})?"
_STREET = (
    r"(?:[A-Z][a-zà-ÿ'-]*(?:straat|laan|weg|plein|dijk|gracht|kade|singel|hof|steeg|pad|dreef|park|markt|"
    r"erf|veld|baan|wal|poort|kamp|akker|haven|brink|zoom|ring|rade|es)"
    # Typed in lower case ("hoofdweg 123"): only endings that are hardly ever anything but a street.
    r"|\b[a-z][a-zà-ÿ'-]{2,}(?:straat|laan|weg|gracht|singel|dreef|kade|dijk))"
)


def _bsn_ok(digits: str) -> bool:
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _iban_ok(text: str) -> bool:
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    if compact.startswith("NL") and not re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _phone_ok(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0031"):
        digits = "0" + digits[4:].removeprefix("0")
    elif text.lstrip().startswith("+31"):
        digits = "0" + digits[2:].removeprefix("0")
    if not re.fullmatch(r"0[1-9]\d{8}", digits):
        return False
    # Service numbers (0800, 0900, 0906, 0909) belong to organisations, not people.
    return not re.match(r"0(800|900|906|909)", digits)


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    valid: Callable[[str], bool] = lambda text: True
    # The regex group(s) that are the identifier (0: the whole match; of several, the one that matched).
    group: int | str | tuple[str, ...] = 0
    # Words the pattern may have taken from the text after the identifier ("... 0579 omdat"):
    # when the whole match fails the check, try again without up to this many.
    trailing_words: int = 0


RULES = (
    _Rule(EMAIL, re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")),
    _Rule(
        IBAN,
        re.compile(
            r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])"
        ),
        _iban_ok,
        trailing_words=2,
    ),
    _Rule(
        ADDRESS,
        re.compile(
            rf"{_STREET}\s+{_HOUSE_NUMBER}(?:,?\s+{_POSTCODE}(?:\s+[A-Z][a-z]+)?)?"
            rf"|{_POSTCODE},?\s+(?:(?:huisnr|huisnummer|nr)\.?:?\s*)?{_HOUSE_NUMBER}(?![\d:])"
            rf"|\b(?:huisnr|huisnummer)\.?:?\s*{_HOUSE_NUMBER},?\s+(?:postcode:?\s+)?{_POSTCODE}"
            # Not a PO box: "Postbus 1234, 3500 AA" is an organisation's address.
            rf"|(?<![\d,.])(?<![Pp]ostbus )\d{{1,5}}[a-zA-Z]?,?\s+{_POSTCODE}"
        ),
    ),
    _Rule(
        PHONE,
        re.compile(
            # Not the digits of an IBAN after its bank code ("ASNB 0527 4758 21").
            r"(?<![\w+])(?<![A-Z]{4} )"
            # Digits apart by a space, a dash or a dot, or " - " ("010 - 418 27 36").
            r"(?:(?:\+31|0031)[\s-]?(?:\(0\))?[\s-]?[1-9]|\(?0[1-9]\d{0,2}\)?)(?:(?:\s?[-.]\s?|\s)?\d){6,9}(?![\d])"
        ),
        _phone_ok,
    ),
    _Rule(
        BSN,
        re.compile(r"(?<![\d.,-])\d(?:[.\s-]?\d){8}(?!\d|[.,-]\d)"),
        lambda t: _bsn_ok(re.sub(r"\D", "", t)),
    ),
    _Rule(
        BIRTH_DATE,
        re.compile(
            rf"\b(?:geboren\b|geb\b\.?(?:\s*datum\b)?|gebdatum\b|geboortedatum\b|geboortedag\b)[^.?!\n\d]{{0,25}}?(?P<date>{_DATE})"
            rf"|(?P<before>{_DATE})(?=\s+(?:(?:is|was|werd|ben)\s+)?geboren\b)",
            re.IGNORECASE,
        ),
        group=("date", "before"),
    ),
)


def candidates(text: str) -> Iterator[tuple[str, int, int]]:
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            groups = rule.group if isinstance(rule.group, tuple) else (rule.group,)
            start, end = next(match.span(g) for g in groups if match.span(g) != (-1, -1))
            ends = [end, *(start + cut for cut in _word_ends(text[start:end], rule.trailing_words))]
            valid = next((e for e in ends if rule.valid(text[start:e])), None)
            if valid is not None:
                yield rule.kind, start, valid


def _word_ends(matched: str, words: int) -> list[int]:
    """Where the match ends without its last 1, 2, ... `words` words."""
    gaps = [m.start() for m in re.finditer(r"\s+", matched)]
    return gaps[::-1][:words]


@Language.component("identifier_finder")
def identifier_finder(doc: Doc) -> Doc:
    spans = []
    for kind, start, end in candidates(doc.text):
        span = doc.char_span(start, end, label=kind, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    # Earlier rules win ties: an e-mail address is not also a phone number.
    doc.ents = filter_spans(spans)
    return doc


def build_pipeline() -> Language:
    nlp = spacy.blank("nl")
    nlp.add_pipe("identifier_finder")
    return nlp
