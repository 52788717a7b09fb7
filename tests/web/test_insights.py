"""Signaleren: counts per period for the SWV board, only cells of 5 or more,
scrubbed unanswered questions, a CSV that a spreadsheet cannot be tricked by."""

import csv
import io
import json

import httpx
import pytest

from tests.web.staff_login import log_in


@pytest.fixture
def rasa_handler():
    """Answers like the real action server tags them: an article (with its topic), or unanswered."""

    def handle(request: httpx.Request) -> httpx.Response:
        payload = json.loads(request.content)
        sender, text = payload["sender"], payload["message"]
        if text.startswith("thuis"):
            custom = {
                "article": "thuiszitten-eerste-stappen",
                "sources": [],
                "handoff_hint": "Het kind zit thuis.",
            }
        elif text.startswith("school"):
            custom = {"school": "X", "school_name": "De Regenboog (Zwolle)", "sources": []}
        else:
            custom = {"unanswered": True}
        return httpx.Response(
            200,
            json=[{"recipient_id": sender, "text": "antwoord"}, {"recipient_id": sender, "custom": custom}],
        )

    return handle


def chat(client, *texts: str) -> str:
    conversation = client.post("/api/conversations").json()["conversation_id"]
    for text in texts:
        client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
    return conversation


def test_only_cells_of_five_or_more_are_shown(client):
    for _ in range(5):
        chat(client, "thuiszitten, wat nu", "wat is het weer morgen")
    for _ in range(2):
        chat(client, "school regenboog", "bel me op 0612345678 over de taart")
    log_in(client, "beheer", role="beheerder")
    rows = client.get("/api/medewerker/inzichten?per=maand").json()["rijen"]
    cells = {(r["categorie"], r["waarde"]): r["aantal"] for r in rows}
    assert cells[("Gesprekken", "totaal")] == 7
    assert cells[("Onderwerpen", "Thuiszitten")] == 5
    assert cells[("Situaties die een mens vragen", "Het kind zit thuis.")] == 5
    assert cells[("Vragen zonder antwoord", "wat is het weer morgen")] == 5
    # Two conversations about a school: not shown at all (a name plus a small number identifies).
    assert not [r for r in rows if r["categorie"] == "Scholen"]
    # The rare question is not listed; it is counted in the total, with identifiers scrubbed in storage.
    assert cells[("Niet beantwoord", "totaal")] == 7
    stored = [
        row["value"] for row in client.app.state.store.db.rows_where("signals", "kind = 'onbeantwoord'")
    ]
    assert "bel me op [TELEFOON] over de taart" in stored
    assert not any("0612345678" in value for value in stored)


def test_a_count_below_five_says_so(client):
    chat(client, "thuiszitten, wat nu")
    log_in(client, "beheer", role="beheerder")
    rows = client.get("/api/medewerker/inzichten?per=week").json()["rijen"]
    assert {
        "periode": "2026-W49",
        "categorie": "Onderwerpen",
        "waarde": "Thuiszitten",
        "aantal": None,
    } in rows


def test_only_a_beheerder_sees_insights(client):
    log_in(client, "anna")
    assert client.get("/api/medewerker/inzichten").status_code == 403
    assert client.get("/api/medewerker/inzichten.csv").status_code == 403


def test_the_csv_cannot_run_formulas(client):
    for _ in range(5):
        chat(client, '=HYPERLINK("http://x")')
    log_in(client, "beheer", role="beheerder")
    response = client.get("/api/medewerker/inzichten.csv?per=maand")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["periode", "categorie", "waarde", "gesprekken"]
    assert ["2026-12", "Vragen zonder antwoord", '\'=hyperlink("http://x")', "5"] in rows
    assert ["2026-12", "Gesprekken", "totaal", "5"] in rows
