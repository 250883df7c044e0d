"""The overview: how much the sources overlap (a heat map), the quotations several of them
carry, what only one of them says, and the tags; ``enter`` jumps to a passage in the reader."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ...core.inert import inert_line, shortened
from ...core.summary import MATRIX_MAX

Target = tuple[int, int]  # (document, sentence)
PAGE = 100  # rows of a long table added at a time


class OverviewScreen(Screen[Target | None]):
    """Dismisses with (document, sentence) to jump to, or None."""

    COMPONENT_CLASSES = {"overview--insert", "overview--delete", "overview--source"}

    BINDINGS = [
        Binding("escape,o", "close", "Back", id="overview.close"),
        Binding("enter", "select", "Open / jump", priority=True, id="overview.select"),
    ]

    def __init__(self, report: dict[str, object]) -> None:
        super().__init__()
        self.report = report
        self.quote_rows: list[Target] = []
        self.unique_rows: list[Target] = []
        self.disagree_rows: list[Target] = []
        self.pair_rows: list[Target] = []
        self.closest: list[list[int]] = []  # with many sources: each one's closest
        self._unique_cells: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            many = len(self.report["sources"]) > MATRIX_MAX  # type: ignore[arg-type]
            yield Static(Content(
                "Overlap: share of the row source's sentences with a counterpart in the column "
                "source (enter on a cell: the shared sentences)" if not many else
                f"Overlap: {len(self.report['sources'])} sources, too many for a table of every "  # type: ignore[arg-type]
                "pair; each source's three closest, by the share of its sentences they carry "
                "(enter on one: the shared sentences)"), classes="overview--heading")
            with Horizontal(id="overview-top"):
                yield DataTable(id="overview-matrix", cursor_type="cell")
                yield DataTable(id="overview-tags", cursor_type="none")
            yield Static(id="overview-pair-heading", classes="overview--heading")
            yield DataTable(id="overview-pair", cursor_type="row")
            yield Static(id="overview-quotes-heading", classes="overview--heading")
            yield DataTable(id="overview-quotes", cursor_type="row")
            yield Static(id="overview-quote-diff")
            yield Static(id="overview-disagree-heading", classes="overview--heading")
            yield DataTable(id="overview-disagree", cursor_type="row")
            yield Static(id="overview-unique-heading", classes="overview--heading")
            yield DataTable(id="overview-unique", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        r = self.report
        sources = r["sources"]
        names = [s["source"] for s in sources]  # type: ignore[index, union-attr]
        matrix = self.query_one("#overview-matrix", DataTable)
        matrix.add_column(Text(""), key="row")
        if len(names) > MATRIX_MAX:
            self._fill_closest(matrix, names)
        else:
            self._fill_matrix(matrix, names)
        matrix.move_cursor(row=0, column=min(2, len(names)))
        tags = self.query_one("#overview-tags", DataTable)
        tags.can_focus = False  # figures only
        tags.add_columns("source", "quote", "claim", "boilerplate", "only here")
        for s in sources:  # type: ignore[union-attr]
            t = s["tags"]
            tags.add_row(Text(s["source"]), str(t["quote"]), str(t["claim"]),
                         str(t["boilerplate"]), str(s["unique"]))
        self._fill_quotes()
        self._show_quote_diff(0)
        self._fill_disagree()
        self._fill_unique()
        self._show_pair(0, min(1, len(names) - 1))
        matrix.focus()

    def _fill_matrix(self, matrix: DataTable, names: list[str]) -> None:
        """Every pair, as a heat map."""
        for i, name in enumerate(names):
            matrix.add_column(Text(f"{i + 1} {name[:12]}"), key=str(i))
        base = Color.parse(self.app.theme_variables.get("surface", "#1e1e1e"))
        hot = Color.parse(self.app.theme_variables.get("success", "#4ebf71"))
        ink = Color.parse(self.app.theme_variables.get("foreground", "#e0e0e0"))
        for i, row in enumerate(self.report["matrix"]):  # type: ignore[arg-type]
            cells: list[Text] = [Text(f"{i + 1} {names[i]}", style="bold")]
            for j, v in enumerate(row):
                if i == j:
                    cells.append(Text("·", justify="center"))
                    continue
                bg = base.blend(hot, min(1.0, 0.15 + 0.85 * v))
                fg = ink if v < 0.5 else base
                cells.append(Text(f"{v:.0%}", justify="center",
                                  style=Style(bgcolor=bg.rich_color, color=fg.rich_color)))
            matrix.add_row(*cells)

    def _fill_closest(self, matrix: DataTable, names: list[str]) -> None:
        """Too many sources for every pair (300 make 90,000 cells, 5 s to draw): each
        source's three closest."""
        for k in ("closest", "2nd", "3rd"):
            matrix.add_column(Text(k), key=k)
        for i, row in enumerate(self.report["matrix"]):  # type: ignore[arg-type]
            best = sorted((j for j in range(len(row)) if j != i and row[j] > 0),
                          key=lambda j: (-row[j], j))[:3]
            self.closest.append(best)
            cells = [Text(f"{i + 1} {names[i]}", style="bold")]
            cells += [Text(f"{names[j][:18]} {row[j]:.0%}") for j in best]
            cells += [Text("")] * (3 - len(best))
            matrix.add_row(*cells)

    def _fill_quotes(self) -> None:
        quotes = self.report["quotations"]
        heading = self.query_one("#overview-quotes-heading", Static)
        heading.update(Content(f"Quotations carried by two or more sources ({len(quotes)}); "  # type: ignore[arg-type]
                               "enter: jump to it"))
        table = self.query_one("#overview-quotes", DataTable)
        table.add_columns("speaker", "quotation", "carried by")
        for q in quotes:  # type: ignore[union-attr]
            text = q["text"]
            shown = text[:110] + ("…" if len(text) > 110 else "")
            by = q.get("first")
            earliest = f" · first: {by['source']} {by['published'][:10]}" if by else ""
            table.add_row(Text(inert_line(q["speaker"] or "?")), Text(inert_line(shown)),
                          Text(inert_line(", ".join(q["sources"]) + earliest)))
            first = q["carried_by"][0]
            self.quote_rows.append((first["doc"], first["sentence"]))

    def _fill_disagree(self) -> None:
        items = self.report.get("divergences", [])
        self.query_one("#overview-disagree-heading", Static).update(Content(
            f"Where the sources disagree ({len(items)}): the same fact, different figures, "  # type: ignore[arg-type]
            "dates, quotation or speaker; enter: jump to it" if items else
            "Where the sources disagree: nowhere (no figure, date, quotation or speaker differs "
            "between linked sentences)"))
        table = self.query_one("#overview-disagree", DataTable)
        table.display = bool(items)
        table.add_columns("kind", "disagreement", "sources")
        for d in items:  # type: ignore[union-attr]
            note = f" ({d['note']})" if d.get("note") else ""
            table.add_row(d["kind"],
                          Text(shortened(f"{d['a_text']} ≠ {d['b_text']}{note}", 90)),
                          Text(shortened(f"{d['a_source']} · {d['b_source']}", 50)))
            self.disagree_rows.append(tuple(d["a"]))  # type: ignore[arg-type]

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """The tags table beside the matrix scrolls with it (both list the sources; each
        scrolls inside itself when there are many)."""
        if event.data_table.id == "overview-matrix":
            tags = self.query_one("#overview-tags", DataTable)
            matrix = event.data_table
            self.call_after_refresh(lambda: tags.scroll_to(y=matrix.scroll_y, animate=False))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "overview-quotes":
            self._show_quote_diff(event.cursor_row)
        elif (event.data_table.id == "overview-unique"
              and event.cursor_row >= event.data_table.row_count - PAGE // 4):
            self._more_unique()

    def _show_quote_diff(self, row: int) -> None:
        """How each source carries the quotation: words it adds, words it drops."""
        quotes = self.report["quotations"]
        target = self.query_one("#overview-quote-diff", Static)
        if not 0 <= row < len(quotes):  # type: ignore[arg-type]
            target.update(Content(""))
            return
        style = self.get_visual_style
        lines = []
        for c in quotes[row]["carried_by"]:  # type: ignore[index]
            parts: list[object] = [(f"{c['source']}: ", style("overview--source"))]
            for op, text in c["diff"]:
                text = inert_line(" ".join(text.split())) if text.strip() else " "
                if op == "insert":
                    parts.append((text, style("overview--insert")))
                elif op == "delete":
                    parts.append((text, style("overview--delete")))
                else:
                    parts.append(text)
            lines.append(Content.assemble(*parts))  # type: ignore[arg-type]
        target.update(Content("\n").join(lines))

    def _fill_unique(self) -> None:
        unique = self.report["unique"]
        counts = ", ".join(f"{u['source']} {len(u['sentences'])}" for u in unique)  # type: ignore[union-attr]
        self.query_one("#overview-unique-heading", Static).update(
            Content(f"What only one source reports ({counts}); enter: jump to it")
        )
        table = self.query_one("#overview-unique", DataTable)
        table.add_columns("source", "sentence")
        self._unique_cells = []
        for u in unique:  # type: ignore[union-attr]
            for s in u["sentences"]:
                self._unique_cells.append((u["source"], s["text"]))
                self.unique_rows.append((u["doc"], s["sentence"]))
        self._more_unique()

    def _more_unique(self) -> None:
        """The next page of the unique sentences (thousands with 300 articles): added as the
        cursor comes near the last row added."""
        table = self.query_one("#overview-unique", DataTable)
        start = table.row_count
        for source, text in self._unique_cells[start : start + PAGE]:
            table.add_row(Text(source), Text(inert_line(text[:140])))

    def _show_pair(self, a: int, b: int) -> None:
        docs = self.report["documents"]
        names = [s["source"] for s in self.report["sources"]]  # type: ignore[index, union-attr]
        table = self.query_one("#overview-pair", DataTable)
        table.clear(columns=True)
        self.pair_rows = []
        if a == b:
            self.query_one("#overview-pair-heading", Static).update(Content("Pick two sources."))
            return
        lo, hi = min(a, b), max(a, b)
        links = next((p["links"] for p in self.report["pairs"]  # type: ignore[union-attr]
                      if p["a"] == lo and p["b"] == hi), [])
        self.query_one("#overview-pair-heading", Static).update(
            Content(f"Shared by {names[lo]} and {names[hi]}: {len(links)} sentence pairs "
                    "(enter: jump)")
        )
        table.add_columns("kind", names[lo][:20], names[hi][:20])

        def text(doc: int, s: int) -> str:
            d = docs[doc]  # type: ignore[index]
            sent = d["sentences"][s]
            return inert_line(" ".join(d["text"][sent["start"] : sent["end"]].split())[:90])

        for link in links:
            table.add_row(Text(link["kind"]), Text(text(lo, link["a"])), Text(text(hi, link["b"])))
            self.pair_rows.append((lo, link["a"]))

    def action_select(self) -> None:
        focused = self.focused
        if not isinstance(focused, DataTable):
            return
        if focused.id == "overview-matrix":
            row, col = focused.cursor_coordinate
            if col == 0:
                return
            if self.closest:  # the closest-sources table: the cell names the other source
                if col - 1 >= len(self.closest[row]):
                    self.app.bell()
                    return
                self._show_pair(row, self.closest[row][col - 1])
            else:
                self._show_pair(row, col - 1)
            self.query_one("#overview-pair", DataTable).focus()
            return
        rows = {
            "overview-quotes": self.quote_rows,
            "overview-unique": self.unique_rows,
            "overview-disagree": self.disagree_rows,
            "overview-pair": self.pair_rows,
        }.get(focused.id or "", [])
        if rows and 0 <= focused.cursor_row < len(rows):
            self.dismiss(rows[focused.cursor_row])
        else:
            self.app.bell()

    def action_close(self) -> None:
        self.dismiss(None)
