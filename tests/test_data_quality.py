"""Data tests (warehouse/data_tests.py) on a warehouse loaded with realistic batches: the
hand-built samples, synthetic articles and the replay corpus with its labelled figures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.helpers import sample
from tests.test_warehouse_replay import replay_batches
from warehouse import data_tests, db, load


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("dq") / "w.duckdb"
    with db.connect(path, wait_s=5) as c:
        for batch in (sample.history_batch(), sample.first_batch(), sample.revision_batch(),
                      sample.synthetic_batch("syn", 200, 10, seed=1), *replay_batches()):
            load.load_batch(c, batch)
        yield c


@pytest.mark.parametrize("name", list(data_tests.TESTS))
def test_data(con: duckdb.DuckDBPyConnection, name: str) -> None:
    assert con.execute(data_tests.TESTS[name]).fetchone() == (0,)


def test_the_warehouse_is_not_empty(con: duckdb.DuckDBPyConnection) -> None:
    counts = con.execute("select (select count(*) from series), (select count(*) from figures), "
                         "(select count(*) from articles where duplicate_of is not null)"
                         ).fetchone()
    assert counts[0] > 100 and counts[1] > 2000 and counts[2] >= 7


def test_a_data_test_catches_a_broken_row(tmp_path: Path) -> None:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as c:
        load.load_batch(c, sample.first_batch())
        c.execute("update figure_mentions set metric = 'weird' where figure_index = 0")
        c.execute("delete from stored_articles where url = 'https://kdpt.vn/lang-son-xnk-6-thang'")
        bad = data_tests.failing(c)
    assert set(bad) == {"mentions.metric accepted", "mentions.unit fits metric",
                        "mentions -> articles", "checks -> articles",
                        "duplicate_of -> a root article"}
