"""Answer articles from knowledge/: Markdown files with YAML front matter.

An editor changes an answer by editing its file. The knowledge base re-reads
the folder whenever a file was added, removed or changed, so a new text is
served on the next question without retraining or restarting anything.
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

STATUSES = ("wet", "beleid", "plan", "praktijk")
AUDIENCES = ("ouder", "leerling", "professional")
REQUIRED_SECTIONS = ("Kort", "Meer weten", "Volgende stap")
# An article for parents and pupils carries a simpler pupil version of these.
PUPIL_SECTIONS = ("Kort (leerling)", "Volgende stap (leerling)")
# Word limits: the short answer must fit a phone screen.
MAX_WORDS = {
    "Kort": 60,
    "Kort (leerling)": 50,
    "Volgende stap": 60,
    "Volgende stap (leerling)": 50,
    "Meer weten": 180,
}


class ArticleError(ValueError):
    """An article file that cannot be served; the message names the file."""


@dataclass(frozen=True)
class Source:
    title: str
    ref: str


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    intents: Tuple[str, ...]
    audiences: Tuple[str, ...]
    sources: Tuple[Source, ...]
    status: str
    status_year: int
    checked: datetime.date
    related: Tuple[str, ...]
    handoff_hint: Optional[str]
    # The guided flow (knowledge/flows/<id>.yml) to offer under this answer.
    flow: Optional[str]
    sections: Dict[str, str]
    path: Path

    @property
    def has_pupil_version(self) -> bool:
        return PUPIL_SECTIONS[0] in self.sections

    def section_for(self, name: str, audience: Optional[str]) -> str:
        """The pupil version of a section when talking with a pupil and one exists."""
        if audience == "leerling":
            return self.sections.get(f"{name} (leerling)") or self.sections[name]
        return self.sections[name]


def _split_front_matter(text: str, path: Path) -> Tuple[dict, str]:
    if not text.startswith("---\n"):
        raise ArticleError(f"{path.name}: front matter (---) ontbreekt")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ArticleError(f"{path.name}: front matter wordt niet afgesloten met ---")
    meta = yaml.safe_load(text[4:end]) or {}
    if not isinstance(meta, dict):
        raise ArticleError(f"{path.name}: front matter is geen lijst van velden")
    return meta, text[end + 5 :]


def _split_sections(body: str) -> Dict[str, str]:
    sections: Dict[str, List[str]] = {}
    current: Optional[List[str]] = None
    for line in body.splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}


def parse_article(path: Path) -> Article:
    """Read one article file, raising ArticleError on anything an editor must fix."""
    meta, body = _split_front_matter(path.read_text(encoding="utf-8"), path)
    missing = [f for f in ("id", "title", "sources", "status", "checked") if not meta.get(f)]
    if missing:
        raise ArticleError(f"{path.name}: verplichte velden ontbreken: {', '.join(missing)}")
    if meta["status"] not in STATUSES:
        raise ArticleError(f"{path.name}: onbekende status {meta['status']!r}")
    audiences = tuple(meta.get("audiences") or ())
    unknown = [a for a in audiences if a not in AUDIENCES]
    if not audiences or unknown:
        raise ArticleError(f"{path.name}: audiences moet een lijst zijn uit {', '.join(AUDIENCES)}")
    sections = _split_sections(body)
    required = REQUIRED_SECTIONS + (PUPIL_SECTIONS if {"ouder", "leerling"} <= set(audiences) else ())
    absent = [s for s in required if not sections.get(s)]
    if absent:
        raise ArticleError(f"{path.name}: secties ontbreken: {', '.join(absent)}")
    words = {s: len(sections[s].split()) for s in MAX_WORDS if s in sections}
    too_long = [f"{s} ({words[s]} > {MAX_WORDS[s]})" for s in words if words[s] > MAX_WORDS[s]]
    if too_long:
        raise ArticleError(f"{path.name}: te veel woorden in {', '.join(too_long)}")
    try:
        sources = tuple(Source(str(s["title"]), str(s["ref"])) for s in meta["sources"])
    except (TypeError, KeyError):
        raise ArticleError(f"{path.name}: elke bron heeft een title en een ref nodig") from None
    checked = meta["checked"]
    if not isinstance(checked, datetime.date):
        raise ArticleError(f"{path.name}: checked is geen datum (JJJJ-MM-DD)")
    return Article(
        id=str(meta["id"]),
        title=str(meta["title"]),
        intents=tuple(meta.get("intents") or ()),
        audiences=audiences,
        sources=sources,
        status=meta["status"],
        status_year=int(meta.get("status_year") or 0),
        checked=checked,
        related=tuple(meta.get("related") or ()),
        handoff_hint=meta.get("handoff_hint"),
        flow=meta.get("flow"),
        sections=sections,
        path=path,
    )


class KnowledgeBase:
    """All articles under one folder, re-read when any file changes. The folder is
    looked at no more than once per `recheck_seconds`: one turn asks for several
    articles, and each look lists and stats every file (a profiled 3 ms per turn)."""

    def __init__(self, root: Path, recheck_seconds: float = 1.0) -> None:
        self.root = root
        self.recheck_seconds = recheck_seconds
        self._checked: tuple[Path, float] | None = None
        self._lock = threading.Lock()
        self._snapshot: Dict[Path, int] = {}
        self._by_intent: Dict[str, Article] = {}
        self._by_id: Dict[str, Article] = {}

    def _files(self) -> Dict[Path, int]:
        return {p: p.stat().st_mtime_ns for p in sorted(self.root.rglob("*.md")) if p.name != "README.md"}

    def _refresh(self) -> None:
        now = time.monotonic()
        if self._checked and self._checked[0] == self.root and now - self._checked[1] < self.recheck_seconds:
            return
        files = self._files()
        with self._lock:
            if files != self._snapshot:
                self._rebuild(files)
            self._checked = (self.root, now)

    def _rebuild(self, files: Dict[Path, int]) -> None:
        by_id: Dict[str, Article] = {}
        by_intent: Dict[str, Article] = {}
        for path in files:
            article = parse_article(path)
            if article.id != path.stem:
                raise ArticleError(f"{path.name}: id {article.id!r} moet gelijk zijn aan de bestandsnaam")
            for intent in article.intents:
                if intent in by_intent:
                    raise ArticleError(f"{path.name}: intent {intent} staat ook in {by_intent[intent].id}")
                by_intent[intent] = article
            by_id[article.id] = article
        for article in by_id.values():
            unknown = [r for r in article.related if r not in by_id]
            if unknown:
                raise ArticleError(f"{article.path.name}: related verwijst naar onbekende ids {unknown}")
        self._by_id, self._by_intent, self._snapshot = by_id, by_intent, files

    def articles(self) -> List[Article]:
        self._refresh()
        return list(self._by_id.values())

    def get(self, article_id: str) -> Optional[Article]:
        self._refresh()
        return self._by_id.get(article_id)

    def for_intent(self, intent: Optional[str]) -> Optional[Article]:
        self._refresh()
        return self._by_intent.get(intent or "")
