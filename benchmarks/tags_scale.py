"""Tag keys and the annotations list with many tags: 10,000 tags over the 300 BASIL articles.

Usage: python benchmarks/tags_scale.py [EVAL] [--tags N]

Headless (Pilot), the alignment shown (cached after the first run). Prints the CPU time of a tag
key (c, tagging and untagging in turn) and of opening the annotations list (a), each less the
time of a key with no binding, medians of 10. Targets (issue 19): a tag key <= 20 ms, the list
<= 200 ms.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def many_tags(docs, store, count: int) -> None:
    from sidebyside.core.annotations import TAGS, make_annotation

    rng = random.Random(3)
    made = []
    for _ in range(count):
        doc = rng.choice(docs)
        s = rng.choice(doc.sentences)
        made.append(make_annotation(doc, s.start, s.end, rng.choice(TAGS), "a note"))
    store.save(*made)


async def costs(docs, data: Path, runs: int) -> dict[str, float]:
    from sidebyside.core.store import Store
    from sidebyside.tui.app import SidebysideApp

    app = SidebysideApp(docs, store=Store(data), one_story=True)  # every article side by side
    async with app.run_test(size=(200, 50)) as pilot:
        await app.wait_aligned()
        await pilot.pause()
        out: dict[str, list[float]] = {"c": [], "a": [], "f12": []}
        for _ in range(runs):
            for key in ("c", "f12"):
                t = time.process_time()
                await pilot.press(key)
                out[key].append(time.process_time() - t)
            t = time.process_time()
            await pilot.press("a")
            await pilot.pause()
            out["a"].append(time.process_time() - t)
            await pilot.press("escape")
            await pilot.pause()
    idle = statistics.median(out.pop("f12"))
    first = out["a"][0]  # the list is made once, then kept and filled afresh
    found = {k: max(0.0, statistics.median(v) - idle) for k, v in out.items()}
    found["a first"] = max(0.0, first - idle)
    return found


def main(argv: list[str]) -> None:
    from sidebyside import core
    from sidebyside.core.store import Store

    args = [a for i, a in enumerate(argv)
            if not a.startswith("--") and (i == 0 or argv[i - 1] != "--tags")]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared/eval"
    count = int(argv[argv.index("--tags") + 1]) if "--tags" in argv else 10_000
    paths = sorted((eval_dir / "clusters/basil").glob("*/*.txt"))
    if not paths:
        raise SystemExit(f"no BASIL articles under {eval_dir}/clusters/basil")
    docs = core.load_many(paths)
    with tempfile.TemporaryDirectory() as data:
        many_tags(docs, Store(Path(data)), count)
        found = asyncio.run(costs(docs, Path(data), 10))
    print(f"{len(docs)} articles, {count:,} tags: tag key (c) {found['c'] * 1000:.1f} ms "
          f"(target <= 20 ms), annotations list (a) {found['a'] * 1000:.0f} ms, the first "
          f"opening {found['a first'] * 1000:.0f} ms (target <= 200 ms); CPU, medians of 10, "
          "less a key with no binding")


if __name__ == "__main__":
    main(sys.argv[1:])
