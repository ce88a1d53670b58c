"""The link rules as pure functions (PRODUCT.md §3, seed 004), stated once and tested as tables.

* A link lasts the step's `default_days` (a sender may choose between `min_days` and `max_days`).
* An expiry that falls on a Saturday or Sunday in the organization's time zone moves to the next Monday 09:00
  there (when the step's `weekend_auto_extend` is on).
* Admins (`links:extend_any`) extend any link by any length. A recruiter with `links:extend_own` extends the
  links of their own candidates up to `max_days` after the link was created.
* Reminders go `reminder_hours_before` the expiry; when several are due at once (a link sent late, a worker that
  was down) only one email goes, and the earlier ones are never sent afterwards.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from backend.errors import Forbidden, ValidationFailed
from backend.organizations.settings_schema import LinkRule

MONDAY_OPENING = time(9, 0)
_SATURDAY, _SUNDAY = 5, 6


def weekend_adjusted(expires_at: datetime, tz: ZoneInfo) -> tuple[datetime, bool]:
    """The expiry, moved to the next Monday 09:00 in `tz` when it falls on a weekend there; and whether it moved."""
    local = expires_at.astimezone(tz)
    if local.weekday() not in (_SATURDAY, _SUNDAY):
        return expires_at, False
    monday = local.date() + timedelta(days=7 - local.weekday())
    # Built from the local date and time: a daylight-saving change over the weekend still gives 09:00 there.
    return datetime.combine(monday, MONDAY_OPENING, tzinfo=tz).astimezone(UTC), True


def _apply_weekend(expires_at: datetime, rule: LinkRule, tz: ZoneInfo) -> tuple[datetime, bool]:
    return weekend_adjusted(expires_at, tz) if rule.weekend_auto_extend else (expires_at, False)


@dataclass(frozen=True)
class Expiry:
    expires_at: datetime
    max_expires_at: datetime  # the latest a recruiter may extend to
    weekend_moved: bool


def new_link_expiry(now: datetime, rule: LinkRule, tz: ZoneInfo, days: int | None = None) -> Expiry:
    """The expiry of a link created (or re-issued) now; `days` within the step's [min_days, max_days]."""
    days = rule.default_days if days is None else days
    if not rule.min_days <= days <= rule.max_days:
        raise ValidationFailed.on("days", f"A link lasts between {rule.min_days} and {rule.max_days} days.")
    expires_at, moved = _apply_weekend(now + timedelta(days=days), rule, tz)
    return Expiry(expires_at, now + timedelta(days=rule.max_days), moved)


def extended_expiry(
    *,
    current: datetime,
    now: datetime,
    days: int,
    rule: LinkRule,
    tz: ZoneInfo,
    max_expires_at: datetime,
    extend_any: bool,
    extend_own: bool,
    is_owner: bool,
) -> tuple[datetime, bool]:
    """The new expiry of a link extended by `days` (from its expiry, or from now if it has expired), checked
    against the caller's rights: Forbidden without them, a 422 on `days` past a recruiter's limit."""
    if not extend_any and not (extend_own and is_owner):
        raise Forbidden(
            "You can extend the links of your own candidates only."
            if extend_own
            else "You need the 'links:extend_own' or 'links:extend_any' permission for this."
        )
    target = max(current, now) + timedelta(days=days)
    if not extend_any and target > max_expires_at:
        limit = max_expires_at.astimezone(tz).strftime("%a %-d %b %Y, %H:%M")
        raise ValidationFailed.on(
            "days", f"A recruiter extends a link up to {rule.max_days} days after it was created ({limit})."
        )
    # The weekend rule applies after the limit: it is the organization's rule, not the recruiter's choice.
    return _apply_weekend(target, rule, tz)


def due_reminders(expires_at: datetime, hours_before: Sequence[int], now: datetime) -> list[int]:
    """The reminders whose time has come for a link that has not expired yet (hours before expiry)."""
    if now >= expires_at:
        return []
    return sorted(h for h in set(hours_before) if expires_at - timedelta(hours=h) <= now)


def next_reminder_at(expires_at: datetime, hours_before: Sequence[int], after: datetime) -> datetime | None:
    """When the next reminder is due, counting only those after `after` (a link is never reminded of right after
    it was sent: the invitation itself just arrived)."""
    times = [expires_at - timedelta(hours=h) for h in hours_before]
    future = [t for t in times if after < t < expires_at]
    return min(future) if future else None


def describe_remaining(expires_at: datetime, now: datetime) -> str:
    """'in 3 hours', 'in 24 hours', 'in 2 days' for a reminder's subject."""
    hours = max(1, round((expires_at - now).total_seconds() / 3600))
    if hours < 48:
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    return f"in {round(hours / 24)} days"


def local_time(at: datetime, tz: ZoneInfo) -> str:
    """How emails write a time: 'Monday 1 December 2026, 09:00 (America/New_York)'."""
    local = at.astimezone(tz)
    return f"{local.strftime('%A %-d %B %Y, %H:%M')} ({tz.key})"
