"""Safe by default: the served reader, the terminal, the store, the files users exchange.

Each test reproduces an attack or an accident and checks what a user would see or keep."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import multiprocessing
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sidebyside import core
from sidebyside.core import cache
from sidebyside.core.annotations import make_annotation
from sidebyside.core.export import merge_incoming, parse_jsonld_all, render, rows_for
from sidebyside.core.inert import csv_cell, inert, inert_line, md_inline
from sidebyside.core.store import APPLICATION_ID, Store, StoreError, StoreWriteError
from sidebyside.core.tagging import TagBook
from sidebyside.tui.app import SidebysideApp
from sidebyside.tui.serve import clamp_size, is_loopback

from .conftest import ROOT, open_overview, sidebyside_cmd
from .test_serve import free_port, stop_server, wait_for_port

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"


def run(args: list[str], env: dict[str, str], **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*sidebyside_cmd(), *args], capture_output=True, text=True, env=env,
                          timeout=120, **kw)


# --- sidebyside serve ---------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path, cli_env: dict[str, str]):
    port = free_port()
    proc = subprocess.Popen(
        [*sidebyside_cmd(), "serve", "--port", str(port), "--max-sessions", "1",
         "--data-dir", str(tmp_path / "data"), str(ROOT / "seeds/the-hill.txt"),
         str(ROOT / "seeds/scotsman.txt")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env, cwd=ROOT)
    try:
        wait_for_port(port, proc)
        assert proc.stdout is not None
        url = proc.stdout.readline().split(" at ", 1)[1].split()[0]
        yield port, url
    finally:
        stop_server(proc)


def test_serve_needs_the_key_and_its_own_origin(served) -> None:
    port, url = served
    token = url.split("token=", 1)[1]
    base = f"http://localhost:{port}"

    async def scenario() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/") as r:
                assert r.status == 403  # no key: no page
            async with http.get(f"{base}/?token=wrong") as r:
                assert r.status == 403
            async with http.get(url) as r:
                assert r.status == 200
                page = await r.text()
                assert f"/ws/{token}" in page and r.headers["Referrer-Policy"] == "no-referrer"
            ws_url = f"ws://localhost:{port}/ws/{token}?width=100&height=30"
            for bad in ({"Origin": "http://evil.example"}, {}):  # another site, or none
                with pytest.raises(aiohttp.WSServerHandshakeError) as err:
                    await http.ws_connect(ws_url, headers=bad)
                assert err.value.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError) as err:
                await http.ws_connect(f"ws://localhost:{port}/ws/wrong?width=80&height=24",
                                      headers={"Origin": base})
            assert err.value.status == 403
            # the right key from the right origin: a reader starts and draws
            async with http.ws_connect(ws_url, headers={"Origin": base}) as ws:
                got = await asyncio.wait_for(ws.receive(), 60)
                assert got.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
                # a second tab beyond --max-sessions 1 is refused, not started
                with pytest.raises(aiohttp.WSServerHandshakeError) as err:
                    await http.ws_connect(ws_url, headers={"Origin": base})
                assert err.value.status == 503
            # the client went: its session ends and the slot frees within seconds
            deadline = time.monotonic() + 20
            while True:
                try:
                    async with http.ws_connect(ws_url, headers={"Origin": base}):
                        break
                except aiohttp.WSServerHandshakeError:
                    assert time.monotonic() < deadline, "the slot was never freed"
                    await asyncio.sleep(0.5)

    asyncio.run(scenario())


def test_serve_stays_on_this_machine_unless_told(cli_env: dict[str, str]) -> None:
    out = run(["serve", "--host", "0.0.0.0", "--port", str(free_port())], cli_env)
    assert out.returncode == 2 and "--public" in out.stderr and out.stderr.count("\n") == 1
    assert is_loopback("localhost") and is_loopback("127.0.0.1") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")


def test_terminal_sizes_are_clamped() -> None:
    assert clamp_size(20000, 20000) == (400, 200)
    assert clamp_size(-5, "x") == (20, 24)
    assert clamp_size("120", "40") == (120, 40)


# --- the terminal -------------------------------------------------------------------------


def test_inert_shows_control_characters_and_keeps_the_rest() -> None:
    assert inert(OSC_TITLE) == "␛]0;pwned␇"
    assert "\x1b" not in inert_line(f"a\n{OSC_CLIPBOARD}b") and "\n" not in inert_line("a\nb")
    assert inert("plain “quoted” text\n") == "plain “quoted” text\n"
    assert inert_line("\u202eevil") == "\\u202eevil"  # a bidi override cannot reorder a line
    assert inert("\x9b31m") == "\\x9b31m"  # an 8-bit CSI too


def hostile_article(folder: Path) -> Path:
    name = folder / f"bad{OSC_TITLE}name.txt"
    name.write_text(f"Headline {OSC_TITLE} here{OSC_CLIPBOARD}\n\nThe mayor resigned on "
                    f"Monday after {OSC_CLIPBOARD}twelve years in office.\n", encoding="utf-8")
    return name


def test_no_escape_reaches_the_terminal_from_the_commands(tmp_path: Path,
                                                          cli_env: dict[str, str]) -> None:
    bad = hostile_article(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text("Mayor quits\n\nThe mayor resigned on Monday after twelve years in "
                    "office.\n", encoding="utf-8")
    outputs = [
        run(["align", str(bad), str(good)], cli_env),
        run(["report", str(bad), str(good)], cli_env),
        run(["align", str(bad) + ".missing"], cli_env),  # an error line naming the file
    ]
    for out in outputs:
        for stream in (out.stdout, out.stderr):
            assert "\x1b" not in stream and "\x07" not in stream, stream[:300]
    assert "␛]0;pwned" in outputs[0].stdout  # shown, visibly
    assert outputs[2].returncode == 2 and "␛" in outputs[2].stderr
    doc = core.load(bad)
    assert "\x1b" in doc.text  # offsets stay on the text exactly as read
    assert "\x1b" not in doc.title and "\x1b" not in doc.source


async def test_no_escape_reaches_the_terminal_from_the_reader(tmp_path: Path) -> None:
    bad = core.load(hostile_article(tmp_path))
    other = core.from_text("Mayor quits\n\nThe mayor resigned on Monday after twelve years.\n",
                           "other.txt")
    app = SidebysideApp([bad, other], store=Store(tmp_path / "data"))
    async with app.run_test(size=(120, 30)) as pilot:
        await app.wait_aligned()
        await pilot.pause()
        screens = [app.export_screenshot()]
        await pilot.press("p")  # the article picker
        await pilot.pause()
        screens.append(app.export_screenshot())
        await pilot.press("escape")
        await open_overview(pilot)  # the overview
        screens.append(app.export_screenshot())
    for svg in screens:
        assert "\x1b" not in svg and "\x07" not in svg
    assert "␛" in screens[0]


# --- files users exchange -----------------------------------------------------------------


def a_doc() -> core.Document:
    return core.from_text("Title\n\nThe council met on Monday. It voted 7 to 2.\n", "a.txt")


def test_csv_export_cannot_run_formulas() -> None:
    doc = a_doc()
    tags = []
    for note in ("=HYPERLINK(\"http://x\")", "+SUM(A1)", "@cmd", "-2+3+cmd|' /C calc'!A0",
                 "plain"):
        a = make_annotation(doc, 7, 26, "claim", note)
        tags.append(a)
    rows = list(csv.DictReader(io.StringIO(render(rows_for(tags), "csv"))))
    notes = [r["note"] for r in rows]
    assert notes[:4] == ["'=HYPERLINK(\"http://x\")", "'+SUM(A1)", "'@cmd",
                         "'-2+3+cmd|' /C calc'!A0"]
    assert notes[4] == "plain" and csv_cell("\tx") == "'\tx"


def test_markdown_export_and_report_escape_html_and_headings() -> None:
    doc = core.from_text("Title\n\nA <script>alert(1)</script> sentence here.\n", "a.txt")
    a = make_annotation(doc, 7, len(doc.text) - 1, "claim", "line one\n# not a heading [x](y)")
    md = render(rows_for([a]), "md")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\n# not" not in md and "\\[x\\]" in md
    assert md_inline("a\n\n## b") == "a \\#\\# b"


def test_a_fifo_is_refused_with_one_line(tmp_path: Path, cli_env: dict[str, str]) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = run(["align", str(fifo)], cli_env)
    assert out.returncode == 2 and "not a regular file" in out.stderr
    assert out.stderr.count("\n") == 1


def test_a_cache_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    docs = [core.load(p) for p in core.seed_paths()[:2]]
    from sidebyside.core.align import align_documents
    from sidebyside.core.suggest import suggest

    al = align_documents(docs)
    assert cache.save(al, suggest(docs, al), tmp_path)
    path = next(tmp_path.glob("*.json.gz"))
    import gzip

    good = json.loads(gzip.decompress(path.read_bytes()))
    for damage in ("link", "repeat", "tag"):
        data = json.loads(json.dumps(good))
        if damage == "link":
            data["links"][0][1] = 9999
        elif damage == "repeat":
            data["repeat_of"][0][0] = 9999
        else:
            data["suggestions"][0][3] = "evil<script>"
        path.write_bytes(gzip.compress(json.dumps(data).encode()))
        assert cache.load(docs, tmp_path) is None, damage


# --- import ---------------------------------------------------------------------------------


def exported(tmp_path: Path) -> dict:
    doc = a_doc()
    book = TagBook([doc], Store(tmp_path / "src"))
    book.toggle(0, 7, 26, "claim")
    return json.loads(render(rows_for([p.annotation for p in book.all()]), "jsonld"))


@pytest.mark.parametrize("damage", [
    "unknown-tag", "list-tag", "items-number", "body-string", "huge-start", "bool-start",
    "offsets-mismatch", "deep", "not-json",
])
def test_malformed_imports_are_refused_with_one_line(
        damage: str, tmp_path: Path, cli_env: dict[str, str]) -> None:
    data = exported(tmp_path)
    item = data["first"]["items"][0]
    text = None
    if damage == "unknown-tag":
        item["body"][0]["value"] = "evil<script>"
    elif damage == "list-tag":
        item["body"][0]["value"] = ["claim"]
    elif damage == "items-number":
        data["first"]["items"] = 5
    elif damage == "body-string":
        item["body"] = "claim"
    elif damage == "huge-start":
        text = json.dumps(data).replace('"start": 7', '"start": 1e999')
    elif damage == "bool-start":
        item["target"]["selector"][0]["start"] = True
    elif damage == "offsets-mismatch":
        item["target"]["selector"][0]["end"] = 9
    elif damage == "deep":
        text = "[" * 200_000 + "]" * 200_000
    elif damage == "not-json":
        text = "{nope"
    f = tmp_path / "in.jsonld"
    f.write_text(text if text is not None else json.dumps(data), encoding="utf-8")
    out = run(["import", str(f), "--data-dir", str(tmp_path / "dst")], cli_env)
    assert out.returncode == 2, out.stdout
    assert out.stderr.count("\n") == 1 and str(f) in out.stderr
    assert "Traceback" not in out.stderr
    store = Store(tmp_path / "dst")
    assert store.all() == []  # nothing half-imported


def test_an_import_with_a_byte_order_mark_is_read(tmp_path: Path,
                                                  cli_env: dict[str, str]) -> None:
    f = tmp_path / "in.jsonld"
    f.write_text("\ufeff" + json.dumps(exported(tmp_path)), encoding="utf-8")
    out = run(["import", str(f), "--data-dir", str(tmp_path / "dst")], cli_env)
    assert out.returncode == 0 and "imported 1 tag(s)" in out.stdout


def test_a_colleagues_note_is_merged_never_dropped() -> None:
    doc = a_doc()
    mine = make_annotation(doc, 7, 26, "claim", "my note")
    theirs = make_annotation(doc, 7, 26, "claim", "their note")
    new, merged = merge_incoming([mine], [theirs])
    assert new == [] and len(merged) == 1
    assert "my note" in merged[0].note and "[imported] their note" in merged[0].note
    _new, again = merge_incoming(merged, [theirs])
    assert again == []  # a second import adds nothing


@settings(max_examples=150, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["type", "first", "items", "body", "target", "selector",
                                       "start", "end", "exact", "value", "purpose", "id",
                                       "created", "motivation", "source"]), children,
                      max_size=5),
    max_leaves=25))
def test_any_json_shape_parses_or_gives_a_value_error(shape) -> None:
    try:
        tags, links = parse_jsonld_all(json.dumps(shape))
    except ValueError:
        return
    for a in tags:
        assert a.problem() is None
    assert all(j.verdict in ("link", "reject") for j in links)


async def test_a_bad_row_in_the_store_never_crashes_the_reader(tmp_path: Path) -> None:
    doc = a_doc()
    store = Store(tmp_path)
    TagBook([doc], store).toggle(0, 7, 26, "claim")
    store.close()
    with sqlite3.connect(tmp_path / "annotations.sqlite3") as db:
        row = next(iter(db.execute("SELECT * FROM annotations")))
        marks = ",".join("?" * len(row))
        db.execute(f"INSERT INTO annotations VALUES ({marks})", ("x2", "evil<script>", *row[2:]))
    app = SidebysideApp([doc], store=Store(tmp_path), align=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.tags.skipped == 1 and len(app.tags.all()) == 1
        assert any("damaged or unknown" in n.message for n in app._notifications)


# --- the store ------------------------------------------------------------------------------


def test_a_damaged_page_is_one_line_and_the_file_is_untouched(tmp_path: Path) -> None:
    doc = a_doc()
    store = Store(tmp_path)
    store.save(*[make_annotation(doc, 7, 26, "claim", f"{k} " + "a note " * 40)
                 for k in range(300)])  # many pages of rows
    store.close()
    path = tmp_path / "annotations.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 12 * page
    data[page * 10 : page * 10 + 12] = b"\x07" * 12  # a damaged page, a sound header
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        Store(tmp_path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert path.read_bytes() == before


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "annotations.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE accounts (id INTEGER, balance REAL)")
        db.execute("INSERT INTO accounts VALUES (1, 10.0)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store(tmp_path)
    assert path.read_bytes() == before
    ours = Store(tmp_path / "ours")
    assert ours._db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def _open_store(folder: str) -> str:
    try:
        Store(folder).close()
        return "ok"
    except Exception as exc:  # reported to the parent
        return repr(exc)


def test_two_processes_creating_a_store_at_once(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    for k in range(6):
        folder = str(tmp_path / f"s{k}")
        with ctx.Pool(4) as pool:
            results = pool.map(_open_store, [folder] * 4)
        assert results == ["ok"] * 4, results


def test_a_read_only_store_is_opened_read_only(tmp_path: Path, monkeypatch, capsys) -> None:
    doc = a_doc()
    store = Store(tmp_path)
    TagBook([doc], store).toggle(0, 7, 26, "claim")
    store.close()
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # as for a read-only folder
    ro = Store(tmp_path)
    assert ro.read_only
    book = TagBook([doc], ro)
    assert len(book.all()) == 1  # the saved tags are shown
    book.toggle(0, 28, 44, "claim")  # a new tag: kept in memory, reported
    assert book.pending and "read-only" in (book.last_error or "")
    assert [a.tag for a in ro.all()] == ["claim"]
    ro.close()
    from sidebyside.tui.cli import main  # export works from a read-only store

    assert main(["export", "--format", "csv", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "claim" in out and doc.text[7:26] in out


def test_disk_full_names_the_real_cause(tmp_path: Path, monkeypatch) -> None:
    store = Store(tmp_path)
    real = store._db

    class Full:
        in_transaction = False

        def execute(self, sql, params=()):
            if sql.startswith("COMMIT"):
                raise sqlite3.OperationalError("database or disk is full")
            return real.execute(sql, params)

    monkeypatch.setattr(store, "_db", Full())
    with pytest.raises(StoreWriteError) as err:
        store.save(make_annotation(a_doc(), 7, 26, "claim"))
    assert "disk is full" in str(err.value) and "no transaction" not in str(err.value)


async def test_quitting_with_unsaved_tags_offers_to_write_them(tmp_path: Path,
                                                               monkeypatch) -> None:
    from sidebyside.tui.screens.unsaved import UnsavedScreen

    doc = a_doc()
    store = Store(tmp_path / "data")
    app = SidebysideApp([doc], store=store, align=False)
    async with app.run_test(size=(100, 30)) as pilot:
        def refuse(*_a, **_k):
            raise StoreWriteError("data: cannot save (the disk is full)")

        monkeypatch.setattr(store, "apply", refuse)
        await pilot.press("c")  # a tag the store cannot take
        assert app.tags.pending
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # stay
        assert app.is_running and not isinstance(app.screen, UnsavedScreen)
        await pilot.press("ctrl+q")
        field = app.screen.query_one("#unsaved-path")
        target = tmp_path / "rescued.jsonld"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    tags, _links = parse_jsonld_all(target.read_text(encoding="utf-8"))
    assert [a.tag for a in tags] == ["claim"]


async def test_ctrl_q_quits_at_once_while_the_alignment_runs(monkeypatch) -> None:
    """The reader's alignment runs in a daemon thread: quitting does not wait for it (the
    interpreter does not join daemon threads at exit)."""
    import threading


    started, release = threading.Event(), threading.Event()

    def slow(*_args, **_kwargs):
        started.set()
        release.wait(60)
        raise RuntimeError("released")

    monkeypatch.setattr(core.align, "align_documents", slow)
    docs = [core.load(p) for p in core.seed_paths()[:2]]
    app = SidebysideApp(docs, use_cache=False)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert await asyncio.to_thread(started.wait, 10)
            await pilot.press("ctrl+q")  # returns while the alignment still runs
        worker = next(t for t in threading.enumerate() if t.name == "sidebyside-align")
        assert worker.daemon and worker.is_alive() and not app.is_running
    finally:
        release.set()


def test_two_windows_editing_one_tag_keep_both_sides(tmp_path: Path) -> None:
    doc = a_doc()
    TagBook([doc], Store(tmp_path)).toggle(0, 7, 26, "claim")
    one, two = TagBook([doc], Store(tmp_path)), TagBook([doc], Store(tmp_path))
    (tag_id,) = one.placed
    one.set_note(tag_id, "from the first window")
    two.set_note(tag_id, "from the second window")  # it still had the old version
    notes = sorted(a.note for a in Store(tmp_path).all())
    assert notes == ["from the first window", "from the second window"]
    assert two.conflicts == 1 and one.conflicts == 0
    # a tag deleted in one window and edited in the other is not silently brought back as
    # the same row, and is not lost either
    three = TagBook([doc], Store(tmp_path))
    four = TagBook([doc], Store(tmp_path))
    three.remove_ids([tag_id])
    four.set_note(tag_id, "edited after the delete")
    rows = Store(tmp_path).all()
    assert tag_id not in {a.id for a in rows}
    assert "edited after the delete" in {a.note for a in rows} and four.conflicts == 1
    # the same passage tagged in two windows is saved once
    five, six = TagBook([doc], Store(tmp_path)), TagBook([doc], Store(tmp_path))
    five.toggle(0, 28, 44, "quote")
    six.toggle(0, 28, 44, "quote")
    assert sum(1 for a in Store(tmp_path).all() if (a.start, a.tag) == (28, "quote")) == 1


async def test_tags_of_an_article_edited_and_renamed_are_still_listed(tmp_path: Path) -> None:
    from sidebyside.tui.screens import AnnotationsScreen

    old = tmp_path / "old-name.txt"
    old.write_text("Title\n\nThe council met on Monday. It voted 7 to 2.\n", encoding="utf-8")
    doc = core.load(old)
    TagBook([doc], Store(tmp_path / "data")).toggle(0, 7, 26, "claim")
    old.unlink()  # renamed and edited: neither its path nor its content is found
    new = core.from_text("Title\n\nThe council met on Tuesday. It voted 7 to 2.\n", "new.txt")
    app = SidebysideApp([new], store=Store(tmp_path / "data"), align=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationsScreen)
        shown = app.screen.query_one("#annotations-table").get_row_at(0)
        assert "(article not found)" in str(shown[0])
        assert "The council met on" in str(shown[2]) and "old-name.txt" in str(shown[2])
