"""What the gateway says around a hand-over, and the console's outcome list and
standard texts (knowledge/overdracht.yml)."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from web.config_file import ConfigFile


@dataclass(frozen=True)
class HandoffTexts:
    user: dict[str, str]
    outcomes: tuple[str, ...]
    standard_texts: tuple[dict[str, str], ...]

    def say(self, key: str, **values: object) -> str:
        return self.user[key].format(**values)


def _parse(raw: dict[str, Any]) -> HandoffTexts:
    return HandoffTexts(
        user={key: str(value).strip() for key, value in raw["gebruiker"].items()},
        outcomes=tuple(str(o) for o in raw["uitkomsten"]),
        standard_texts=tuple(
            {"titel": str(t["titel"]), "tekst": str(t["tekst"])} for t in raw["standaardteksten"]
        ),
    )


def handoff_texts_file(path: Path) -> ConfigFile[HandoffTexts]:
    return ConfigFile(path, _parse)
