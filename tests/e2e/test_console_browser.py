"""The console in a real browser (Debian's chromium): a consultant logs in with
the keyboard, takes over, replies, writes a note, closes, while the user's chat
page receives the reply live. What the user typed stays text in the console."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PASSWORD, SCREENSHOTS, add_staff, serious

pytestmark = pytest.mark.e2e

REPORTED = "<script>alert(1)</script> wat kost een pizza"
INJECTION = "<img src=x onerror=\"document.title='gehackt'\"> **vet** [link](javascript:alert(1))"


@pytest.fixture
def pages(browser, stack):
    """The user's chat page and the consultant's console, in separate browser profiles."""
    url = f"http://127.0.0.1:{stack.config.port}"
    user_context = browser.new_context(viewport={"width": 390, "height": 844})
    staff_context = browser.new_context(viewport={"width": 1280, "height": 800})
    user, staff = user_context.new_page(), staff_context.new_page()
    user.set_default_timeout(20_000)
    staff.set_default_timeout(20_000)
    yield url, user, staff
    user_context.close()
    staff_context.close()


def open_chat(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Vragen? Chat met Wegwijzer").click()
    expect(page.get_by_role("button", name="Ik ben ouder")).to_be_visible()


def ask(page: Page, text: str) -> None:
    page.get_by_label("Je bericht").fill(text)
    page.get_by_label("Je bericht").press("Enter")


def log_in_with_the_keyboard(staff: Page, url: str) -> None:
    staff.goto(f"{url}/medewerker")
    username = staff.get_by_label("Gebruikersnaam")
    expect(username).to_be_focused()
    staff.keyboard.type("carla")
    staff.keyboard.press("Tab")
    staff.keyboard.type(PASSWORD)
    staff.keyboard.press("Enter")
    expect(staff.get_by_text("Carla (consulent)")).to_be_visible()


def test_take_over_reply_note_and_close(pages, stack):
    url, user, staff = pages
    add_staff(stack, "carla")
    log_in_with_the_keyboard(staff, url)

    open_chat(user, url)
    ask(user, INJECTION)
    ask(user, "ik wil graag iemand van het steunpunt spreken")
    user.get_by_role("button", name="Ja, graag").click()
    expect(user.get_by_text(re.compile(r"nummer \d+ in de rij")).first).to_be_visible()

    # The queue refreshes by itself; the newest waiting conversation quotes the user's last words.
    item = staff.get_by_role("button", name=re.compile("ik wil graag iemand van het steunpunt spreken")).first
    item.focus()
    staff.keyboard.press("Enter")
    staff.get_by_role("button", name="Oppakken").focus()
    staff.keyboard.press("Enter")
    expect(staff.get_by_text("In behandeling", exact=True).first).to_be_visible()

    # The injected HTML is shown as text, not run and not rendered.
    transcript = staff.locator("#transcript")
    expect(transcript).to_contain_text("<img src=x onerror=\"document.title='gehackt'\">")
    assert transcript.locator("img").count() == 0
    assert staff.title() != "gehackt"

    staff.get_by_label("Standaardtekst invoegen").select_option(label="Begroeting")
    expect(staff.get_by_label("Antwoord aan de gebruiker")).to_have_value(
        re.compile("^Hallo, ik ben medewerker")
    )
    staff.get_by_label("Antwoord aan de gebruiker").fill("Hallo, ik ben Carla. Vertel het maar.")
    staff.get_by_role("button", name="Verstuur antwoord").click()
    staff.get_by_label("Nieuwe notitie").fill("Moeder klinkt gespannen; terugbellen aanbieden.")
    staff.get_by_role("button", name="Notitie opslaan").click()
    expect(staff.locator("#notes")).to_contain_text("terugbellen aanbieden")
    assert serious(staff) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    staff.screenshot(path=SCREENSHOTS / "console-gesprek-1280x800.png", full_page=True)

    # The user's page gets the notice and the reply live, never the note.
    expect(user.get_by_text("Carla van het steunpunt heeft het gesprek overgenomen.")).to_be_visible()
    expect(user.get_by_text("Hallo, ik ben Carla. Vertel het maar.")).to_be_visible(timeout=5_000)
    user.screenshot(path=SCREENSHOTS / "chat-medewerker-390x844.png", full_page=True)
    expect(user.get_by_text("terugbellen aanbieden")).to_have_count(0)

    # After a reload the user still sees the conversation.
    user.reload()
    expect(user.get_by_text("Hallo, ik ben Carla. Vertel het maar.")).to_be_visible()

    staff.get_by_label("Uitkomst").select_option("Informatie gegeven")
    staff.get_by_role("button", name="Afsluiten").click()
    expect(staff.locator("#conversation-state")).to_have_text("Afgerond")
    expect(user.get_by_text("De medewerker heeft het gesprek afgesloten.", exact=False)).to_be_visible()


def test_a_wrong_password_is_refused_in_dutch(pages, stack):
    url, _, staff = pages
    add_staff(stack, "dirk")
    staff.goto(f"{url}/medewerker")
    staff.get_by_label("Gebruikersnaam").fill("dirk")
    staff.get_by_label("Wachtwoord").fill("helemaal-niet-goed")
    staff.get_by_role("button", name="Inloggen").click()
    expect(staff.get_by_role("status")).to_have_text("Gebruikersnaam of wachtwoord klopt niet.")
    expect(staff.locator("#work-view")).to_be_hidden()


def test_a_beheerder_edits_standard_texts_and_reads_the_insights(pages, stack, gateway):
    url, _, staff = pages
    alerts: list[str] = []
    staff.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    # Five conversations the bot could not answer, with a script in them: the report lists the question.
    for _ in range(5):
        conversation = gateway.post("/api/conversations").json()["conversation_id"]
        gateway.post(f"/api/conversations/{conversation}/messages", json={"text": REPORTED})
    add_staff(stack, "eva", role="beheerder")
    staff.goto(f"{url}/medewerker")
    staff.get_by_label("Gebruikersnaam").fill("eva")
    staff.get_by_label("Wachtwoord").fill(PASSWORD)
    staff.get_by_role("button", name="Inloggen").click()

    staff.get_by_text("Standaardteksten beheren").click()
    staff.get_by_role("button", name="Tekst toevoegen").click()
    new_text = staff.locator("#texts-fields fieldset").last
    new_text.get_by_label("Titel").fill("Weekend")
    new_text.get_by_label("Tekst").fill("Fijn weekend, tot maandag.")
    staff.get_by_role("button", name="Standaardteksten opslaan").click()
    expect(staff.get_by_role("status")).to_have_text("De standaardteksten zijn opgeslagen.")
    choices = staff.get_by_label("Standaardtekst invoegen").locator("option", has_text="Weekend")
    expect(choices).to_have_count(1)

    staff.get_by_role("link", name="Inzichten").click()
    expect(staff.get_by_role("heading", name="Gesprekken")).to_be_visible()
    expect(staff.get_by_role("cell", name=REPORTED)).to_have_count(1)
    assert staff.locator("main script").count() == 0
    assert alerts == []
    assert serious(staff) == []
    expect(staff.get_by_role("link", name="Download als CSV")).to_have_attribute(
        "href", re.compile("per=week")
    )
    staff.screenshot(path=SCREENSHOTS / "inzichten-1280x800.png", full_page=True)
