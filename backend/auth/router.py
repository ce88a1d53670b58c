from typing import Annotated, Any

from fastapi import APIRouter, Body, Cookie, Depends, Response, status

from backend.auth import service
from backend.auth.dependencies import signed_in_user
from backend.auth.principal import Principal
from backend.auth.schemas import LoginRequest, MeRead, RefreshRequest, TokenResponse
from backend.config import get_settings
from backend.db import ReadSessionDep, SessionDep

router = APIRouter(prefix="/auth", tags=["auth"])

REFRESH_COOKIE = "if_refresh"
COOKIE_PATH = "/api/v1/auth"

_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Invalid email or password (also for unknown and deactivated accounts)"},
    423: {"description": "Account locked after repeated failures (Retry-After)"},
    429: {"description": "Too many failures from this address (Retry-After)"},
}


def _set_refresh_cookie(response: Response, token: str) -> None:
    s = get_settings()
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=s.refresh_token_days * 86400,
        path=COOKIE_PATH,
        httponly=True,
        secure=s.cookie_secure,
        samesite="strict",
    )


def _tokens(response: Response, issued: service.IssuedTokens) -> TokenResponse:
    _set_refresh_cookie(response, issued.refresh_token)
    return TokenResponse(access_token=issued.access_token, expires_in=issued.expires_in)


@router.post("/login", response_model=TokenResponse, responses=_AUTH_ERRORS)
async def login(body: LoginRequest, response: Response, session: SessionDep) -> TokenResponse:
    """Sign in with email and password. Returns a 15-minute access token; the refresh token is set as an
    httpOnly cookie. After 5 failures the address locks for 15 minutes (whether or not it has an account)."""
    return _tokens(response, await service.login(session, body.email, body.password))


@router.post("/refresh", response_model=TokenResponse, responses={401: {"description": "No valid session"}})
async def refresh(
    response: Response,
    session: SessionDep,
    if_refresh: Annotated[str | None, Cookie()] = None,
    body: Annotated[RefreshRequest | None, Body()] = None,
) -> TokenResponse:
    """Exchange the refresh token (cookie, or `refresh_token` in the body) for a new access token. The refresh
    token rotates on every call; replaying an old one ends the whole session family."""
    token = if_refresh or (body.refresh_token if body else None)
    return _tokens(response, await service.refresh(session, token))


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(session: SessionDep, if_refresh: Annotated[str | None, Cookie()] = None) -> Response:
    """End this session (revokes its refresh-token family) and clear the cookie."""
    await service.logout(session, if_refresh)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(
        REFRESH_COOKIE, path=COOKIE_PATH, httponly=True, secure=get_settings().cookie_secure, samesite="strict"
    )
    return response


@router.get("/me", response_model=MeRead)
async def me(session: ReadSessionDep, principal: Annotated[Principal, Depends(signed_in_user)]) -> MeRead:
    """The signed-in user with their organization, time zone and permissions."""
    return await service.me(session, principal)
