"""From the engine's raw similarity to a probability a careful reader would agree.

A link's ``score`` is the probability that a careful reader calls the two sentences the same
fact. The raw similarity of a pair (``core.similarity.combine``, with the clause-level match) is
mapped through a logistic curve (Platt scaling; isotonic regression over-fitted the thin low end
when cross-validated) fitted on two dev sets: the human same-event sentence pairs of the 16 ECB+
dev stories and the project's same-fact labels of 7 BASIL dev triplets. It is sampled at the
knots below (``benchmarks/calibrate.py --fit --write`` writes them, and prints the calibration
table by score decile, cross-validated by story).

The sensitivity settings are thresholds on that probability, chosen on the same dev data (the
precision must hold on both sets): ``default`` is the lowest threshold at which precision stays
at or above 0.9; ``high`` shows weaker links (precision >= 0.8), ``low`` only the surest
(precision >= 0.95).
"""

from __future__ import annotations

import numpy as np

# (raw similarity, probability): written by benchmarks/calibrate.py --fit --write (dev sets)
KNOTS: tuple[tuple[float, float], ...] = (
    (0.0, 0.0493),
    (0.15, 0.1977),
    (0.2, 0.2928),
    (0.25, 0.4103),
    (0.3, 0.5391),
    (0.35, 0.6628),
    (0.4, 0.7677),
    (0.45, 0.8474),
    (0.5, 0.9032),
    (0.55, 0.9401),
    (0.6, 0.9635),
    (0.65, 0.9779),
    (0.7, 0.9868),
    (0.75, 0.9921),
    (0.8, 0.9953),
    (0.85, 0.9972),
    (0.9, 0.9983),
    (1.0, 0.9994),
)

LOW, DEFAULT, HIGH = "low", "default", "high"
SENSITIVITIES = (LOW, DEFAULT, HIGH)
THRESHOLDS: dict[str, float] = {LOW: 0.87, DEFAULT: 0.78, HIGH: 0.64}

_X = np.asarray([k[0] for k in KNOTS])
_Y = np.asarray([k[1] for k in KNOTS])


def probability(raw: np.ndarray) -> np.ndarray:
    """The calibrated probability of each raw similarity (monotone, in [0, 1])."""
    return np.clip(np.interp(np.asarray(raw, dtype=np.float64), _X, _Y), 0.0, 1.0)


def raw_for(probability_: float) -> float:
    """The raw similarity at which the calibrated probability reaches ``probability_``."""
    return float(np.interp(probability_, _Y, _X))


def threshold(sensitivity: str) -> float:
    try:
        return THRESHOLDS[sensitivity]
    except KeyError:
        raise ValueError(
            f"unknown sensitivity {sensitivity!r} (choose {', '.join(SENSITIVITIES)})"
        ) from None


FLOOR = min(THRESHOLDS.values())  # the engine keeps links down to the most sensitive setting

# the observed share of same-fact pairs among headlines linked by the headline rule (dev)
HEADLINE = 0.77
