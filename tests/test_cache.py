"""The alignment cache: same result as computing, rebuilt when stale or broken, never fatal."""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

from sidebyside import core
from sidebyside.core import cache
from sidebyside.core.suggest import suggest
from sidebyside.tui.app import SidebysideApp


@functools.cache
def computed() -> tuple[list[core.Document], core.Alignment, list]:
    docs = core.load_many(core.seed_paths())
    alignment = core.align_documents(docs)
    return docs, alignment, suggest(docs, alignment)


def test_a_cached_alignment_equals_the_computed_one(tmp_path: Path) -> None:
    docs, alignment, suggestions = computed()
    assert cache.load(docs, tmp_path) is None  # nothing cached yet
    assert cache.save(alignment, suggestions, tmp_path)
    hit = cache.load(docs, tmp_path)
    assert hit is not None
    again, again_suggestions = hit
    assert again.links == alignment.links
    assert again.groups == alignment.groups
    assert again.status == alignment.status
    assert again.furniture == alignment.furniture
    assert again.group_of == alignment.group_of
    assert again_suggestions == suggestions


def test_other_contents_or_order_miss(tmp_path: Path) -> None:
    docs, alignment, suggestions = computed()
    cache.save(alignment, suggestions, tmp_path)
    assert cache.load(list(reversed(docs)), tmp_path) is None
    changed = [core.from_text(docs[0].text + "\n\nOne more line.", docs[0].path), *docs[1:]]
    assert cache.load(changed, tmp_path) is None


def test_a_corrupt_or_truncated_entry_is_a_miss(tmp_path: Path) -> None:
    docs, alignment, suggestions = computed()
    cache.save(alignment, suggestions, tmp_path)
    (entry,) = tmp_path.glob("*.json.gz")
    entry.write_bytes(entry.read_bytes()[:40])
    assert cache.load(docs, tmp_path) is None
    entry.write_bytes(gzip.compress(b'{"key": "x"}'))
    assert cache.load(docs, tmp_path) is None
    entry.write_bytes(b"not gzip at all")
    assert cache.load(docs, tmp_path) is None


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    _, alignment, suggestions = computed()
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    assert cache.save(alignment, suggestions, blocker / "cache") is False


async def test_the_reader_reopens_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SIDEBYSIDE_CACHE_DIR", str(tmp_path))
    docs, alignment, _ = computed()
    first = SidebysideApp(docs)
    async with first.run_test(size=(120, 40)):
        await first.wait_aligned()
    assert len(list(tmp_path.glob("*.json.gz"))) == 1

    def fail(*args, **kwargs):
        raise AssertionError("aligned again instead of reading the cache")

    monkeypatch.setattr("sidebyside.core.align.align_documents", fail)
    second = SidebysideApp(docs)
    async with second.run_test(size=(120, 40)):
        await second.wait_aligned()
        assert second.alignment is not None
        assert second.alignment.links == alignment.links
        assert second.suggestions
