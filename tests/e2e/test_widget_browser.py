"""The chat widget on the demo SWV site, in Debian's chromium: one script tag,
isolated from the host page's styles, under a strict CSP; a conversation with
sources and buttons, a reload, a lost connection, a consultant's reply,
deleting the conversation; keyboard use, small screens and axe-core checks."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS, Console, serious

pytestmark = pytest.mark.e2e

PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}
LAUNCHER = "Vragen? Chat met Wegwijzer"
CSP_WATCH = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  if (event.sourceFile) window.cspViolations.push(`${event.violatedDirective} ${event.sourceFile}`);
});
"""


@pytest.fixture
def site(browser, stack):
    """A fresh visitor on the demo site; CSP violations and page errors are collected."""
    url = f"http://127.0.0.1:{stack.config.port}/"
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    # CSP violations caused by the page's own scripts (axe-core, run by the test, has no source file).
    page.add_init_script(CSP_WATCH)
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Nothing may be fetched from anywhere but the gateway (no CDN fonts, no analytics).
    page.on("request", lambda r: None if r.url.startswith(url) else problems.append(f"third party: {r.url}"))
    page.goto(url)
    yield page, context, problems
    context.close()


@contextmanager
def visit(browser, stack, path: str, viewport: dict = PHONE, **options) -> Iterator[Page]:
    """A new browser profile on one gateway page."""
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"http://127.0.0.1:{stack.config.port}{path}")
    try:
        yield page
    finally:
        context.close()


def ask(page: Page, text: str) -> None:
    page.get_by_label("Je bericht").fill(text)
    page.get_by_label("Je bericht").press("Enter")


def test_a_conversation_in_the_widget(site):
    page, context, problems = site
    # The host page keeps its own look; the widget keeps its own.
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Georgia")
    launcher = page.get_by_role("button", name=LAUNCHER)
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(0, 87, 122)"
    assert page.evaluate("document.querySelectorAll('link[rel=stylesheet], style').length") == 1

    # Keyboard: the launcher is reachable with Tab and opens with Enter; focus moves into the panel.
    launcher.focus()
    page.keyboard.press("Enter")
    first_choice = page.get_by_role("button", name="Ik ben ouder")
    expect(first_choice).to_be_focused()
    expect(page.get_by_text("Ik ben een computerprogramma", exact=False)).to_be_visible()
    assert serious(page) == []
    page.screenshot(path=SCREENSHOTS / "widget-welkom-390x844.png")

    page.keyboard.press("Enter")
    expect(page.get_by_text("Ik geef uitleg voor ouders", exact=False)).to_be_visible()
    ask(page, "hoe lang mag een school doen over het besluit na de aanmelding")
    answer = page.locator(".msg.bot").last
    expect(answer.locator(".sources")).to_contain_text("Bron:")
    expect(answer.locator("time")).to_have_count(1)
    page.get_by_role("button", name="Meer weten").last.click()
    expect(page.locator(".msg.bot")).to_have_count(6)
    assert serious(page) == []
    page.screenshot(path=SCREENSHOTS / "widget-antwoord-390x844.png")

    assert page.evaluate("window.cspViolations") == []

    # A reload, and a second tab, continue the same conversation.
    count = page.locator(".msg").count()
    page.reload()
    expect(page.locator(".msg")).to_have_count(count)
    second = context.new_page()
    second.goto(page.url)
    # The panel was open, so it opens in the new tab too, with the same conversation.
    expect(second.get_by_role("dialog")).to_be_visible()
    expect(second.locator(".msg")).to_have_count(count)
    second.close()

    # Escape closes the panel and gives focus back to the launcher; the conversation stays.
    page.get_by_label("Je bericht").focus()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher).to_be_focused()
    launcher.click()
    expect(page.locator(".msg")).to_have_count(count)
    page.set_viewport_size(LAPTOP)
    page.screenshot(path=SCREENSHOTS / "widget-antwoord-1280x800.png", animations="disabled")
    assert page.evaluate("window.cspViolations") == []
    assert problems == []


def test_a_lost_connection_loses_nothing(site):
    page, context, _ = site
    page.get_by_role("button", name=LAUNCHER).click()
    page.get_by_role("button", name="Ik ben ouder").click()
    expect(page.get_by_text("Ik geef uitleg voor ouders", exact=False)).to_be_visible()
    context.set_offline(True)
    ask(page, "wat is een opp")
    expect(page.get_by_role("status")).to_contain_text("geen verbinding")
    expect(page.locator(".msg.user.pending")).to_have_count(1)
    page.screenshot(path=SCREENSHOTS / "widget-offline-390x844.png")
    context.set_offline(False)
    expect(page.get_by_role("status")).to_contain_text("verbinding is terug", timeout=15_000)
    expect(page.locator(".msg.bot").last).to_contain_text("OPP")
    expect(page.locator(".msg.user.pending")).to_have_count(0)


