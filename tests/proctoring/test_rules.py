"""The severity table and the tiers, as plain functions."""

import pytest

from backend.organizations.settings_schema import DEFAULT_SEVERITY_RULES, SeverityRule
from backend.proctoring import rules
from backend.proctoring.rules import Facts


@pytest.mark.parametrize(
    ("type_", "kwargs", "expected"),
    [
        ("focus_lost", {"count": 1, "duration_ms": 5_000}, "low"),
        ("focus_lost", {"count": 1, "duration_ms": 45_000}, "medium"),
        ("focus_lost", {"count": 1, "duration_ms": 300_000}, "high"),
        ("focus_lost", {"count": 3, "duration_ms": 1_000}, "medium"),
        ("focus_lost", {"count": 6, "duration_ms": 1_000}, "high"),
        ("code_paste", {"count": 1, "length": 50}, "low"),
        ("code_paste", {"count": 1, "length": 250}, "medium"),
        ("code_paste", {"count": 1, "length": 2_000}, "high"),
        ("multiple_faces", {"count": 1}, "high"),
        ("multiple_faces", {"count": 2}, "critical"),
        ("code_similarity", {"count": 1, "score": 95}, "critical"),
        ("resumed", {"count": 50}, "low"),
    ],
)
def test_default_severity_table(type_, kwargs, expected):
    assert rules.severity(DEFAULT_SEVERITY_RULES, type_, **kwargs) == expected


def test_an_organization_table_replaces_the_default():
    strict = [SeverityRule(type="right_click", measure="count", critical=1)]
    assert rules.severity(strict, "right_click", count=1) == "critical"
    assert rules.severity(strict, "focus_lost", count=10, duration_ms=10**6) == "low"  # no rule: low


@pytest.mark.parametrize(
    ("severities", "tier"),
    [
        ({}, "none"),
        ({"low": 2}, "none"),
        ({"low": 3}, "low"),
        ({"medium": 1}, "low"),
        ({"medium": 2}, "medium"),
        ({"high": 1}, "medium"),
        ({"high": 2}, "high"),
        ({"critical": 1}, "high"),
    ],
)
def test_tiers(severities, tier):
    assert rules.tier(Facts(severities=severities)) == tier


def test_reasons_are_words():
    facts = Facts(
        counts={"focus_lost": 2, "code_paste": 1, "second_screen": 1},
        time_away_seconds=200,
        largest_paste=1200,
        multiple_faces=1,
        max_similarity=87.5,
        missing_events=2,
    )
    text = rules.reasons(facts)
    assert "Left the test's tab 2 times (3 min 20 s away in all)" in text
    assert "Pasted once, the largest 1,200 characters" in text
    assert "A coding answer is 88% similar to another answer" in text
    assert "2 recorded event(s) never reached the server" in text
    assert any(r.startswith("A second screen") for r in text)


def test_missing_running_numbers():
    assert rules.missing([]) == 0
    assert rules.missing([1, 2, 3]) == 0
    assert rules.missing([1, 2, 4, 7]) == 3
    assert rules.missing([2, 2, 1]) == 0
