"""School lookup latency inside the action, for the demo SWV and a large one.

    .venv/rasa/bin/python bench/sop_lookup.py [--schools 5000] [--rounds 30] [--record]

Imports the demo profiles (66 schools) and a generated set of --schools
fictional schools into temporary databases, then times, per question:
- `entities`: finding schools, towns, postcodes and needs in the text (the
  NLU component's work, bot/school_entities.py), and
- `action`: ActionSchoolLookup.run with rasa_sdk, from tracker to messages.
The questions cover the three kinds: a school by name (with typos), schools
by need and place, and a question about one profile. Loading the
database and building the index and matcher happens once per import; that
load time is reported apart, and a warm-up round is not counted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from rasa_sdk import Tracker  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402
from report import publish  # noqa: E402

import actions.school_lookup as lookup  # noqa: E402
from actions.sop.mentions import MentionFinder  # noqa: E402
from actions.sop.records import Offer, School, read_schools  # noqa: E402
from actions.sop.search import ProfileIndex  # noqa: E402
from actions.sop.store import import_postcodes, import_schools, open_db  # noqa: E402
from actions.sop.vocabulary import CATEGORIES, LEVELS  # noqa: E402
from actions.sop.wording import Wording  # noqa: E402

QUESTIONS = [
    ("school_info", "regenboog"),
    ("school_info", "wat biedt de regenbooog voor dyslexie"),
    ("school_info", "is het Talentcollege rolstoeltoegankelijk?"),
    ("school_info", "wat biedt het talent college in zwolle"),
    ("school_zoeken", "autisme Zwolle"),
    ("school_zoeken", "een vo-school met een kleine klas"),
    ("school_zoeken", "dichtbij 8021"),
    ("school_zoeken", "basisschool met ervaring met adhd en dyslexie bij kampen"),
]
PREFIXES = ["OBS", "CBS", "RKBS", "Basisschool", "Kindcentrum", "IKC", "Daltonschool", "SBO", "SO", "VSO"]
NOUNS = """Regenboog Wegwijzer Kompas Fontein Boomgaard Horizon Morgenster Waterlelie Akker Schakel
Hoeksteen Vesting Zandloper Sleutelbloem Molenwiek Bongerd Hofstee Bosrand Zwanenhof Kruispunt
Wilgenhof Vlonder Baken Zonnebloem Zwaluw Kameleon Scharnier Klankkast Uitzicht Boei Vaarwater Palet
Stadstuin Zevensprong Mozaiek Marke Zonnewijzer Sterrenwacht Vlindertuin Klimop Driesprong Populier
Noorderlicht Eikenhorst Beukenhof Lindenhof Pimpernel Notenbalk Windroos Kiezel Duinroos Klaproos
Meander Tamboerijn Triangel Sprankel Springplank Ontdekking Toverbal Vuurtoren Piramide Globe""".split()


def generated_schools(count: int, postcodes: list[tuple[str, str]], seed: int = 5) -> list[School]:
    """A large fictional SWV: names repeat across towns, as they do in real life."""
    rng = random.Random(seed)
    today = date(2026, 12, 1)
    schools = []
    for number in range(count):
        pc4, town = rng.choice(postcodes)
        prefix = rng.choice(PREFIXES)
        sector = {"SBO": "sbo", "SO": "so", "VSO": "vso"}.get(prefix, rng.choice(["po", "po", "po", "vo"]))
        if sector == "vo":
            name = f"{rng.choice(NOUNS)} College {town}"
        else:
            name = f"{prefix} {rng.choice(['De', 'Het'])} {rng.choice(NOUNS)}"
        established = today - timedelta(days=rng.randint(30, 900))
        categories = rng.sample(sorted(CATEGORIES), rng.randint(3, 9))
        cluster = rng.randint(1, 4) if sector in ("so", "vso") else None
        brin = f"{10 + number // 676:02d}{chr(65 + number // 26 % 26)}{chr(65 + number % 26)}"
        schools.append(
            School(brin=brin, vestiging="00", name=name, sector=sector, cluster=cluster,
                   denomination="openbaar", address="Schoolstraat 1", postcode=f"{pc4} AB", town=town,
                   website="", phone="", email="", source="Schoolondersteuningsprofiel (gegenereerd)",
                   established=established, checked=established,
                   offers=[Offer(c, rng.choice(LEVELS), f"Aanbod voor {c}.", "") for c in categories])
        )  # fmt: skip
    return schools


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(db: Path, rounds: int) -> tuple[dict[str, list[float]], float]:
    index = ProfileIndex(db)
    finder = MentionFinder(index, Wording(ROOT / "knowledge" / "sop"))
    lookup.profile_index = index
    started = time.perf_counter()
    finder.find("laden")
    load_ms = (time.perf_counter() - started) * 1000
    timings: dict[str, list[float]] = {"entities": [], "action": []}
    # Round 0 warms up (the texts are read on first use) and is not counted.
    for round_number in range(rounds + 1):
        for intent, text in QUESTIONS:
            started = time.perf_counter()
            mentions = finder.find(text)
            entities_ms = (time.perf_counter() - started) * 1000
            entities = [m.as_entity() for m in mentions]
            latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities}
            tracker = Tracker("bench", {}, latest, [], False, None, {}, "action_listen")
            dispatcher = CollectingDispatcher()
            started = time.perf_counter()
            lookup.ActionSchoolLookup().run(dispatcher, tracker, {})
            action_ms = (time.perf_counter() - started) * 1000
            assert dispatcher.messages[0]["text"], text
            if round_number:
                timings["entities"].append(entities_ms)
                timings["action"].append(action_ms)
    return timings, load_ms


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--schools", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()

    postcodes_csv = ROOT / "knowledge" / "sop" / "postcodes.csv"
    demo = read_schools(ROOT / "knowledge" / "sop" / "demo-scholen.json")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, schools in [("demo", demo), ("generated", None)]:
            db_path = Path(folder) / f"{label}.db"
            db = open_db(db_path)
            import_postcodes(db, postcodes_csv)
            if schools is None:
                postcodes = [(r["pc4"], r["town"]) for r in db["postcodes"].rows]
                schools = [*demo, *generated_schools(args.schools - len(demo), postcodes)]
            import_schools(db, schools)
            timings, load_ms = measure(db_path, args.rounds)
            for part, values in timings.items():
                rows.append(
                    f"| {len(schools)} | {part} | {len(values)} | {statistics.median(values):.2f} | "
                    f"{percentile(values, 0.95):.2f} | {max(values):.2f} | {load_ms:.0f} |"
                )
    body = [
        f"{len(QUESTIONS)} questions × {args.rounds} rounds per database (names with typos, need + place, "
        "one profile).",
        "",
        "| schools | part | calls | p50 ms | p95 ms | max ms | first load ms |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        "`entities` = finding schools, towns, postcodes and needs in the text (the NLU component); "
        "`action` = ActionSchoolLookup.run from tracker to messages; `first load` = reading the database "
        "and building the name index and matcher, once per import.",
    ]
    publish("School lookup", ".venv/rasa/bin/python", body, args.record)


if __name__ == "__main__":
    main()
