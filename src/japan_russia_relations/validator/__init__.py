"""Validate a data package directory: structure, schema constraints, extra checks.

Order of work: read each table as text (structural faults stop that table),
parse every cell and check every table that could be read against its Table
Schema's constraints (in one pandera run, :mod:`.pandera_bridge`), then run the
cross-field and cross-table checks of :mod:`.checks` over those tables.
Nothing is written to the files checked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..descriptor import DescriptorError, read_package
from ..paths import DESCRIPTOR, package_root
from .report import Problem, Report

if TYPE_CHECKING:
    from .table import RawTable


class UsageError(ValueError):
    """The path given is not a data package directory."""


def validate(path: Path | str | None = None, *, today: dt.date | None = None) -> Report:
    """Check the package in directory ``path`` (default: the bundled data).

    Raises :class:`UsageError` when ``path`` holds no ``datapackage.json``. A
    descriptor that cannot be used (invalid JSON, a duplicate resource, a
    path leading out of the package) is one problem, and nothing is read.
    """
    root = Path(path) if path is not None else package_root()
    if not (root / DESCRIPTOR).is_file():
        raise UsageError(f"{root}: no {DESCRIPTOR} here; give the directory of a data package")
    try:
        package = read_package(root)
    except DescriptorError as exc:
        return Report(
            root=str(root), files=[DESCRIPTOR], problems=[Problem(DESCRIPTOR, None, None, str(exc), check="descriptor")]
        )
    # pandera and the checks are heavy to import: only a validation pays for them.
    from .checks import CHECKS
    from .pandera_bridge import schema_problems
    from .structure import read_for_validation
    from .table import Context

    report = Report(root=str(root))
    readable: dict[str, RawTable] = {}
    for name, res in package.resources.items():
        report.files.append(res.relpath)
        raw, problems = read_for_validation(res)
        report.problems += problems
        if raw is not None:
            readable[name] = raw
    report.problems += schema_problems(package, readable)
    unreadable = set(package.resources) - set(readable)
    ctx = Context(package=package, tables=readable, today=today or dt.date.today(), unreadable=unreadable)
    for check in CHECKS:
        report.problems += check(ctx)
    return report
