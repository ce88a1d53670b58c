"""One Settings class for the whole process; every default runs locally with nothing set."""

import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTERVIEWFLOW_", env_file=".env", extra="ignore")

    # Database: empty means "start the embedded PostgreSQL (pgserver) in data_dir".
    database_url: str = Field(default="", validation_alias=AliasChoices("INTERVIEWFLOW_DATABASE_URL", "DATABASE_URL"))
    database_read_url: str = Field(
        default="", validation_alias=AliasChoices("INTERVIEWFLOW_DATABASE_READ_URL", "DATABASE_READ_URL")
    )
    data_dir: Path = REPO_ROOT / ".data"
    db_pool_size: int = 10
    db_echo: bool = False

    # HTTP
    host: str = "127.0.0.1"
    port: int = Field(default=8000, validation_alias=AliasChoices("INTERVIEWFLOW_PORT", "PORT"))
    public_base_url: str = "http://localhost:8000"
    spa_dir: Path = REPO_ROOT / "frontend" / "dist"
    cors_origins: list[str] = []
    trust_forwarded_for: bool = False
    # Largest request body a route takes unless it declares its own cap (uploads do): 1 MiB.
    max_body_bytes: int = 1024 * 1024

    # Auth
    # Empty in the local setup: a random secret is generated into data_dir. With an external database the
    # process refuses to start unless this is set (at least 32 bytes, not a published example).
    jwt_secret: str = ""
    jwt_algorithm: str = "HS256"
    access_token_minutes: int = 15
    refresh_token_days: int = 14
    cookie_secure: bool = True
    password_min_length: int = 10
    # argon2 cost; tests lower these (see tests/conftest.py), production keeps the library defaults.
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 65536
    login_max_failures: int = 5
    login_lockout_minutes: int = 15
    login_ip_max_failures: int = 20
    login_ip_window_minutes: int = 15

    # The test player (candidates, no account): a player token lasts this long without activity outside a running
    # test, and at most `player_session_minutes` after signing in; during a test it lasts until the deadline.
    player_idle_minutes: int = 30
    player_session_minutes: int = 60
    # "Run visible tests" per test session: runs a minute, and runs waiting or running at once.
    player_runs_per_minute: int = 6
    player_runs_in_flight: int = 2

    # Email: with no SMTP host, messages are kept as "captured" and read in Admin → Outbox (a mail catcher).
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    smtp_use_tls: bool = False
    smtp_timeout_seconds: float = 20
    email_from: str = "InterviewFlow <no-reply@interviewflow.dev>"
    # An admin-written template that renders longer than this is stopped (its rendering process is killed).
    email_render_timeout_seconds: float = 2.0

    # Uploaded files (résumés): a local directory by default, or any S3-compatible store.
    storage_backend: Literal["local", "s3"] = "local"
    s3_bucket: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""

    # Live notifications
    sse_heartbeat_seconds: float = 15

    # Code execution (candidate code runs in the worker): a local bubblewrap sandbox, or a Judge0 server when
    # judge0_url is set. See docs/operations.md.
    execution_slots: int = 0  # sandboxes at once on this machine; 0 = one per CPU core
    sandbox_dir: Path = Path(tempfile.gettempdir()) / "interviewflow-sandbox"
    sandbox_uid_base: int = 61000  # slot n runs as uid base + n (no /etc/passwd entry needed)
    judge0_url: str = ""
    judge0_token: str = ""

    # Operations
    log_level: str = "INFO"
    # json: one JSON object per line with request ids (production, set in the Docker image); console: short
    # readable lines for a terminal, without asset and probe requests or job-queue chatter (make run).
    log_format: Literal["json", "console"] = "console"
    run_worker_in_process: bool = True
    worker_concurrency: int = 4
    # A worker silent for this long is presumed dead and its running jobs are retried.
    stalled_worker_seconds: int = 60


@lru_cache
def get_settings() -> Settings:
    return Settings()
