"""The ``jrr`` command: each command declared once, with its arguments, help and example.

The CLI holds no logic of its own: a command parses its arguments, calls the
library and prints. Data goes to stdout, messages to stderr. One table maps
the library's exceptions to exit codes: 0 success, 1 the data is invalid or a
command failed on the data, 2 a usage error. A closed pipe ends quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import commands

EPILOG = (
    "exit codes: 0 success; 1 invalid data or a failure reading it; "
    "2 usage error (bad arguments, no such path or table)"
)


@dataclass(frozen=True)
class Arg:
    """One argument of a command, as ``argparse.add_argument`` takes it."""

    flags: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Command:
    """A command: its name, help, example, arguments, output formats and what it runs."""

    name: str
    help: str
    example: str
    run: Callable[[argparse.Namespace], int]
    args: tuple[Arg, ...] = ()
    formats: tuple[str, ...] = ()


def _count(text: str) -> int:
    """A row count for ``--limit``: a whole number, 0 or more."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (all rows) or more")
    return number


TABLE = Arg(("table",), {"help": "table name (see `jrr info`)"})
PATH = Arg(
    ("path",), {"nargs": "?", "help": "data package directory or its datapackage.json (default: the bundled data)"}
)

COMMANDS: list[Command] = [
    Command("info", "Version, tables, row counts and date range of each table.", "jrr info", commands.info),
    Command(
        "show",
        "Print the first rows of a table.",
        "jrr show events --limit 5 --format csv",
        commands.show,
        (TABLE, Arg(("--limit",), {"type": _count, "default": 10, "help": "rows to show (default 10; 0 for all)"})),
        commands.FRAME_FORMATS,
    ),
    Command(
        "describe",
        "The codebook of a table: every field, its type and allowed values.",
        "jrr describe sanctions",
        commands.describe,
        (TABLE,),
        commands.FRAME_FORMATS,
    ),
    Command(
        "codebook",
        "The Markdown codebook of every table.",
        "jrr codebook --to docs/codebook.md",
        commands.codebook,
        (Arg(("--to",), {"help": "file to write (default: print to stdout)"}),),
    ),
    Command(
        "coverage",
        "Events per decade and type, beside each type's inclusion rule, and the years with no event.",
        "jrr coverage --format markdown > docs/coverage.md",
        commands.coverage,
        (PATH,),
        commands.COVERAGE_FORMATS,
    ),
    Command(
        "panel",
        "A table as a panel: dyad-years of events, sender-target-years of sanctions, territory-actor-years of claims.",
        "jrr panel events --freq year --to events_dyad_years.csv",
        commands.panel,
        (
            Arg(("table",), {"choices": ["events", "sanctions", "territorial_claims"], "help": "the table to turn"}),
            Arg(("--freq",), {"choices": ["year"], "default": "year", "help": "time unit (default year)"}),
            Arg(
                ("--on",),
                {
                    "choices": ["mid-year", "last-day"],
                    "default": "mid-year",
                    "help": "territorial_claims: the day whose position a year takes (default mid-year, 1 July)",
                },
            ),
            Arg(("--to",), {"help": "file to write, CSV or .parquet (default: CSV on stdout)"}),
        ),
    ),
    Command(
        "figures",
        "Draw the README's figures from the data as PNG files.",
        "jrr figures --to docs/img",
        commands.figures,
        (Arg(("--to",), {"default": "docs/img", "help": "directory for the PNG files (default docs/img)"}),),
    ),
    Command(
        "export",
        "Write tables as CSV, Parquet, Excel or SQLite.",
        "jrr export events --to out --format parquet",
        commands.export,
        (
            Arg(("tables",), {"nargs": "*", "metavar": "TABLE", "help": "tables to export (default: all)"}),
            Arg(("--to",), {"required": True, "help": "directory to write to (created if missing)"}),
        ),
        commands.EXPORT_FORMATS,
    ),
    Command(
        "cite",
        "How to cite this exact version of the dataset, or one row with the pages it rests on.",
        "jrr cite EV-0001 --format bibtex",
        commands.cite,
        (Arg(("row",), {"nargs": "?", "help": "a row id (EV-0001, SA-0010…) to cite with its sources"}),),
        commands.CITE_FORMATS,
    ),
    Command(
        "diff",
        "Ids added, changed and retired between two package versions.",
        "jrr diff old-release/ .",
        commands.diff,
        (
            Arg(("old",), {"help": "directory of the older data package"}),
            Arg(("new",), {"help": "directory of the newer data package"}),
        ),
        commands.DIFF_FORMATS,
    ),
    Command(
        "serve",
        "Browse and query the data in a web page (Datasette; needs the web extra).",
        "jrr serve --port 8001",
        commands.serve,
        (
            PATH,
            Arg(("--port",), {"type": int, "default": 8001, "help": "port on 127.0.0.1 (default 8001)"}),
            Arg(("--build",), {"metavar": "DIR", "help": "only write the database and metadata to DIR"}),
        ),
    ),
    Command(
        "validate",
        "Check a data package: structure, constraints, references, dates, text.",
        "jrr validate . --format github",
        commands.validate,
        (PATH,),
        commands.REPORT_FORMATS,
    ),
]


def _parser() -> argparse.ArgumentParser:
    examples = "\n".join(f"  {c.example:<58} {c.help.split(':')[0].rstrip('.')}" for c in COMMANDS)
    parser = argparse.ArgumentParser(
        prog="jrr",
        description="Japan–Russia relations, 1855 to today: look at, export and validate the dataset.",
        epilog=f"examples:\n{examples}\n\n{EPILOG}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {commands.version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for command in COMMANDS:
        p = sub.add_parser(
            command.name,
            help=command.help,
            description=command.help,
            epilog=f"example:\n  {command.example}\n\n{EPILOG}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for arg in command.args:
            p.add_argument(*arg.flags, **arg.options)
        if command.formats:
            choices = ", ".join(command.formats)
            p.add_argument(
                "--format",
                choices=command.formats,
                default=command.formats[0],
                help=f"{choices} (default {command.formats[0]})",
            )
        p.set_defaults(run=command.run)
    return parser


def _exit_codes() -> dict[type[BaseException], int]:
    """The library's exceptions and the exit code each means."""
    from .export import MissingDependency
    from .load import DataError, UnknownTableError
    from .validator import UsageError

    return {
        UsageError: 2,
        UnknownTableError: 2,
        LookupError: 2,
        MissingDependency: 2,
        commands.UsageProblem: 2,
        DataError: 1,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jrr`` console script."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, and keep Python from
        # complaining again when it flushes stdout on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        codes = _exit_codes()
        code = next((c for kind, c in codes.items() if isinstance(exc, kind)), None)
        if code is None:
            raise
        print(f"jrr {args.command}: {exc}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
