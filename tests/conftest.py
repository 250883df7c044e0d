from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own (empty) alignment cache, never the user's."""
    monkeypatch.setenv("SIDEBYSIDE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def seed_paths() -> list[str]:
    return [str(p) for p in SEEDS]


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SIDEBYSIDE_DATA_DIR"] = str(tmp_path / "data")
    env["SIDEBYSIDE_CACHE_DIR"] = str(tmp_path / "cache")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def sidebyside_cmd() -> list[str]:
    return [sys.executable, "-m", "tui.cli"]
