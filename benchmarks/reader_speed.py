"""Reader speed: first paint of the seeds against a hello-world Textual app, and the cost of a
cursor move with 8 panes of 2,000 paragraphs each.

Usage: python benchmarks/reader_speed.py [--runs N] [--keys-only] [--eval ../shared/eval]

Keys (``--keys-only`` prints just these): the CPU time of a pane switch (tab), a cursor move (j)
and a tag key (c, tagging and untagging in turn) minus that of a key with no binding, with the
seeds and with the 300 BASIL articles open (their alignment is cached after the first run).

First paint: each program starts in a fresh interpreter (imports included) in a real 200x50
terminal (tmux); the time is from launch until its first text is on screen (tmux capture-pane,
polled every 5 ms). Headless Textual writes no frames, so it cannot time this. Medians of N runs.

Cursor move: headless, Pilot key presses, with the alignment shown. The CPU time of a `j`
press (handling the key, moving the cursor, following in the other panes, the comparison bar,
and the screen update) minus the CPU time of a key with no binding (Pilot's own work) is the
cost of a cursor move. CPU time leaves out the idle waiting, which made wall-clock differences
noisy. One frame at 60 fps is 16.7 ms.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HELLO = """
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("Hello, world")
Hello().run()
"""

SEEDS = """
from sidebyside.tui.cli import main
main([])
"""


def first_paint(code: str, marker: str, runs: int, env: dict[str, str] | None = None) -> float:
    """Median time from launching the program in a 200x50 tmux terminal to ``marker`` being on
    screen (polled every 5 ms)."""
    import shutil

    if not shutil.which("tmux"):
        raise SystemExit("tmux is needed for the first-paint figures (apt-get install tmux)")
    times = []
    for run in range(runs):
        session = f"sbs-bench-{run}"
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        start = time.perf_counter()
        command = [sys.executable, "-c", code]
        if env:  # tmux starts the program in the server's environment: pass ours explicitly
            command = ["env", *(f"{k}={v}" for k, v in env.items()), *command]
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50", *command],
            check=True,
        )
        seen = None
        while time.perf_counter() - start < 20:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if marker in screen:
                seen = time.perf_counter() - start
                break
            time.sleep(0.005)
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        if seen is None:
            raise SystemExit(f"{marker!r} never appeared")
        times.append(seen)
    return statistics.median(times)


def big_documents(n_docs: int = 8, paragraphs: int = 2000, shared: float = 0.3):
    """Eight long synthetic articles that align: a Zipf-distributed vocabulary of 5,000
    pseudo-words, and about 30% of the sentences drawn from a pool all articles share (so the
    other panes have counterparts to follow)."""
    from sidebyside import core

    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "qui", "dor", "an", "be", "ush"]
    vocab = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
                    for _ in range(6000)})[:5000]
    weights = [1 / (rank + 1) for rank in range(len(vocab))]

    def sentence() -> str:
        words = rng.choices(vocab, weights, k=rng.randint(8, 24))
        body = " ".join(words)
        return body[0].upper() + body[1:] + "."

    pool = [sentence() for _ in range(3000)]
    docs = []
    for d in range(n_docs):
        paras = []
        for _ in range(paragraphs):
            count = rng.randint(1, 3)
            paras.append(
                " ".join(rng.choice(pool) if rng.random() < shared else sentence()
                         for _ in range(count))
            )
        docs.append(core.from_text(f"Report {d}\n\n" + "\n\n".join(paras) + "\n", f"big{d}.txt"))
    return docs


async def cursor_cost(docs, presses: int, sync: bool) -> tuple[float, float]:
    from sidebyside.tui.app import SidebysideApp

    app = SidebysideApp(docs, one_story=True)
    async with app.run_test(size=(320, 60)) as pilot:
        await app.wait_aligned()
        await pilot.pause()
        app.sync = sync
        app.notify = lambda *a, **k: None  # no toasts in the measurement
        move, idle = [], []
        for _ in range(presses):
            # CPU time, not wall time: Pilot's wait for the app to go idle is sleeping
            t = time.process_time()
            await pilot.press("j")
            move.append(time.process_time() - t)
            t = time.process_time()
            await pilot.press("f12")
            idle.append(time.process_time() - t)
    return statistics.median(move), statistics.median(idle)


async def key_costs(docs, presses: int) -> dict[str, float]:
    """Median CPU time of each key, less that of a key with no binding (Pilot's own work)."""
    import tempfile

    from sidebyside.core.store import Store
    from sidebyside.tui.app import SidebysideApp

    with tempfile.TemporaryDirectory() as data:
        app = SidebysideApp(docs, store=Store(Path(data)), one_story=True)
        async with app.run_test(size=(200, 50)) as pilot:
            await app.wait_aligned()
            await pilot.pause()
            times: dict[str, list[float]] = {"tab": [], "j": [], "c": [], "f12": []}
            for _ in range(presses):
                for key in times:
                    t = time.process_time()
                    await pilot.press(key)
                    times[key].append(time.process_time() - t)
                await pilot.press("shift+tab")  # back to the pane, so c tags there next
                await pilot.pause()
    idle = statistics.median(times.pop("f12"))
    return {k: max(0.0, statistics.median(v) - idle) for k, v in times.items()}


def print_keys(eval_dir: Path, presses: int = 20) -> None:
    from sidebyside import core

    sets = [("seeds", core.load_many(core.seed_paths()))]
    basil = sorted((eval_dir / "clusters/basil").glob("*/*.txt"))
    if basil:
        sets.append((f"{len(basil)} BASIL articles", core.load_many(basil)))
    else:
        print(f"(no BASIL articles under {eval_dir}: the 300-article figures are left out)")
    for name, docs in sets:
        costs = asyncio.run(key_costs(docs, presses))
        figures = ", ".join(f"{key} {ms * 1000:.1f} ms" for key, ms in costs.items())
        print(f"keys with {name}: {figures} (CPU, median of {presses}, less a key with no "
              "binding; target <= 20 ms each)")


def main(argv: list[str]) -> None:
    default = ROOT.parent / "shared/eval"
    eval_dir = Path(argv[argv.index("--eval") + 1]) if "--eval" in argv else default
    if "--keys-only" in argv:
        print_keys(eval_dir)
        return
    import shutil
    import tempfile

    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    # Like an installed copy (pip compiles the package to bytecode when it installs it), both
    # programs start from compiled bytecode: it goes to a scratch folder (PYTHONPYCACHEPREFIX),
    # written by one warm-up run of each that is not counted. Otherwise, on a machine with
    # PYTHONDONTWRITEBYTECODE set, the seeds would be timed compiling their own source.
    pycache = tempfile.mkdtemp(prefix="sbs-pycache-")
    env = {"PYTHONPYCACHEPREFIX": pycache, "PYTHONDONTWRITEBYTECODE": ""}
    seeds_code = SEEDS
    first_paint(HELLO, "Hello, world", 1, env)
    first_paint(seeds_code, "Morocco repatriates", 1, env)
    hellos, seeds, ratios = [], [], []
    for _ in range(runs):  # interleaved, so that both see the same machine load
        h = first_paint(HELLO, "Hello, world", 1, env)
        s = first_paint(seeds_code, "Morocco repatriates", 1, env)
        hellos.append(h)
        seeds.append(s)
        ratios.append(s / h)
    shutil.rmtree(pycache, ignore_errors=True)
    hello, seed = statistics.median(hellos), statistics.median(seeds)
    print(f"first paint, hello-world Textual app: {hello * 1000:.0f} ms (median of {runs})")
    print(f"first paint, sidebyside on the seeds: {seed * 1000:.0f} ms (median of {runs})")
    print(f"ratio (median of paired runs): {statistics.median(ratios):.2f}x (target <= 1.5x)")
    t = time.perf_counter()
    docs = big_documents()
    n_sent = sum(len(d.sentences) for d in docs)
    built = time.perf_counter() - t
    print(f"8 panes x 2,000 paragraphs: {n_sent} sentences built in {built:.1f} s")
    for sync in (False, True):
        move, idle = asyncio.run(cursor_cost(docs, 40, sync))
        label = "synchronised reading on (every pane follows)" if sync else "one pane"
        print(
            f"cursor move, {label}: press j {move * 1000:.1f} ms, key with no binding "
            f"{idle * 1000:.1f} ms (median of 40): handling + repaint "
            f"{max(0.0, move - idle) * 1000:.1f} ms (target <= 20 ms)"
        )
    print_keys(eval_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
