"""`tradewatch replay-site` starts both sites, prints a usable config and stops on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from flows.cmd_replay import sample_config
from flows.config import load_settings


def _read_urls(proc: subprocess.Popen[str], deadline: float) -> tuple[dict[str, str], str]:
    urls: dict[str, str] = {}
    lines = []
    while len(urls) < 2 and time.monotonic() < deadline:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line:
            break
        lines.append(line)
        if m := re.match(r"^(kdpt|tin):\s+(http://\S+)$", line.strip()):
            urls[m.group(1)] = m.group(2)
    return urls, "".join(lines)


def test_replay_site_command_serves_and_stops() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows", "replay-site", "--port", "0",
         "--faults", "path=/rss/*:status_503"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        urls, head = _read_urls(proc, time.monotonic() + 20)
        assert set(urls) == {"kdpt", "tin"}, proc.stderr.read() if proc.stderr else ""
        with httpx.Client(timeout=5) as c:
            assert "Disallow: /tim-kiem" in c.get(urls["kdpt"] + "/robots.txt").text
            assert c.get(urls["tin"] + "/feed/").status_code == 200
            assert c.get(urls["kdpt"] + "/rss/home.rss").status_code == 503
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        out = proc.stdout.read() if proc.stdout else ""  # after readline(): not communicate()
        err = proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "stopped after" in err
    assert f'base_url = "{urls["kdpt"]}"' in head + out


def test_bad_fault_spec_exits_2() -> None:
    out = subprocess.run([sys.executable, "-m", "flows", "replay-site", "--port", "0",
                          "--faults", "path=/x:explode"], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 2 and "explode" in out.stderr and "Traceback" not in out.stderr


def test_sample_config_loads(tmp_path: Path) -> None:
    path = tmp_path / "tradewatch.toml"
    path.write_text(sample_config("http://127.0.0.1:8765", "http://127.0.0.1:8766"), "utf-8")
    settings = load_settings(path)
    kdpt, tin = settings.source("kdpt"), settings.source("tin")
    assert kdpt.base_url == "http://127.0.0.1:8765" and tin.kind == "generic"
    assert tin.feeds == ["http://127.0.0.1:8766/feed/"]
    assert tin.sitemaps == ["http://127.0.0.1:8766/sitemap_index.xml"]
