"""The five bundled sample articles (``seeds/``), found in a wheel or a source checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def seeds_dir() -> Path:
    """``sidebyside/seeds`` next to ``sidebyside/core`` in an installed wheel; ``<repo>/seeds``
    next to ``<repo>/core`` in an editable install."""
    candidate = _HERE.parent / "seeds"
    if candidate.is_dir() and any(candidate.glob("*.txt")):
        return candidate
    raise FileNotFoundError("the bundled sample articles (seeds/) are missing from this install")


def seed_paths() -> list[str]:
    return sorted(str(p) for p in seeds_dir().glob("*.txt"))
