"""Configuration: file, defaults, environment overrides and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.errors import ConfigError
from flows.config import load_settings

GOOD = """
[warehouse]
path = "data/tw.duckdb"

[[sources]]
name = "kdpt"
kind = "kdpt"

[[sources]]
name = "mysite"
kind = "generic"
feeds = ["https://example.vn/rss/kinh-te.rss"]
sitemaps = ["https://example.vn/sitemap.xml"]
number_format = "en"
rate_limit_per_s = 0.5
selectors = { text = "div.entry-content" }
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "tradewatch.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, GOOD))
    assert s.warehouse.path == Path("data/tw.duckdb")
    assert [x.name for x in s.sources] == ["kdpt", "mysite"]
    assert s.source("mysite").number_format == "en"


def test_default_file_in_working_directory(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    assert load_settings(cwd=tmp_path).source("mysite").kind == "generic"


def test_builtin_defaults(tmp_path: Path) -> None:
    s = load_settings(cwd=tmp_path)
    assert s.warehouse.path == Path("data/tradewatch.duckdb")
    assert [x.kind for x in s.sources] == ["kdpt"]


def test_environment_overrides_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEWATCH_WAREHOUSE__PATH", "/srv/tw.duckdb")
    monkeypatch.setenv("TRADEWATCH_HTTP__POLITE", "false")
    s = load_settings(write(tmp_path, GOOD))
    assert s.warehouse.path == Path("/srv/tw.duckdb")
    assert s.http.polite is False


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[warehouse]\nfoo = 1\n", "warehouse.foo: unknown key"),
        ("[[sources]]\nname = 'x'\nkind = 'rss'\n", "sources.0.kind"),
        ("[[sources]]\nname='x'\nkind='generic'\nfeeds=['ftp://a/b']\n", "sources.0.feeds"),
        ("[http]\nmax_retries = 'many'\n", "http.max_retries"),
        ("[warehouse\npath=1", "not valid TOML"),
        ("[[sources]]\nname='a'\nkind='kdpt'\n[[sources]]\nname='a'\nkind='kdpt'\n", "two sources"),
    ],
)
def test_bad_config_names_file_key_problem(tmp_path: Path, text: str, needle: str) -> None:
    p = write(tmp_path, text)
    with pytest.raises(ConfigError) as e:
        load_settings(p)
    msg = str(e.value)
    assert str(p) in msg and needle in msg
    assert "\n" not in msg


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(tmp_path / "nope.toml")
