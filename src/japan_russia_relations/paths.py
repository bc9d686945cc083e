"""Locate the data package: inside an installed wheel, or in a checkout.

The wheel carries ``datapackage.json``, ``data/`` and ``schemas/`` under
``japan_russia_relations/_data``; a checkout or an editable install has them
at the repository root, two levels above this file. Everything that reads the
package asks :func:`package_root` so that both layouts behave the same.
"""

from __future__ import annotations

from pathlib import Path

DESCRIPTOR = "datapackage.json"


def package_root() -> Path:
    """Return the directory holding the bundled ``datapackage.json``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent.parent):
        if (candidate / DESCRIPTOR).is_file():
            return candidate
    raise FileNotFoundError(
        f"{DESCRIPTOR} was found neither in {here / '_data'} (installed wheel) "
        f"nor in {here.parent.parent} (checkout); the package is incomplete"
    )
