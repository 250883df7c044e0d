"""Where the sources disagree: figures read from text (numbers, years, days of a month), and
divergences between linked sentences of each kind, on small examples of our own."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sidebyside.core import from_text
from sidebyside.core.align import Alignment, Link
from sidebyside.core.divergence import divergences, numbers_disagree, reworded
from sidebyside.core.figures import Figure, figures, word_value

from .test_cli import run

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """0 <= n < 1,000,000 in English words (our own writer, to test the reader)."""
    def below_thousand(k: int) -> list[str]:
        out = []
        if k >= 100:
            out += [ONES[k // 100], "hundred"]
            k %= 100
        if k >= 20:
            out.append(TENS[k // 10] + ("-" + ONES[k % 10] if k % 10 else ""))
        elif k or not out:
            out.append(ONES[k])
        return out

    if n >= 1000:
        rest = below_thousand(n % 1000) if n % 1000 else []
        return " ".join([*below_thousand(n // 1000), "thousand", *rest])
    return " ".join(below_thousand(n))


def numbers(text: str) -> list[tuple[float, str, str]]:
    return [(f.value, f.unit, f.qualifier) for f in figures(text) if f.kind == "number"]


@given(st.integers(min_value=2, max_value=999_999))
def test_a_number_in_digits_with_commas_or_in_words_reads_the_same(n: int) -> None:
    assert numbers(f"They counted {n:,} boats.") == [(float(n), "boat", "")]
    assert numbers(f"They counted {n} boats.") == [(float(n), "boat", "")]
    assert numbers(f"They counted {in_words(n)} boats.") == [(float(n), "boat", "")]
    assert word_value(in_words(n)) == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(
    [("k", 1_000), (" thousand", 1_000), (" million", 1_000_000), ("bn", 1_000_000_000)]))
def test_scales_multiply(n: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    assert numbers(f"a budget of {n}{word} dollars") == [(float(n * factor), "$", "")]


@given(st.sampled_from(["more than", "over", "at least", "nearly", "almost", "about",
                        "around", "some"]))
def test_hedges_are_kept_as_qualifiers(hedge: str) -> None:
    (value, unit, qualifier), = numbers(f"Police said {hedge} 4,000 people marched.")
    assert (value, unit) == (4000.0, "peopl") and qualifier in ("over", "under", "about")


def test_figures_keep_their_words_and_offsets() -> None:
    text = "A four-year operation freed a 1.5-square-mile area; 58 percent agreed."
    found = [(f.kind, text[f.start:f.end]) for f in figures(text)]
    assert found == [("number", "four-year"), ("number", "1.5-square-mile"),
                     ("number", "58 percent")]


def test_years_days_and_ranks_are_not_counts() -> None:
    text = "On Sept. 11, 2001, the No. 2 official said 19 hijackers took part."
    kinds = [(f.kind, text[f.start:f.end]) for f in figures(text)]
    assert kinds == [("day", "Sept. 11"), ("year", "2001"), ("number", "19 hijackers")]


def test_a_time_ago_is_no_duration() -> None:
    assert numbers("At its height four years ago it held a third of Syria.") == []
    assert numbers("It has spanned nearly five years.") == [(5.0, "year", "under")]
    # linked, but a date and a duration: not two figures of one thing
    assert divergences(pair("The campaign began four years ago, in the north.",
                            "The campaign has spanned nearly five years, in the north.")) == []


def test_years_counted_back_from_the_day_of_writing() -> None:
    def ago(text: str) -> list[tuple[float, str]]:
        return [(f.value, text[f.start:f.end]) for f in figures(text) if f.kind == "ago"]

    assert ago("At its height four years ago it held a third of Syria.") == [
        (4.0, "four years ago")]
    assert ago("It was 3 years ago, a year ago and last year.") == [
        (3.0, "3 years ago"), (1.0, "a year ago"), (1.0, "last year")]
    # hedged, another unit, or counted from another moment than the writing: not a year
    assert ago("Nearly five years ago; two weeks ago; four years earlier; a year later.") == []


def dated_pair(a: str, b: str, published_a: str | None, published_b: str | None
               ) -> Alignment:
    from sidebyside.core.provenance import Provenance

    docs = [from_text(f"Title one here\n\n{a}\n", "a.txt",
                      provenance=Provenance(published=published_a)),
            from_text(f"Title two here\n\n{b}\n", "b.txt",
                      provenance=Provenance(published=published_b))]
    return Alignment(docs, [Link((0, 1), (1, 1), 0.95, "related")],
                     [[False, False], [False, False]])


def test_a_year_counted_back_is_read_from_the_article_date() -> None:
    in_2014 = "At its height in 2014, the group ruled a third of Syria."
    years_ago = "At its height four years ago, the group ruled a third of Syria."
    (d,) = divergences(dated_pair(in_2014, years_ago, "2019-03-23", "2019-03-24T10:00:00Z"))
    assert (d.kind, d.a_text, d.b_text) == ("date", "2014", "four years ago")
    assert d.note == "four years ago: 2015" and not d.approximate
    assert d.label() == "2014 ≠ four years ago · date · four years ago: 2015"
    # agreeing once resolved, or counted back on both sides: nothing
    assert divergences(dated_pair(in_2014.replace("2014", "2015"), years_ago,
                                  "2019-03-23", "2019-03-23")) == []
    assert divergences(dated_pair(years_ago, years_ago, "2019-03-23", "2019-03-24")) == []
    # an article without a date takes the story's, and the divergence says it is approximate
    (d,) = divergences(dated_pair(in_2014, years_ago, "2019-03-23", None))
    assert d.approximate and "from the story's date" in d.note
    # no date anywhere: "four years ago" cannot be placed, and nothing is flagged
    assert divergences(dated_pair(in_2014, years_ago, None, None)) == []


AGREEING = [  # false alarms read on the ECB+ dev stories, in sentences of our own
    # a hyphenated scale
    ("The thieves took a two-million-euro ($2.6-million) haul.",
     "The thieves took $2.6 million (two million euros) in jewels."),
    # two places, two counts
    ("The wave killed 170,000 people in the province that year.",
     "The wave killed 230,000 people around the ocean that year."),
    # a place a few words after the figure
    ("It injured more than 200 people and damaged houses in Aceh.",
     "At least five people were injured and houses damaged in Takengon."),
    # no word in common around the figures: two things counted
    ("As many as 20,000 people marched on Wednesday, police said.",
     "Three people died on Wednesday during the general strike."),
    # what is done to them differs: killed against injured
    ("The quake struck Aceh on Tuesday, killing at least five people.",
     "The quake struck Aceh on Tuesday; at least 24 people were injured."),
    # a year on one side only: perhaps another event's figure
    ("A 6.1-magnitude earthquake struck the coast of the province.",
     "An 8.7-magnitude earthquake struck the coast of the province in May 2012."),
    # a conversion in brackets is compared through the figure it converts
    ("The epicentre was 55 kilometers (34 miles) west of the town.",
     "The quake hit at a depth of just six miles west of the town."),
]


def test_what_a_careful_reader_would_not_call_a_disagreement() -> None:
    for a, b in AGREEING:
        assert divergences(pair(a, b)) == [], (a, b)
    # a fraction ("4 1/2" printed as "41/2") is no number
    assert [f.kind for f in figures("He served 41/2 months in prison.")] == []
    # one word or two is house style, not a misquote
    assert not reworded("The data center is the foundation of IT for every enterprise today",
                        "The datacenter is the foundation of IT for every enterprise today")
    # and what stays a disagreement
    (d,) = divergences(pair("He served four months in federal prison for the cover-up.",
                            "He served five months in federal prison for the cover-up."))
    assert (d.a_text, d.b_text) == ("four months", "five months")


TWO_FACTS = {  # one fact's figure against another's, read on MSRP train pairs, in our own words
    "two owners": ("The Harbor Index rose 12 points, or 1.1 percent, to 1,120.",
                   "The Valley Composite Index rose 30 points, or 1.9 percent, to 1,610."),
    "two owners that 'added'": ("The Harbor Index added 12 points, or 1.1 percent, to 1,120.",
                                "The Valley Composite Index added 30 points, or 1.9 percent, "
                                "to 1,610."),
    "up and down, said further back": ("Brightco shares fell 27 cents, or 2 percent, to $13.09.",
                                       "Brightco shares rose on the news, up 15 cents to "
                                       "$13.51."),
    "two moments: up and down": ("Shares of Brightco rose 40 cents to $12.10 on the exchange.",
                                 "Shares of Brightco fell 15 cents to $11.55 on the exchange."),
    "what was expected": ("Brightco earned 31 cents a share in the quarter.",
                          "Analysts expected Brightco to earn 28 cents a share in the quarter."),
    "two moments of a day": ("In morning trading Brightco shares were at $12.10 on the exchange.",
                             "In late afternoon trading Brightco shares were at $11.80 on the "
                             "exchange."),
    "two days": ("Brightco shares closed at $12.10 on Monday on the exchange.",
                 "Brightco shares closed at $11.80 on Tuesday on the exchange."),
    "a period before": ("Brightco earned $54 million, the company said on Monday.",
                        "A year earlier Brightco earned $41 million, the company said on Monday."),
    "a period on one side": ("The city index fell 0.9 percent for the week, traders said.",
                             "The city index fell 1.4 percent, traders said."),
    "a rate against a total": ("Callers could face fines of up to $12,000 per call.",
                               "Callers could face fines of up to $150,000."),
    "a range around the other figure": ("The storm dropped 2 to 4 inches of rain on the hills.",
                                        "The storm dropped 3 inches of rain on the hills."),
    "as much as": ("Smog levels have dropped by 73 percent since the 1980s.",
                   "Smog levels have dropped by as much as 76 percent since the 1980s."),
}


def test_two_facts_are_not_one_fact_told_two_ways() -> None:
    for why, (a, b) in TWO_FACTS.items():
        assert divergences(pair(a, b)) == [], why
    # the same owner, moment and measure: still a disagreement
    (d,) = divergences(pair("Brightco shares closed at $12.10 on Monday on the exchange.",
                            "Brightco shares closed at $11.80 on Monday on the exchange."))
    assert (d.a_text, d.b_text) == ("$12.10", "$11.80")
    (d,) = divergences(pair("Brightco earned 31 cents a share in the quarter.",
                            "Brightco earned 28 cents a share in the quarter."))
    assert (d.a_text, d.b_text) == ("31 cents", "28 cents")
    # a range the other figure falls outside
    (d,) = divergences(pair("Each course of treatment lasts eight weeks in all.",
                            "Each course of treatment lasts 16 to 17 weeks in all."))
    assert d.b_text == "16 to 17 weeks"


def test_ranges_and_upper_bounds_are_read() -> None:
    def read(text: str) -> list[tuple[float, float, str, str]]:
        return [(f.low, f.value, f.qualifier, text[f.start:f.end]) for f in figures(text)]

    assert read("They could get six to seven years.") == [
        (6.0, 7.0, "range", "six to seven years")]
    assert read("It takes a 40- to 60-hour course.") == [(40.0, 60.0, "range", "40- to 60-hour")]
    assert read("It fell between two and three inches.") == [
        (2.0, 3.0, "range", "between two and three inches")]
    assert read("It rose as much as 76 percent.") == [(0.0, 76.0, "under",
                                                       "as much as 76 percent")]
    # "and" joins the words of one number only after a scale
    assert read("It held one hundred and two people.") == [
        (0.0, 102.0, "", "one hundred and two people")]


def test_only_sure_links_are_compared() -> None:
    """At the most sensitive setting linked sentences are often two facts, and figures differ
    because of it: only links the default setting would show (or the user drew) count."""
    a = "More than 4,000 people were evacuated from Riverton on Monday."
    b = "More than 5,000 people were evacuated from Riverton on Monday."
    docs = [from_text(f"Title {k} here\n\n{t}\n", f"{k}.txt") for k, t in enumerate((a, b))]

    def flagged(link: Link) -> list[str]:
        alignment = Alignment(docs, [link], [[False, False]] * 2, sensitivity="high")
        assert alignment.links  # shown at the most sensitive setting
        return [d.kind for d in divergences(alignment)]

    assert flagged(Link((0, 1), (1, 1), 0.70, "related")) == []
    assert flagged(Link((0, 1), (1, 1), 0.80, "related")) == ["number"]
    assert flagged(Link((0, 1), (1, 1), 1.0, "related", "user")) == ["number"]  # drawn


def test_members_of_one_group_are_compared_too() -> None:
    texts = ("More than 4,000 people were evacuated from Riverton on Monday.",
             "People were evacuated from Riverton on Monday, the mayor said.",
             "More than 5,000 people were evacuated from Riverton on Monday.")
    docs = [from_text(f"Title {k} here\n\n{t}\n", f"{k}.txt") for k, t in enumerate(texts)]
    links = [Link((0, 1), (1, 1), 0.9, "related"), Link((1, 1), (2, 1), 0.9, "related")]
    alignment = Alignment(docs, links, [[False, False]] * 3)
    assert [g.members for g in alignment.groups if len(g.members) > 1] == [
        ((0, 1), (1, 1), (2, 1))]
    (d,) = divergences(alignment)  # the first and the third are not linked to each other
    assert (d.kind, d.a, d.b) == ("number", (0, 1), (2, 1))


def test_when_two_figures_disagree() -> None:
    def f(value: float, qualifier: str = "") -> Figure:
        return Figure("number", value, "fighter", qualifier, 0, 1)

    assert numbers_disagree(f(4000, "over"), f(5000, "over"))  # two different reports
    assert numbers_disagree(f(4), f(5, "under"))  # "four years" and "nearly five years"
    assert not numbers_disagree(f(4000, "over"), f(4500))  # both can be true
    assert not numbers_disagree(f(100, "about"), f(110))
    assert not numbers_disagree(f(7), f(7))


def test_a_reworded_quotation_and_one_only_cut_or_restyled() -> None:
    assert reworded("We have no choice but to build a wall or a steel barrier",
                    "We have no choice but to build a wall or steel barrier")
    assert reworded("Flynn lied and they destroyed his life",
                    "Flynn lied, and it destroyed his life")
    # punctuation, quotation marks, case, contractions, brackets: the same words
    assert not reworded("“We’re asking the President to open the government.”",
                        "we are asking the president, to open the government")
    assert not reworded("it was the F.B.I. [agents] who called", "it was the FBI who called")
    # cut at either end, or with an ellipsis: no rewording
    assert not reworded("I love this country, but it is going to hell",
                        "but it is going to hell")
    assert not reworded("I love this country ... it is going to hell",
                        "I love this country, but it is going to hell")
    # two different quotations that share a few words
    assert not reworded("the talks failed because nobody came to the table at all",
                        "nobody came to the press conference and the talks were over")
    # three words dropped in a short quotation are a change, not another quotation
    assert reworded("I know you are under a lot of duress to make up ground",
                    "I know you are under duress")


# the outlet's house style, read on MSRP train pairs, in our own words: not a misquote
HOUSE_STYLE = [
    ("I´m proud of the people of this town", "I'm proud of the people of this town"),
    ("We disagreed with Texas's request for fees today", "We disagreed with Texas' request "
                                                         "for fees today"),
    ("the attacks of Sept. 11 changed the city for good",
     "the attacks of 11 September changed the city for good"),
    ("bad behaviour from a company with a history of it",
     "bad behavior from a company with a history of it"),
    ("the risk to travellers is now minimal, we have found",
     "the risk to travelers is now minimal, we have found"),
    ("we organised the centre for the children of the town",
     "we organized the center for the children of the town"),
    ("I can't say the talks went well at all today", "I cannot say the talks went well at all "
                                                     "today"),
    # a name spelt the outlet's way, or its particle dropped
    ("it looks like al-Qaddafi is going to beat the United States",
     "it looks like Gadhafi is going to beat the United States"),
    ("the death of al-Ghozi signals that terrorists will never get far",
     "the death of Ghozi signals that terrorists will never get far"),
]


def test_house_style_is_no_rewording() -> None:
    for a, b in HOUSE_STYLE:
        assert not reworded(a, b), (a, b)
    # another name is another quotation's wording
    assert reworded("it looks like Obama is going to beat the United States",
                    "it looks like Clinton is going to beat the United States")


def pair(a: str, b: str) -> Alignment:
    docs = [from_text(f"Title one here\n\n{a}\n", "a.txt"),
            from_text(f"Title two here\n\n{b}\n", "b.txt")]
    link = Link((0, 1), (1, 1), 0.95, "related")
    return Alignment(docs, [link], [[False, False], [False, False]])


def test_number_divergence_with_spans_into_each_document() -> None:
    alignment = pair("More than 4,000 militants surrendered to the SDF.",
                     "More than 5,000 IS fighters surrendered to the SDF.")
    (d,) = divergences(alignment)
    assert d.kind == "number"
    assert d.label() == "More than 4,000 militants ≠ More than 5,000 IS fighters · number"
    a, b = alignment.documents
    assert a.text[d.a_span[0]:d.a_span[1]] == d.a_text == "More than 4,000 militants"
    assert b.text[d.b_span[0]:d.b_span[1]] == d.b_text


def test_no_divergence_for_equal_or_one_sided_figures() -> None:
    assert divergences(pair("Police made 47 arrests overnight.",
                            "Police said there were 47 arrests overnight.")) == []
    assert divergences(pair("Police made 47 arrests overnight.",
                            "Police made arrests overnight, the mayor said.")) == []
    # a figure the other side gives for another thing ("the previous night") agrees
    assert divergences(pair("There were six arrests Wednesday, against 47 the night before.",
                            "The police made 47 arrests overnight.")) == []


def test_date_and_quote_and_name_divergences() -> None:
    (d,) = divergences(pair("Pelosi has led House Democrats since 2002.",
                            "Pelosi has led House Democrats since 2003."))
    assert (d.kind, d.a_text, d.b_text) == ("date", "2002", "2003")
    # two events dated, or two moments of a day: two facts (read on MSRP train pairs)
    assert divergences(pair("In 1975 he married Anna Berg, the widow of the painter.",
                            "He later married the painter's widow after his death in 1973.")) == []
    assert divergences(pair("On Jan. 10, Ruth Lane was found dead in her apartment.",
                            "On Jan. 1, Mary Cole was found dead in her apartment.")) == []
    assert divergences(pair("At 1000 GMT gold was at a level not seen since February 10.",
                            "At 0500 GMT gold was at a level not seen since February 25.")) == []
    kinds = {x.kind for x in divergences(pair(
        '"We really have no choice but to build a powerful wall or a steel barrier," '
        "Donald Trump said.",
        '"We really have no choice but to build a powerful wall or steel barrier," '
        "Mike Pence said."))}
    assert kinds == {"quote", "name"}


def test_align_json_lists_divergences(tmp_path: Path, cli_env: dict[str, str]) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Bridge falls in Port Ellery\n\nMore than 4,000 people were evacuated from "
                 "the harbour district on Tuesday after the bridge fell.\n", encoding="utf-8")
    b.write_text("Port Ellery bridge collapse\n\nMore than 5,000 people were evacuated from "
                 "the harbour district on Tuesday after the bridge fell.\n", encoding="utf-8")
    out = run(["align", "--json", str(a), str(b)], cli_env)
    data = json.loads(out.stdout)
    (d,) = data["divergences"]
    assert set(d) == {"kind", "a", "b", "a_span", "b_span", "a_text", "b_text", "note",
                      "approximate"}
    assert d["note"] == "" and d["approximate"] is False  # nothing was counted back
    doc = data["documents"][d["a"][0]]
    assert doc["text"][d["a_span"][0]:d["a_span"][1]] == d["a_text"]
    assert d["kind"] == "number" and "4,000" in d["a_text"] + d["b_text"]


EVACUATION = (
    "Flood forces evacuation in Riverton\n\n"
    "More than 4,000 people were evacuated from the low town of Riverton on Monday as the "
    "Esk burst its banks.\n\n"
    '"We have never seen the water rise this fast," said Mayor Ines Duarte.\n\n'
    "Schools in the district will stay closed until Thursday.\n",
    "Riverton flood: thousands leave their homes\n\n"
    "More than 5,000 people were evacuated from the low town of Riverton on Monday as the "
    "Esk burst its banks.\n\n"
    '"We have never seen water rise this fast," Mayor Ines Duarte said.\n\n'
    "The regional council has opened three shelters.\n",
)


def evacuation_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    from sidebyside.core.store import Store
    from sidebyside.tui.app import SidebysideApp

    docs = [from_text(text, f"{name}.txt") for name, text in zip(("ledger", "courier"),
                                                                  EVACUATION, strict=True)]
    return SidebysideApp(docs, store=Store(tmp_path), use_cache=False, one_story=True)


async def test_reader_marks_divergences_and_the_bar_states_them(tmp_path: Path) -> None:
    from .conftest import aligned

    app = evacuation_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await aligned(pilot)
        reader = app.reader
        kinds = sorted(d.kind for d in reader.divergences)
        assert kinds == ["number", "quote"]
        first = reader.views[0]
        assert any(first.document.text[a:b] == "More than 4,000 people"
                   for a, b in first.diverge_spans)
        await pilot.press("e")  # to the first divergence, in the first pane
        assert app.focused is first and first.cursor == 1
        bar = str(reader.query_one("#comparison-bar").render())
        assert "More than 4,000 people ≠ More than 5,000 people · number · Courier" in bar
        await pilot.press("e")  # the quotation, in the first pane
        assert first.cursor == 2
        assert "· quote · Courier" in str(reader.query_one("#comparison-bar").render())
        await pilot.press("e")  # then the second pane's, in its order
        assert app.focused is reader.views[1] and reader.views[1].cursor == 1
        await pilot.press("E")
        assert app.focused is first and first.cursor == 2


async def test_one_key_tags_the_difference_as_a_claim_with_a_note(tmp_path: Path) -> None:
    from sidebyside.core.store import Store

    from .conftest import aligned

    app = evacuation_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("e", "C")
        (saved,) = Store(tmp_path).all()
        assert (saved.tag, saved.exact) == ("claim", "More than 4,000 people")
        assert saved.note == ("More than 4,000 people ≠ More than 5,000 people · number · "
                              "Courier")
        await pilot.press("u")  # one undo takes it back
        assert Store(tmp_path).all() == []


async def test_overview_and_report_list_where_the_sources_disagree(tmp_path: Path) -> None:
    from sidebyside.core.report import build_report, render_markdown
    from textual.widgets import DataTable

    from .conftest import aligned, open_overview

    app = evacuation_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await aligned(pilot)
        report = build_report(app.alignment)
        assert [d["kind"] for d in report["divergences"]] == ["number", "quote"]
        text = render_markdown(report)
        assert "## Where the sources disagree (2)" in text
        assert "- **number**: More than 4,000 people ≠ More than 5,000 people" in text
        screen = await open_overview(pilot)
        table = screen.query_one("#overview-disagree", DataTable)
        assert table.row_count == 2
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.focused_view.cursor == 2  # the quotation's sentence


async def test_hostile_text_in_a_divergence_never_reaches_the_terminal(tmp_path: Path) -> None:
    from sidebyside.core.store import Store
    from sidebyside.tui.app import SidebysideApp

    from .conftest import aligned

    a = from_text('Town flooded\n\n"We have never seen th\x1b[2Je water rise this fast," said '
                  "Mayor Ines Duarte.\n", "ledger.txt")
    b = from_text('Flood in town\n\n"We have never seen water rise this fast," said Mayor Ines '
                  "Duarte.\n", "courier\x1b]0;x\x07.txt")
    app = SidebysideApp([a, b], store=Store(tmp_path), use_cache=False, one_story=True)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await aligned(pilot)
        (d,) = app.reader.divergences
        assert "\x1b" in d.a_text  # the document's text as read: offsets are sacred
        await pilot.press("e")
        bar = app.reader.query_one("#comparison-bar").render()
        assert "≠" in str(bar) and "\x1b" not in str(bar) and "\x07" not in str(bar)
        await pilot.press("C")
        await pilot.pause()
        assert all("\x1b" not in n.message for n in app._notifications)
        assert "\x1b" not in app.export_screenshot()


async def test_the_bar_says_how_a_year_counted_back_was_read(tmp_path: Path) -> None:
    from sidebyside.core.provenance import Provenance
    from sidebyside.core.store import Store
    from sidebyside.tui.app import SidebysideApp

    from .conftest import aligned

    texts = ("Caliphate falls in Baghouz\n\nAt its height in 2014, the group ruled a third of "
             "Syria and Iraq from its capital in Raqqa.\n",
             "The last pocket is retaken\n\nAt its height four years ago, the group ruled a "
             "third of Syria and Iraq from its capital in Raqqa.\n")
    docs = [from_text(text, f"{name}.txt", provenance=Provenance(published="2019-03-23"))
            for name, text in zip(("ledger", "courier"), texts, strict=True)]
    app = SidebysideApp(docs, store=Store(tmp_path), use_cache=False, one_story=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("e")
        bar = str(app.reader.query_one("#comparison-bar").render())
        assert "2014 ≠ four years ago · date · Courier · four years ago: 2015" in bar
        await pilot.press("C")  # the claim's note says it too
        (placed,) = app.tags.for_doc(0)
        assert placed.annotation.note.endswith("· four years ago: 2015")
