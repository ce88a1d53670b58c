"""The embedded PostgreSQL (pgserver wheel) used when no DATABASE_URL is configured.

pgserver stops its server from an atexit hook, which never runs when uvicorn exits on SIGTERM, so the process
that starts it also stops it explicitly (see stop()).
"""

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("interviewflow.embedded_pg")


def ensure_runtime_dir() -> None:
    """pgserver (through platformdirs) wants a private XDG_RUNTIME_DIR; headless machines often have none."""
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    path = Path(tempfile.gettempdir()) / f"interviewflow-runtime-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(path)


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, cleanup_mode: str | None = None) -> None:
        # No pgserver atexit stop: this class stops the server itself (see stop()), also under uvicorn.
        self.data_dir = data_dir.resolve()  # a relative socket directory would read as a host name
        self.cleanup_mode = cleanup_mode
        self._server: Any = None

    def start(self) -> str:
        ensure_runtime_dir()
        import pgserver

        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._server = pgserver.get_server(str(self.data_dir), cleanup_mode=self.cleanup_mode)
        log.info("embedded postgres started", extra={"pgdata": str(self.data_dir)})
        return self.url

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@/postgres?host={self.data_dir}"

    def stop(self) -> None:
        if self._server is None:
            return
        from pgserver import _commands

        try:
            pg_ctl = _commands.pg_ctl  # type: ignore[attr-defined]
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self._server.pgdata, user=self._server.system_user)
            log.info("embedded postgres stopped")
        except Exception:  # already stopped (e.g. by pgserver's own atexit in a plain Python exit)
            log.debug("embedded postgres stop: not running")
        self._server = None
