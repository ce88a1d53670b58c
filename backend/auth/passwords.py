"""Password hashing (passlib API over argon2, from the maintained `libpass` fork) and the password policy."""

from functools import lru_cache

from passlib.context import CryptContext

from backend.config import get_settings
from backend.errors import ValidationFailed


@lru_cache
def _context() -> CryptContext:
    s = get_settings()
    return CryptContext(
        schemes=["argon2"],
        argon2__time_cost=s.argon2_time_cost,
        argon2__memory_cost=s.argon2_memory_cost,
        argon2__parallelism=1,
    )


def hash_password(password: str) -> str:
    return _context().hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        # Burn the same time as a real check so a missing account cannot be told apart by timing.
        _context().dummy_verify()
        return False
    return _context().verify(password, password_hash)


def check_policy(password: str, field: str = "password") -> None:
    min_len = get_settings().password_min_length
    problems = []
    if len(password) < min_len:
        problems.append(f"at least {min_len} characters")
    if not any(c.isalpha() for c in password):
        problems.append("a letter")
    if not any(c.isdigit() for c in password):
        problems.append("a digit")
    if len(password) > 256:
        raise ValidationFailed.on(field, "Password must be at most 256 characters.")
    if problems:
        raise ValidationFailed.on(field, "Password needs " + ", ".join(problems) + ".")
