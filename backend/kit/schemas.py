"""Schema base classes shared by every domain."""

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Schema(BaseModel):
    """Inbound payloads: unknown fields are rejected so a typo is a 422, not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReadSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    """A page of a list. Build it as `Page[ItemRead](...)`, the endpoint's response model: FastAPI then accepts
    it as it is instead of validating every item a second time."""

    items: list[T]
    next_cursor: str | None = None
    total: int | None = None
