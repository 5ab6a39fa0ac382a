"""EXTRACTOR_VERSION is a hash of the rules' source: stable across imports, new at any change."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from extractors.figures import EXTRACTOR_VERSION
from extractors.figures.version import rule_files, rules_version, source_hash


def _version_in_new_process() -> str:
    code = "from extractors.figures import EXTRACTOR_VERSION; print(EXTRACTOR_VERSION)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


def _package(root: Path) -> tuple[Path, Path]:
    """A throwaway package of two rule modules and a model.py beside it."""
    pkg = root / "figures"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "vocab.py").write_text("WORDS = ('ước', 'sơ bộ')\n", encoding="utf-8")
    (pkg / "walk.py").write_text("def walk():\n    return 1\n")
    (pkg / "notes.txt").write_text("not a module")
    model = root / "model.py"
    model.write_text("class Figure:\n    pass\n")
    return pkg, model


def test_version_is_a_hash_of_the_rules() -> None:
    assert re.fullmatch(r"figures-[0-9a-f]{12}", EXTRACTOR_VERSION)
    assert EXTRACTOR_VERSION == rules_version()


def test_version_is_stable_across_imports() -> None:
    assert _version_in_new_process() == _version_in_new_process() == EXTRACTOR_VERSION


def test_version_covers_every_module_and_the_model() -> None:
    names = [p.name for p in rule_files()]
    assert names[-1] == "model.py"
    assert {"extract.py", "walk.py", "vocab.py", "periods.py", "__init__.py"} <= set(names)
    assert names[:-1] == sorted(names[:-1])


def test_version_changes_when_a_module_changes(tmp_path: Path) -> None:
    pkg, model = _package(tmp_path)
    before = rules_version(pkg, model)
    assert rules_version(pkg, model) == before
    (pkg / "vocab.py").write_text("WORDS = ('ước', 'sơ bộ', 'dự kiến')\n", encoding="utf-8")
    after_rule = rules_version(pkg, model)
    assert after_rule != before
    model.write_text("class Figure:\n    confidence = 1.0\n")
    assert rules_version(pkg, model) not in (before, after_rule)


def test_version_ignores_other_files_and_sees_new_modules(tmp_path: Path) -> None:
    pkg, model = _package(tmp_path)
    before = rules_version(pkg, model)
    (pkg / "notes.txt").write_text("edited")
    assert rules_version(pkg, model) == before
    (pkg / "english.py").write_text("RULES = ()\n")
    assert rules_version(pkg, model) != before


def test_a_rename_changes_the_hash(tmp_path: Path) -> None:
    pkg, model = _package(tmp_path)
    before = source_hash(rule_files(pkg, model))
    (pkg / "walk.py").rename(pkg / "walker.py")
    assert source_hash(rule_files(pkg, model)) != before
