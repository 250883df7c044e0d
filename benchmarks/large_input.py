"""Very large input: time and peak memory stay proportional to the input.

Usage: python benchmarks/large_input.py [EVAL_DIR] [--files N]

Builds, in a temporary folder, inputs from the BASIL articles of EVAL_DIR (default
../shared/eval; nothing is copied into the project): one 19 MB article, one article that is a
single 5 MB line, and N small articles (default 5,000). Each is aligned with ``sidebyside align``
(the plain summary) in a fresh process, and the script prints the wall time, the peak resident
memory of that process, and the size of what it printed, per MB of input.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


_CHILD = (
    "import resource, sys\n"
    "from sidebyside.tui.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write(f'RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
    "sys.exit(code)\n"
)


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) of that one process, bytes printed."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True,
                         check=True, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    rss = next(int(line.split()[1]) for line in out.stderr.decode().splitlines()
               if line.startswith("RSS "))
    return elapsed, rss / 1024, len(out.stdout)


def main(argv: list[str]) -> None:
    n_files = int(argv[argv.index("--files") + 1]) if "--files" in argv else 5000
    skip = {argv.index("--files") + 1} if "--files" in argv else set()
    args = [a for k, a in enumerate(argv) if not a.startswith("--") and k not in skip]
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared" / "eval"
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((eval_dir / "clusters/basil").glob("*/*.txt"))]
    if not texts:
        raise SystemExit(f"no BASIL articles under {eval_dir}")
    seed = str(ROOT / "seeds/the-hill.txt")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = "\n\n".join(texts)
        while len(big) < 19_000_000:
            big += "\n\n" + big
        (folder / "big.txt").write_text(big[:19_000_000], encoding="utf-8")
        line = " ".join(t.replace("\n", " ") for t in texts)
        while len(line) < 5_000_000:
            line += " " + line
        (folder / "line.txt").write_text(line[:5_000_000], encoding="utf-8")
        many = folder / "many"
        many.mkdir()
        for k in range(n_files):
            (many / f"a{k:05d}.txt").write_text(texts[k % len(texts)], encoding="utf-8")
        cases = [
            ("one 19 MB article + a seed", [str(folder / "big.txt"), seed], 19.0),
            ("one 5 MB line + a seed", [str(folder / "line.txt"), seed], 5.0),
            (f"{n_files:,} articles", [str(many)],
             sum(f.stat().st_size for f in many.iterdir()) / 1e6),
        ]
        for label, files, mb in cases:
            seconds, peak, printed = run(["align", *files])
            print(f"{label:32s} {mb:6.1f} MB in: {seconds:6.1f} s ({seconds / mb:5.2f} s/MB), "
                  f"peak {peak:6.0f} MB ({peak / mb:5.1f}x the input), "
                  f"{printed / 1e6:6.2f} MB printed")


if __name__ == "__main__":
    main(sys.argv[1:])
