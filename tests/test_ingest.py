from __future__ import annotations

import codecs
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sidebyside import core
from sidebyside.core import InputError, load
from sidebyside.core.ingest import MAX_BYTES, expand_paths

from .conftest import ROOT


def write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


ARTICLE = "Rebels Take Town\n\nThe rebels took the town on Sunday. Officials said 12 people died.\n"


# --- encodings ---------------------------------------------------------------------------


def test_utf8_is_read_exactly(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners \u201cwelcome\u201d\u00a0it.\r\nSecond line \u2014 here.\n"
    doc = load(write(tmp_path, "a.txt", text.encode("utf-8")))
    assert doc.text == text  # no-break space, CRLF, curly quotes all kept


def test_utf8_bom_is_dropped_and_nothing_else(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "a.txt", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")))
    assert doc.text == ARTICLE


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_single_byte_files(tmp_path: Path, encoding: str) -> None:
    text = "Le caf\u00e9 ferm\u00e9. Na\u00efve r\u00e9sum\u00e9 at the caf\u00e9.\n"
    doc = load(write(tmp_path, "a.txt", text.encode(encoding)))
    assert doc.text == text


def test_cp1252_curly_quotes(tmp_path: Path) -> None:
    text = "He said \u201cno\u201d to the caf\u00e9 \u2013 twice.\n"
    doc = load(write(tmp_path, "a.txt", text.encode("cp1252")))
    assert doc.text == text


def test_short_latin1_word(tmp_path: Path) -> None:
    assert load(write(tmp_path, "a.txt", "caf\u00e9".encode("latin-1"))).text == "caf\u00e9"


def test_utf16_with_bom(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "a.txt", ARTICLE.encode("utf-16")))
    assert doc.text == ARTICLE


def test_cyrillic_single_byte_is_detected(tmp_path: Path) -> None:
    text = "Повстанцы заняли город в воскресенье. Официальные лица сообщили о погибших.\n" * 3
    doc = load(write(tmp_path, "a.txt", text.encode("cp1251")))
    assert doc.text == text


# --- refusals ----------------------------------------------------------------------------


def assert_refused(path: str, words: str) -> None:
    with pytest.raises(InputError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(path)
    assert words in message


def test_missing_file(tmp_path: Path) -> None:
    assert_refused(str(tmp_path / "nope.txt"), "no such file")


def test_directory(tmp_path: Path) -> None:
    assert_refused(str(tmp_path), "is a directory")


def test_empty_file(tmp_path: Path) -> None:
    assert_refused(write(tmp_path, "e.txt", b""), "empty")


def test_whitespace_only(tmp_path: Path) -> None:
    assert_refused(write(tmp_path, "w.txt", b" \n\t\r\n  \n"), "only whitespace")


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    assert_refused(write(tmp_path, "b.txt", b"hello\x00world" * 10), "binary")


def test_control_characters_are_binary(tmp_path: Path) -> None:
    assert_refused(write(tmp_path, "b.txt", bytes(range(1, 9)) * 200), "binary")


def test_too_large(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    with p.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: nothing is written or read
    assert_refused(str(p), "too large")


def test_html_with_only_scripts(tmp_path: Path) -> None:
    html = b"<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>"
    assert_refused(write(tmp_path, "s.html", html), "no article text")


# --- html, markdown, no extension ---------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Rebels take town - The Daily Planet</title>
<meta property="og:site_name" content="The Daily Planet"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Rebels take town</h1>
<p>The rebels took the town of Example on Sunday after a week of fighting, officials said.</p>
<p>At least 12 people died, according to a hospital [1] in the region, and 300 fled.</p>
</article><footer>Copyright 2024 The Daily Planet. All rights reserved.</footer></body></html>
"""


def test_html_main_text_with_paragraphs(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "page.html", PAGE.encode("utf-8")))
    assert "The rebels took the town of Example on Sunday" in doc.text
    assert "[1]" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    paragraphs = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert any(p.startswith("At least 12 people died") for p in paragraphs)
    assert doc.source == "The Daily Planet"


def test_html_without_extension_is_sniffed(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "page", PAGE.encode("utf-8")))
    assert "<p>" not in doc.text


def test_markdown_is_kept_verbatim(tmp_path: Path) -> None:
    md = "# Rebels take town\n\nThe *rebels* took the town. They said so.\n"
    doc = load(write(tmp_path, "a.md", md.encode()))
    assert doc.text == md
    assert doc.title == "Rebels take town"


def test_text_without_extension(tmp_path: Path) -> None:
    assert load(write(tmp_path, "article", ARTICLE.encode())).text == ARTICLE


# --- document fields ---------------------------------------------------------------------


def test_title_source_fingerprint(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "daily-planet.txt", ARTICLE.encode()))
    assert doc.title == "Rebels Take Town"
    assert doc.source == "Daily Planet"
    assert len(doc.fingerprint) == 64
    assert doc.fingerprint == core.document.fingerprint(ARTICLE)


def test_same_text_same_fingerprint_from_other_path(tmp_path: Path) -> None:
    a = load(write(tmp_path, "a.txt", ARTICLE.encode()))
    b = load(write(tmp_path, "b.txt", ARTICLE.encode("utf-16")))
    assert a.fingerprint == b.fingerprint


def test_title_falls_back_to_first_sentence(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "a.txt", b"The rebels took the town. It fell fast.\n"))
    assert doc.title == "The rebels took the town."


def test_seed_titles_and_sources() -> None:
    docs = {Path(d.path).name: d for d in core.load_many(core.seed_paths())}
    smart = docs["smart-media-magazine.txt"]
    assert smart.source == "Smart Media Magazine"  # from "Headline – Smart Media Magazine"
    assert smart.title == "ISIS Caliphate Crumbles as Last Village in Syria Falls"
    # a section label ("Defense") and a two-word site label ("News Room") are not titles
    assert docs["the-hill.txt"].title.startswith("US-backed forces claim victory")
    assert docs["crimeandmoreworld.txt"].title == "Islamic State Defeated, Syrian Force Says"


# SHA-256 of the five files in ../shared/seeds/, as handed over.
SHARED_SEED_SHA256 = [
    "1fe825831d213c35ed099a06245f6dbee42f96ecbcd38d3a248ccaa760a6e75c",
    "446c981e3961038c511ca53cc938a28d1717235eb33f11a619f97a4d660d1328",
    "8b2aad16af9920b17ac0811579245d6e88e223e55184a6680de8457e46ade48b",
    "c254673cc6b1250098bef7681f18602fd81c3f18ecd8fd38e0d441e9b8fd20cb",
    "c59fbda37549b818ec071f2c9c3a54f616b16997d56ed0c0ed5cfc053f6129b8",
]


def test_seeds_are_the_shared_seeds_byte_for_byte() -> None:
    files = (ROOT / "seeds").glob("*.txt")
    ours = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in files)
    assert ours == SHARED_SEED_SHA256


def test_folder_expansion(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(PAGE)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(ARTICLE)
    expected = [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.html")]
    assert expand_paths([str(tmp_path)]) == expected


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match="no article files"):
        expand_paths([str(tmp_path)])


def test_stdin_is_read() -> None:
    code = ("import json; from sidebyside import core; d = core.load('-'); "
            "print(json.dumps([d.path, d.text]))")
    out = subprocess.run(
        [sys.executable, "-c", code], input=ARTICLE.encode(), capture_output=True, check=True
    )
    import json

    assert json.loads(out.stdout) == ["-", ARTICLE]


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=400)
    | st.text(max_size=300).map(lambda t: t.encode("utf-8"))
    | st.text(max_size=200).map(lambda t: ("<html><body><p>" + t + "</p></body></html>").encode()),
    st.sampled_from(["a.txt", "a.html", "a.md", "noext"]),
)
def test_any_bytes_load_or_fail_with_one_line(data: bytes, name: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            doc = load(str(path))
        except InputError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)
            return
        assert doc.text.strip()
        for s in doc.sentences:
            assert doc.text[s.start : s.end].strip() == doc.text[s.start : s.end]


def test_sources_with_the_same_name_are_told_apart(tmp_path: Path) -> None:
    for event in ("event-a", "event-b"):
        (tmp_path / event).mkdir()
        (tmp_path / event / "nyt.txt").write_text(f"Headline about {event}\n\nBody text here.\n")
    (tmp_path / "event-a" / "fox.txt").write_text("Another headline here\n\nBody.\n")
    docs = core.load_many([str(tmp_path)])
    assert sorted(d.source for d in docs) == ["Fox", "Nyt (event-a)", "Nyt (event-b)"]
    same = core.load_many([str(tmp_path / "event-a" / "nyt.txt")] * 2)
    assert [d.source for d in same] == ["Nyt (event-a) #1", "Nyt (event-a) #2"]


def test_a_source_is_never_named_after_a_date_or_dateline() -> None:
    from sidebyside.core.metadata import looks_like_date

    doc = core.from_text("Acme Water Board approves new rates – 14 March 2025\n\nThe board "
                         "approved the rates on Friday.\n", "acme-water-release.txt")
    assert doc.source == "Acme Water Release"
    doc = core.from_text("Acme Water Board approves new rates | Daily Courier\n\nText here.\n",
                         "x.txt")
    assert doc.source == "Daily Courier"
    for dateline in ("14 March 2025", "Updated 3:45 pm", "Friday", "2019", "03/14/2025"):
        assert looks_like_date(dateline)
    for site in ("The Hill", "Breitbart", "BBC News", "Smart Media Magazine"):
        assert not looks_like_date(site)
