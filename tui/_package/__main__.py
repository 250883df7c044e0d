"""``python -m sidebyside``: the same as the ``sidebyside`` command."""

import sys

from .tui.cli import main

sys.exit(main())
