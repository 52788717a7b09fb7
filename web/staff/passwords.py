"""Password hashing with scrypt: memory-hard, in the standard library.

Stored as `scrypt$n$r$p$salt$hash` so the cost can rise later without
breaking existing accounts.
"""

import base64
import hashlib
import hmac
import secrets

# 2**15 * 8 * 128 bytes = 32 MB per check: slow for an attacker's GPU, fine for a login.
N, R, P = 2**15, 8, 1
MAX_MEMORY = 64 * 1024 * 1024


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=MAX_MEMORY, dklen=32)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, N, R, P)
    encode = base64.b64encode
    return f"scrypt${N}${R}${P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(actual, base64.b64decode(digest))


# Checked against an unknown user name, so a login takes as long either way.
DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
