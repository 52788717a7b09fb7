"""The consultants' API: login and roles, the queue, taking over, replying,
notes, transfer, closing and handing back (gateway with a Rasa stand-in)."""

import json
from datetime import timedelta

import httpx
import pytest

from tests.web.staff_login import PASSWORD, add_account, log_in
from web.handoff import BOT, CLOSED, QUEUED, STAFF, URGENT


@pytest.fixture
def rasa_handler(rasa_calls):
    """Rasa answers turns, accepts tracker events, and returns a tracker."""

    def handle(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json={"slots": {"audience": "ouder"}, "events": []})
        payload = json.loads(request.content)
        rasa_calls.append({"path": request.url.path, **payload})
        if request.url.path.endswith("/tracker/events"):
            return httpx.Response(200, json={})
        return httpx.Response(
            200, json=[{"recipient_id": payload["sender"], "text": "bot: " + payload["message"]}]
        )

    return handle


def waiting_conversation(client, text: str = "mijn zoon zit al 3 weken thuis") -> str:
    conversation = client.post("/api/conversations").json()["conversation_id"]
    client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
    client.app.state.handoff.request_person(conversation, "gevraagd")
    return conversation


def act(client, csrf: str, path: str, body: dict | None = None) -> httpx.Response:
    return client.post(f"/api/medewerker{path}", json=body or {}, headers={"X-CSRF-Token": csrf})


def test_staff_endpoints_need_a_login(client):
    conversation = waiting_conversation(client)
    assert client.get("/api/medewerker/wachtrij").status_code == 401
    assert client.get(f"/api/medewerker/gesprekken/{conversation}").status_code == 401
    assert client.post(f"/api/medewerker/gesprekken/{conversation}/oppakken").status_code == 401


def test_wrong_passwords_lock_the_account_for_a_while(client, clock):
    add_account(client, "anna")
    wrong = {"gebruikersnaam": "anna", "wachtwoord": "niet-het-wachtwoord"}
    for _ in range(5):
        assert client.post("/api/medewerker/login", json=wrong).status_code == 401
    right = {"gebruikersnaam": "anna", "wachtwoord": PASSWORD}
    assert client.post("/api/medewerker/login", json=right).status_code == 429
    clock.advance(timedelta(minutes=16))
    assert client.post("/api/medewerker/login", json=right).status_code == 200


