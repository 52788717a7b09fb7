"""Guided flows as editors write them: knowledge/flows/<flow>.yml.

A flow file holds every sentence the flow says (questions, button labels,
explanations of a rejected answer, result texts, summary labels) and the
articles it explains with; the Python side only computes. `_algemeen.yml`
holds the texts all flows share; a flow file may override any of them
(the pupil flow does, to say "je" instead of "u").

Files are re-read when one changes, like the articles: no retraining.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from actions.settings import settings

KINDS = ("yes_no", "date", "choice", "text")
SHARED_FILE = "_algemeen.yml"


class FlowError(ValueError):
    """A flow file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    # "verwijder*" matches words starting with it, "school" only the word.
    keywords: Tuple[str, ...] = ()
    # Offered only when earlier answers match: {"el_onderwerp": ["tlv"]}.
    when: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    # Anything else the flow's own code reads (an article id, what to bring).
    extra: Dict[str, Any] = field(default_factory=dict)

    def applies(self, slots: Dict[str, Any]) -> bool:
        return all(slots.get(slot) in values for slot, values in self.when.items())


@dataclass(frozen=True)
class Question:
    slot: str
    kind: str
    ask: str
    label: str
    options: Tuple[Option, ...] = ()
    # A pupil's "what do you want to ask?" is answered with questions.
    questions_are_answers: bool = False

    def option(self, value: Any) -> Optional[Option]:
        return next((o for o in self.options if o.value == value), None)

    def options_for(self, slots: Dict[str, Any]) -> Tuple[Option, ...]:
        return tuple(o for o in self.options if o.applies(slots))


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    start_label: str
    audience: str
    intro: str
    articles: Tuple[str, ...]
    questions: Tuple[Question, ...]
    texts: Dict[str, str]
    data: Dict[str, Any] = field(default_factory=dict)

    @property
    def form(self) -> str:
        return f"{self.id}_form"

    @property
    def start_intent(self) -> str:
        return f"flow_{self.id}"

    @property
    def start_button(self) -> Dict[str, str]:
        return {"title": self.start_label, "payload": f"/{self.start_intent}"}

    @property
    def slots(self) -> List[str]:
        return [q.slot for q in self.questions]

    def question(self, slot: Optional[str]) -> Optional[Question]:
        return next((q for q in self.questions if q.slot == slot), None)

    def text(self, key: str, **values: Any) -> str:
        """A text of this flow with its {placeholders} filled in."""
        try:
            return self.texts[key].format(**values)
        except KeyError as missing:
            raise FlowError(f"{self.id}: tekst {key!r} of waarde {missing} ontbreekt") from None


def _options(raw: Any, shared: Dict[str, Any], kind: str, where: str) -> Tuple[Option, ...]:
    if kind == "yes_no":
        raw = raw or shared["yes_no"]
    if kind in ("yes_no", "choice") and not raw:
        raise FlowError(f"{where}: opties ontbreken")
    option_fields = {"label", "keywords", "when"}
    return tuple(
        Option(
            value=str(value),
            label=str(spec["label"]),
            keywords=tuple(str(k).lower() for k in spec.get("keywords") or ()),
            when={slot: tuple(values) for slot, values in (spec.get("when") or {}).items()},
            extra={k: v for k, v in spec.items() if k not in option_fields},
        )
        for value, spec in (raw or {}).items()
    )


def _question(slot: str, raw: Dict[str, Any], shared: Dict[str, Any], where: str) -> Question:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise FlowError(f"{where}: {slot}: kind moet een van {', '.join(KINDS)} zijn")
    missing = [key for key in ("ask", "label") if not raw.get(key)]
    if missing:
        raise FlowError(f"{where}: {slot}: {', '.join(missing)} ontbreekt")
    return Question(
        slot=slot,
        kind=kind,
        ask=str(raw["ask"]).strip(),
        label=str(raw["label"]),
        options=_options(raw.get("options"), shared, kind, f"{where}: {slot}"),
        questions_are_answers=bool(raw.get("questions_are_answers")),
    )


def parse_flow(path: Path, shared: Dict[str, Any]) -> Flow:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    where = path.name
    missing = [k for k in ("id", "title", "start_label", "audience", "intro", "questions") if not raw.get(k)]
    if missing:
        raise FlowError(f"{where}: verplichte velden ontbreken: {', '.join(missing)}")
    if raw["id"] != path.stem:
        raise FlowError(f"{where}: id {raw['id']!r} moet gelijk zijn aan de bestandsnaam")
    known = {"id", "title", "start_label", "audience", "intro", "articles", "questions", "texts"}
    return Flow(
        id=raw["id"],
        title=str(raw["title"]),
        start_label=str(raw["start_label"]),
        audience=str(raw["audience"]),
        intro=str(raw["intro"]).strip(),
        articles=tuple(raw.get("articles") or ()),
        questions=tuple(_question(slot, spec, shared, where) for slot, spec in raw["questions"].items()),
        texts={**shared["texts"], **{k: str(v).strip() for k, v in (raw.get("texts") or {}).items()}},
        data={k: v for k, v in raw.items() if k not in known},
    )


class FlowBook:
    """Every flow under one folder, re-read when a file there changes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._stamp: Tuple[Tuple[str, int], ...] = ()
        self._flows: Dict[str, Flow] = {}
        self._shared: Dict[str, Any] = {}

    def _load(self) -> Dict[str, Flow]:
        paths = sorted(self.root.glob("*.yml"))
        stamp = tuple((p.name, p.stat().st_mtime_ns) for p in paths)
        if stamp != self._stamp:
            shared = yaml.safe_load((self.root / SHARED_FILE).read_text(encoding="utf-8"))
            shared["texts"] = {k: str(v).strip() for k, v in shared["texts"].items()}
            flows = [parse_flow(p, shared) for p in paths if p.name != SHARED_FILE]
            self._shared, self._flows, self._stamp = shared, {f.id: f for f in flows}, stamp
        return self._flows

    def shared_text(self, key: str) -> str:
        self._load()
        return self._shared["texts"][key]

    def all(self) -> List[Flow]:
        return list(self._load().values())

    def get(self, flow_id: Optional[str]) -> Optional[Flow]:
        return self._load().get(flow_id or "")

    def by_form(self, form: Optional[str]) -> Optional[Flow]:
        return next((f for f in self._load().values() if f.form == form), None)

    def by_slot(self, slot: Optional[str]) -> Optional[Flow]:
        return next((f for f in self._load().values() if slot in f.slots), None)


flow_book = FlowBook(settings.knowledge_dir / "flows")
