"""export / import on the command line, and the end-to-end path: tag in the reader, restart,
export shows the tags."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

from sidebyside import core
from sidebyside.core.store import Store
from sidebyside.tui.app import SidebysideApp

from .conftest import sidebyside_cmd


def run(args, env):
    return subprocess.run([*sidebyside_cmd(), *args], capture_output=True, env=env, timeout=120)


async def tag_in_reader(data: Path) -> None:
    docs = core.load_many(core.seed_paths())
    app = SidebysideApp(docs, store=Store(data))
    async with app.run_test(size=(200, 50)) as pilot:
        await app.wait_aligned()
        view = app.reader.views[[d.source for d in docs].index("Smart Media Magazine")]
        view.focus()
        index = next(s.index for s in view.document.sentences
                     if view.document.sentence_text(s.index).startswith("“It’s getting smaller"))
        view.move_to(index)
        await pilot.press("q", "m", *"Dure Ahmed, 28", "enter")
        await pilot.press("j", "c")


async def test_tag_quit_restart_export(tmp_path: Path, cli_env) -> None:
    data = tmp_path / "data"
    await tag_in_reader(data)
    again = SidebysideApp(core.load_many(core.seed_paths()), store=Store(data))
    async with again.run_test(size=(200, 50)):
        assert len(again.tags.all()) == 2
    out = run(["export", "--data-dir", str(data), "--format", "csv"], cli_env)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode())))
    assert [r["tag"] for r in rows] == ["quote", "claim"]
    assert rows[0]["text"] == "“It’s getting smaller,”" and rows[0]["note"] == "Dure Ahmed, 28"
    assert set(rows[0]) == {"source", "path", "tag", "start", "end", "text", "speaker", "note",
                            "created"}
    md = run(["export", "--data-dir", str(data), "--format", "md"], cli_env).stdout.decode()
    assert "**quote** (Dure Ahmed): “It’s getting smaller,” — Dure Ahmed, 28" in md
    assert "““" not in md and "””" not in md  # a tagged quotation keeps its own marks only


async def test_export_of_given_files_reanchors_and_marks_orphans(tmp_path: Path, cli_env) -> None:
    data = tmp_path / "data"
    article = tmp_path / "a.txt"
    article.write_text("A headline here\n\nThe army took the town. Officials said 12 died.\n")
    doc = core.load(article)
    store = Store(data)
    from sidebyside.core.annotations import make_annotation

    store.save(make_annotation(doc, doc.sentences[1].start, doc.sentences[1].end, "claim"))
    store.save(make_annotation(doc, doc.sentences[2].start, doc.sentences[2].end, "claim"))
    article.write_text("A new headline here\n\nThe army took the town.\n")
    out = run(["export", "--data-dir", str(data), "--format", "json", str(article)], cli_env)
    rows = json.loads(out.stdout)
    methods = sorted(r["anchor"]["method"] for r in rows)
    assert methods == ["moved", "orphan"]
    moved = next(r for r in rows if r["anchor"]["method"] == "moved")
    text = article.read_text()
    assert text[moved["anchor"]["start"] : moved["anchor"]["end"]] == "The army took the town."


async def test_jsonld_export_import_round_trip_without_duplicates(tmp_path: Path, cli_env) -> None:
    data = tmp_path / "data"
    await tag_in_reader(data)
    out = run(["export", "--data-dir", str(data), "--format", "jsonld"], cli_env)
    collection = json.loads(out.stdout)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 2
    path = tmp_path / "colleague.jsonld"
    path.write_text(out.stdout.decode())
    other = tmp_path / "other"
    first = run(["import", str(path), "--data-dir", str(other)], cli_env)
    assert first.returncode == 0 and b"imported 2" in first.stdout
    second = run(["import", str(path), "--data-dir", str(other)], cli_env)
    assert b"imported 0" in second.stdout
    assert sorted(a.id for a in Store(other).all()) == sorted(a.id for a in Store(data).all())


def test_import_of_a_bad_file_is_one_line(tmp_path: Path, cli_env) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{not json")
    out = run(["import", str(bad), "--data-dir", str(tmp_path / "d")], cli_env)
    assert out.returncode == 2
    assert len(out.stderr.decode().strip().splitlines()) == 1 and str(bad) in out.stderr.decode()
    page = tmp_path / "r.html"
    page.write_text("<html><body><p>a report</p></body></html>", encoding="utf-8")
    out = run(["import", str(page), "--data-dir", str(tmp_path / "d")], cli_env)
    assert out.returncode == 2
    line = out.stderr.decode().strip()
    assert len(line.splitlines()) == 1 and str(page) in line
    assert "not a JSON-LD annotation export" in line


async def test_a_quotations_speaker_is_kept_edited_exported_and_imported(tmp_path: Path,
                                                                        cli_env) -> None:
    from .conftest import open_at

    data = tmp_path / "data"
    docs = core.load_many(core.seed_paths())
    app = SidebysideApp(docs, store=Store(data), align=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        view = await open_at(pilot, "The Hill", "“Baghouz is free")
        await pilot.press("q")
        (placed,) = app.tags.for_doc(view.index)
        assert placed.annotation.speaker == "Mustafa Bali"
        # the note dialog edits the speaker too
        await pilot.press("m", *"first tweet", "tab", "ctrl+u", *"Mustafa Bali (SDF)", "enter")
        (placed,) = app.tags.for_doc(view.index)
        assert (placed.annotation.note, placed.annotation.speaker) == ("first tweet",
                                                                      "Mustafa Bali (SDF)")
        await pilot.press("a")
        await pilot.pause()
        shown = app.screen.query_one("#annotations-table").get_row_at(0)[1].plain
        assert shown.startswith("quote (Mustafa Bali")  # cut to its column's share
    out = run(["export", "--data-dir", str(data), "--format", "csv"], cli_env)
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode())))
    assert rows[0]["speaker"] == "Mustafa Bali (SDF)"
    md = run(["export", "--data-dir", str(data), "--format", "md"], cli_env).stdout.decode()
    assert "**quote** (Mustafa Bali (SDF)): “Baghouz is free" in md
    js = json.loads(run(["export", "--data-dir", str(data)], cli_env).stdout)
    assert js[0]["speaker"] == "Mustafa Bali (SDF)"
    exported = tmp_path / "tags.jsonld"
    exported.write_bytes(run(["export", "--data-dir", str(data), "--format", "jsonld"],
                             cli_env).stdout)
    assert json.loads(exported.read_text())["first"]["items"][0]["sidebyside:speaker"] == \
        "Mustafa Bali (SDF)"
    other = tmp_path / "other"
    assert run(["import", str(exported), "--data-dir", str(other)], cli_env).returncode == 0
    assert [a.speaker for a in Store(other).all()] == ["Mustafa Bali (SDF)"]


async def test_exports_name_sources_as_the_reader_does_and_samples_by_a_stable_path(
        tmp_path: Path, cli_env) -> None:
    data = tmp_path / "data"
    await tag_in_reader(data)
    out = run(["export", "--data-dir", str(data), "--format", "csv"], cli_env)
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode())))
    assert {r["source"] for r in rows} == {"Smart Media Magazine"}
    assert {r["path"] for r in rows} == {"seeds/smart-media-magazine.txt"}
    js = json.loads(run(["export", "--data-dir", str(data)], cli_env).stdout)
    assert {(r["source"], r["path"]) for r in js} == {("Smart Media Magazine",
                                                       "seeds/smart-media-magazine.txt")}
    md = run(["export", "--data-dir", str(data), "--format", "md"], cli_env).stdout.decode()
    assert "## Smart Media Magazine" in md
