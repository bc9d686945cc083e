"""``python -m japan_russia_relations`` runs the ``jrr`` command."""

import sys

from .cli import main

sys.exit(main())
