"""Models: the warehouse's views and macros, one .sql file each in warehouse/models/, rebuilt
after every migrate in dependency order (like dbt's models over the tables the migrations make).

A model file holds comments, then one `create or replace view|macro NAME …` statement whose
NAME is the file's name. A comment line `-- depends on: a, b` names the models it reads; they
are built before it (tests/test_warehouse_models.py checks that every model a file reads is
named there). The warehouse records what it holds (table warehouse_models, migration 011): a
writer rebuilds every model when a migration was applied or a definition changed, and a reader
of an out-of-date warehouse first lets a writer do so (warehouse/db.py).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from warehouse import vintages
from warehouse.errors import WarehouseError

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

_CREATE = re.compile(r"^create or replace (view|macro) (\w+)\s*(\([^)]*\))?\s+as(\s+table)?\b",
                     re.MULTILINE)
_DEPENDS = re.compile(r"^-- depends on: (.+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Model:
    """One model file: a view, a macro or a table macro."""

    name: str
    kind: str  # "view", "macro" or "macro table": what `drop <kind>` takes
    sql: str
    depends: tuple[str, ...]

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def _parse(file_name: str, sql: str) -> Model:
    """A model from its file; WarehouseError when the file does not create what it is named."""
    name = file_name.removesuffix(".sql")
    creates = _CREATE.findall(sql)
    if len(creates) != 1 or creates[0][1] != name:
        raise WarehouseError(f"warehouse/models/{file_name} must hold one `create or replace "
                             f"view|macro {name}` statement")
    what, _name, _params, table = creates[0]
    kind = "macro table" if what == "macro" and table else what
    depends = tuple(d.strip() for line in _DEPENDS.findall(sql) for d in line.split(","))
    return Model(name, kind, sql, depends)


def models() -> list[Model]:
    """Every model shipped in the package, each after the models it depends on."""
    found = {}
    for entry in resources.files("warehouse.models").iterdir():
        if entry.name.endswith(".sql"):
            model = _parse(entry.name, entry.read_text("utf-8"))
            found[model.name] = model
    return _in_order(found)


def _in_order(found: dict[str, Model]) -> list[Model]:
    """Dependencies first, by name among those ready (so the order is the same every time)."""
    ordered: list[Model] = []
    done: set[str] = set()
    while len(ordered) < len(found):
        ready = sorted(name for name, m in found.items()
                       if name not in done and set(m.depends) <= done)
        if not ready:
            left = {n: m.depends for n, m in found.items() if n not in done}
            raise WarehouseError(f"models with unknown or circular dependencies: {left}")
        ordered += [found[name] for name in ready]
        done.update(ready)
    return ordered


def _recorded(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """name -> (kind, checksum) of the models the warehouse holds ({} before migration 011)."""
    exists = con.execute("select count(*) from information_schema.tables "
                         "where table_name = 'warehouse_models'").fetchone()
    if not exists or exists[0] == 0:
        return {}
    rows = con.execute("select name, kind, checksum from warehouse_models").fetchall()
    return {name: (kind, checksum) for name, kind, checksum in rows}


def current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the warehouse holds exactly the models of this code."""
    held = {name: checksum for name, (_kind, checksum) in _recorded(con).items()}
    return held == {m.name: m.checksum for m in models()}


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the models the warehouse holds, dependants first (migrations then see tables only)."""
    recorded = _recorded(con)
    order = [m.name for m in reversed(models()) if m.name in recorded]
    order += sorted(set(recorded) - set(order))  # models this code no longer has
    for name in order:
        con.execute(f'drop {recorded[name][0]} if exists "{name}"')
    if recorded:
        con.execute("delete from warehouse_models")


def build(con: duckdb.DuckDBPyConnection, force: bool = False) -> list[str]:
    """Recreate every model, in one transaction, when `force` (a migration was applied) or a
    definition changed; returns the names whose definition changed. When the model `vintages`
    is built from changed, every vintage is rebuilt in the same transaction."""
    code = models()
    recorded = _recorded(con)
    changed = [m.name for m in code if recorded.get(m.name, ("", ""))[1] != m.checksum]
    if not force and not changed and set(recorded) == {m.name for m in code}:
        return []
    con.begin()
    try:
        drop(con)
        for m in code:
            _create(con, m)
        if vintages.MODEL in changed:
            vintages.rebuild_all(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    logger.info("built warehouse models (%s changed)", ", ".join(changed) or "none")
    return changed


def _create(con: duckdb.DuckDBPyConnection, m: Model) -> None:
    import duckdb

    try:
        con.execute(m.sql)
    except duckdb.Error as e:
        raise WarehouseError(f"model {m.name} failed: {str(e).splitlines()[0]}") from None
    con.execute("insert into warehouse_models (name, kind, checksum) values (?, ?, ?)",
                [m.name, m.kind, m.checksum])
