"""Numbered .sql migrations (warehouse/migrations/NNN_name.sql), applied in order at connect."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from warehouse.errors import WarehouseError

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_TABLE = """
create table if not exists schema_migrations (
    version integer primary key,
    name varchar not null,
    checksum varchar not null,
    applied_at timestamp not null default current_timestamp
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered migration file."""

    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def migrations() -> list[Migration]:
    """Every migration shipped in the package, in order."""
    found = []
    for entry in resources.files("warehouse.migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if len({m.version for m in found}) != len(found):
        raise WarehouseError("two migrations share a number in warehouse/migrations")
    return found


def latest_version() -> int:
    """The schema version this code expects."""
    return migrations()[-1].version


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied migration (0 for a new file)."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or exists[0] == 0:
        return 0
    row = con.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()
    return int(row[0]) if row else 0


def _warn_if_edited(con: duckdb.DuckDBPyConnection, known: list[Migration]) -> None:
    applied = dict(con.execute("select version, checksum from schema_migrations").fetchall())
    for m in known:
        if m.version in applied and applied[m.version] != m.checksum:
            logger.warning("migration %s was edited after it was applied; add a new one", m.name)


def apply(con: duckdb.DuckDBPyConnection, target: int | None = None) -> list[int]:
    """Apply pending migrations up to `target` (default all), one transaction each."""
    import duckdb

    con.execute(_TABLE)
    known = migrations()
    _warn_if_edited(con, known)
    done = _applied(con)
    applied = []
    for m in known:  # every one not yet applied, in order (not only those above the highest:
        # a warehouse may have met a later migration first, on a branch)
        if m.version in done or (target is not None and m.version > target):
            continue
        try:
            con.begin()
            con.execute(m.sql)
            con.execute("insert into schema_migrations (version, name, checksum) values (?, ?, ?)",
                        [m.version, m.name, m.checksum])
            con.commit()
        except duckdb.Error as e:
            con.rollback()
            raise WarehouseError(f"migration {m.name} failed: {str(e).splitlines()[0]}") from None
        logger.info("applied warehouse migration %s", m.name)
        applied.append(m.version)
    return applied


def _applied(con: duckdb.DuckDBPyConnection) -> set[int]:
    return {v for (v,) in con.execute("select version from schema_migrations").fetchall()}


def check_current(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a read-only warehouse whose schema is behind this code (it cannot be migrated)."""
    have, want = current_version(con), latest_version()
    if have < want:
        raise WarehouseError(
            f"the warehouse {path} is at schema version {have}, this tradewatch needs {want}: "
            "run `tradewatch run` once to migrate it"
        )
