"""Import support profiles into Wegwijzer's database.

    python -m actions.sop import FILE [--db PATH]

FILE is a .json or .csv file in the format of knowledge/sop/README.md. The
whole file is checked first; on any error nothing is imported and every error
is listed with its line. Importing a newer file replaces the schools it names.
"""

import argparse
import sys
from pathlib import Path

from actions.settings import settings
from actions.sop.records import ImportRejected, read_schools
from actions.sop.store import import_postcodes, import_schools, open_db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.sop", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser("import", help="import a .json or .csv file of support profiles")
    importing.add_argument("file", type=Path)
    importing.add_argument("--db", type=Path, default=settings.sop_db, help=f"default: {settings.sop_db}")
    importing.add_argument("--postcodes", type=Path, default=settings.knowledge_dir / "sop" / "postcodes.csv")
    args = parser.parse_args(argv)

    try:
        schools = read_schools(args.file)
    except ImportRejected as rejected:
        print(f"Niets geïmporteerd: {len(rejected.errors)} fout(en) in {args.file}:", file=sys.stderr)
        for error in rejected.errors:
            print(f"- {error}", file=sys.stderr)
        return 1
    except FileNotFoundError:
        print(f"Bestand niet gevonden: {args.file}", file=sys.stderr)
        return 1
    db = open_db(args.db)
    if args.postcodes.is_file():
        import_postcodes(db, args.postcodes)
    count = import_schools(db, schools)
    print(f"{count} scholen geïmporteerd in {args.db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
