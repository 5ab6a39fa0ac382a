"""Bad input to every command of the real `tradewatch` script (issue 7, point 6).

Each case runs the installed console script in a subprocess and wants exit code 2, one error line
on stderr, no traceback, and nothing lost: the warehouse file is byte-for-byte unchanged.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import sample
from tests.helpers.cli import assert_user_error, describe, sha256, tw, write_config
from warehouse import db, load

# A source nobody listens on: if a command got past its input checks it would fail fast here,
# never reach the internet.
DEAD_SOURCE = {"name": "dead", "kind": "generic", "base_url": "http://127.0.0.1:9",
               "feeds": ["http://127.0.0.1:9/feed/"]}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real warehouse (sample batches: a revision, failures, duplicates)."""
    path = tmp_path_factory.mktemp("pristine") / "tw.duckdb"
    with db.connect(path, wait_s=10) as con:
        for batch in (sample.history_batch(), sample.first_batch(), sample.revision_batch()):
            load.load_batch(con, batch)
    return path


@pytest.fixture()
def warehouse(pristine: Path, tmp_path: Path) -> Path:
    """A private copy of the sample warehouse for one test."""
    path = tmp_path / "wh" / "tw.duckdb"
    path.parent.mkdir()
    shutil.copyfile(pristine, path)
    return path


@pytest.fixture()
def config(tmp_path: Path, warehouse: Path) -> Path:
    """A valid config: the copied warehouse and one dead loopback source."""
    return write_config(tmp_path / "tradewatch.toml", {"warehouse": {"path": str(warehouse),
                                                                     "read_timeout_s": 5.0}},
                        [DEAD_SOURCE])


def some_slow(values: list[Any], fast: int, ids: list[str] | None = None) -> list[Any]:
    """The first `fast` cases run by default, the rest only with the slow tests (CI).

    A tuple value is several arguments; ids default to the values themselves.
    """
    names = ids or [str(v).strip() for v in values]
    return [pytest.param(*(v if isinstance(v, tuple) else (v,)), id=n or repr(v),
                         marks=() if i < fast else pytest.mark.slow)
            for i, (v, n) in enumerate(zip(values, names, strict=True))]


def run_tw(tmp_path: Path, *args: str, env: dict[str, str] | None = None,
           stdin: bytes | None = None) -> Any:
    return tw(list(args), cwd=tmp_path, env=env, stdin=stdin)


# ---------------------------------------------------------------- extract: files


def test_extract_missing_file(tmp_path: Path) -> None:
    res = run_tw(tmp_path, "extract", str(tmp_path / "nope.txt"))
    assert_user_error(res, "nope.txt")
    assert res.stdout == ""


def test_extract_directory(tmp_path: Path) -> None:
    assert_user_error(run_tw(tmp_path, "extract", str(tmp_path)))


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", "\ufeff".encode()],
                         ids=["empty", "blank", "bom-only"])
