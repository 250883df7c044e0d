"""The seeds ship inside the wheel; the README's commands are the ones CI runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_contains_seeds_and_packages(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", "*.egg-info"),
    )
    out = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=src, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    seeds = sorted(n for n in names if n.startswith("core/seeds/"))
    assert [Path(n).name for n in seeds] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert "core/__init__.py" in names and "tui/cli.py" in names and "tui/app.tcss" in names
    assert "core/data/wordvectors.npz" in names
    entry = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))
    ).decode()
    assert "sidebyside = tui.cli:main" in entry
    # the installed layout finds its seeds in core/seeds
    extracted = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(extracted)
    code = "import core; print(core.seed_paths()[0])"
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=extracted, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(extracted), "PATH": "/usr/bin:/bin"},
    ).stdout.strip()
    assert found.startswith(str(extracted / "core" / "seeds"))


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)\n(.+?)\n```", section, flags=re.S)


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    run_reader, run_tests = commands
    assert "sidebyside" in run_reader and "pytest" in run_tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run_tests in ci
    assert "venv" in ci
