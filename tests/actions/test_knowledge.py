"""The knowledge base: parsing, validation and re-reading edited articles."""

import os
import shutil
import time
from pathlib import Path

import pytest

from actions.knowledge import ArticleError, KnowledgeBase, parse_article
from actions.settings import ROOT

KNOWLEDGE = ROOT / "knowledge"
TERM_ARTICLE = KNOWLEDGE / "zorgplicht" / "zorgplicht-termijn.md"


def test_every_article_in_knowledge_parses():
    articles = KnowledgeBase(KNOWLEDGE).articles()
    assert articles, "knowledge/ holds no articles"
    for article in articles:
        assert article.sources
        assert article.intents, f"{article.id} is answered for no intent"


def test_term_article_states_six_weeks_and_four_week_extension():
    article = KnowledgeBase(KNOWLEDGE).for_intent("zorgplicht_termijn")
    assert article is not None
    assert "6 weken" in article.sections["Kort"]
    assert "4 weken" in article.sections["Kort"]


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    return tmp_path / "knowledge"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    stat = path.stat()
    path.write_text(text.replace(old, new), encoding="utf-8")
    # Make the change visible even on file systems with coarse timestamps.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_edited_article_is_served_without_restart(knowledge_copy: Path):
    base = KnowledgeBase(knowledge_copy, recheck_seconds=0.2)
    assert "hooguit 4 weken" in base.for_intent("zorgplicht_termijn").sections["Kort"]
    _edit(knowledge_copy / "zorgplicht" / "zorgplicht-termijn.md", "hooguit 4 weken", "hooguit vier weken")
    time.sleep(0.25)
    assert "hooguit vier weken" in base.for_intent("zorgplicht_termijn").sections["Kort"]


def test_one_turn_asking_for_several_articles_lists_the_folder_once(knowledge_copy: Path, monkeypatch):
    base = KnowledgeBase(knowledge_copy)
    looks = []
    listing = base._files
    monkeypatch.setattr(base, "_files", lambda: looks.append(1) or listing())
    article = base.for_intent("zorgplicht_termijn")
    for related in article.related:
        base.get(related)
    assert article.related
    assert len(looks) == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("status: wet", "status: misschien", "onbekende status"),
        ("id: zorgplicht-termijn", "id: iets-anders", "bestandsnaam"),
        ("## Volgende stap", "## Daarna", "Volgende stap"),
        ("checked: 2026-11-23", "checked: gisteren", "checked"),
    ],
)
def test_broken_article_is_refused_with_its_file_name(knowledge_copy: Path, old, new, message):
    path = knowledge_copy / "zorgplicht" / "zorgplicht-termijn.md"
    _edit(path, old, new)
    with pytest.raises(ArticleError, match=message) as error:
        KnowledgeBase(knowledge_copy).articles()
    assert "zorgplicht-termijn.md" in str(error.value)


def test_article_without_sources_is_refused(tmp_path: Path):
    path = tmp_path / "zonder-bron.md"
    path.write_text(
        "---\nid: zonder-bron\ntitle: T\nstatus: wet\nchecked: 2026-01-01\n---\n"
        "## Kort\na\n## Meer weten\nb\n## Volgende stap\nc\n",
        encoding="utf-8",
    )
    with pytest.raises(ArticleError, match="sources"):
        parse_article(path)
