"""The overview and the report with many articles: the 300 BASIL articles.

Usage: python benchmarks/overview_speed.py [EVAL] [--runs N]

Prints the time of ``build_report`` (the model behind the overview and ``sidebyside report``)
and the wall time from pressing ``o`` in the reader (headless, 200x50, the alignment shown and
cached after the first run) until the overview screen is up and idle; medians of N runs.
Target (issue 19): the overview in <= 1 s.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def overview_times(docs, runs: int) -> list[float]:
    from sidebyside.core.store import Store
    from sidebyside.tui.app import SidebysideApp
    from sidebyside.tui.screens import OverviewScreen

    out = []
    with tempfile.TemporaryDirectory() as data:
        app = SidebysideApp(docs, store=Store(Path(data)), one_story=True)
        async with app.run_test(size=(200, 50)) as pilot:
            await app.wait_aligned()
            await pilot.pause()
            for _ in range(runs):
                start = time.perf_counter()
                await pilot.press("o")
                while not isinstance(app.screen, OverviewScreen):
                    await asyncio.sleep(0.002)
                await pilot.pause()
                out.append(time.perf_counter() - start)
                await pilot.press("escape")
                await pilot.pause()
    return out


def main(argv: list[str]) -> None:
    from sidebyside import core
    from sidebyside.core import cache
    from sidebyside.core.align import align_documents
    from sidebyside.core.report import build_report

    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    args = [a for i, a in enumerate(argv)
            if not a.startswith("--") and (i == 0 or argv[i - 1] != "--runs")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    paths = sorted((eval_dir / "clusters/basil").glob("*/*.txt"))
    if not paths:
        raise SystemExit(f"no BASIL articles under {eval_dir}/clusters/basil")
    docs = core.load_many(paths)
    cached = cache.load(docs)
    alignment = cached[0] if cached else align_documents(docs)
    builds = []
    for _ in range(runs):
        start = time.perf_counter()
        build_report(alignment)
        builds.append(time.perf_counter() - start)
    opened = asyncio.run(overview_times(docs, runs))
    print(f"{len(docs)} articles: build_report {statistics.median(builds):.2f} s, the overview "
          f"up {statistics.median(opened):.2f} s after o (target <= 1 s); medians of {runs}")


if __name__ == "__main__":
    main(sys.argv[1:])
