"""Create a staff account from the command line (the first one cannot log in to make itself):

    .venv/web/bin/python -m web.staff toevoegen anna --naam "Anna de Vries" --rol beheerder

The password is asked twice without echo, or read from standard input with --wachtwoord-stdin.
"""

import argparse
import getpass
import sys

from web.clock import SystemClock
from web.settings import get_settings
from web.staff.accounts import ROLES, AccountError, Accounts
from web.storage import open_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web.staff", description="Medewerkers van het steunpunt")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("toevoegen", help="een account aanmaken")
    add.add_argument("gebruikersnaam")
    add.add_argument("--naam", default="", help="naam zoals gebruikers die zien, bijvoorbeeld 'Anna'")
    add.add_argument("--rol", choices=ROLES, default=ROLES[0])
    add.add_argument("--wachtwoord-stdin", action="store_true", help="wachtwoord van standaardinvoer lezen")
    commands.add_parser("lijst", help="alle accounts tonen")
    args = parser.parse_args(argv)

    accounts = Accounts(open_database(get_settings()), SystemClock())
    if args.command == "lijst":
        for account in accounts.all():
            print(f"{account.username}\t{account.name}\t{account.role}")
        return 0
    if args.wachtwoord_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Wachtwoord: ")
        if getpass.getpass("Nog een keer: ") != password:
            print("De wachtwoorden zijn niet gelijk.", file=sys.stderr)
            return 1
    try:
        account = accounts.create(args.gebruikersnaam, args.naam, args.rol, password)
    except AccountError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Account {account.username} ({account.role}) aangemaakt.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
