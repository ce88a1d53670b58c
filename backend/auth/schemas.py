import uuid

from pydantic import BaseModel, Field

from backend.auth.permissions import Role
from backend.kit.schemas import Schema


class LoginRequest(Schema):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=256)


class RefreshRequest(Schema):
    refresh_token: str | None = Field(
        None, max_length=256, description="For non-browser clients; the SPA uses the cookie."
    )


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")


class MeRead(BaseModel):
    id: uuid.UUID
    email: str
    full_name: str
    role: Role
    organization_id: uuid.UUID | None
    organization_name: str | None
    organization_slug: str | None
    time_zone: str
    permissions: list[str]
