"""Who is Wegwijzer talking with: a parent, a pupil or a professional?

The user can say so (a button or "ik ben leerling"); otherwise the first
message often gives it away ("mijn zoon ..." vs "mijn mentor ..."). An
inferred audience is shown to the user once so they can correct it.
"""

import re
from typing import Optional

# Cues are deliberately narrow: a wrong guess costs more than no guess.
_PARENT = re.compile(
    r"\b(mijn|m'n|onze|ons)\s+(zoon|zoontje|dochter|dochtertje|kind|kinderen|kindje|pleegkind|kleinzoon|kleindochter)\b",
    re.IGNORECASE,
)
_PUPIL = re.compile(
    r"\b(mijn|m'n|me)\s+(ouders|moeder|vader|mama|papa|mam|pap|mentor|juf|meester|leraar|lerares)\b"
    r"|\bik\s+zit\s+in\s+(groep|klas|de\s+(brugklas|onderbouw|bovenbouw)|\d)"
    r"|\bik\s+ben\s+(1[0-8]|[89])\b",
    re.IGNORECASE,
)

AUDIENCE_INTENTS = {
    "audience_ouder": "ouder",
    "audience_leerling": "leerling",
    "audience_professional": "professional",
}


def infer_audience(text: str) -> Optional[str]:
    """'ouder' or 'leerling' when the message clearly says so, else None."""
    parent, pupil = bool(_PARENT.search(text)), bool(_PUPIL.search(text))
    if parent == pupil:
        return None
    return "ouder" if parent else "leerling"
