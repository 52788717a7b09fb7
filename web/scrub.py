"""Replace personal identifiers before anything is kept beyond the live
conversation: "bel 06-12345678" -> "bel [TELEFOON]" (web/identifiers.py finds them)."""

from functools import lru_cache

from spacy.language import Language

from web.identifiers import build_pipeline, candidates


@lru_cache(maxsize=1)
def _pipeline() -> Language:
    return build_pipeline()


def found(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every identifier, in order."""
    return [(ent.label_, ent.text) for ent in _pipeline()(text).ents]


def scrub(text: str) -> str:
    # Most messages hold no identifier: the patterns alone say so, without
    # spaCy's tokenizer (a third of what scrubbing a message cost).
    if next(candidates(text), None) is None:
        return text
    doc = _pipeline()(text)
    parts, last = [], 0
    for ent in doc.ents:
        parts += [text[last : ent.start_char], f"[{ent.label_}]"]
        last = ent.end_char
    return "".join(parts) + text[last:]
