"""Compare what people type without tripping over case, accents or spacing."""

import unicodedata


def _without_accents(text: str) -> str:
    """ "Oké" -> "Oke": the base letters, accents dropped (may change the length)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lowercase, accents off, single spaces: "Oké  Ja!" -> "oke ja!"."""
    return " ".join(_without_accents(text).lower().split())


def fold(text: str) -> str:
    """Letters and digits only, lowercase, accents off, everything else a space,
    and exactly as long as `text`, so a match in it is a match at the same place
    in what the user typed: "Het Mozaïek!" -> "het mozaiek "."""
    folded = []
    for char in text:
        base = _without_accents(char).lower()
        folded.append(base[0] if base and base[0].isalnum() else " ")
    return "".join(folded)
