"""Stories: articles grouped by the event they report (``core.stories``), the alignment kept
within a story, and the stories in ``align --json``, the text summary and the report."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from sidebyside.core import load
from sidebyside.core.report import build_report, render_markdown, stories_report
from sidebyside.core.report_html import render_html
from sidebyside.core.stories import Story, align_stories, find_stories, one_story, similarity

from .conftest import seed_docs
from .story_articles import STORIES, write
from .test_cli import run


def grouped(stories: list[Story], names: list[str]) -> set[frozenset[str]]:
    return {frozenset(names[d] for d in s.documents) for s in stories}


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    return write(tmp_path, "bridge", "recall", "harvest")


def names_of(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def expected(*stories: str) -> set[frozenset[str]]:
    return {frozenset(f"{name}-{outlet}" for outlet in STORIES[name]) for name in stories}


def test_two_stories(tmp_path: Path) -> None:
    paths = write(tmp_path, "bridge", "recall")
    stories = find_stories([load(p) for p in paths])
    assert grouped(stories, names_of(paths)) == expected("bridge", "recall")


def test_three_stories_with_a_single_article(three: list[Path]) -> None:
    stories = find_stories([load(p) for p in three])
    assert grouped(stories, names_of(three)) == expected("bridge", "recall", "harvest")
    # biggest first; every article in exactly one story; ids in order
    assert [len(s.documents) for s in stories] == [3, 2, 1]
    assert sorted(d for s in stories for d in s.documents) == list(range(len(three)))
    assert [s.id for s in stories] == [0, 1, 2]


def test_grouping_does_not_depend_on_the_order_given(three: list[Path]) -> None:
    rng = random.Random(3)
    names = names_of(three)
    want = expected("bridge", "recall", "harvest")
    for _ in range(4):
        order = list(range(len(three)))
        rng.shuffle(order)
        stories = find_stories([load(three[i]) for i in order])
        assert grouped(stories, [names[i] for i in order]) == want


def test_one_event_is_one_story() -> None:
    docs = seed_docs()
    stories = find_stories(docs)
    assert len(stories) == 1 and stories[0].documents == tuple(range(len(docs)))
    assert stories[0].title in {d.title for d in docs}


def test_story_title_is_a_headline_of_the_story(three: list[Path]) -> None:
    docs = [load(p) for p in three]
    for story in find_stories(docs):
        assert story.title in {docs[d].title for d in story.documents}


def test_similarity_is_symmetric_and_bounded(three: list[Path]) -> None:
    sim = similarity([load(p) for p in three])
    assert (sim == sim.T).all()
    assert ((sim >= 0) & (sim <= 1)).all()
    assert (sim.diagonal() == 1).all()


def test_no_articles_no_story_and_one_article_one_story(three: list[Path]) -> None:
    assert find_stories([]) == []
    only = find_stories([load(three[0])])
    assert len(only) == 1 and only[0].documents == (0,)
    assert one_story([]) == []


def test_links_stay_within_a_story(three: list[Path]) -> None:
    docs = [load(p) for p in three]
    stories = find_stories(docs)
    story_of = {d: s.id for s in stories for d in s.documents}
    alignment = align_stories(docs, stories)
    assert alignment.links
    for link in alignment.links:
        assert story_of[link.a[0]] == story_of[link.b[0]]
    # the bridge articles share facts: some of their sentences are linked
    bridge = next(s for s in stories if len(s.documents) == 3)
    linked = {(link.a[0], link.b[0]) for link in alignment.links}
    assert linked & set(itertools.combinations(bridge.documents, 2))


def test_align_stories_of_one_story_is_the_plain_alignment() -> None:
    from sidebyside.core.align import align_documents

    docs = seed_docs()
    assert align_stories(docs, one_story(docs)).to_json() == align_documents(docs).to_json()


def test_progress_reaches_the_end_and_never_goes_back(three: list[Path]) -> None:
    docs = [load(p) for p in three]
    seen: list[float] = []
    align_stories(docs, find_stories(docs), lambda f, _stage: seen.append(f))
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_align_json_lists_the_stories(three: list[Path], cli_env: dict[str, str]) -> None:
    out = run(["align", "--json", *map(str, three)], cli_env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    stories = data["stories"]
    assert [set(s) for s in stories] == [{"id", "title", "documents"}] * 3
    names = [Path(d["path"]).stem for d in data["documents"]]
    assert {frozenset(names[d] for d in s["documents"]) for s in stories} == expected(
        "bridge", "recall", "harvest")
    story_of = {d: s["id"] for s in stories for d in s["documents"]}
    assert data["links"]
    assert all(story_of[lk["a"][0]] == story_of[lk["b"][0]] for lk in data["links"])


def test_one_story_option_compares_everything(three: list[Path],
                                              cli_env: dict[str, str]) -> None:
    out = run(["align", "--json", "--one-story", *map(str, three)], cli_env)
    data = json.loads(out.stdout)
    assert data["stories"] == [{"id": 0, "title": data["documents"][0]["title"],
                                "documents": list(range(6))}]


def test_summary_lists_the_stories(three: list[Path], cli_env: dict[str, str]) -> None:
    out = run(["align", *map(str, three)], cli_env)
    text = out.stdout.decode()
    assert text.startswith("Stories (3; only articles of the same story are compared)")
    assert "Tessin orchards report record apple harvest" in text.split("Sources")[0]


def test_report_has_an_index_and_one_section_per_story(three: list[Path],
                                                       cli_env: dict[str, str]) -> None:
    out = run(["report", *map(str, three)], cli_env)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    index, *sections = text.split('<a id="story-')
    assert "3 stories" in index
    assert len(sections) == 3
    assert sections[0].count("### Sources") == 1
    assert "Story 1: " in sections[0] and "(3 articles)" in sections[0]
    assert "Story 3: Tessin orchards report record apple harvest (1 article)" in sections[2]
    # each section compares only its own articles: the harvest story shares nothing
    assert "Port Ellery" not in sections[2] and "Brantwood" not in sections[2]
    for n in (1, 2, 3):
        assert f"](#story-{n})" in index


def test_report_json_and_html_per_story(three: list[Path], cli_env: dict[str, str]) -> None:
    out = run(["report", "--format", "json", *map(str, three)], cli_env)
    data = json.loads(out.stdout)
    assert [len(s["documents"]) for s in data["stories"]] == [3, 2, 1]
    for story in data["stories"]:
        assert len(story["report"]["sources"]) == len(story["documents"])
    html = run(["report", "--format", "html", *map(str, three)], cli_env).stdout.decode()
    assert html.count("<section class='story' id='story-") == 3
    assert "href='#story-3'" in html


def test_report_of_one_story_is_unchanged() -> None:
    from sidebyside.core.align import align_documents

    docs = seed_docs()
    report = build_report(align_documents(docs))
    assert render_markdown(report).startswith("# Comparison report\n\n## Sources")
    assert "stories" not in report
    several = stories_report(docs, one_story(docs) * 2, [report, report])
    assert render_markdown(several).count("### Sources") == 2
    assert render_html(several).count("<section class='story'") == 2


def test_stories_aligned_in_worker_processes_give_the_same_links(three: list[Path]) -> None:
    docs = [load(p) for p in three]
    stories = find_stories(docs)
    seen: list[float] = []
    pooled = align_stories(docs, stories, lambda f, _s: seen.append(f), workers=2)
    assert pooled.to_json() == align_stories(docs, stories).to_json()
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_blocks_do_not_change_the_stories(three: list[Path], monkeypatch) -> None:
    """Finding the blocks a few articles at a time gives the stories of one pass."""
    import sidebyside.core.stories as stories_module

    docs = [load(p) for p in three]
    whole = find_stories(docs)
    monkeypatch.setattr(stories_module, "CHUNK", 2)
    assert find_stories(docs) == whole


def test_align_uses_worker_processes_and_tells_its_progress(three: list[Path], monkeypatch,
                                                            capsys) -> None:
    """Past the sizes where they pay (lowered here), ``align`` aligns stories in worker
    processes, with the same result, and writes its progress on stderr."""
    from sidebyside.tui import cli

    monkeypatch.setattr(cli, "POOL_FROM", 2)
    monkeypatch.setattr(cli, "PROGRESS_FROM", 2)
    assert cli.main(["align", "--json", "--jobs", "1", *map(str, three)]) == 0
    alone = json.loads(capsys.readouterr().out)
    import sidebyside.core.stories as stories_module

    seen: list[int] = []
    real = stories_module.align_stories

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs.get("workers", 1))
        return real(*args, **kwargs)

    monkeypatch.setattr(stories_module, "align_stories", spy)
    assert cli.main(["align", "--json", "--jobs", "2", *map(str, three)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == alone
    assert seen == [2]
    lines = captured.err.splitlines()
    assert lines[0] == "sidebyside: grouping 6 articles into stories (0%)"
    assert lines[-1] == "sidebyside: aligned 3 of 3 stories (100%)"