def test_extract_empty_file(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(content)
    res = run_tw(tmp_path, "extract", str(f))
    assert_user_error(res, "a.txt")
    assert res.stdout == ""


def test_extract_empty_stdin(tmp_path: Path) -> None:
    assert_user_error(run_tw(tmp_path, "extract", "-", stdin=b""), "stdin")


@pytest.mark.parametrize("kind", some_slow(["random", "high-bytes", "gzip", "png"], 2))
def test_extract_binary_file(tmp_path: Path, kind: str) -> None:
    rng = random.Random(7)
    data = {
        "random": rng.randbytes(200_000),
        "gzip": gzip.compress("Kim ngạch đạt 5,2 triệu USD. ".encode() * 1000),
        # no NUL byte and not UTF-8: must be refused as text, not crash the decoder
        "high-bytes": bytes(rng.randrange(0x80, 0x100) for _ in range(50_000)),
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(5000),
    }[kind]
    f = tmp_path / f"article.{kind}"
    f.write_bytes(data)
    res = run_tw(tmp_path, "extract", str(f))
    assert_user_error(res)
    assert res.stdout == ""


def test_extract_huge_file(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    line = "Kim ngạch xuất khẩu của tỉnh Lạng Sơn tháng 2/2024 đạt 5,2 triệu USD. \n".encode()
    with f.open("wb") as fh:
        for _ in range(60 * 1024 * 1024 // (len(line) * 1000) + 1):
            fh.write(line * 1000)
    assert f.stat().st_size >= 60 * 1024 * 1024
    res = run_tw(tmp_path, "extract", str(f))
    assert_user_error(res, "huge.txt")
    assert res.stdout == ""


def test_extract_huge_stdin(tmp_path: Path) -> None:
    data = ("Xuất khẩu đạt 1.300 triệu USD. " * 2_000_000).encode()[: 60 * 1024 * 1024]
    assert_user_error(run_tw(tmp_path, "extract", "-", stdin=data), "stdin")


@pytest.mark.parametrize("args", some_slow(
    [["--published", "2024-99-01"], ["--number-format", "fr"], ["--published", "hôm qua"],
     ["--format", "xml"]], 2, ["bad-month", "number-format", "words", "format"]))
def test_extract_bad_options(tmp_path: Path, args: list[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Xuất khẩu tháng 1/2024 đạt 5,2 triệu USD.", encoding="utf-8")
    res = run_tw(tmp_path, "extract", str(f), *args)
    assert_user_error(res)
    assert res.stdout == ""


@pytest.mark.parametrize("text", [
    "Kim ngạch xuất khẩu của tỉnh Lạng Sơn tháng 2/2024 đạt 1,2.3,4 triệu USD.",
    "Xuất khẩu từ ngày 15/5 đến 1/3/2024 đạt 5,2 triệu USD.",
    "%%%% ,,,, .... 0/0/0000 quý V/2024 tháng 0/2024 tháng 2/2023 ngày 29/2/2023",
], ids=["mixed-marks", "reversed-range", "junk"])
def test_extract_odd_text_never_tracebacks(tmp_path: Path, text: str) -> None:
    f = tmp_path / "odd.txt"
    f.write_text(text, encoding="utf-8")
    res = run_tw(tmp_path, "extract", str(f))
    assert "Traceback" not in res.stderr and res.returncode in (0, 2), describe(res)


def test_extract_still_reads_a_good_file(tmp_path: Path) -> None:
    """The control: the same harness on a valid article gives figures and exit 0."""
    f = tmp_path / "a.txt"
    f.write_text("Kim ngạch xuất khẩu của tỉnh Lạng Sơn tháng 2/2024 đạt 5,2 triệu USD.",
                 encoding="utf-8")
    res = run_tw(tmp_path, "extract", str(f))
    assert res.returncode == 0, describe(res)
    figures = [json.loads(line) for line in res.stdout.splitlines() if '"region"' in line]
    assert [(f["region"], f["indicator"], f["value"]) for f in figures] == [
        ("Lạng Sơn", "export", 5_200_000.0)]


# ---------------------------------------------------------------- config


BAD_CONFIGS: dict[str, str] = {  # the first four run by default, the rest with the slow tests
    "unknown-warehouse-key": '[warehouse]\npath = "x.duckdb"\nbogus = 1\n',
    "wrong-type-int": '[run]\nbatch_size = "many"\n',
    "feed-file-scheme": '[[sources]]\nname = "a"\nkind = "generic"\n'
                        'feeds = ["file:///etc/passwd"]\n',
    "toml-syntax": "[warehouse\npath = 'x'\n",
    "unknown-top-key": 'colour = "blue"\n',
    "unknown-source-key": '[[sources]]\nname = "a"\nkind = "kdpt"\nspeed = "max"\n',
    "wrong-type-bool": '[http]\npolite = "maybe"\n',
    "wrong-type-table": 'sources = "kdpt"\n',
    "negative-timeout": "[http]\nconnect_timeout_s = -1\n",
    "zero-concurrency": '[[sources]]\nname = "a"\nkind = "kdpt"\nmax_concurrency = 0\n',
    "unknown-kind": '[[sources]]\nname = "a"\nkind = "ftp"\n',
    "name-with-slash": '[[sources]]\nname = "../etc"\nkind = "kdpt"\n',
    "duplicate-names": '[[sources]]\nname = "a"\nkind = "kdpt"\n'
                       '[[sources]]\nname = "a"\nkind = "kdpt"\n',
    "feed-ftp-scheme": '[[sources]]\nname = "a"\nkind = "generic"\n'
                       'feeds = ["ftp://127.0.0.1/feed.xml"]\n',
    "sitemap-javascript": '[[sources]]\nname = "a"\nkind = "generic"\n'
                          'sitemaps = ["javascript:alert(1)"]\n',
    "base-url-ftp": '[[sources]]\nname = "a"\nkind = "kdpt"\nbase_url = "ftp://127.0.0.1/"\n',
    "listing-no-host": '[[sources]]\nname = "a"\nkind = "generic"\nlistings = ["http:///x"]\n',
    "unknown-selector": '[[sources]]\nname = "a"\nkind = "generic"\n'
                        'feeds = ["http://127.0.0.1:9/f"]\nselectors = { script = "body" }\n',
    "toml-duplicate-key": '[run]\nbatch_size = 1\nbatch_size = 2\n',
}


@pytest.mark.parametrize("name", some_slow(list(BAD_CONFIGS), 4))
def test_bad_config_refused_by_run(tmp_path: Path, warehouse: Path, name: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_CONFIGS[name], encoding="utf-8")
    before = sha256(warehouse)
    env = {"TRADEWATCH_WAREHOUSE__PATH": str(warehouse)}
    assert_user_error(run_tw(tmp_path, "run", "--config", str(bad), env=env), "bad.toml")
    assert sha256(warehouse) == before


@pytest.mark.parametrize("args", some_slow(
    [["sql", "select 1"], ["series"], ["backfill", "--since", "2024-01-01", "--until",
                                       "2024-02-01"], ["reprocess"]],
    1, ["sql", "series", "backfill", "reprocess"]))
def test_bad_config_refused_by_every_command(tmp_path: Path, args: list[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_CONFIGS["feed-file-scheme"], encoding="utf-8")
    assert_user_error(run_tw(tmp_path, *args, "--config", str(bad)), "bad.toml")


def test_config_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes('[warehouse]\npath = "kho dữ liệu.duckdb"\n'.encode("utf-16"))
    assert_user_error(run_tw(tmp_path, "run", "--config", str(bad)), "utf-8")


def test_config_binary(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(random.Random(3).randbytes(4096))
    assert_user_error(run_tw(tmp_path, "run", "--config", str(bad)), "bad.toml")


@pytest.mark.parametrize("which", ["missing", "directory"])
def test_config_path_not_a_file(tmp_path: Path, which: str) -> None:
    path = tmp_path / "nope.toml" if which == "missing" else tmp_path
    assert_user_error(run_tw(tmp_path, "sql", "select 1", "--config", str(path)))


@pytest.mark.parametrize("env", [
    {"TRADEWATCH_RUN__BATCH_SIZE": "abc"},
    {"TRADEWATCH_SOURCES": "not json"},
    {"TRADEWATCH_HTTP": '{"polite": 3'},
], ids=["int", "sources-json", "table-json"])
def test_bad_environment_override(tmp_path: Path, config: Path, env: dict[str, str]) -> None:
    assert_user_error(run_tw(tmp_path, "sql", "select 1", "--config", str(config), env=env))


def test_unknown_source_name(tmp_path: Path, config: Path, warehouse: Path) -> None:
    before = sha256(warehouse)
    res = run_tw(tmp_path, "run", "--config", str(config), "--source", "nosuch")
    assert_user_error(res, "nosuch")
    assert sha256(warehouse) == before


# ---------------------------------------------------------------- warehouse path


def corrupt_file(path: Path) -> str:
    path.write_bytes(random.Random(11).randbytes(300_000))
    return sha256(path)


COMMANDS_ON_WAREHOUSE = {  # the first two run by default
    "sql": ["sql", "select count(*) from series"],
    "run": ["run"],
    "series": ["series"],
    "export": ["export", "--out", "exported"],
    "backfill": ["backfill", "--since", "2024-01-01", "--until", "2024-02-01"],
    "reprocess": ["reprocess"],
}


@pytest.mark.parametrize("name", some_slow(list(COMMANDS_ON_WAREHOUSE), 2))
def test_corrupt_warehouse(tmp_path: Path, name: str) -> None:
    path = tmp_path / "corrupt.duckdb"
    digest = corrupt_file(path)
    cfg = write_config(tmp_path / "tw.toml", {"warehouse": {"path": str(path),
                                                            "lock_timeout_s": 5.0}},
                       [DEAD_SOURCE])
    res = run_tw(tmp_path, *COMMANDS_ON_WAREHOUSE[name], "--config", str(cfg))
    assert_user_error(res, "corrupt.duckdb")
    assert sha256(path) == digest, "a command changed a corrupt warehouse file"


@pytest.mark.parametrize(("where", "name"), some_slow(
    [("parent-is-a-file", "run"), ("path-is-a-directory", "sql"), ("parent-is-a-file", "sql"),
     ("path-is-a-directory", "run"), ("parent-is-a-file", "backfill"),
     ("path-is-a-directory", "backfill")], 2,
    ["file-run", "dir-sql", "file-sql", "dir-run", "file-backfill", "dir-backfill"]))
def test_unusable_warehouse_path(tmp_path: Path, where: str, name: str) -> None:
    blocker = tmp_path / "blocker"
    if where == "parent-is-a-file":
        blocker.write_text("not a directory", encoding="utf-8")
        path = blocker / "sub" / "tw.duckdb"
    else:
        blocker.mkdir()
        path = blocker
    cfg = write_config(tmp_path / "tw.toml", {"warehouse": {"path": str(path),
                                                            "lock_timeout_s": 5.0}},
                       [DEAD_SOURCE])
    res = run_tw(tmp_path, *COMMANDS_ON_WAREHOUSE[name], "--config", str(cfg))
    assert_user_error(res)
    assert blocker.is_dir() == (where == "path-is-a-directory")


def test_missing_warehouse_for_queries(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "tw.toml", {"warehouse": {"path": str(tmp_path / "no.duckdb")}})
    for args in (["sql", "select 1"], ["series"]):
        assert_user_error(run_tw(tmp_path, *args, "--config", str(cfg)), "no warehouse")
    assert not (tmp_path / "no.duckdb").exists(), "a query created the warehouse"


# ---------------------------------------------------------------- sql


SYNTAX_ERRORS = ["selec 1", "select from where", "select 'unterminated", "select * from (",
                 "select 1 +", ")"]


@pytest.mark.parametrize("query", some_slow(SYNTAX_ERRORS, 1))
def test_sql_syntax_error(tmp_path: Path, config: Path, warehouse: Path, query: str) -> None:
    before = sha256(warehouse)
    res = run_tw(tmp_path, "sql", query, "--config", str(config))
    assert_user_error(res)
    assert res.stdout == ""
    assert sha256(warehouse) == before


@pytest.mark.parametrize("query", some_slow(
    ["select * from no_such_table", "", "   ", "select cast('abc' as integer)",
     "select no_column from series"], 1))
def test_sql_bad_query(tmp_path: Path, config: Path, query: str) -> None:
    assert_user_error(run_tw(tmp_path, "sql", query, "--config", str(config)))


WRITES = {  # the first four run by default
    "multi": "select 1; drop table retry_queue",
    "install": "install httpfs",
    "drop": "drop view series",
    "insert": "insert into run_log (run_id, kind) values ('x', 'monitor')",
    "update": "update retry_queue set attempts = 0",
    "delete": "delete from stored_articles",
    "create": "create table evil as select 1 as x",
    "create-view": "create view evil as select 1 as x",
    "alter": "alter table stored_articles add column evil integer",
    "checkpoint-then-drop": "checkpoint; drop view series",
    "load": "load httpfs",
}


@pytest.mark.parametrize("name", some_slow(list(WRITES), 4))
def test_sql_write_refused(tmp_path: Path, config: Path, warehouse: Path, name: str) -> None:
    before = sha256(warehouse)
    res = run_tw(tmp_path, "sql", WRITES[name], "--config", str(config))
    line = assert_user_error(res)
    # refused because it writes, not because of something incidental (like being offline)
    assert any(w in line.lower() for w in ("read-only", "refused", "not allowed", "only reads",
                                           "disabled", "permission")), describe(res)
    assert sha256(warehouse) == before


@pytest.mark.parametrize("kind", some_slow(["copy-csv", "export-database", "copy-parquet"], 1))
def test_sql_cannot_write_files(tmp_path: Path, config: Path, warehouse: Path, kind: str) -> None:
    target = tmp_path / "leak"
    query = {
        "copy-csv": f"copy (select * from stored_articles) to '{target}.csv'",
        "copy-parquet": f"copy stored_articles to '{target}.parquet' (format parquet)",
        "export-database": f"export database '{target}'",
    }[kind]
    before = sha256(warehouse)
    res = run_tw(tmp_path, "sql", query, "--config", str(config))
    leaked = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("leak"))
    assert leaked == [], f"`tradewatch sql` wrote files: {leaked}\n{describe(res)}"
    assert_user_error(res)
    assert sha256(warehouse) == before


@pytest.mark.parametrize("mode", ["default", "read-write"])
def test_sql_cannot_write_through_attach(tmp_path: Path, config: Path, mode: str) -> None:
    other = tmp_path / "other.duckdb"
    option = " (READ_WRITE)" if mode == "read-write" else ""
    query = f"attach '{other}' as o{option}; create table o.evil as select 42 as x"
    res = run_tw(tmp_path, "sql", query, "--config", str(config))
    assert not other.exists() or _tables(other) == [], f"sql wrote another database\n" \
                                                       f"{describe(res)}"
    assert_user_error(res)


def _tables(path: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        return [r[0] for r in con.execute("select table_name from information_schema.tables")
                .fetchall()]


def test_sql_still_answers_a_read(tmp_path: Path, config: Path, warehouse: Path) -> None:
    """The control: the same harness answers a read and leaves the file as it was."""
    before = sha256(warehouse)
    res = run_tw(tmp_path, "sql", "select count(*) as n from stored_articles",
                 "--config", str(config), "--format", "csv")
    assert res.returncode == 0, describe(res)
    assert res.stdout.splitlines()[0] == "n" and int(res.stdout.splitlines()[1]) > 0
    assert sha256(warehouse) == before


# ---------------------------------------------------------------- series / chart / export


@pytest.mark.parametrize("args", some_slow([
    ["series", "--format", "xml"],
    ["chart", "--region", "Lạng Sơn", "--indicator", "trade_total", "--out", "chart.txt"],
    ["chart", "--region", "Lạng Sơn", "--indicator", "trade_total", "--out",
     "blocker/chart.png"],
    ["export", "--out", "blocker"],
    ["export", "--out", "x", "--format", "ods"],
    ["export", "--out", "blocker/book.xlsx", "--format", "xlsx"],
], 2, ["series-format", "chart-suffix", "chart-unwritable", "export-onto-file",
        "export-format", "export-xlsx-onto-file"]))
def test_query_commands_bad_options(tmp_path: Path, config: Path, warehouse: Path,
                                    args: list[str]) -> None:
    (tmp_path / "blocker").write_text("a file where a directory should be", encoding="utf-8")
    before = sha256(warehouse)
    assert_user_error(run_tw(tmp_path, *args, "--config", str(config)))
    assert sha256(warehouse) == before


def test_series_hostile_filter_is_data(tmp_path: Path, config: Path, warehouse: Path) -> None:
    before = sha256(warehouse)
    res = run_tw(tmp_path, "series", "--region", "x'; drop view series; --",
                 "--config", str(config))
    # an unknown name: exit 2, "no such name", and the SQL-looking text stays data
    assert res.returncode == 2 and "Traceback" not in res.stderr, describe(res)
    assert "no such name" in res.stderr
    assert sha256(warehouse) == before


# ---------------------------------------------------------------- backfill dates


@pytest.mark.parametrize("window", some_slow([
    ["--since", "2024-13-01"],
    ["--since", "2024-02-30"],
    ["--since", "yesterday"],
    ["--since", ""],
    ["--since", "24-01-01"],
    ["--since", "99999-01-01"],
    ["--since", "2024-01-01", "--until", "2024-01-01"],
    ["--since", "2024-05-01", "--until", "2024-01-01"],
    ["--since", "2024-01-01", "--until", "2024/02/01"],
    ["--until", "2024-01-01"],
], 1, ["month-13", "feb-30", "words", "empty", "two-digit-year", "five-digit-year",
           "empty-window", "reversed", "slashes", "no-since"]))
def test_backfill_bad_dates(tmp_path: Path, config: Path, warehouse: Path,
                            window: list[str]) -> None:
    before = sha256(warehouse)
    res = run_tw(tmp_path, "backfill", *window, "--config", str(config))
    assert_user_error(res)
    assert sha256(warehouse) == before


@pytest.mark.parametrize("since", some_slow(["2024-99-01", "soon"], 1))
def test_reprocess_bad_date(tmp_path: Path, config: Path, warehouse: Path, since: str) -> None:
    before = sha256(warehouse)
    assert_user_error(run_tw(tmp_path, "reprocess", "--since", since, "--config", str(config)))
    assert sha256(warehouse) == before


def test_replay_site_bad_faults(tmp_path: Path) -> None:
    res = run_tw(tmp_path, "replay-site", "--port", "0", "--faults", "rate=2,seed=x")
    assert_user_error(res)


@pytest.mark.parametrize("args", [["--port", "99999"], ["--port", "-1"],
                                  ["--host", "203.0.113.9", "--port", "0"],
                                  ["--synthetic", "-5", "--port", "0"]],
                         ids=["port-too-big", "port-negative", "foreign-host", "synthetic"])
def test_replay_site_bad_options(tmp_path: Path, args: list[str]) -> None:
    assert_user_error(tw(["replay-site", *args], cwd=tmp_path, timeout=30))


def test_replay_site_port_in_use(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        assert_user_error(tw(["replay-site", "--port", port], cwd=tmp_path, timeout=30), port)


def test_demo_directory_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory", encoding="utf-8")
    res = tw(["demo", "--dir", str(blocker)], cwd=tmp_path, timeout=60)
    assert_user_error(res, "blocker")
    assert blocker.read_text(encoding="utf-8") == "not a directory"


@pytest.mark.slow
def test_sql_huge_result_is_bounded(tmp_path: Path, config: Path) -> None:
    """A query whose answer does not fit in memory: a message (or a capped answer), never a
    MemoryError traceback. The child gets 1.5 GB of address space, like a small server."""
    import resource
    import subprocess

    from tests.helpers.cli import base_env, command

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    res = subprocess.run([*command(), "sql", "select * from range(30000000)", "--format", "csv",
                          "--config", str(config)], cwd=tmp_path, env=base_env(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                         preexec_fn=limit, check=False)
    err = res.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and res.returncode in (0, 2), err[-2000:]
