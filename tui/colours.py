"""The reader's colour roles, worked out for the theme in use so that no two roles look alike.

A theme gives a handful of colours (primary, accent, warning…) and themes reuse them freely:
textual-dark's accent and warning are the same orange. Taking roles straight from them made the
cursor, claim tags, search hits and group bars one colour. Here each role has a hue it prefers
(the theme's own colour when there is one for it) and fallbacks; each is mixed into the theme's
background as a tint, and the first candidate that stays at least ``MIN_DISTANCE`` (CIE76 ΔE)
from every role chosen before it and keeps the text readable (WCAG contrast ≥
``MIN_TEXT_CONTRAST``) is taken. ``roles(theme)`` gives opaque colours; the app publishes them
as CSS variables (``$sbs-cursor``…).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from textual.color import Color, Lab, lab_to_rgb, rgb_to_lab
from textual.theme import Theme

MIN_DISTANCE = 12.0  # ΔE between any two tints (about five times a just-noticeable difference)
MIN_TEXT_CONTRAST = 4.5  # WCAG AA for body text
MIN_MARK_CONTRAST = 3.0  # WCAG AA for marks and large text (gutter bars and letters)
GROUP_COLOURS = 8

# background roles, in the order they choose: (role, theme colours it prefers, fallback hues,
# strength of the tint)
_TINTS: tuple[tuple[str, tuple[str, ...], tuple[float, ...], float], ...] = (
    ("cursor", ("accent",), (35, 300, 190, 60), 0.50),
    ("shared", ("success",), (135, 160, 100), 0.32),
    ("related", ("primary",), (215, 235, 195), 0.26),
    ("counterpart", (), (300, 275, 320, 185), 0.40),
    ("unique", (), (55, 45, 70, 20), 0.30),
    ("selected", (), (185, 170, 260, 100, 330), 0.35),
)
# marks drawn in the colour itself: tag badges and the group bars
_MARKS: tuple[tuple[str, tuple[str, ...], tuple[float, ...]], ...] = (
    ("badge-quote", ("success",), (150, 120, 170)),
    ("badge-claim", ("warning",), (30, 45, 15, 0)),
)
_GROUP_HUES = (210, 30, 130, 300, 55, 180, 350, 260)


def luminance(c: Color) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: Color, b: Color) -> float:
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def distance(a: Color, b: Color) -> float:
    """CIE76 ΔE between two opaque colours."""
    x, y = rgb_to_lab(a), rgb_to_lab(b)
    return math.dist(x, y)


def _hue(h: float, like: Color) -> Color:
    """A saturated colour of hue ``h`` (degrees) with the lightness of ``like``."""
    lab = rgb_to_lab(like)
    light = min(75.0, max(45.0, lab.L))
    rad = math.radians(h)
    return lab_to_rgb(Lab(light, 60 * math.cos(rad), 60 * math.sin(rad))).clamped


def _opaque(colour: Color, background: Color) -> Color:
    return background.blend(colour.with_alpha(1.0), colour.a) if colour.a < 1 else colour


def _nominal(value: str, fallback: Color) -> Color:
    """A theme colour as RGB (an ANSI colour by its usual value; transparent: the fallback)."""
    try:
        colour = Color.parse(value)
    except Exception:
        return fallback
    if colour.ansi is not None and colour.ansi < 0:  # the terminal's default
        return fallback
    return fallback if colour.a == 0 else colour


def base_colours(theme: Theme) -> tuple[Color, Color, dict[str, str]]:
    """The theme's background and text colours as RGB, and its colour system."""
    system = theme.to_color_system().generate()
    dark_default = Color(0, 0, 0) if theme.dark else Color(255, 255, 255)
    background = _nominal(system["background"], dark_default)
    text = _nominal(system.get("foreground", ""), background.get_contrast_text(1.0))
    # tints lower the contrast: a faint theme text is strengthened towards black or white
    extreme = background.get_contrast_text(1.0).with_alpha(1.0)
    step = 0.0
    while contrast(text, background) < 7.0 and step < 1.0:
        step += 0.1
        text = text.blend(extreme, step)
    return background, text, system


def _candidates(system: dict[str, str], names: Iterable[str], hues: Iterable[float],
                background: Color) -> list[Color]:
    out = [_nominal(system[n], background) for n in names if n in system]
    like = Color(128, 128, 128) if not out else out[0]
    out += [_hue(h, like) for h in hues]
    return [c.with_alpha(1.0) for c in out]


def roles(theme: Theme) -> dict[str, Color]:
    """Every role's colour for this theme: tints (``cursor``, ``shared``, ``related``,
    ``counterpart``, ``unique``, ``selected``), ``text``, ``background``, marks
    (``badge-quote``, ``badge-claim``, ``group-0``…) and ``muted`` text."""
    background, text, system = base_colours(theme)
    chosen: dict[str, Color] = {"background": background, "text": text}
    tints: list[Color] = [background]
    for role, names, hues, strength in _TINTS:
        best: Color | None = None
        fallback: tuple[float, Color] | None = None
        for colour in _candidates(system, names, hues, background):
            for scale in (1.0, 0.8, 1.25, 0.6, 0.45, 0.3):
                tint = background.blend(colour, min(0.8, strength * scale))
                if contrast(text, tint) < MIN_TEXT_CONTRAST:
                    continue
                apart = min(distance(tint, other) for other in tints)
                if apart >= MIN_DISTANCE:
                    best = tint
                    break
                if fallback is None or apart > fallback[0]:
                    fallback = (apart, tint)
            if best is not None:
                break
        if best is None:  # the most distinct readable tint (the built-in themes never need it)
            best = fallback[1] if fallback else background
        chosen[role] = best
        tints.append(best)
    marks: list[Color] = []
    for role, names, hues in _MARKS:
        pick = None
        for colour in _candidates(system, names, hues, background):
            colour = _readable(colour, background)
            if all(distance(colour, m) >= MIN_DISTANCE * 2 for m in marks):
                pick = colour
                break
        chosen[role] = pick or _readable(_candidates(system, names, hues, background)[0],
                                         background)
        marks.append(chosen[role])
    for i, h in enumerate(_GROUP_HUES):
        chosen[f"group-{i}"] = _readable(_hue(h, Color(160, 160, 160) if theme.dark
                                               else Color(90, 90, 90)), background)
    chosen["muted"] = background.blend(text, 0.62)
    return chosen


def _readable(colour: Color, background: Color) -> Color:
    """The colour, lightened or darkened until it stands out from the background as a mark."""
    dark = luminance(background) < 0.3
    for _ in range(20):
        if contrast(colour, background) >= MIN_MARK_CONTRAST + 0.3:
            return colour
        colour = colour.lighten(0.05) if dark else colour.darken(0.05)
    return colour


def css_variables(theme: Theme) -> dict[str, str]:
    """The roles as CSS variables: ``sbs-cursor``, ``sbs-group-3``…"""
    return {f"sbs-{role}": colour.hex6 for role, colour in roles(theme).items()}
