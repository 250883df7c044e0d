"""The comparison report as one self-contained HTML file (inline CSS, no scripts, no network),
rendered from the report JSON (``core.report.build_report``)."""

from __future__ import annotations

from html import escape

from .report import story_heading

GROUP_COLOURS = ("#2f7ed8", "#8e44ad", "#27ae60", "#e67e22", "#c0392b", "#16a085", "#7f8c8d",
                 "#d35400")

CSS = """
body { font: 15px/1.5 Georgia, 'Times New Roman', serif; margin: 0; color: #1d1d1f;
       background: #fafaf7; }
header, section { padding: 0 2rem; }
h1 { font: 600 1.6rem system-ui, sans-serif; margin: 1.2rem 0 .2rem; }
h2 { font: 600 1.15rem system-ui, sans-serif; margin: 1.6rem 0 .6rem;
     border-bottom: 1px solid #ddd; }
h3 { font: 600 1rem system-ui, sans-serif; margin: 1rem 0 .4rem; }
table { border-collapse: collapse; font: 13px system-ui, sans-serif; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; }
.heat td.cell { text-align: center; min-width: 3.5rem; }
.legend span { display: inline-block; margin-right: 1rem; font: 13px system-ui, sans-serif; }
blockquote { margin: .6rem 0; padding: .4rem .8rem; border-left: 4px solid #27ae60;
             background: #f0f7f1; }
.carried { font: 13px system-ui, sans-serif; color: #555; }
ins { background: #d4f5d9; text-decoration: none; }
del { background: #fbd9d9; }
.articles { display: grid; gap: 1rem; padding: 0 1rem 2rem; }
.article { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; padding: .6rem .9rem; }
.article h3 { margin-top: .2rem; }
.article p { margin: 0 0 .7rem; }
.s { border-left: 3px solid transparent; padding-left: 2px; }
.shared { background: #cdeccf; }
.related { background: #dbe8f7; }
.furniture { color: #999; }
.unique-mark::before { content: "· "; color: #999; }
"""


def render_html(report: dict[str, object]) -> str:
    head = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Sidebyside comparison report</title>",
        f"<style>{CSS}</style></head><body>",
        "<header><h1>Comparison report</h1>",
    ]
    if "stories" not in report:
        sources = report["sources"]
        parts = [*head,
                 f"<p class='carried'>{len(sources)} sources compared sentence by sentence "  # type: ignore[arg-type]
                 "with Sidebyside.</p></header>", *_body(report)]
    else:
        stories = report["stories"]
        parts = [*head,
                 f"<p class='carried'>{len(stories)} stories: only articles of the same "  # type: ignore[arg-type]
                 "story are compared, sentence by sentence, with Sidebyside.</p>",
                 "<nav><ol>"]
        for story in stories:  # type: ignore[union-attr]
            parts.append(f"<li><a href='#story-{story['id'] + 1}'>{escape(story['title'])}</a>"
                         f" <span class='carried'>{escape(', '.join(story['sources']))}"
                         "</span></li>")
        parts.append("</ol></nav></header>")
        for story in stories:  # type: ignore[union-attr]
            parts.append(f"<section class='story' id='story-{story['id'] + 1}'>"
                         f"<h1>{escape(story_heading(story))}</h1></section>")
            parts += _body(story["report"])
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _body(report: dict[str, object]) -> list[str]:
    return [
        _sources_table(report["sources"]),
        _matrix(report["sources"], report["matrix"]),
        _quotations(report["quotations"]),
        _divergences(report.get("divergences", [])),
        _unique(report["unique"]),
        _articles(report["documents"]),
    ]


def _sources_table(sources) -> str:
    rows = "".join(
        f"<tr><td class='num'>{s['index'] + 1}</td><td>{escape(s['source'])}</td>"
        f"<td>{escape(s['title'])}</td><td class='num'>{s['sentences']}</td>"
        f"<td class='num'>{s['shared_fraction']:.0%}</td><td class='num'>{s['unique']}</td>"
        f"<td class='num'>{s['tags']['quote']}</td><td class='num'>{s['tags']['claim']}</td>"
        f"<td class='num'>{s['tags']['boilerplate']}</td></tr>"
        for s in sources
    )
    return (
        "<section><h2>Sources</h2><table><tr><th>#</th><th>source</th><th>title</th>"
        "<th>sentences</th><th>shared</th><th>only here</th><th>quote</th><th>claim</th>"
        f"<th>boilerplate</th></tr>{rows}</table></section>"
    )


