"""Validate a data package directory: structure, schema constraints, extra checks.

Order of work: read each table as text (structural faults stop that table),
check it against the pandera schema derived from its Table Schema, then run
the cross-field and cross-table checks of :mod:`.checks` over every table that
could be read. Nothing is written to the files checked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from .checks import CHECKS, Context
from .descriptor import DescriptorError, Resource, read_package
from .paths import DESCRIPTOR, package_root
from .report import Problem, Report
from .structure import RawTable, read_for_validation


class UsageError(ValueError):
    """The path given is not a data package directory."""


def _messages(check: str, failure: object) -> str:
    if check == "not_nullable":
        return "is required but empty"
    if check == "field_uniqueness":
        return "is not unique: another row has the same value"
    if check.startswith("coerce_dtype"):
        kind = check.split("'")[1] if "'" in check else check
        return {"Int64": "is not a whole number", "Float64": "is not a number", "datetime64[ns]": "is not a date"}.get(
            kind, f"cannot be read as {kind}"
        )
    return check


def schema_problems(res: Resource, raw: RawTable) -> list[Problem]:
    """Run the pandera schema lazily and turn its failure cases into problems."""
    import pandera.errors as pe

    from .to_pandera import to_pandera

    frame = raw.frame.replace("", pd.NA) if len(raw.frame) else raw.frame
    try:
        to_pandera(res).validate(frame, lazy=True)
    except pe.SchemaErrors as exc:
        return _failures(res, raw, exc.failure_cases)
    return []


def _failures(res: Resource, raw: RawTable, cases: pd.DataFrame) -> list[Problem]:
    out = []
    for case in cases.itertuples(index=False):
        idx = case.index
        line = int(raw.lines[idx]) if idx is not None and not pd.isna(idx) and idx in raw.lines.index else None
        column = case.column if isinstance(case.column, str) else None
        value = raw.frame.at[idx, column] if line and column else case.failure_case
        message = str(case.check)
        if not message.startswith(("is ", "does ", "has ")):
            message = _messages(message, case.failure_case)
        out.append(Problem(res.relpath, line, column, message, None if pd.isna(value) else str(value), "schema"))
    return out


def validate(path: Path | str | None = None, *, today: dt.date | None = None) -> Report:
    """Check the package in directory ``path`` (default: the bundled data).

    Raises :class:`UsageError` when ``path`` holds no ``datapackage.json``.
    """
    root = Path(path) if path is not None else package_root()
    if not (root / DESCRIPTOR).is_file():
        raise UsageError(f"{root}: no {DESCRIPTOR} here; give the directory of a data package")
    try:
        package = read_package(root)
    except DescriptorError as exc:
        raise UsageError(str(exc)) from exc
    report = Report(root=str(root))
    readable: dict[str, RawTable] = {}
    for name, res in package.resources.items():
        report.files.append(res.relpath)
        raw, problems = read_for_validation(res)
        report.problems += problems
        if raw is not None:
            report.problems += schema_problems(res, raw)
            readable[name] = raw
    ctx = Context(package=package, tables=readable, today=today or dt.date.today())
    for check in CHECKS:
        report.problems += check(ctx)
    return report
