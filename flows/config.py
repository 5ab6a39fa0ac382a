"""Configuration: tradewatch.toml (or --config PATH), then TRADEWATCH_… environment overrides.

Environment overrides use `__` between levels: TRADEWATCH_WAREHOUSE__PATH=/srv/tw.duckdb,
TRADEWATCH_HTTP__POLITE=false. Sources are set in the file only (TRADEWATCH_SOURCES as JSON
also works). A bad value raises ConfigError naming the file, the key and the problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from extractors.errors import ConfigError
from extractors.figures.confidence import DEFAULT_MIN_CONFIDENCE, parse_threshold
from extractors.settings import HttpSettings, SourceSettings
from flows.config_file import find_file, read_toml, where


class WarehouseSettings(BaseModel):
    """Where the DuckDB warehouse lives and how long to wait for its lock."""

    model_config = ConfigDict(extra="forbid")

    path: Path = Path("data/tradewatch.duckdb")
    lock_timeout_s: float = Field(300.0, ge=0)  # a writer waits this long for another writer
    read_timeout_s: float = Field(30.0, ge=0)  # a reader waits this long for a load to finish
    # `tradewatch sql`: a statement is stopped after this long (--timeout), and a reader may
    # use this much memory (and as much temporary disk); a load waiting for a reader waits
    # at least sql_timeout_s + 30 s, so it never gives up on a reader that obeys them
    sql_timeout_s: float = Field(60.0, ge=0)
    reader_memory_mb: int = Field(2048, ge=64)


class RunSettings(BaseModel):
    """How a run batches its work."""

    model_config = ConfigDict(extra="forbid")

    # articles per fetch/extract/load batch: 100 keeps a 5,000-article backfill under 400 MB
    # and under 200 Prefect task runs (bench/bench_backfill.py)
    batch_size: int = Field(100, ge=1, le=100_000)
    retry_max_attempts: int = Field(5, ge=1)  # after this many, a URL shows in `failures`
    # a batch stops starting fetches once its page bodies reach this many MB (big pages make
    # smaller batches); its text is extracted and loaded in parts (flows/loading.py)
    batch_max_mb: float = Field(10.0, gt=0)
    # a monitor run stops starting work after this long (its schedule is every 30 min) and
    # ends `completed` with a note; the rest stays queued. 0: no deadline.
    max_minutes: float | None = Field(25.0, ge=0)
    backfill_max_minutes: float | None = Field(None, ge=0)  # backfills: none by default


class ExtractSettings(BaseModel):
    """How extracted figures are used."""

    model_config = ConfigDict(extra="forbid")

    # Figures below this confidence stay out of `series` (they show in `figures` and `review`)
    # and out of `tradewatch extract`'s output. The warehouse records it at each writing run.
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    @field_validator("min_confidence", mode="before")
    @classmethod
    def _threshold(cls, value: object) -> float:
        # the same parsing as flows/threshold.py, which `tradewatch extract` reads it with
        return parse_threshold(value)


def _default_sources() -> list[SourceSettings]:
    return [SourceSettings(name="kdpt", kind="kdpt")]


class Settings(BaseSettings):
    """Every setting of tradewatch, built once at entry and passed down."""

    model_config = SettingsConfigDict(env_prefix="TRADEWATCH_", env_nested_delimiter="__",
                                      extra="forbid")

    warehouse: WarehouseSettings = Field(default_factory=WarehouseSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    run: RunSettings = Field(default_factory=RunSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)
    sources: list[SourceSettings] = Field(default_factory=_default_sources)

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, value: list[SourceSettings]) -> list[SourceSettings]:
        seen: set[str] = set()
        for s in value:
            if s.name in seen:
                raise ValueError(f"two sources are named {s.name!r}")
            seen.add(s.name)
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment overrides the file, which overrides the defaults.
        return (env_settings, init_settings)

    def source(self, name: str) -> SourceSettings:
        """The source called `name`, or ConfigError."""
        for s in self.sources:
            if s.name == name:
                return s
        names = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"no source named {name!r} (configured: {names})")


def _format_error(path: Path | None, err: ValidationError) -> str:
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
    msg = first["msg"]
    if first["type"] == "extra_forbidden":
        msg = "unknown key"
    more = f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""
    return f"{where(path)}: {loc}: {msg}{more}"


def load_settings(path: str | Path | None = None, cwd: Path | None = None) -> Settings:
    """Settings from `path`, else ./tradewatch.toml when present, else defaults; env on top."""
    file = find_file(path, cwd)
    data = read_toml(file) if file else {}
    from warehouse.db import writer_memory_mb

    writer_memory_mb()  # a bad TRADEWATCH_DUCKDB_MEMORY_MB: ConfigError now, not mid-run
    try:
        return Settings(**data)
    except ValidationError as e:
        raise ConfigError(_format_error(file, e)) from None
    except SettingsError as e:  # an environment override that is not valid JSON
        cause = f": {e.__cause__}" if e.__cause__ else ""
        raise ConfigError(f"{where(file)}: environment override: {e}{cause}") from None


def env_overrides() -> dict[str, str]:
    """The TRADEWATCH_ variables in force (for `tradewatch … --help` and logs)."""
    return {k: v for k, v in os.environ.items() if k.startswith("TRADEWATCH_")}
