"""Structural rules: core/ is pure logic without Textual; screenless commands stay screenless."""

from __future__ import annotations

import ast
import subprocess
import sys

from .conftest import ROOT


def test_core_sources_never_import_textual() -> None:
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level >= 2:  # out of core/ (``from ..tui import``): not allowed
                    names = [f"{'.' * node.level}{node.module or ''}"]
                elif node.module and node.level == 0:
                    names = [node.module]
            bad = [n for n in names if n.startswith(("textual", "tui", "sidebyside", ".."))]
            offenders += [f"{path.name}: {n}" for n in bad]
    assert offenders == []


def test_importing_core_and_running_align_loads_no_textual(tmp_path) -> None:
    code = (
        "import sys\nimport sidebyside.core.ingest, sidebyside.core.segment\n"
        "from sidebyside.tui.cli import main\n"
        "main(['align', '--json'])\n"
        f"main(['export', '--data-dir', {str(tmp_path)!r}])\n"
        f"main(['report', '--format', 'html', '--data-dir', {str(tmp_path)!r}])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print(bad, file=sys.stderr)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr.decode()[-500:]


def test_the_reader_loads_no_aligner_before_its_first_frame() -> None:
    """numpy, rapidfuzz and the aligner load in the alignment worker, after the first frame
    (a screen importing a constant from a module that imports the aligner cost 120 ms)."""
    code = (
        "import sys\nimport sidebyside.tui.app\n"
        "heavy = sorted(m for m in ('numpy', 'rapidfuzz', 'scipy', 'sidebyside.core.align')"
        " if m in sys.modules)\n"
        "print(heavy, file=sys.stderr)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr.decode()[-500:]
