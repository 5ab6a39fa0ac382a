"""Issue 14, point 8: one-line errors, never a traceback, for a damaged warehouse, a stray file
at the warehouse path, a bad memory override, bad selectors and headers in the config, and a
full disk."""

from __future__ import annotations

import os
import resource
import signal
from pathlib import Path

import pytest

from tests.helpers import sample
from tests.helpers.cli import tw
from warehouse import db, load

DEAD = ('[[sources]]\nname = "dead"\nkind = "generic"\nbase_url = "http://127.0.0.1:9"\n'
        'feeds = ["http://127.0.0.1:9/feed"]\n')


def one_line_error(res, code: int = 2) -> str:  # noqa: ANN001 - a CompletedProcess
    assert res.returncode == code, (res.returncode, res.stderr[-2000:])
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("tradewatch:")]
    assert len(lines) == 1, res.stderr
    return lines[0]


def config(tmp_path: Path, warehouse: Path, extra: str = "") -> Path:
    path = tmp_path / "tradewatch.toml"
    path.write_text(f'[warehouse]\npath = "{warehouse}"\n{extra}\n{DEAD}', encoding="utf-8")
    return path


def test_run_on_a_half_truncated_warehouse(tmp_path: Path) -> None:
    wh = tmp_path / "tw.duckdb"
    with db.connect(wh, wait_s=10) as con:
        for batch in (sample.history_batch(), sample.first_batch(), sample.revision_batch()):
            load.load_batch(con, batch)
    os.truncate(wh, wh.stat().st_size // 2)
    line = one_line_error(tw(["run", "-c", str(config(tmp_path, wh))], cwd=tmp_path))
    assert "cannot read the warehouse" in line and "damaged or truncated" in line
    res = tw(["sql", "select * from figures", "-c", str(config(tmp_path, wh))], cwd=tmp_path)
    assert "Traceback" not in res.stderr and res.returncode in (0, 2)


def test_warehouse_path_at_a_stray_file_leaves_no_lock(tmp_path: Path) -> None:
    stray = tmp_path / "notes.txt"
    stray.write_text("my notes, not a warehouse\n", encoding="utf-8")
    line = one_line_error(tw(["run", "-c", str(config(tmp_path, stray))], cwd=tmp_path))
    assert "not a valid DuckDB database file" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "tradewatch.toml"]
    assert stray.read_text(encoding="utf-8") == "my notes, not a warehouse\n"


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "0"])
def test_bad_duckdb_memory_override(tmp_path: Path, value: str) -> None:
    res = tw(["run", "-c", str(config(tmp_path, tmp_path / "tw.duckdb"))], cwd=tmp_path,
             env={"TRADEWATCH_DUCKDB_MEMORY_MB": value})
    assert "TRADEWATCH_DUCKDB_MEMORY_MB" in one_line_error(res)
    assert not (tmp_path / "tw.duckdb").exists()


@pytest.mark.parametrize(("extra", "expected"), [
    ('[[sources]]\nname = "x"\nkind = "generic"\nbase_url = "http://127.0.0.1:9"\n'
     'selectors = { text = "div.entry-content[[[" }\n', "bad CSS selector"),
    ('[[sources]]\nname = "x"\nkind = "generic"\nbase_url = "http://127.0.0.1:9"\n'
     'selectors = { title = "h1:nth-child(" }\n', "bad CSS selector"),
    ('[http]\nuser_agent = "tradewatch\\r\\nX-Injected: 1"\n', "http.user_agent"),
    ('[http]\nuser_agent = "tradewatch\\u0000"\n', "http.user_agent"),
])
def test_bad_selectors_and_headers_refused_at_load(tmp_path: Path, extra: str,
                                                   expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(extra, encoding="utf-8")
    assert expected in one_line_error(tw(["run", "-c", str(path)], cwd=tmp_path))


def test_disk_full_during_a_load_is_one_line(tmp_path: Path, replay_config) -> None:  # noqa: ANN001
    """The warehouse's files may not grow past 400 KB (RLIMIT_FSIZE: writes fail with EFBIG,
    as on a full disk): the run fails with one line, no article is blamed, and the next run
    with room loads everything."""
    cfg = replay_config(directory=tmp_path)

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))

    import subprocess

    from tests.helpers.cli import base_env, command

    res = subprocess.run([*command(), "run", "-c", str(cfg)], cwd=tmp_path,
                         env=base_env(), capture_output=True, text=True, timeout=120,
                         preexec_fn=small_files, check=False)
    line = one_line_error(res, code=1)
    assert "File too large" in line and "left out of the batch" not in res.stderr
    again = tw(["run", "-c", str(cfg)], cwd=tmp_path)  # room again: everything loads
    assert again.returncode == 0, again.stderr[-2000:]
    res = tw(["sql", "select count(*) from failures", "-f", "csv", "-c", str(cfg)],
             cwd=tmp_path)
    assert res.stdout.splitlines()[1] == "0"  # no article was blamed for the full disk
