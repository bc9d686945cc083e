"""Moved to :mod:`.validator.structure`; this module keeps old imports working."""

from .validator.structure import *  # noqa: F403
