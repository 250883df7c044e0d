"""Settings and keymap remembered in config.toml; --version; sidebyside keys."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sidebyside.tui.actions import ACTIONS
from sidebyside.tui.app import SidebysideApp
from sidebyside.tui.settings import ConfigError, Settings, load, save
from sidebyside.tui.widgets import KeyBar, StatusLine

from .conftest import seed_docs, sidebyside_cmd


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*sidebyside_cmd(), *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_version(cli_env: dict[str, str]) -> None:
    out = run(["--version"], cli_env)
    assert out.returncode == 0
    assert out.stdout.startswith("sidebyside ") and out.stdout.split()[1][0].isdigit()


def test_keys_lists_every_binding_with_the_keymap_applied(tmp_path: Path,
                                                          cli_env: dict[str, str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"tag.quote" = "Q"\n', encoding="utf-8")
    out = run(["keys", "--config", str(config)], cli_env)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert len(lines) == len(ACTIONS)
    quote = next(line for line in lines if line.startswith("tag.quote "))
    assert quote.split()[1] == "Q" and "(remapped)" in quote
    claim = next(line for line in lines if line.startswith("tag.claim "))
    assert claim.split()[1] == "c"


def test_a_broken_config_names_the_line_and_key_and_is_left_alone(tmp_path: Path,
                                                                  cli_env: dict[str, str]
                                                                  ) -> None:
    config = tmp_path / "config.toml"
    text = '# mine\n[reader]\ntheme = "nord"\nsensitivity = "extreme"\n'
    config.write_text(text, encoding="utf-8")
    try:
        load(config)
    except ConfigError as exc:
        assert str(exc) == (f"{config}: line 4, sensitivity: must be one of low, default, "
                            "high")
    else:
        raise AssertionError("a wrong value was accepted")
    out = run(["keys", "--config", str(config)], cli_env)
    assert out.returncode == 0 and len(out.stderr.strip().splitlines()) == 1
    assert "line 4, sensitivity" in out.stderr
    config.write_text('[keymap]\n"tag.nothing" = "Q"\n', encoding="utf-8")
    try:
        load(config)
    except ConfigError as exc:
        assert "line 2, tag.nothing: unknown binding id" in str(exc)
    else:
        raise AssertionError("an unknown binding id was accepted")
    config.write_text("[reader\n", encoding="utf-8")
    try:
        load(config)
    except ConfigError as exc:
        assert "not valid TOML" in str(exc) and "line 1" in str(exc)
    else:
        raise AssertionError("broken TOML was accepted")


async def test_settings_are_remembered_across_a_restart(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# my settings\n[keymap]\n"tag.claim" = "C"  # capital\n',
                      encoding="utf-8")
    app = SidebysideApp(seed_docs(), align=False, settings=load(config), config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s", "S", "B", "plus", "U")
        app.theme = "nord"
        await pilot.pause()
    saved = load(config)
    assert (saved.theme, saved.sync, saved.sensitivity, saved.suggestions,
            saved.hide_boilerplate, saved.emphasis) == ("nord", False, "high", False, True,
                                                        "unique")
    text = config.read_text(encoding="utf-8")
    assert "# my settings" in text and '"tag.claim" = "C"  # capital' in text
    again = SidebysideApp(seed_docs(), align=False, settings=saved, config=config)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        status = again.reader.query_one(StatusLine).render().plain
        for shown in ("Synchronised reading off", "Sensitivity high", "Suggestions hidden",
                      "Boilerplate hidden", "Emphasis: only here"):
            assert shown in status
        assert "C Claim" in again.reader.query_one(KeyBar).render().plain
        view = again.reader.views[0]
        view.focus()
        await pilot.press("C")
        assert [t for _, _, t in view.tag_spans] == ["claim"]


async def test_a_broken_config_is_never_overwritten(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    broken = "[reader]\nsync = maybe\n"
    config.write_text(broken, encoding="utf-8")
    app = SidebysideApp(seed_docs(), align=False, config=config,
                        config_problem=f"{config}: not valid TOML")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        assert any("Settings not read" in n.message for n in app._notifications)
    assert config.read_text(encoding="utf-8") == broken


def test_save_is_atomic_and_keeps_unknown_keys(tmp_path: Path) -> None:
    config = tmp_path / "deep" / "config.toml"
    save(config, Settings(theme="dracula"))
    assert load(config).theme == "dracula"
    assert [p.name for p in config.parent.iterdir()] == ["config.toml"]  # no temp file left


async def test_copy_puts_the_passage_with_its_source_on_the_clipboard() -> None:
    from .conftest import sentence_index, source_index

    app = SidebysideApp(seed_docs(), align=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        hill = source_index("The Hill")
        view = app.reader.views[hill]
        view.focus()
        view.move_to(sentence_index("The Hill", "“Baghouz is free"))
        await pilot.pause()
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("“Baghouz is free and the military victory against Daesh has "
                                 "been achieved,” — Mustafa Bali, in The Hill: “")
        assert copied.endswith("(seeds/the-hill.txt)")
        assert "““" not in copied
        # a selection of two sentences: both, no speaker invented
        view.move_to(0)
        await pilot.pause()
        await pilot.press("v", "j", "y")
        doc = view.document
        two = " ".join(doc.text[doc.sentences[0].start : doc.sentences[1].end].split())
        assert app.clipboard.startswith(f"“{two}” — The Hill: ")
        # the same from the annotations screen, for a tag (the cursor's sentence)
        await pilot.press("c", "a")
        await pilot.pause()
        await pilot.press("y")
        one = " ".join(doc.sentence_text(view.cursor).split())
        assert app.clipboard.startswith(f"“{one}” — The Hill: ")
