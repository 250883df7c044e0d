"""Aligning big corpora from the command line: time, peak memory and cores.

Usage: python benchmarks/align_scale.py [EVAL_DIR] [--sizes 300,1000,3000] [--jobs 1,2]

Builds corpora of N articles from the 300 BASIL articles of EVAL_DIR (default
../shared/eval; nothing is copied into the project) in a temporary folder: copy k of an article
has every capitalised word marked with copy k's own letters ("Trump" -> "Trumpqb"), so each copy
of a triplet is a distinct event with its own names, told in the same words: N articles make
N / 3 stories. Each corpus is aligned by ``sidebyside align --json`` in a fresh process with
``--jobs`` processes; the script prints wall time, the peak resident memory of the main
process and of its largest worker, and the stories found.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_NAME = re.compile(r"\b([A-Z][a-z]+)\b")

_CHILD = (
    "import resource, sys\n"
    "from sidebyside.tui.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(f'RSS {me} {kids}\\n')\n"
    "sys.exit(code)\n"
)


def letters(k: int) -> str:
    out = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        out += chr(ord("a") + r)
    return "q" + out


def build(folder: Path, texts: list[tuple[str, str]], n: int) -> None:
    for i in range(n):
        name, text = texts[i % len(texts)]
        copy = i // len(texts)
        if copy:
            mark = letters(copy)
            text = _NAME.sub(lambda m, mark=mark: m.group(1) + mark, text)
        (folder / f"{copy:03d}-{name}").write_text(text, encoding="utf-8")


def run(folder: Path, jobs: int) -> tuple[float, float, float, int, int]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, "align", "--json", "--jobs", str(jobs), str(folder)],
        capture_output=True, check=True, cwd=ROOT)
    took = time.perf_counter() - start
    rss = next(line for line in out.stderr.decode().splitlines() if line.startswith("RSS "))
    me, kids = (int(x) / 1024 for x in rss.split()[1:])
    data = json.loads(out.stdout)
    return took, me, kids, len(data["stories"]), len(data["links"])


def main(argv: list[str]) -> None:
    def option(name: str, default: str) -> list[int]:
        value = argv[argv.index(name) + 1] if name in argv else default
        return [int(x) for x in value.split(",")]

    sizes = option("--sizes", "300,1000,3000")
    jobs = option("--jobs", "1,2")
    values = {argv[argv.index(o) + 1] for o in ("--sizes", "--jobs") if o in argv}
    args = [a for a in argv if not a.startswith("--") and a not in values]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared" / "eval"
    texts = [(f"{p.parent.name}-{p.name}", p.read_text(encoding="utf-8"))
             for p in sorted((eval_dir / "clusters/basil").glob("*/*.txt"))]
    if not texts:
        raise SystemExit(f"no BASIL articles under {eval_dir}")
    print(f"{'articles':>8} {'jobs':>4} {'wall s':>8} {'ms/article':>10} {'main MB':>8} "
          f"{'worker MB':>9} {'stories':>7} {'links':>7}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp), texts, n)
            for j in jobs:
                took, me, kids, stories, links = run(Path(tmp), j)
                print(f"{n:>8} {j:>4} {took:>8.1f} {1000 * took / n:>10.1f} {me:>8.0f} "
                      f"{kids:>9.0f} {stories:>7} {links:>7}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
