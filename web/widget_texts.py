"""What the widget says before the bot does (knowledge/widget.yml): a welcome,
a short privacy notice and the choice "ouder / leerling / onderwijs"."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from web.config_file import ConfigFile
from web.replies import Button, ChatMessage


@dataclass(frozen=True)
class WidgetTexts:
    welcome: str
    privacy: str
    choice: str
    buttons: tuple[Button, ...]

    def opening(self, steunpunt: str, privacy_url: str) -> list[ChatMessage]:
        return [
            ChatMessage(text=self.welcome.format(steunpunt=steunpunt)),
            ChatMessage(text=self.privacy.format(privacy=privacy_url)),
            ChatMessage(text=self.choice, buttons=list(self.buttons)),
        ]


def _parse(raw: dict[str, Any]) -> WidgetTexts:
    return WidgetTexts(
        welcome=str(raw["welkom"]).strip(),
        privacy=str(raw["privacy"]).strip(),
        choice=str(raw["keuze"]).strip(),
        buttons=tuple(Button(title=str(b["titel"]), payload=str(b["payload"])) for b in raw["knoppen"]),
    )


def widget_texts_file(path: Path) -> ConfigFile[WidgetTexts]:
    return ConfigFile(path, _parse)
