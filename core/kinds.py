"""Names of link kinds and sentence statuses (a light module: no numpy, no rapidfuzz)."""

SAME = "same"
RELATED = "related"

SHARED = "shared"
UNIQUE = "unique"

ENGINE = "engine"  # who made a link: the aligner ...
USER = "user"  # ... or the user
