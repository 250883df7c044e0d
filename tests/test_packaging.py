"""The seeds ship inside the wheel; the README's commands are the ones CI runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_has_one_import_name_with_seeds_inside(tmp_path: Path) -> None:
    """Installed, the project is one package, ``sidebyside`` (never top-level ``core`` or
    ``tui``, which other distributions use); the seeds, data and styles are inside it."""
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", "*.egg-info",
                                      "build", "dist"),
    )
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(src)],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"sidebyside"}
    seeds = sorted(n for n in names if n.startswith("sidebyside/seeds/"))
    assert [Path(n).name for n in seeds] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    for needed in ("sidebyside/__init__.py", "sidebyside/__main__.py",
                   "sidebyside/core/__init__.py", "sidebyside/tui/cli.py",
                   "sidebyside/tui/app.tcss", "sidebyside/core/data/wordvectors.npz",
                   "sidebyside/tui/screens/reader.py", "sidebyside/tui/widgets/key_bar.py"):
        assert needed in names, needed
    assert not [n for n in names if "/_package/" in n or "__pycache__" in n]
    entry = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))
    ).decode()
    assert "sidebyside = sidebyside.tui.cli:main" in entry
    # unpacked alone (no checkout on the path), the package finds its seeds and runs as a module
    extracted = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(extracted)
    env = {"PYTHONPATH": str(extracted), "PATH": "/usr/bin:/bin"}
    code = "from sidebyside import core; print(core.seed_paths()[0])"
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=extracted, capture_output=True, text=True, check=True,
        env=env,
    ).stdout.strip()
    assert found.startswith(str(extracted / "sidebyside" / "seeds"))
    version = subprocess.run(
        [sys.executable, "-m", "sidebyside", "--version"], cwd=tmp_path, capture_output=True,
        text=True, env=env,
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("sidebyside ")


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
