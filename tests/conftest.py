from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import pytest
from sidebyside import core

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
    env["SIDEBYSIDE_CONFIG"] = str(tmp_path / "config.toml")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def sidebyside_cmd() -> list[str]:
    return [sys.executable, "-m", "sidebyside"]


@functools.cache
def seed_docs() -> tuple[core.Document, ...]:
    """The bundled seeds, loaded once per test run."""
    return tuple(core.load_many(core.seed_paths()))


def source_index(source: str) -> int:
    return next(i for i, d in enumerate(seed_docs()) if d.source == source)


def sentence_index(source: str, prefix: str) -> int:
    doc = seed_docs()[source_index(source)]
    return next(
        s.index for s in doc.sentences if doc.sentence_text(s.index).startswith(prefix)
    )


async def aligned(pilot):
    """Wait until the alignment is on screen; the app."""
    await pilot.app.wait_aligned()
    await pilot.pause()
    return pilot.app


async def open_at(pilot, source: str, prefix: str):
    """Wait for the alignment, focus the source's pane and put the cursor on the sentence that
    starts with ``prefix``, as a person would."""
    app = pilot.app
    await app.wait_aligned()
    view = app.reader.views[source_index(source)]
    view.focus()
    view.move_to(sentence_index(source, prefix))
    await pilot.pause()
    return view


async def open_overview(pilot):
    """Press o and wait for the overview (it is built in a worker thread)."""
    from sidebyside.tui.screens import OverviewScreen

    await pilot.press("o")
    for _ in range(400):  # waits for a condition, at most 4 s, and says so if it never comes
        if isinstance(pilot.app.screen, OverviewScreen):
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.01)
    raise AssertionError("the overview did not open within 4 s")
    raise AssertionError("the overview never opened")
