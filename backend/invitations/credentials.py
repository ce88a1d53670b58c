"""What an invitation gives a candidate: an unguessable link token and temporary credentials (seed 004).

* The link token carries 256 bits of randomness; only its SHA-256 is stored (a lookup is one index probe).
* The access code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 40 bits: enough
  with at most 3 failed attempts. It is stored as an HMAC keyed with the server's secret, so a copy of the
  database alone does not let anyone try codes offline.
* The username is `firstname_1234`: the first name in lower-case ASCII and the last four digits of the phone.
  Without a phone (or fewer than four digits) the four digits are random. A username already used by a working
  link of the organization gets a suffix (`ada_1234_2`).
"""

import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterator

from backend.auth.tokens import hash_secret, signing_secret

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_FAILED_ATTEMPTS = 3


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def hash_link_token(token: str) -> str:
    return hash_secret(token)


def new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """Candidates copy codes with spaces or dashes and in lower case."""
    return re.sub(r"[\s-]", "", code).upper()


def hash_access_code(code: str) -> str:
    key = hashlib.sha256(b"interviewflow-access-code:" + signing_secret().encode()).digest()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def code_matches(code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_access_code(code), stored_hash)


def username_base(first_name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", first_name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]", "", ascii_name)[:20]
    return base or "candidate"


def phone_digits(phone: str | None) -> str | None:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-4:] if len(digits) >= 4 else None


def usernames(first_name: str, phone: str | None) -> Iterator[str]:
    """Usernames to try, best first: `ada_1234` (phone), then suffixed; or random digits without a phone."""
    base = username_base(first_name)
    digits = phone_digits(phone)
    if digits is not None:
        yield f"{base}_{digits}"
        for n in range(2, 100):
            yield f"{base}_{digits}_{n}"
    for _ in range(50):
        yield f"{base}_{secrets.randbelow(10_000):04d}"
    while True:
        yield f"{base}_{secrets.token_hex(4)}"
