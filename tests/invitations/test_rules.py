"""The link rules as tables: expiry and the weekend move in the organization's time zone, extension limits per
role, which reminders are due; and the Step-1 bands."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backend.errors import Forbidden, ValidationFailed
from backend.invitations import credentials, rules
from backend.organizations.settings_schema import LinkRules
from backend.test_sessions.step1 import step1_outcome

STEP1, STEP2 = LinkRules().step1, LinkRules().step2
NY, BERLIN, TOKYO = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("expires", "tz", "moved_to"),
    [
        # Wed 2 Dec 2026 15:00 UTC: a weekday everywhere, unchanged.
        (utc(2026, 12, 2, 15), NY, None),
        # Sat 5 Dec 10:00 UTC is Saturday in New York → Monday 7 Dec 09:00 New York (14:00 UTC).
        (utc(2026, 12, 5, 10), NY, utc(2026, 12, 7, 14)),
        # Sun 6 Dec 23:30 UTC is Monday 7 Dec 08:30 in Tokyo: a weekday there, unchanged.
        (utc(2026, 12, 6, 23, 30), TOKYO, None),
        # Mon 7 Dec 02:00 UTC is still Sunday 21:00 in New York → Monday 09:00 New York.
        (utc(2026, 12, 7, 2), NY, utc(2026, 12, 7, 14)),
        # Fri 4 Dec 23:30 UTC is Saturday 00:30 in Berlin → Monday 7 Dec 09:00 Berlin (08:00 UTC).
        (utc(2026, 12, 4, 23, 30), BERLIN, utc(2026, 12, 7, 8)),
        # Across the end of daylight saving time in New York (Sun 1 Nov 2026): Monday 09:00 is EST (14:00 UTC).
        (utc(2026, 10, 31, 16), NY, utc(2026, 11, 2, 14)),
    ],
)
def test_an_expiry_on_a_weekend_moves_to_monday_nine_in_the_organizations_time_zone(expires, tz, moved_to):
    got, moved = rules.weekend_adjusted(expires, tz)
    assert (got, moved) == ((moved_to, True) if moved_to else (expires, False))


@pytest.mark.parametrize(
    ("days", "step", "ok"),
    [
        (None, STEP1, True),
        (1, STEP1, True),
        (30, STEP1, True),
        (31, STEP1, False),
        (0, STEP1, False),
        (14, STEP2, True),
        (15, STEP2, False),
    ],
)
def test_a_new_link_lasts_between_the_steps_limits(days, step, ok):
    now = utc(2026, 12, 1, 12)  # a Tuesday
    if not ok:
        with pytest.raises(ValidationFailed):
            rules.new_link_expiry(now, step, NY, days)
        return
    expiry = rules.new_link_expiry(now, step, NY, days)
    assert expiry.max_expires_at == now + timedelta(days=step.max_days)
    plain = now + timedelta(days=days or step.default_days)
    assert expiry.expires_at == (rules.weekend_adjusted(plain, NY)[0])
    assert expiry.weekend_moved == (plain.astimezone(NY).weekday() >= 5)


def test_the_default_step1_link_lasts_seven_days_and_a_weekend_expiry_is_moved():
    friday = utc(2026, 12, 4, 15)  # 7 days later is Friday again: unchanged
    assert rules.new_link_expiry(friday, STEP1, NY).expires_at == friday + timedelta(days=7)
    saturday = utc(2026, 12, 5, 15)
    expiry = rules.new_link_expiry(saturday, STEP1, NY)
    assert expiry.weekend_moved and expiry.expires_at == utc(2026, 12, 14, 14)  # Monday 09:00 New York


CREATED = utc(2026, 12, 1, 12)  # Tuesday
MAX = CREATED + timedelta(days=30)


@pytest.mark.parametrize(
    ("any_", "own", "owner", "days", "outcome"),
    [
        (True, False, False, 200, "ok"),  # admin: any link, any length
        (False, True, True, 20, "ok"),  # recruiter, own candidate, within 30 days of creation
        (False, True, True, 40, "too_far"),  # … beyond it
        (False, True, False, 1, "forbidden"),  # another recruiter's candidate
        (False, False, True, 1, "forbidden"),  # no extend permission at all
    ],
)
def test_extension_limits_per_role(any_, own, owner, days, outcome):
    current = CREATED + timedelta(days=7)
    kwargs = dict(
        current=current,
        now=CREATED + timedelta(days=1),
        days=days,
        rule=STEP1,
        tz=NY,
        max_expires_at=MAX,
        extend_any=any_,
        extend_own=own,
        is_owner=owner,
    )
    if outcome == "forbidden":
        with pytest.raises(Forbidden):
            rules.extended_expiry(**kwargs)
    elif outcome == "too_far":
        with pytest.raises(ValidationFailed):
            rules.extended_expiry(**kwargs)
    else:
        got, _ = rules.extended_expiry(**kwargs)
        assert got == rules.weekend_adjusted(current + timedelta(days=days), NY)[0]


def test_an_expired_link_is_extended_from_now():
    now = CREATED + timedelta(days=10)
    got, _ = rules.extended_expiry(
        current=CREATED + timedelta(days=7),
        now=now,
        days=2,
        rule=STEP1,
        tz=NY,
        max_expires_at=MAX,
        extend_any=False,
        extend_own=True,
        is_owner=True,
    )
    assert got == rules.weekend_adjusted(now + timedelta(days=2), NY)[0]


EXPIRES = utc(2026, 12, 8, 15)


@pytest.mark.parametrize(
    ("now", "hours", "due"),
    [
        (EXPIRES - timedelta(hours=30), [24, 3], []),
        (EXPIRES - timedelta(hours=24), [24, 3], [24]),
        (EXPIRES - timedelta(hours=5), [24, 3], [24]),
        (EXPIRES - timedelta(hours=2), [24, 3], [3, 24]),  # both past: one email goes (the most urgent)
        (EXPIRES, [24, 3], []),  # expired: no reminder
        (EXPIRES - timedelta(hours=6), [24, 6], [6, 24]),
    ],
)
def test_which_reminders_are_due(now, hours, due):
    assert rules.due_reminders(EXPIRES, hours, now) == due


def test_the_next_reminder_skips_those_before_the_link_was_sent():
    # A 1-day link: the 24-hour reminder would fall when it was sent, so only the 3-hour one is planned.
    sent = EXPIRES - timedelta(days=1)
    assert rules.next_reminder_at(EXPIRES, [24, 3], sent) == EXPIRES - timedelta(hours=3)
    assert rules.next_reminder_at(EXPIRES, [24, 3], EXPIRES - timedelta(days=7)) == EXPIRES - timedelta(hours=24)
    assert rules.next_reminder_at(EXPIRES, [24, 3], EXPIRES - timedelta(hours=1)) is None


@pytest.mark.parametrize(
    ("score", "outcome"),
    [
        (100, "advance"),
        (70, "advance"),
        (69.99, "manual_review"),
        (50, "manual_review"),
        (49.99, "reject"),
        (0, "reject"),
    ],
)
def test_step1_bands_with_the_default_thresholds(score, outcome):
    assert step1_outcome(score, 70, 50) == outcome


def test_step1_with_an_empty_review_band():
    assert step1_outcome(59, 60, 60) == "reject" and step1_outcome(60, 60, 60) == "advance"


@pytest.mark.parametrize(
    ("first", "phone", "expected"),
    [
        ("Ada", "+1 555 0100 1234", "ada_1234"),
        ("José-Luis", "(030) 12-34", "joseluis_1234"),
        ("李", "5550199", "candidate_0199"),
    ],
)
def test_usernames_are_first_name_and_last_four_phone_digits(first, phone, expected):
    assert next(credentials.usernames(first, phone)) == expected


def test_without_a_phone_the_digits_are_random_and_codes_avoid_look_alikes():
    name = next(credentials.usernames("Grace", None))
    assert name.startswith("grace_") and len(name) == len("grace_0000") and name[-4:].isdigit()
    for _ in range(200):
        code = credentials.new_access_code()
        assert len(code) == 8 and not set(code) & set("0O1IL")
    assert credentials.code_matches("k7pm-3qxz", credentials.hash_access_code("K7PM3QXZ"))
