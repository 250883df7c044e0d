"""Hostile input, over the CLI and the reader: each file gives a correct result or one line
naming the file; never a traceback, never a hang, never lost tags."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sidebyside import core
from sidebyside.core.store import Store
from sidebyside.tui.app import SidebysideApp

from .test_cli import run

SENTENCE = "The council approved the budget on Monday after a long debate. "
OTHER = Path(__file__).resolve().parent.parent / "seeds/the-hill.txt"


def _big(path: Path) -> Path:
    with path.open("wb") as fh:  # 50 MB, sparse: nothing is written or read
        fh.truncate(50 * 1024 * 1024)
    return path


GOOD: dict[str, tuple[Callable[[Path], bytes], str]] = {
    # name: (file content, a piece of text the decoded document must hold)
    "utf16-bom": (lambda _: "Título\n\nEl consejo aprobó «todo».\n".encode("utf-16"),
                  "aprobó «todo»"),
    "latin1": (lambda _: "Caf\xe9 cr\xe8me\n\nLe conseil a vot\xe9.\n".encode("latin-1"),
               "Le conseil a voté."),
    "crlf": (lambda _: b"Headline\r\n\r\nFirst sentence here. Second one.\r\n", "Second one."),
    "cr": (lambda _: b"Headline\r\rFirst sentence here. Second one.\r", "Second one."),
    "one-gigantic-paragraph": (lambda _: (SENTENCE * 6000).encode(), "long debate."),
    "a-1-MB-line": (lambda _: b"Headline\n\n" + b"x" * 1_000_000 + b"\n", "xxxxxxxx"),
    "right-to-left": (lambda _: "عنوان\n\nوافق المجلس على الميزانية يوم الاثنين.\n".encode(),
                      "وافق المجلس"),
    "emoji-combining": (
        lambda _: "Cafe\u0301 🙂\n\nThe 👩‍👩‍👧 family said “no” e\u0301.\n".encode(), "👩‍👩‍👧"),
    "zero-width": (lambda _: "Head\u200bline\n\nZero\u200b width\u200d joiners.\n".encode(),
                   "Zero\u200b width"),
    "a-few-control-characters": (lambda _: b"Headline\n\nA bell \x07 rang. A form\x0cfeed.\n",
                                 "A bell \x07 rang."),
}

BAD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda d: d / "missing.txt", "no such file"),
    "folder-without-articles": (lambda d: d, "no article files"),
    "empty": (lambda d: _write(d / "e.txt", b""), "empty"),
    "whitespace-only": (lambda d: _write(d / "w.txt", b" \n\t\r\n "), "only whitespace"),
    "binary": (lambda d: _write(d / "b.bin", b"\x00\x01" * 100), "binary"),
    "50-MB": (lambda d: _big(d / "big.txt"), "too large"),
    "invalid-utf8": (lambda d: _write(d / "u.txt", b"caf\xc3(\xa1\x80\xfe\xff" * 40), ""),
    "script-only-html": (lambda d: _write(
        d / "s.html", b"<html><head><script>var a=1;</script></head><body><script>b()</script>"
        b"</body></html>"), "no article text"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(GOOD))
def test_cli_reads_what_it_can(name: str, tmp_path: Path, cli_env) -> None:
    make, expected = GOOD[name]
    path = _write(tmp_path / f"{name}.txt", make(tmp_path))
    out = run(["align", "--json", str(path), str(OTHER)], cli_env)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)["documents"][0]
    assert expected in doc["text"]
    for s in doc["sentences"]:  # offsets are exact: each sentence is a slice of the text
        assert doc["text"][s["start"] : s["end"]].strip() == doc["text"][s["start"] : s["end"]]


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_refuses_with_one_line(name: str, tmp_path: Path, cli_env) -> None:
    make, words = BAD[name]
    (tmp_path / "in").mkdir()
    target = str(make(tmp_path / "in"))
    for args in (["align", "--json", target], [target]):  # the summary and the reader
        out = run(args, cli_env)
        assert out.returncode == 2
        lines = out.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and target in lines[0] and words in lines[0], out.stderr
        assert b"Traceback" not in out.stderr


@pytest.mark.parametrize("name", sorted(GOOD))
async def test_the_reader_shows_it_and_keeps_a_tag(name: str, tmp_path: Path) -> None:
    make, expected = GOOD[name]
    path = _write(tmp_path / f"{name}.txt", make(tmp_path))
    docs = [core.load(path), core.load(OTHER)]
    assert expected in docs[0].text
    # a hostile file beside a sample: two events, read together on purpose
    app = SidebysideApp(docs, store=Store(tmp_path / "data"), one_story=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_aligned()
        view = app.reader.views[0]
        view.focus()
        await pilot.press("j", "k", "G", "g")
        await pilot.press("c")
        await pilot.pause()
        screen = app.export_screenshot()
        assert "Traceback" not in screen
    tags = Store(tmp_path / "data").all()
    assert [t.tag for t in tags] == ["claim"]
    assert tags[0].exact in docs[0].text


async def test_toasts_show_document_text_as_text_never_as_markup() -> None:
    """A copied passage with "[b]" or an unbalanced "[/]" is shown as it is: a toast never
    parses what came from a document."""
    doc = core.from_text("A title here for it\n\nThe [b]board[/b] met [/] on [red]Friday.\n",
                         "brackets.txt")
    app = SidebysideApp([doc], align=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        view = app.reader.views[0]
        view.focus()
        view.move_to(1)
        await pilot.press("y")
        await pilot.pause()
        from textual.widgets._toast import Toast

        await pilot.pause()
        (toast,) = [t for t in app.screen.query(Toast) if "Copied" in str(t.render())]
        shown = str(toast.render())
        assert "[b]board[/b] met [/] on [red]Friday." in shown  # drawn as written
        assert "[/]" in app.clipboard
