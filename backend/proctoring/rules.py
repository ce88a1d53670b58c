"""The rules, as plain functions of plain data: an event's severity from the organization's rules table, and a
session's risk tier with its reasons in words. Tested exhaustively in tests/proctoring/test_rules.py."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from backend.organizations.settings_schema import SeverityRule

SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2, "critical": 3}
FLAGGED = ("medium", "high", "critical")  # severities a person must review

LABELS = {
    "focus_lost": "Left the test's tab or window",
    "fullscreen_exit": "Left full screen",
    "copy": "Copied text",
    "cut": "Cut text",
    "paste": "Pasted text",
    "code_paste": "Pasted into the code editor",
    "right_click": "Right-clicked",
    "devtools_suspected": "Developer tools possibly open (best-effort guess)",
    "second_screen": "A second screen was connected",
    "webcam_snapshot": "Webcam snapshot",
    "camera_unavailable": "The camera stopped or was refused",
    "page_reload": "Reloaded the page",
    "resumed": "Resumed the test",
    "network_offline": "Went offline",
    "ip_changed": "IP address changed",
    "user_agent_changed": "Browser changed",
    "sign_in_failed": "Failed sign-in attempt on this link",
    "no_face": "No face in a snapshot",
    "multiple_faces": "Several faces in a snapshot",
    "code_similarity": "Code similar to another answer",
}


def measure(
    rule: SeverityRule, *, count: int, duration_ms: int | None, length: int | None, score: float | None
) -> float:
    if rule.measure == "count":
        return count
    if rule.measure == "seconds":
        return (duration_ms or 0) / 1000
    if rule.measure == "length":
        return length or 0
    return score or 0


def severity(
    rules: Sequence[SeverityRule],
    type: str,
    *,
    count: int,
    duration_ms: int | None = None,
    length: int | None = None,
    score: float | None = None,
) -> str:
    """The highest level any rule of `type` reaches; `count` is this event's rank among its type in the session."""
    best = "low"
    for rule in rules:
        if rule.type != type:
            continue
        value = measure(rule, count=count, duration_ms=duration_ms, length=length, score=score)
        for level in ("critical", "high", "medium"):
            threshold = getattr(rule, level)
            if threshold is not None and value >= threshold:
                if SEVERITY_ORDER[level] > SEVERITY_ORDER[best]:
                    best = level
                break
    return best


@dataclass
class Facts:
    """What the summary knows about a session (events dismissed by a reviewer are not counted)."""

    counts: dict[str, int] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)
    time_away_seconds: int = 0
    largest_paste: int = 0
    no_face: int = 0
    multiple_faces: int = 0
    max_similarity: float | None = None
    missing_events: int = 0


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    minutes, s = divmod(seconds, 60)
    return f"{minutes} min {s} s" if s else f"{minutes} min"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def tier(facts: Facts) -> str:
    """none / low / medium / high, from the severities of the events that count:
    high: any critical, or two high; medium: one high, or two medium; low: one medium, or three low; else none."""
    sev = facts.severities
    if sev.get("critical", 0) or sev.get("high", 0) >= 2:
        return "high"
    if sev.get("high", 0) or sev.get("medium", 0) >= 2:
        return "medium"
    if sev.get("medium", 0) or sev.get("low", 0) >= 3:
        return "low"
    return "none"


def reasons(facts: Facts) -> list[str]:
    """The facts behind the tier, in words a reviewer can read aloud."""
    c = facts.counts
    out: list[str] = []
    if c.get("focus_lost"):
        out.append(f"Left the test's tab {_times(c['focus_lost'])} ({_duration(facts.time_away_seconds)} away in all)")
    if c.get("fullscreen_exit"):
        out.append(f"Left full screen {_times(c['fullscreen_exit'])}")
    if facts.largest_paste:
        pastes = c.get("paste", 0) + c.get("code_paste", 0)
        out.append(f"Pasted {_times(pastes)}, the largest {facts.largest_paste:,} characters")
    if facts.multiple_faces:
        out.append(f"{facts.multiple_faces} snapshot(s) showed more than one face")
    if facts.no_face:
        out.append(f"{facts.no_face} snapshot(s) showed no face")
    if facts.max_similarity is not None:
        out.append(f"A coding answer is {facts.max_similarity:.0f}% similar to another answer")
    for kind in ("second_screen", "devtools_suspected", "ip_changed", "user_agent_changed", "sign_in_failed"):
        if c.get(kind):
            out.append(f"{LABELS[kind]} ({_times(c[kind])})")
    if c.get("camera_unavailable"):
        out.append(f"The camera stopped or was refused {_times(c['camera_unavailable'])}")
    if facts.missing_events:
        out.append(f"{facts.missing_events} recorded event(s) never reached the server")
    return out


def missing(seqs: Iterable[int]) -> int:
    """Gaps in the player's running numbers, which start at 1 (1, 2, 4 → one missing)."""
    values = set(seqs)
    return max(values) - len(values) if values else 0