def test_a_message_typed_offline_survives_a_reload(site):
    page, context, _ = site
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("button", name="Ik ben ouder")).to_be_visible()
    context.set_offline(True)
    ask(page, "wat is een tlv")
    expect(page.locator(".msg.user.pending")).to_have_count(1)
    context.set_offline(False)
    page.reload()
    expect(page.locator(".msg.bot").last).to_contain_text("TLV", timeout=15_000)


def test_a_consultant_answers_in_the_widget_and_the_user_erases_it_all(site, stack, gateway):
    page, _, _ = site
    anna = Console(stack, "anna")
    page.get_by_role("button", name=LAUNCHER).click()
    page.get_by_role("button", name="Praat met een medewerker").click()
    page.get_by_role("button", name="Ja, graag").click()
    expect(page.get_by_role("status")).to_contain_text("nummer")
    conversation = page.evaluate("Object.entries(localStorage).find(([k]) => k.endsWith(':id'))[1]")
    assert anna.act(f"/gesprekken/{conversation}/oppakken").status_code == 204
    anna.act(
        f"/gesprekken/{conversation}/berichten",
        {"tekst": "Hallo, met Anna. Lees ook https://www.example.nl/gids."},
    )
    expect(page.get_by_text("Hallo, met Anna.", exact=False)).to_be_visible(timeout=5_000)
    expect(page.locator(".msg.medewerker .who")).to_have_text("Medewerker Anna")
    # A link opens in a new window without access to this page.
    link = page.locator(".msg.medewerker a")
    expect(link).to_have_attribute("href", "https://www.example.nl/gids")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    assert serious(page) == []
    page.screenshot(path=SCREENSHOTS / "widget-medewerker-390x844.png")

    page.get_by_role("button", name="Gesprek wissen").click()
    expect(page.get_by_role("button", name="Nee, niet wissen")).to_be_focused()
    page.get_by_role("button", name="Ja, wis het gesprek").click()
    expect(page.get_by_role("status")).to_have_text("Het gesprek is gewist.")
    expect(page.locator(".msg")).to_have_count(0)
    assert gateway.get(f"/api/conversations/{conversation}").status_code == 404
    anna.close()


def test_small_screens_and_reduced_motion(browser, stack):
    with visit(browser, stack, "/", viewport={"width": 320, "height": 640}, reduced_motion="reduce") as page:
        page.get_by_role("button", name=LAUNCHER).click()
        panel = page.get_by_role("dialog")
        expect(panel).to_be_visible()
        box = panel.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 320
        assert panel.evaluate("p => getComputedStyle(p).animationName") == "none"
        # Nothing needs a horizontal scroll at 320 px (WCAG reflow).
        assert panel.evaluate("p => p.scrollWidth <= p.clientWidth")


def test_the_console_passes_axe(browser, stack):
    with visit(browser, stack, "/medewerker", viewport=LAPTOP) as page:
        expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
        assert serious(page) == []


def test_a_deep_link_opens_a_guided_flow_in_the_widget(browser, stack):
    with visit(browser, stack, "/?start=zorgplicht_termijn") as page:
        expect(page.get_by_role("dialog")).to_be_visible()
        expect(page.get_by_text("Ik reken met u uit", exact=False)).to_be_visible()
        # The link's ?start= is gone from the address: a reload continues, it does not start over.
        assert "start=" not in page.url
        page.reload()
        expect(page.get_by_text("Ik reken met u uit", exact=False)).to_have_count(1)


INJECTION = (
    '<img src=x onerror="document.title=\'gehackt\'"> <script>document.title="gehackt"</script> '
    "[klik](javascript:alert(1))"
)


def test_what_a_user_types_stays_text_in_the_widget(site):
    page, _, _ = site
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("button", name="Ik ben ouder")).to_be_visible()
    ask(page, INJECTION)
    mine = page.locator(".msg.user").last
    expect(mine).to_contain_text('<img src=x onerror="document.title=')
    expect(page.locator(".msg.bot").nth(3)).to_be_visible()  # the answer came back
    assert (
        page.locator("[data-wegwijzer]").evaluate("h => h.shadowRoot.querySelectorAll('img, script').length")
        == 0
    )
    assert page.locator(".msg a[href^='javascript']").count() == 0  # no javascript: link
    assert page.title() != "gehackt"
    page.reload()  # and the same after the history comes back from the server
    expect(page.locator(".msg.user").last).to_contain_text("<script>")
    assert (
        page.locator("[data-wegwijzer]").evaluate("h => h.shadowRoot.querySelectorAll('img, script').length")
        == 0
    )
    assert page.title() != "gehackt"
