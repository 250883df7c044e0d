"""Snapshots of the main screens (pytest --snapshot-update to accept changes)."""

from __future__ import annotations

import pytest
from sidebyside import core
from sidebyside.tui.app import SidebysideApp

from .conftest import aligned, open_overview, sentence_index, source_index


def _app() -> SidebysideApp:
    return SidebysideApp(core.load_many(core.seed_paths()))


def _at(where: tuple[str, str], theme: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await aligned(pilot)
        source, prefix = where
        pilot.app.reader.show_pane(source_index(source), sentence_index(source, prefix))
        await pilot.pause()

    return run_before


FOUR = ("Scotsman", "U.S.-backed forces have claimed")  # four counterparts
UNIQUE = ("Breitbart", "Kurdish-led Syrian")  # only here


@pytest.mark.parametrize("size", [(200, 50), (120, 40), (80, 24)],
                         ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("where", [FOUR, UNIQUE], ids=["four-counterparts", "unique"])
def test_reader(snap_compare, size: tuple[int, int], theme: str,
                where: tuple[str, str]) -> None:
    assert snap_compare(_app(), terminal_size=size, run_before=_at(where, theme))


def test_help_screen(snap_compare) -> None:
    assert snap_compare(_app(), terminal_size=(120, 40), run_before=aligned, press=["?"])


async def _overview(pilot) -> None:
    await aligned(pilot)
    await open_overview(pilot)


def test_overview_200x50(snap_compare) -> None:
    assert snap_compare(_app(), terminal_size=(200, 50), run_before=_overview)


def test_overview_80x24(snap_compare) -> None:
    assert snap_compare(_app(), terminal_size=(80, 24), run_before=_overview)


@pytest.mark.parametrize(("size", "theme"), [((120, 40), "textual-dark"),
                                             ((80, 24), "textual-light")],
                         ids=["120x40-dark", "80x24-light"])
def test_story_list(snap_compare, tmp_path, size: tuple[int, int], theme: str) -> None:
    from .story_articles import write
    from .test_reader_stories import listed

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await listed(pilot)

    docs = [core.load(p) for p in write(tmp_path, "bridge", "recall", "harvest")]
    assert snap_compare(SidebysideApp(docs, use_cache=False), terminal_size=size,
                        run_before=run_before)
