"""The user's judgement on links in the reader: reject a link, draw one, undo and redo, the
sensitivity keys; what the screen shows, what the store keeps across a restart, and what
`align --json` then prints."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from sidebyside.core import calibration
from sidebyside.core.judgements import LINK, REJECT
from sidebyside.core.store import Store
from sidebyside.tui.app import SidebysideApp
from sidebyside.tui.screens.choose_link import ChooseLinkScreen

from .conftest import open_at, seed_docs, sentence_index, sidebyside_cmd, source_index

HILL, SCOTSMAN = "The Hill", "Scotsman"
FLAG = "The\xa0SDF hoisted its yellow flag"  # The Hill (a no-break space, as printed)
FLAGS = "Syrian Democratic Forces have raised flags in Baghouz"  # The Scotsman, same fact
BOMBED = "The Associated Press reported early Saturday that"  # The Hill
FIELD = "A field pitted with abandoned trenches"  # The Scotsman: the scene after, not the bombing


def ref(source: str, prefix: str) -> tuple[int, int]:
    return source_index(source), sentence_index(source, prefix)


def partners(app: SidebysideApp, here: tuple[int, int]) -> set[tuple[int, int]]:
    assert app.alignment is not None
    return {lk.other(here) for lk in app.alignment.links_of(*here)}


def verdicts(data: Path) -> list[str]:
    store = Store(data)
    try:
        return [j.verdict for j in store.judgements()]
    finally:
        store.close()




def align_json(data: Path, cli_env: dict[str, str]) -> dict:
    out = subprocess.run([*sidebyside_cmd(), "align", "--json", "--data-dir", str(data)],
                         capture_output=True, env=cli_env, check=True)
    return json.loads(out.stdout)


def linked_in_json(data: dict, a: tuple[int, int], b: tuple[int, int]) -> list[dict]:
    return [lk for lk in data["links"] if {tuple(lk["a"]), tuple(lk["b"])} == {a, b}]


async def test_reject_a_link_undo_redo_and_it_stays_rejected(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    here, wrong = ref(HILL, BOMBED), ref(SCOTSMAN, FIELD)
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, HILL, BOMBED)
        assert wrong in partners(app, here) and len(partners(app, here)) >= 2
        bar = app.query_one("#comparison-bar")
        assert any(line.startswith(SCOTSMAN) for line in bar.lines)
        await pilot.press("R")  # two counterparts: choose which
        assert isinstance(app.screen, ChooseLinkScreen)
        await pilot.press("enter")  # the first, the strongest: the Scotsman's
        await pilot.pause()
        assert wrong not in partners(app, here)
        assert not any(line.startswith(SCOTSMAN) for line in bar.lines)
        assert verdicts(tmp_path) == [REJECT]
        await pilot.press("u")
        assert wrong in partners(app, here) and verdicts(tmp_path) == []
        await pilot.press("ctrl+r")
        assert wrong not in partners(app, here) and verdicts(tmp_path) == [REJECT]
    # a restart: the rejection is applied to the (cached) alignment
    again = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with again.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, HILL, BOMBED)
        assert wrong not in partners(again, here)
        assert partners(again, here)  # the other link stays
    data = align_json(tmp_path, cli_env)
    assert linked_in_json(data, here, wrong) == []


async def test_draw_a_link_it_is_the_users_and_survives_a_restart(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    flag, flags = ref(HILL, FLAG), ref(SCOTSMAN, FLAGS)
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, HILL, FLAG)
        assert flags not in partners(app, flag)
        await pilot.press("L")
        assert app.reader.views[flag[0]].link_source == flag[1]
        await open_at(pilot, SCOTSMAN, FLAGS)
        await pilot.press("L")
        assert flag in partners(app, flags)
        assert app.reader.views[flag[0]].link_source is None
        (link,) = [lk for lk in app.alignment.links_of(*flags) if lk.other(flags) == flag]
        assert link.by == "user"
        bar = app.query_one("#comparison-bar")
        assert any(line.startswith(f"{HILL} [yours]") for line in bar.lines)
        assert app.alignment.by_user(*flag) and app.alignment.status[flag[0]][flag[1]] != "unique"
        assert verdicts(tmp_path) == [LINK]
        await pilot.press("u")
        assert flag not in partners(app, flags) and verdicts(tmp_path) == []
        await pilot.press("ctrl+r")
        assert flag in partners(app, flags)
    again = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with again.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, SCOTSMAN, FLAGS)
        assert flag in partners(again, flags)
    data = align_json(tmp_path, cli_env)
    (link_json,) = linked_in_json(data, flag, flags)
    assert link_json["by"] == "user" and link_json["evidence"]


async def test_escape_cancels_drawing_a_link(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_at(pilot, HILL, FLAG)
        await pilot.press("L", "escape")
        assert view.link_source is None and app.link_source is None
        await open_at(pilot, SCOTSMAN, FLAGS)
        await pilot.press("L")  # starts a new link, links nothing
        assert verdicts(tmp_path) == []


async def test_sensitivity_keys_show_more_and_fewer_links(tmp_path: Path) -> None:
    app = SidebysideApp(seed_docs(), store=Store(tmp_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await open_at(pilot, HILL, FLAG)
        shown = len(app.alignment.links)
        await pilot.press("plus")
        assert app.sensitivity == calibration.HIGH and len(app.alignment.links) > shown
        weak = [lk for lk in app.alignment.links
                if lk.score < calibration.THRESHOLDS[calibration.DEFAULT] and lk.kind != "same"]
        assert weak
        d, s = weak[0].a
        assert app.alignment.weak(d, s) or any(
            lk.score >= calibration.THRESHOLDS[calibration.DEFAULT]
            for lk in app.alignment.links_of(d, s))
        await pilot.press("minus", "minus")
        assert app.sensitivity == calibration.LOW and len(app.alignment.links) < shown
        assert all(lk.kind == "same" or lk.score >= calibration.THRESHOLDS[calibration.LOW]
                   for lk in app.alignment.links)
