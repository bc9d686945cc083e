"""Moved to :mod:`.validator.pandera_bridge`; this module keeps old imports working."""

from .validator.pandera_bridge import *  # noqa: F403
