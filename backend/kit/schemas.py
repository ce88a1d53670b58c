"""Schema base classes shared by every domain."""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, field_validator

from backend.kit.text import check_nested

T = TypeVar("T")


class Schema(BaseModel):
    """Inbound payloads: unknown fields are rejected so a typo is a 422, not silently ignored, and no text
    field (however deeply nested) may carry control characters (see backend/kit/text.py)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        return check_nested(value)


class ReadSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    """A page of a list. Build it as `Page[ItemRead](...)`, the endpoint's response model: FastAPI then accepts
    it as it is instead of validating every item a second time."""

    items: list[T]
    next_cursor: str | None = None
    total: int | None = None
