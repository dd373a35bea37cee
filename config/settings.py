"""The one settings object of Crosstrain Coach.

Values come from the environment (prefix ``CROSSTRAIN_`` for our own settings; the
well-known names ``DATABASE_URL``, ``TELEGRAM_BOT_TOKEN`` and ``TELEGRAM_API_BASE_URL``
as they are) and from a ``.env`` file. Nothing here does I/O at import time.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PACKAGED_ARTICLES_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "articles"


class Settings(BaseSettings):
    """Everything an operator can configure, validated once at start."""

    model_config = SettingsConfigDict(
        env_prefix="CROSSTRAIN_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # Storage
    data_dir: Path = Field(
        default=Path("./data"),
        description="Where the database, the on-disk Chroma index and locks live.",
    )
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "CROSSTRAIN_DATABASE_URL"),
        description="SQLAlchemy URL; default SQLite in the data directory. "
        "PostgreSQL: postgresql+psycopg://user:pass@host/db",
    )

    # Knowledge base
    articles_dir: Path = Field(
        default=PACKAGED_ARTICLES_DIR, description="Folder of the coach's Markdown articles."
    )
    chroma_host: str | None = Field(
        default=None,
        description="Chroma server host; unset means an on-disk index in the data directory.",
    )
    chroma_port: int = Field(default=8000, description="Chroma server port.")
    chroma_collection: str = Field(default="articles", description="Chroma collection name.")
    embeddings: Literal["local", "static", "openai"] = Field(
        default="local",
        description="local: bundled all-MiniLM-L6-v2 (offline); static: word-piece vectors "
        "distilled from it into the data directory (offline, ~1000x faster, less exact); "
        "openai: an OpenAI-compatible embeddings endpoint.",
    )
    embeddings_model: str = Field(
        default="text-embedding-3-small", description="Model name for the openai embeddings choice."
    )
    embeddings_base_url: str | None = Field(
        default=None, description="Base URL of an OpenAI-compatible embeddings endpoint."
    )
    embeddings_api_key: str | None = Field(default=None, description="API key for it.")
    relevance_floor: float = Field(
        default=0.35,
        description="Below this similarity of the best-matching sentence a question counts "
        "as not covered.",
    )

    # Language model (optional; none means extractive answers)
    llm: str | None = Field(
        default=None,
        description="langchain init_chat_model spec, e.g. "
        "'openai:gpt-4o-mini'; unset or 'none' means no LLM.",
    )
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible base URL for a local server."
    )
    llm_api_key: str | None = Field(default=None, description="API key for the LLM.")
    llm_timeout_seconds: float = Field(
        default=20.0, description="Give up on the LLM after this and send the extractive answer."
    )

    # Telegram
    telegram_bot_token: str | None = Field(
        default=None,
        validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "CROSSTRAIN_TELEGRAM_BOT_TOKEN"),
        description="Bot token from @BotFather.",
    )
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot",
        validation_alias=AliasChoices("TELEGRAM_API_BASE_URL", "CROSSTRAIN_TELEGRAM_API_BASE_URL"),
        description="Bot API base (the token is appended); point at a local Bot API "
        "server or an emulator.",
    )
    coach_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Comma-separated Telegram user ids of coaches."
    )
    mode: Literal["polling", "webhook"] = Field(
        default="polling", description="How updates arrive."
    )
    webhook_url: str | None = Field(
        default=None, description="Public HTTPS URL Telegram posts to (webhook mode)."
    )
    webhook_secret: str | None = Field(
        default=None,
        description="Secret token Telegram sends in each webhook request (webhook mode).",
    )
    webhook_listen: str = Field(
        default="127.0.0.1", description="Address the webhook server binds."
    )
    webhook_port: int = Field(default=8443, description="Port the webhook server binds.")
    webhook_path: str = Field(
        default="telegram", description="URL path the webhook server listens on."
    )
    telegram_rate_limit: float = Field(
        default=30.0,
        ge=0,
        description="Messages per second the bot sends at most, overall "
        "(Telegram's broadcast limit); 0 turns the limiter off (tests, benchmarks).",
    )
    concurrent_updates: int | None = Field(
        default=None,
        ge=1,
        description="Updates handled at once per process (each athlete's still one at a "
        "time, in order); unset means 1 on SQLite (one writer) and 8 on PostgreSQL.",
    )
    checkin_dispatch_seconds: float = Field(
        default=20.0,
        ge=1,
        description="How often each worker looks for due check-ins to send (each athlete "
        "also gets a wake-up at their own time).",
    )
    default_timezone: str = Field(
        default="UTC", description="Timezone for athletes who have not set one."
    )
    log_level: str = Field(default="INFO", description="Logging level.")

    @field_validator("coach_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("llm", mode="before")
    @classmethod
    def _none_means_no_llm(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in {"", "none", "off"}:
            return None
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.mode == "webhook" and not (self.webhook_url and self.webhook_secret):
            raise ValueError(
                "webhook mode needs CROSSTRAIN_WEBHOOK_URL and CROSSTRAIN_WEBHOOK_SECRET"
            )
        return self

    @cached_property
    def sqlalchemy_url(self) -> str:
        """The database URL, SQLite in the data directory unless DATABASE_URL is set."""
        if self.database_url:
            url = self.database_url
            # Heroku-style URLs name the driver-less scheme; we ship psycopg 3.
            if url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url[len("postgres://") :]
            elif url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            return url
        return f"sqlite:///{(self.data_dir / 'crosstrain.db').resolve()}"

    @property
    def update_concurrency(self) -> int:
        """``concurrent_updates``, or its default for the database in use."""
        if self.concurrent_updates is not None:
            return self.concurrent_updates
        return 1 if self.sqlalchemy_url.startswith("sqlite") else 8

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def uses_chroma_server(self) -> bool:
        return bool(self.chroma_host)
