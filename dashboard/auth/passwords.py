"""Password hashing with Argon2id (argon2-cffi, the algorithm recommended by OWASP).

The parameters are argon2-cffi's defaults (RFC 9106 low-memory profile); a hash made
with older parameters is upgraded at the next successful login (`needs_rehash`).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
MIN_LENGTH = 10
MAX_LENGTH = 1024  # Argon2 accepts more, but nobody types this; refuses a memory-hungry request
# A fixed hash verified when the username is unknown, so a login takes as long either way.
_DUMMY_HASH = _HASHER.hash("timing-equaliser-not-a-password")


class WeakPassword(ValueError):
    """The password is refused before hashing (too short or too long)."""


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"a password of at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"a password of at most {MAX_LENGTH} characters")


def hash_password(password: str) -> str:
    check_strength(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; never raises for a wrong or malformed hash."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
