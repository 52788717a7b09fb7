"""The SWV's own details (knowledge/swv.yml): who runs this chat and how to reach a person.
Opening hours are the gateway's business (web/opening_hours.py)."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from actions.settings import settings


@dataclass(frozen=True)
class Steunpunt:
    name: str
    phone: str
    email: str


def load_steunpunt(path: Path = settings.knowledge_dir / "swv.yml") -> Steunpunt:
    # Read on every use: the file is tiny and an editor may have just changed it.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["steunpunt"]
    return Steunpunt(**{key: str(data[key]) for key in ("name", "phone", "email")})
