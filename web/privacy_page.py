"""The privacy statement, written from the same settings the code uses, so it
cannot say 30 days while the purge uses 60."""

from html import escape

from web.opening_hours import SwvConfig
from web.settings import Settings


def privacy_html(settings: Settings, swv: SwvConfig) -> str:
    steunpunt, days = swv.steunpunt, settings.retention_days
    facts = [
        ("Wie is verantwoordelijk?",
         f"{steunpunt['name']}, het ouder- en jeugdsteunpunt van {swv.name}. Vragen over je gegevens: "
         f"{steunpunt['email']} of {steunpunt['phone']}."),
        ("Wat bewaren we?",
         "Je berichten en de antwoorden van Wegwijzer, en of een medewerker het gesprek heeft overgenomen. "
         "Voordat we iets opslaan, vervangen we burgerservicenummers, rekeningnummers (IBAN), "
         "telefoonnummers, e-mailadressen, adressen en geboortedata door een aanduiding zoals [TELEFOON]. "
         "Vraag je om teruggebeld of gemaild te worden, dan bewaren we het nummer of adres dat je daarvoor "
         "invult, zodat we je kunnen bereiken."),
        ("Waarom?",
         "Om je vraag te beantwoorden, om een medewerker het gesprek te laten overnemen als je dat wilt, en "
         "om het samenwerkingsverband te laten weten waar ouders en leerlingen tegenaan lopen. Dat laatste "
         "doen we alleen met tellingen van minstens 5 gesprekken, zonder namen of gespreksteksten."),
        ("Hoe lang?",
         f"Tot {days} dagen na je laatste bericht. Heb je gevraagd om teruggebeld te worden, dan bewaren we "
         f"je vraag tot we je hebben geholpen, en daarna nog {days} dagen. Daarna verwijderen we het gesprek "
         "automatisch, ook uit de chatbot."),
        ("Wie ziet het?",
         "Alleen medewerkers van het steunpunt die zijn ingelogd. De school, het samenwerkingsverband en "
         "anderen zien je gesprek niet."),
        ("Zelf wissen",
         "Met de knop 'Gesprek wissen' in de chat verwijder je het hele gesprek meteen. Wil je weten wat we "
         "van je hebben bewaard, of wil je een kopie? Neem contact op met het steunpunt; een medewerker kan "
         "je gesprek voor je downloaden."),
        ("Geen volgen",
         "De chat gebruikt geen cookies van anderen, geen advertenties en geen analyseprogramma's. In je "
         "browser bewaren we alleen het nummer van je gesprek, zodat je verder kunt na het herladen."),
    ]  # fmt: skip
    sections = "\n".join(f"<h2>{escape(title)}</h2>\n<p>{escape(text)}</p>" for title, text in facts)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy — Wegwijzer</title>
<link rel="stylesheet" href="/static/demo/demo.css">
</head>
<body>
<main class="content">
<h1>Privacy in de chat met Wegwijzer</h1>
{sections}
</main>
</body>
</html>
"""
