"""The validated shape of an organization's settings (link rules, thresholds, weights, time zone)."""

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


class OrganizationSettings(_Strict):
    time_zone: str = "UTC"
    link_rules: LinkRules = LinkRules()
    thresholds: Thresholds = Thresholds()
    step2_min_score: float = Field(3.5, ge=1, le=5, description="Minimum overall Step-2 scorecard rating (1–5).")
    final_decision: FinalDecision = FinalDecision()
    interviewer_weekly_limit: int = Field(8, ge=1, le=40, description="Interviews per interviewer per week.")

    @field_validator("time_zone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone '{v}'") from exc
        return v
