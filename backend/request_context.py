"""Who is asking, for the whole of one request: its id and the client's address. Set by the request middleware
(backend/observability.py), read wherever a log line, an audit entry or an error body needs them.

A module of its own with no imports from the application, so anything (errors, audit, rate limits) can read
these without depending on the middleware."""

from contextvars import ContextVar
from dataclasses import dataclass

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


@dataclass(frozen=True)
class ClientInfo:
    ip: str | None
    user_agent: str | None


NO_CLIENT = ClientInfo(None, None)
client_var: ContextVar[ClientInfo] = ContextVar("client", default=NO_CLIENT)
