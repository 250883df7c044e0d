"""Sidebyside: several news articles about one event, side by side, sentence by sentence.

Installed, the project is one import package, ``sidebyside``: ``sidebyside.core`` (pure logic,
the repository's ``core/``), ``sidebyside.tui`` (the Textual reader, ``tui/``) and the bundled
sample articles in ``sidebyside/seeds`` (``seeds/``). This file and ``__main__.py`` are the
package's root; they live in ``tui/_package/`` so that the repository keeps ``core/`` and
``tui/`` at its top level (see ``[tool.setuptools.package-dir]`` in ``pyproject.toml``).
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata when asked (importlib.metadata costs
    20 ms, which the reader's first frame does not wait for)."""
    if name != "__version__":
        raise AttributeError(f"module 'sidebyside' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sidebyside")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"
