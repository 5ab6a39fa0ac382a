"""Migrations: applied in order once, recorded; a warehouse at an older version keeps its data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse import db, migrate
from warehouse.errors import WarehouseError


def test_migrations_are_numbered_in_order() -> None:
    versions = [m.version for m in migrate.migrations()]
    assert versions == sorted(versions) and versions[0] == 1 and len(versions) >= 2


def test_connect_applies_all_once(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    for _ in range(2):
        with db.connect(path, wait_s=1) as con:
            rows = con.execute("select version, name from schema_migrations order by 1"
                               ).fetchall()
    assert [r[0] for r in rows] == [m.version for m in migrate.migrations()]


def test_old_warehouse_with_data_is_migrated_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate.apply(con, target=1) == [1]
    con.execute("""
        insert into stored_articles (article_id, url, source, title, published_date, text,
                                     first_seen, last_seen)
        values ('a1', 'https://kdpt.vn/a', 'kdpt', 'Tiêu đề', date '2024-06-27', 'văn bản',
                timestamp '2024-06-30 10:00', timestamp '2024-06-30 10:00')
    """)
    con.execute("""
        insert into vintages values ('v1', 'o1', 's1', 'Lạng Sơn', 'export', 'all', 'level',
            date '2024-01-01', date '2024-06-30', 1.3e9, 'USD', false, 1, 1, 1,
            date '2024-06-27', date '2024-06-27', ['https://kdpt.vn/a'], true)
    """)
    con.close()
    with db.connect(path, wait_s=1) as con:
        assert migrate.current_version(con) == migrate.latest_version()
        assert con.execute("select url, title from articles").fetchall() == [
            ("https://kdpt.vn/a", "Tiêu đề")]
        assert con.execute("select region, value from series").fetchall() == [
            ("Lạng Sơn", 1.3e9)]


def test_reader_migrates_a_warehouse_behind_the_code(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate.apply(con, target=1)
    con.close()
    with db.connect(path, read_only=True, wait_s=5) as con:
        assert migrate.current_version(con) == migrate.latest_version()
        assert con.execute("select count(*) from series").fetchone() == (0,)


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate.apply(con, target=1)
    con.execute("create view articles as select 1 as x")  # makes 002 fail half-way
    with pytest.raises(WarehouseError, match="002_views.sql failed"):
        migrate.apply(con)
    assert migrate.current_version(con) == 1
    assert con.execute("select count(*) from information_schema.tables "
                       "where table_name = 'figures'").fetchone() == (0,)
