"""Boilerplate lines of a plain-text page (made-up page; the eval pages stay outside)."""

from __future__ import annotations

from sidebyside.core.boilerplate import classify_lines

PAGE = """Home
World
Politics
Business
Subscribe
Sign In
Town Council Approves New Bridge After Years of Debate
By A. Reporter
The town council voted on Tuesday to approve the construction of a new bridge over the river, ending a debate that has divided residents for nearly a decade.
Supporters said the bridge would cut the commute for thousands of people and bring new business to the east side of the town.
“We have waited long enough for this,” said the mayor, who had promised the bridge in her campaign.
Opponents argued that the cost, estimated at 40 million dollars, was too high for a town of its size and that the money should go to schools.
Construction is expected to begin in the spring and to last about two years, according to the council.
Related stories
Mayor wins second term in close race
School budget cut again
Leave a Reply
Your email address will not be published. Required fields are marked *
Copyright 2024 The Town Paper. All rights reserved.
"""


def test_article_lines_are_body_and_furniture_is_not() -> None:
    lines = classify_lines(PAGE)
    body = [PAGE[ln.start : ln.end] for ln in lines if ln.body]
    assert body[0].startswith("The town council voted on Tuesday")
    assert body[-1].startswith("Construction is expected to begin")
    assert len(body) == 5
    furniture = [PAGE[ln.start : ln.end] for ln in lines if not ln.body]
    for text in ("Home", "Subscribe", "Related stories", "Leave a Reply",
                 "Copyright 2024 The Town Paper. All rights reserved."):
        assert text in furniture


def test_offsets_point_into_the_text_and_cover_every_line() -> None:
    lines = classify_lines(PAGE)
    assert [PAGE[ln.start : ln.end] for ln in lines] == [x for x in PAGE.splitlines() if x.strip()]
