"""Build the offline Dutch spaCy pipeline Rasa loads by path (see bot/config.yml).

A blank ``nl`` pipeline with the lookup lemmatiser: tokenisation and lemmas
without any model download. spacy-lookups-data is needed only here, at build time.
"""

import sys
from pathlib import Path

import spacy


def build(target: Path) -> None:
    nlp = spacy.blank("nl")
    # "rule" mode needs POS tags, which a blank pipeline does not have.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)


if __name__ == "__main__":
    build(Path(sys.argv[1]))
