# ruff: noqa: E501 -- articles: one paragraph per line, as they are written
"""Small invented collections for story grouping: three events, reported by several outlets
each, plus one article alone. Written for these tests (no third-party text)."""

from __future__ import annotations

from pathlib import Path

BRIDGE = {
    "harbour-herald": """Footbridge collapses into Ellery harbour, four hurt

A pedestrian footbridge over the inner harbour of Port Ellery collapsed on Tuesday evening, sending at least a dozen people into the water.

Four people were taken to St Brendan's Hospital with injuries, the Ellery fire service said.

The 40-metre Quayside footbridge, opened in 1987, had been closed for repairs twice in the past three years.

"We heard a crack like a gunshot and the whole middle section just folded," said Maria Okafor, who runs a cafe on the quay.

Divers searched the harbour until midnight; the fire service said everyone who fell was accounted for.

The harbour authority said engineers would inspect the other two bridges on the quay on Wednesday.
""",
    "coast-news": """Quayside footbridge gives way in Port Ellery

Part of the Quayside footbridge in Port Ellery gave way on Tuesday night, throwing about fifteen pedestrians into the harbour below.

Four of them were treated at St Brendan's Hospital, according to the fire service, and none is in danger.

The footbridge, built in 1987, was shut for repairs in 2021 and again last spring after inspectors found corroded bolts.

Maria Okafor, a cafe owner, said she heard "a crack like a gunshot" before the middle section folded.

Fire service divers searched the water until midnight.

The harbour authority has ordered inspections of the two other bridges on the quay.
""",
    "ellery-today": """Four injured as harbour footbridge collapses

Four people were injured when the Quayside footbridge across Port Ellery's inner harbour collapsed on Tuesday.

Witnesses said the central span folded without warning during the evening rush, and that more than ten people fell into the water.

The fire service said divers had searched the harbour until midnight and that all those who fell were accounted for.

The bridge, which opened in 1987, has a history of repairs: it was closed twice in three years.

Engineers from the harbour authority will inspect the remaining bridges on the quay on Wednesday.
""",
}

RECALL = {
    "brantwood-post": """Mayor Kowalczyk survives recall vote in Brantwood

Brantwood mayor Dana Kowalczyk survived a recall election on Sunday, with 58 percent of voters choosing to keep her in office.

The recall was forced by a petition over the closure of the town's Linden Street library, which gathered 6,200 signatures.

Turnout was 41 percent, the election office said.

"Brantwood has spoken, and now we get back to work," Kowalczyk told supporters at the town hall.

Organisers of the petition said they would keep campaigning to reopen the library.
""",
    "valley-gazette": """Brantwood voters keep mayor after library row

Voters in Brantwood rejected the recall of mayor Dana Kowalczyk on Sunday, 58 percent to 42 percent.

The vote had been triggered by a petition with 6,200 signatures after the mayor closed the Linden Street library to save money.

Kowalczyk thanked voters at the town hall, saying Brantwood had spoken and that it was time to get back to work.

The petition's organisers vowed to continue their campaign to reopen the library.
""",
}

HARVEST = {
    "farm-weekly": """Tessin orchards report record apple harvest

Apple growers in the Vale of Tessin picked a record 84,000 tonnes this autumn, the growers' cooperative said on Friday.

A warm spring and late rain gave the largest crop since records began in 1962.

Prices at the cooperative's auction fell by a fifth as a result.

Growers said they were short of pickers and that some fruit was left on the trees.
""",
}

STORIES = {"bridge": BRIDGE, "recall": RECALL, "harvest": HARVEST}


def write(folder: Path, *names: str) -> list[Path]:
    """Write the articles of the named stories into ``folder``; return their paths in order."""
    paths = []
    for name in names:
        for outlet, text in STORIES[name].items():
            path = folder / f"{name}-{outlet}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths
