"""Snapshots of the main screens (pytest --snapshot-update to accept changes)."""

from __future__ import annotations

import core
from tui.app import SidebysideApp


async def _ready(pilot) -> None:
    await pilot.app.wait_aligned()
    await pilot.pause()


def _app() -> SidebysideApp:
    return SidebysideApp(core.load_many(core.seed_paths()))


def test_seeds_200x50(snap_compare) -> None:
    assert snap_compare(_app(), terminal_size=(200, 50), run_before=_ready, press=["j", "j"])


def test_narrow_80x24(snap_compare) -> None:
    assert snap_compare(_app(), terminal_size=(80, 24), run_before=_ready, press=["tab"])


def test_help_screen(snap_compare) -> None:
    assert snap_compare(_app(), terminal_size=(120, 40), run_before=_ready, press=["?"])


def test_light_theme(snap_compare) -> None:
    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await _ready(pilot)

    assert snap_compare(_app(), terminal_size=(160, 40), run_before=light, press=["tab", "j"])


async def _overview(pilot) -> None:
    await _ready(pilot)
    await pilot.press("o")


def test_overview_200x50(snap_compare) -> None:
    assert snap_compare(_app(), terminal_size=(200, 50), run_before=_overview)


def test_overview_80x24(snap_compare) -> None:
    assert snap_compare(_app(), terminal_size=(80, 24), run_before=_overview)
