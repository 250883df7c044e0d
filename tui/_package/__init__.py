"""Sidebyside: several news articles about one event, side by side, sentence by sentence.

Installed, the project is one import package, ``sidebyside``: ``sidebyside.core`` (pure logic,
the repository's ``core/``), ``sidebyside.tui`` (the Textual reader, ``tui/``) and the bundled
sample articles in ``sidebyside/seeds`` (``seeds/``). This file and ``__main__.py`` are the
package's root; they live in ``tui/_package/`` so that the repository keeps ``core/`` and
``tui/`` at its top level (see ``[tool.setuptools.package-dir]`` in ``pyproject.toml``).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sidebyside")
except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
    __version__ = "0+unknown"
