"""Moved to :mod:`.validator.checks`; this module keeps old imports working."""

from .validator.checks import *  # noqa: F403
