"""Small rules shared by the player and the results: when an answer counts as answered, and the problem a write
to a closed test gets."""

from datetime import datetime

from backend.errors import Conflict
from backend.test_sessions.models import TestAnswer, TestSession


class TestClosed(Conflict):
    """A write after the deadline or the submission."""

    __test__ = False  # not a pytest test class
    title, slug = "The test is closed", "test-closed"


class SectionNotOpen(Conflict):
    title, slug = "Section not opened", "section-not-open"


class SectionClosed(Conflict):
    """A write to a timed section whose own time ran out while the test goes on."""

    title, slug = "The section is closed", "section-closed"


def closed_problem(s: TestSession | None, now: datetime) -> TestClosed:
    if s is None:
        return TestClosed("The test is closed.")
    why = "The time is up" if s.status == "timed_out" or s.deadline_at <= now else "The test was submitted"
    return TestClosed(
        f"{why}: answers can no longer change. Everything saved before is kept.",
        extra={"status": s.status, "deadline_at": s.deadline_at.isoformat(), "server_time": now.isoformat()},
    )


def answer_closed_problem(s: TestSession | None, a: TestAnswer, now: datetime) -> Conflict:
    """Why an answer can no longer change: the whole test closed, or only its timed section did (the rest of the
    test goes on, and the candidate must hear which)."""
    if s is None or s.status != "in_progress" or s.deadline_at <= now:
        return closed_problem(s, now)
    closes = a.closes_at.isoformat() if a.closes_at else None
    return SectionClosed(
        "This section's time is up: its answers can no longer change. Everything saved before is kept; the other "
        "sections stay open until the end of the test.",
        extra={"status": s.status, "section_closed_at": closes, "server_time": now.isoformat()},
    )


def answered(a: TestAnswer) -> bool:
    ans = a.answer
    if not ans:
        return False
    if ans.get("type") == "choice":
        return bool(ans.get("choice_ids"))
    if ans.get("type") == "text":
        return bool((ans.get("text") or "").strip())
    if ans.get("type") == "code":
        return any((code or "").strip() for code in (ans.get("sources") or {}).values())
    return False
