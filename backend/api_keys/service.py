"""Integrators' API keys: created with scopes, shown once, stored hashed, revocable."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import SQLColumnExpression
from sqlalchemy.ext.asyncio import AsyncSession

from backend.api_keys.models import ApiKey
from backend.api_keys.repository import ApiKeyRepository
from backend.api_keys.schemas import ApiKeyCreate
from backend.audit import service as audit
from backend.auth.grants import check_scopes_grant
from backend.auth.principal import Principal
from backend.auth.tokens import API_KEY_PREFIX, hash_secret, new_secret
from backend.errors import ValidationFailed
from backend.kit.pagination import PageParams, paginate

SORTABLE: dict[str, SQLColumnExpression[Any]] = {"created_at": ApiKey.created_at, "name": ApiKey.name}


class ApiKeyService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.repo = ApiKeyRepository(session, principal.organization_id)

    async def list(self, params: PageParams) -> tuple[list[ApiKey], str | None, int | None]:
        return await paginate(self.session, self.repo.select(), sortable=SORTABLE, id_column=ApiKey.id, params=params)

    async def create(self, data: ApiKeyCreate) -> tuple[ApiKey, str]:
        check_scopes_grant(self.principal, data.scopes)  # nobody hands out more than they hold
        if data.expires_at and data.expires_at.astimezone(UTC) <= datetime.now(UTC):
            raise ValidationFailed.on("expires_at", "The expiry must be in the future.")
        secret = new_secret(API_KEY_PREFIX)
        key = self.repo.add(
            ApiKey(
                name=data.name,
                prefix=secret[:10],
                key_hash=hash_secret(secret),
                scopes=sorted(set(data.scopes)),
                created_by_id=self.principal.id if self.principal.kind == "user" else None,
                expires_at=data.expires_at,
            )
        )
        await self.session.flush()
        await self.session.refresh(key)
        await audit.record(
            self.session,
            self.principal,
            "api_key.created",
            "api_key",
            key.id,
            organization_id=key.organization_id,
            after={"name": key.name, "scopes": key.scopes, "prefix": key.prefix},
        )
        return key, secret

    async def revoke(self, key_id: uuid.UUID) -> ApiKey:
        key = await self.repo.get_or_404(key_id)
        if key.revoked_at is None:
            key.revoked_at = datetime.now(UTC)
            await audit.record(
                self.session,
                self.principal,
                "api_key.revoked",
                "api_key",
                key.id,
                organization_id=key.organization_id,
                after={"revoked_at": key.revoked_at},
            )
        return key
