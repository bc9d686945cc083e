"""Moved to :mod:`.validator.report`; this module keeps old imports working."""

from .validator.report import *  # noqa: F403