def test_the_session_cookie_is_http_only_and_strict(client):
    add_account(client, "anna")
    response = client.post("/api/medewerker/login", json={"gebruikersnaam": "anna", "wachtwoord": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    # Only a hash of the token is stored.
    token = response.cookies["wegwijzer_medewerker"]
    assert token not in json.dumps(client.app.state.store.db.rows_where("staff_sessions"))


def test_a_change_without_the_csrf_token_is_refused(client):
    conversation = waiting_conversation(client)
    log_in(client)
    assert act(client, "verkeerd", f"/gesprekken/{conversation}/oppakken").status_code == 403
    assert client.app.state.handoff.state(conversation) == QUEUED


def test_the_queue_shows_urgent_first_with_waiting_time_and_alarm(client, clock):
    first = waiting_conversation(client)
    clock.advance(timedelta(minutes=4))
    danger = client.post("/api/conversations").json()["conversation_id"]
    client.post(f"/api/conversations/{danger}/messages", json={"text": "ik wil dood"})
    clock.advance(timedelta(minutes=7))
    log_in(client)
    queue = client.get("/api/medewerker/wachtrij").json()
    assert [item["id"] for item in queue["wachtend"]] == [danger, first]
    urgent, normal = queue["wachtend"]
    assert urgent["prioriteit"] == URGENT
    assert (normal["wacht_minuten"], normal["alarm"]) == (11, True)  # alarm after 10 minutes (swv.yml)
    assert (urgent["wacht_minuten"], urgent["alarm"]) == (7, False)
    assert normal["laatste_bericht"] == "mijn zoon zit al 3 weken thuis"
    assert (normal["reden"], urgent["reden"]) == ("gevraagd", "veiligheid")


def test_claim_reply_note_and_hand_back(client, rasa_calls):
    conversation = waiting_conversation(client)
    csrf = log_in(client)["csrf"]
    assert act(client, csrf, f"/gesprekken/{conversation}/oppakken").status_code == 204
    assert (
        act(
            client, csrf, f"/gesprekken/{conversation}/berichten", {"tekst": "Hallo, ik ben Anna."}
        ).status_code
        == 201
    )
    assert (
        act(
            client, csrf, f"/gesprekken/{conversation}/notities", {"tekst": "Lijkt op thuiszitten."}
        ).status_code
        == 201
    )

    # The user sees the notice and the reply, never the note.
    history = client.get(f"/api/conversations/{conversation}").json()
    assert history["state"] == STAFF
    lines = [(m["sender"], m["text"]) for m in history["messages"]]
    assert ("systeem", "Anna van het steunpunt heeft het gesprek overgenomen.") in lines
    assert ("medewerker", "Hallo, ik ben Anna.") in lines
    assert "Lijkt op thuiszitten." not in json.dumps(history)
    # Rasa's tracker gets the reply as a bot turn marked with the consultant.
    [logged] = [c for c in rasa_calls if c.get("event") == "bot"]
    assert logged["metadata"] == {"medewerker": "anna"}

    view = client.get(f"/api/medewerker/gesprekken/{conversation}").json()
    assert [n["tekst"] for n in view["notities"]] == ["Lijkt op thuiszitten."]
    assert [line["afzender"] for line in view["berichten"]] == ["user", "bot", "systeem", "medewerker"]
    assert view["kaart"]["audience"] == "ouder"
    assert view["kaart"]["own_words"] == ["mijn zoon zit al 3 weken thuis"]

    assert act(client, csrf, f"/gesprekken/{conversation}/teruggeven").status_code == 204
    reply = client.post(f"/api/conversations/{conversation}/messages", json={"text": "nog een vraag"}).json()
    assert reply["state"] == BOT
    assert reply["messages"][0]["text"] == "bot: nog een vraag"


def test_only_the_consultant_who_has_it_can_reply(client):
    conversation = waiting_conversation(client)
    anna = log_in(client, "anna")["csrf"]
    assert act(client, anna, f"/gesprekken/{conversation}/oppakken").status_code == 204
    bram = log_in(client, "bram")["csrf"]  # the test client now carries Bram's cookie
    assert act(client, bram, f"/gesprekken/{conversation}/oppakken").status_code == 409
    assert act(client, bram, f"/gesprekken/{conversation}/berichten", {"tekst": "hoi"}).status_code == 409


def test_transfer_to_a_colleague_and_close_with_an_outcome(client):
    conversation = waiting_conversation(client)
    add_account(client, "bram", name="Bram")
    anna = log_in(client, "anna")["csrf"]
    act(client, anna, f"/gesprekken/{conversation}/oppakken")
    assert act(client, anna, f"/gesprekken/{conversation}/overdragen", {"aan": "bram"}).status_code == 204
    assert client.app.state.handoff.assignee(conversation) == "bram"
    bram = log_in(client, "bram")["csrf"]
    assert (
        act(client, bram, f"/gesprekken/{conversation}/afsluiten", {"uitkomst": "Zomaar iets"}).status_code
        == 422
    )
    outcome = {"uitkomst": "Advies over de volgende stap"}
    assert act(client, bram, f"/gesprekken/{conversation}/afsluiten", outcome).status_code == 204
    assert client.app.state.handoff.state(conversation) == CLOSED
    history = client.app.state.handoff.history(conversation)
    assert [(t["actor"], t["reason"]) for t in history[-2:]] == [
        ("anna", "overgedragen aan bram"),
        ("bram", "Advies over de volgende stap"),
    ]
    notices = [m.text for m in client.app.state.store.messages(conversation) if m.sender == "systeem"]
    assert notices[-2:] == [
        "Je gesprek is overgedragen aan Bram van het steunpunt.",
        "De medewerker heeft het gesprek afgesloten. Heb je later nog een vraag? "
        "Stuur dan gewoon een bericht.",
    ]


def test_standard_texts_are_edited_by_a_beheerder_only(client):
    consultant = log_in(client, "anna")["csrf"]
    texts = client.get("/api/medewerker/instellingen").json()["standaardteksten"]
    assert texts[0]["titel"] == "Begroeting"
    new = [{"titel": "Hallo", "tekst": "Goedemiddag, u spreekt met het steunpunt."}]
    put = client.put("/api/medewerker/standaardteksten", json=new, headers={"X-CSRF-Token": consultant})
    assert put.status_code == 403
    admin = log_in(client, "beheer", role="beheerder")["csrf"]
    put = client.put("/api/medewerker/standaardteksten", json=new, headers={"X-CSRF-Token": admin})
    assert put.status_code == 204
    assert client.get("/api/medewerker/instellingen").json()["standaardteksten"] == new


def test_logout_ends_the_session(client):
    csrf = log_in(client)["csrf"]
    assert client.post("/api/medewerker/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/medewerker/wachtrij").status_code == 401


def test_a_conversation_can_be_exported_for_an_access_request(client):
    conversation = waiting_conversation(client, "Mijn dochter zit thuis, mail me op ouder@voorbeeld.nl")
    assert client.get(f"/api/medewerker/gesprekken/{conversation}/export").status_code == 401
    csrf = log_in(client)["csrf"]
    act(client, csrf, f"/gesprekken/{conversation}/notities", {"tekst": "Terugbellen dinsdag."})
    exported = client.get(f"/api/medewerker/gesprekken/{conversation}/export")
    assert exported.headers["content-disposition"].endswith('.json"')
    data = exported.json()
    assert data["berichten"][0]["tekst"] == "Mijn dochter zit thuis, mail me op [E-MAIL]"
    assert data["notities"][0]["tekst"] == "Terugbellen dinsdag."
    text = client.get(f"/api/medewerker/gesprekken/{conversation}/export?vorm=tekst")
    assert text.headers["content-type"].startswith("text/plain")
    assert "Gebruiker: Mijn dochter zit thuis, mail me op [E-MAIL]" in text.text
    assert client.get("/api/medewerker/gesprekken/bestaat-niet/export").status_code == 404