def _matrix(sources, matrix) -> str:
    head = "".join(f"<th>{s['index'] + 1}</th>" for s in sources)
    rows = []
    for s, row in zip(sources, matrix, strict=True):
        cells = []
        for j, v in enumerate(row):
            if j == s["index"]:
                cells.append("<td class='cell'>·</td>")
            else:
                alpha = 0.12 + 0.78 * v
                colour = "#fff" if v > 0.55 else "#1d1d1f"
                cells.append(
                    f"<td class='cell' style='background: rgba(39,174,96,{alpha:.2f}); "
                    f"color: {colour}'>{v:.0%}</td>"
                )
        rows.append(f"<tr><th>{s['index'] + 1} {escape(s['source'])}</th>{''.join(cells)}</tr>")
    return (
        "<section><h2>How much each source shares with each other</h2>"
        "<p class='carried'>Share of the row source's sentences with a counterpart in the "
        f"column source.</p><table class='heat'><tr><th></th>{head}</tr>{''.join(rows)}"
        "</table></section>"
    )


def _diff(spans) -> str:
    out = []
    for op, text in spans:
        t = escape(text)
        if op == "insert":
            t = f"<ins>{t}</ins>"
        elif op == "delete":
            t = f"<del>{t}</del>"
        out.append(t)
    return "".join(out)


def _first(first) -> str:  # type: ignore[no-untyped-def]
    if not first:
        return ""
    return f" · first: {escape(first['source'])} ({escape(first['published'])})"


def _quotations(quotations) -> str:
    items = []
    for q in quotations:
        speaker = f" — <strong>{escape(q['speaker'])}</strong>" if q["speaker"] else ""
        carried = "".join(
            f"<li><strong>{escape(c['source'])}</strong>: {_diff(c['diff'])}</li>"
            for c in q["carried_by"]
        )
        items.append(
            f"<blockquote>“{escape(q['text'])}”{speaker}<div class='carried'>carried by "
            f"{escape(', '.join(q['sources']))}{_first(q.get('first'))}</div>"
            f"<ul class='carried'>{carried}</ul>"
            "</blockquote>"
        )
    return (
        f"<section><h2>Quotations carried by two or more sources ({len(quotations)})</h2>"
        f"{''.join(items) or '<p>None.</p>'}</section>"
    )


def _divergences(items) -> str:  # type: ignore[no-untyped-def]
    rows = [f"<section><h2>Where the sources disagree ({len(items)})</h2>"]
    if not items:
        rows.append("<p class='carried'>No figure, date, quotation or speaker differs between "
                    "linked sentences.</p>")
    for d in items:
        rows.append(
            f"<div class='divergence'><p><b>{escape(d['kind'])}</b>: <mark>{escape(d['a_text'])}"
            f"</mark> ≠ <mark>{escape(d['b_text'])}</mark>"
            + (f" ({escape(d['note'])})" if d.get("note") else "") + "</p>"
            f"<p class='carried'>{escape(d['a_source'])}: {escape(d['a_sentence'])}<br>"
            f"{escape(d['b_source'])}: {escape(d['b_sentence'])}</p></div>")
    rows.append("</section>")
    return "\n".join(rows)


def _unique(unique) -> str:
    blocks = []
    for u in unique:
        lis = "".join(f"<li>{escape(s['text'])}</li>" for s in u["sentences"])
        blocks.append(f"<h3>{escape(u['source'])} ({len(u['sentences'])})</h3><ul>{lis}</ul>")
    return f"<section><h2>What only one source reports</h2>{''.join(blocks)}</section>"


def _articles(documents) -> str:
    columns = []
    for d in documents:
        text = d["text"]
        by_paragraph: dict[int, list[dict]] = {}
        for s in d["sentences"]:
            by_paragraph.setdefault(s["paragraph"], []).append(s)
        paras = []
        for index, _p in enumerate(d["paragraphs"]):
            spans = []
            for s in by_paragraph.get(index, []):
                classes = ["s"]
                style = ""
                if s["furniture"]:
                    classes.append("furniture")
                elif s["status"] in ("shared", "related"):
                    classes.append(s["status"])
                    if s["group"] is not None:
                        colour = GROUP_COLOURS[s["group"] % len(GROUP_COLOURS)]
                        style = f" style='border-left-color: {colour}'"
                else:
                    classes.append("unique-mark")
                spans.append(
                    f"<span class='{' '.join(classes)}'{style}>"
                    f"{escape(' '.join(text[s['start']:s['end']].split()))}</span>"
                )
            paras.append(f"<p>{' '.join(spans)}</p>")
        columns.append(
            f"<div class='article'><h3>{escape(d['source'])}</h3>{''.join(paras)}</div>"
        )
    n = max(1, len(documents))
    return (
        "<section><h2>The articles side by side</h2><p class='legend'>"
        "<span class='shared'>shared (verbatim or the same quotation)</span>"
        "<span class='related'>related (the same fact in other words)</span>"
        "<span class='unique-mark'>only in this source</span></p></section>"
        f"<div class='articles' style='grid-template-columns: repeat({n}, minmax(16rem, 1fr))'>"
        f"{''.join(columns)}</div>"
    )
