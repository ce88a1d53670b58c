"""How a candidate gets into the test player: the link or credentials are checked by the invitations domain
(its access log, lock-out and flags), and this module answers the player token that goes with the state of the
test: 30 idle minutes outside a running test, until the deadline during it (a running test never logs out)."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth.principal import Principal
from backend.invitations import access
from backend.invitations.player_auth import Player, issue_player_token, player_from_token
from backend.invitations.schemas import SignIn
from backend.test_sessions.player import PlayerService
from backend.test_sessions.schemas import PlayerSignedIn, PlayerToken


async def _signed_in(
    session: AsyncSession, invitation_id: uuid.UUID, organization_id: uuid.UUID, version: int
) -> PlayerSignedIn:
    token = issue_player_token(invitation_id, organization_id, version)
    player = player_from_token(token.token)
    overview = await PlayerService(session, player).overview()
    if overview.session is not None and overview.session.status == "in_progress":
        token = issue_player_token(
            player.invitation_id, player.organization_id, player.version, deadline=overview.session.deadline_at
        )
    return PlayerSignedIn(player_token=token.token, expires_at=token.expires_at, overview=overview)


async def sign_in(session: AsyncSession, body: SignIn) -> PlayerSignedIn:
    inv, _method = await access.sign_in(session, body)
    return await _signed_in(session, inv.id, inv.organization_id, inv.token_version)


async def portal_sign_in(session: AsyncSession, principal: Principal, invitation_id: uuid.UUID) -> PlayerSignedIn:
    inv = await access.portal_sign_in(session, principal, invitation_id)
    return await _signed_in(session, inv.id, inv.organization_id, inv.token_version)


async def refresh(session: AsyncSession, player: Player) -> PlayerToken:
    service = PlayerService(session, player)
    await service.invitation()
    s = await service.sessions.for_invitation(player.invitation_id)
    if s is not None and s.status == "in_progress":
        token = issue_player_token(player.invitation_id, player.organization_id, player.version, deadline=s.deadline_at)
    else:
        token = issue_player_token(player.invitation_id, player.organization_id, player.version, auth_at=player.auth_at)
    return PlayerToken(player_token=token.token, expires_at=token.expires_at)


async def start(session: AsyncSession, player: Player, *, camera_ready: bool = False) -> PlayerSignedIn:
    service = PlayerService(session, player)
    s = await service.start(camera_ready=camera_ready)
    token = issue_player_token(player.invitation_id, player.organization_id, player.version, deadline=s.deadline_at)
    return PlayerSignedIn(player_token=token.token, expires_at=token.expires_at, overview=await service.overview())
