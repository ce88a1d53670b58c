"""The validated shape of an organization's settings (link rules, thresholds, weights, time zone)."""

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LinkRule(_Strict):
    default_days: int = Field(ge=1, le=90)
    min_days: int = Field(ge=1, le=90)
    max_days: int = Field(ge=1, le=90)
    reminder_hours_before: list[int] = Field(default_factory=list, max_length=5)
    weekend_auto_extend: bool = True

    @model_validator(mode="after")
    def _ordered(self) -> "LinkRule":
        if not self.min_days <= self.default_days <= self.max_days:
            raise ValueError("min_days ≤ default_days ≤ max_days must hold")
        if any(h <= 0 or h > 24 * 90 for h in self.reminder_hours_before):
            raise ValueError("reminder hours must be between 1 and 2160")
        return self


class LinkRules(_Strict):
    step1: LinkRule = LinkRule(default_days=7, min_days=1, max_days=30, reminder_hours_before=[24, 3])
    step2: LinkRule = LinkRule(default_days=3, min_days=1, max_days=14, reminder_hours_before=[24, 6])


class Thresholds(_Strict):
    """Step-1 score bands in percent: ≥ auto_advance advances, ≥ manual_review goes to a recruiter, else rejects."""

    auto_advance: float = Field(70, ge=0, le=100)
    manual_review: float = Field(50, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> "Thresholds":
        if self.manual_review > self.auto_advance:
            raise ValueError("manual_review must not exceed auto_advance")
        return self


class FinalDecision(_Strict):
    cto_weight: float = Field(0.5, ge=0, le=1)
    ceo_weight: float = Field(0.5, ge=0, le=1)
    require_both: bool = True

    @model_validator(mode="after")
    def _sum(self) -> "FinalDecision":
        if abs(self.cto_weight + self.ceo_weight - 1) > 1e-6:
            raise ValueError("cto_weight + ceo_weight must equal 1")
        return self


# What the test player and the server record during a test (backend/proctoring).
ProctoringEventType = Literal[
    "focus_lost",
    "fullscreen_exit",
    "copy",
    "cut",
    "paste",
    "code_paste",
    "right_click",
    "devtools_suspected",
    "second_screen",
    "webcam_snapshot",
    "camera_unavailable",
    "page_reload",
    "resumed",
    "network_offline",
    "ip_changed",
    "user_agent_changed",
    "sign_in_failed",
    "no_face",
    "multiple_faces",
    "code_similarity",
]


class SeverityRule(_Strict):
    """An event of `type` is at least `medium`, `high` or `critical` once its measure reaches that threshold
    (`count`: the how-many-th of its type in the session; `seconds`: its duration; `length`: characters;
    `score`: similarity percent). Below every threshold it is low."""

    type: ProctoringEventType
    measure: Literal["count", "seconds", "length", "score"] = "count"
    medium: float | None = Field(None, ge=0)
    high: float | None = Field(None, ge=0)
    critical: float | None = Field(None, ge=0)


def _rule(
    type: str,
    measure: str = "count",
    medium: float | None = None,
    high: float | None = None,
    critical: float | None = None,
) -> SeverityRule:
    return SeverityRule.model_validate(
        {"type": type, "measure": measure, "medium": medium, "high": high, "critical": critical}
    )


DEFAULT_SEVERITY_RULES = [
    _rule("focus_lost", "count", 3, 6),
    _rule("focus_lost", "seconds", 30, 120),
    _rule("fullscreen_exit", "count", 2, 4),
    _rule("copy", "length", 500),
    _rule("cut", "length", 500),
    _rule("paste", "length", 300, 1000),
    _rule("code_paste", "length", 200, 600),
    _rule("right_click", "count", 5),
    _rule("devtools_suspected", "count", 1),
    _rule("second_screen", "count", None, 1),
    _rule("camera_unavailable", "count", 1, 3),
    _rule("page_reload", "count", 3),
    _rule("network_offline", "seconds", 60),
    _rule("ip_changed", "count", 1, 2),
    _rule("user_agent_changed", "count", 1),
    _rule("sign_in_failed", "count", 3),
    _rule("no_face", "count", 1, 3),
    _rule("multiple_faces", "count", None, 1, 2),
    _rule("code_similarity", "score", 50, 70, 90),
]


class ProctoringSettings(_Strict):
    retention_days: int = Field(90, ge=7, le=3650, description="Days raw events and snapshots are kept.")
    similarity_threshold: float = Field(
        50, ge=10, le=100, description="Code similarity (percent) from which a pair of answers is a signal."
    )
    severity_rules: list[SeverityRule] = Field(default_factory=lambda: list(DEFAULT_SEVERITY_RULES), max_length=60)


class OrganizationSettings(_Strict):
    time_zone: str = "UTC"
    link_rules: LinkRules = LinkRules()
    thresholds: Thresholds = Thresholds()
    step2_min_score: float = Field(3.5, ge=1, le=5, description="Minimum overall Step-2 scorecard rating (1–5).")
    final_decision: FinalDecision = FinalDecision()
    interviewer_weekly_limit: int = Field(8, ge=1, le=40, description="Interviews per interviewer per week.")
    proctoring: ProctoringSettings = ProctoringSettings()

    @field_validator("time_zone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone '{v}'") from exc
        return v
