"""Checking the phone number or e-mail address a user leaves for a callback."""

import re

_PHONE_NOISE = re.compile(r"[\s\-().]")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def normalise_phone(text: str) -> str | None:
    """A Dutch number as ten digits (0612345678), or None. +31 and 0031 are
    accepted; foreign numbers are not: the steunpunt calls within the Netherlands."""
    digits = _PHONE_NOISE.sub("", text.strip())
    for prefix in ("+31", "0031"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix) :].removeprefix("0")
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        return digits
    return None


def normalise_email(text: str) -> str | None:
    address = text.strip().strip("<>").strip()
    if len(address) <= 254 and _EMAIL.fullmatch(address):
        return address.lower()
    return None
