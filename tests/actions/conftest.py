"""Action tests run with rasa_sdk only: a Tracker in, the dispatcher's messages out."""

from pathlib import Path

import pytest

from actions.answer_article import knowledge_base
from tests.actions.factories import write_article


@pytest.fixture
def knowledge(tmp_path, monkeypatch) -> Path:
    """A small knowledge folder served by the action server's shared knowledge base."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    write_article(folder, "hoorrecht", "leerling_hoorrecht", "ouder, leerling", related="opp-uitleg")
    write_article(folder, "opp-uitleg", "opp_uitleg")
    write_article(folder, "opp-instemming", "opp_instemming")
    monkeypatch.setattr(knowledge_base, "root", folder)
    return folder


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The fictional demo SWV's school profiles, imported as `make run` does."""
    from actions.settings import ROOT
    from actions.sop.records import read_schools
    from actions.sop.store import import_postcodes, import_schools, open_db

    path = tmp_path_factory.mktemp("sop") / "sop.db"
    db = open_db(path)
    import_postcodes(db, ROOT / "knowledge" / "sop" / "postcodes.csv")
    import_schools(db, read_schools(ROOT / "knowledge" / "sop" / "demo-scholen.json"))
    return path
