"""Compare what people type without tripping over case, accents or spacing."""

import unicodedata


def normalise(text: str) -> str:
    """Lowercase, accents off, single spaces: "Oké  Ja!" -> "oke ja!"."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())
