"""The reader's settings and keymap, remembered in ``config.toml``.

The file lives in ``platformdirs.user_config_dir("sidebyside")``; ``--config FILE`` and
``$SIDEBYSIDE_CONFIG`` name another. It is read with ``tomllib`` and written with ``tomlkit``,
which keeps the user's comments, order and any key this version does not know. A write goes to a
temporary file that replaces the old one, so the file is never half written. A file that cannot
be read is never overwritten: the reader says which line and key are wrong, and runs on the
defaults.

    [reader]
    theme = "nord"
    sync = true
    sensitivity = "default"      # low, default or high
    suggestions = true
    hide_boilerplate = false
    emphasis = "links"           # or "unique"

    [keymap]                     # binding id = keys (sidebyside keys lists them)
    "tag.quote" = "Q"
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .actions import BY_ID

SENSITIVITIES = ("low", "default", "high")
EMPHASES = ("links", "unique")


@dataclass
class Settings:
    theme: str = "textual-dark"
    sync: bool = True
    sensitivity: str = "default"
    suggestions: bool = True
    hide_boilerplate: bool = False
    emphasis: str = "links"
    keymap: dict[str, str] = field(default_factory=dict)

    def reader_table(self) -> dict[str, object]:
        return {"theme": self.theme, "sync": self.sync, "sensitivity": self.sensitivity,
                "suggestions": self.suggestions, "hide_boilerplate": self.hide_boilerplate,
                "emphasis": self.emphasis}


_CHOICES: dict[str, tuple[type, tuple[str, ...] | None]] = {
    "theme": (str, None),
    "sync": (bool, None),
    "sensitivity": (str, SENSITIVITIES),
    "suggestions": (bool, None),
    "hide_boilerplate": (bool, None),
    "emphasis": (str, EMPHASES),
}


class ConfigError(Exception):
    """The file cannot be used: the message names the file, the line and the key."""


def config_path(explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit)
    if os.environ.get("SIDEBYSIDE_CONFIG"):
        return Path(os.environ["SIDEBYSIDE_CONFIG"])
    import platformdirs

    return Path(platformdirs.user_config_dir("sidebyside")) / "config.toml"


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=', re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def load(path: Path) -> Settings:
    """The settings in the file (the defaults when it does not exist); ConfigError when it
    cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    settings = Settings()

    def wrong(key: str, why: str) -> ConfigError:
        line = _line_of(text, key)
        where = f" line {line}," if line else ""
        return ConfigError(f"{path}:{where} {key}: {why}")

    unknown_tables = set(data) - {"reader", "keymap"}
    if unknown_tables:
        raise wrong(sorted(unknown_tables)[0], "unknown table (known: [reader], [keymap])")
    reader = data.get("reader", {})
    if not isinstance(reader, dict):
        raise wrong("reader", "must be a table")
    for key, value in reader.items():
        if key not in _CHOICES:
            raise wrong(key, f"unknown setting (known: {', '.join(_CHOICES)})")
        kind, choices = _CHOICES[key]
        if not isinstance(value, kind):
            raise wrong(key, f"must be {'true or false' if kind is bool else 'a string'}")
        if choices is not None and value not in choices:
            raise wrong(key, f"must be one of {', '.join(choices)}")
        setattr(settings, key, value)
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise wrong("keymap", "must be a table")
    for binding, keys in keymap.items():
        if binding not in BY_ID:
            raise wrong(binding, "unknown binding id (sidebyside keys lists them)")
        if not isinstance(keys, str) or not keys.strip():
            raise wrong(binding, 'must be keys in a string, e.g. "Q" or "ctrl+k,K"')
        settings.keymap[binding] = keys
    return settings


def save(path: Path, settings: Settings) -> None:
    """Write the [reader] settings into the file, keeping everything else in it (comments,
    the keymap, keys this version does not know). Atomic. OSError when it cannot be written;
    ConfigError when the file on disk is broken (it is left alone)."""
    import tomlkit

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    try:
        document = tomlkit.parse(text)
    except Exception as exc:
        raise ConfigError(f"{path}: not valid TOML, left as it is: {exc}") from exc
    table = document.get("reader")
    if table is None:
        table = tomlkit.table()
        document["reader"] = table
    for key, value in settings.reader_table().items():
        table[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(tomlkit.dumps(document))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
