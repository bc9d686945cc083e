"""The ``jrr`` command: thin wrappers that parse arguments, call the library, print.

Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 the data
is invalid (``validate``) or a command failed on the data, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EPILOG = (
    "exit codes: 0 success; 1 invalid data or a failure reading it; "
    "2 usage error (bad arguments, no such path or table)"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jrr",
        description="Japan–Russia relations, 1855 to today: look at, export and validate the dataset.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, helptext, example, add in COMMANDS:
        p = sub.add_parser(
            name,
            help=helptext,
            description=helptext,
            epilog=f"example:\n  {example}\n\n{EPILOG}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add(p)
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _args_info(p: argparse.ArgumentParser) -> None:
    p.set_defaults(run=run_info)


def _args_show(p: argparse.ArgumentParser) -> None:
    p.add_argument("table", help="table name (see `jrr info`)")
    p.add_argument("--limit", type=int, default=10, help="rows to show (default 10; 0 for all)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format (default table)")
    p.set_defaults(run=run_show)


def _args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", help="directory holding datapackage.json (default: the package's own data)")
    p.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="report format; github prints workflow annotations",
    )
    p.set_defaults(run=run_validate)


def run_info(args: argparse.Namespace) -> int:
    from .summary import summary_lines

    print("\n".join(summary_lines()))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from .load import load

    frame = load(args.table)
    if args.limit:
        frame = frame.head(args.limit)
    if args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif args.format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=2) + "\n")
    else:
        import pandas as pd

        with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
            print(frame.to_string(index=False))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from .validate import UsageError, validate

    try:
        report = validate(args.path)
    except UsageError as exc:
        print(f"jrr validate: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(report.to_json())
    elif args.format == "github":
        from .descriptor import read_package

        headers = {r.relpath: r.field_names for r in read_package(report.root).resources.values()}
        sys.stdout.write(report.to_github(headers))
    else:
        sys.stdout.write(report.to_text())
    return 0 if report.valid else 1


COMMANDS = [
    ("info", "Version, tables, row counts and date range of each table.", "jrr info", _args_info),
    ("show", "Print the first rows of a table.", "jrr show events --limit 5 --format csv", _args_show),
    (
        "validate",
        "Check a data package: structure, schema constraints, references, dates and text rules.",
        "jrr validate . --format github",
        _args_validate,
    ),
]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jrr`` console script."""
    from .load import DataError, UnknownTableError

    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except UnknownTableError as exc:
        print(f"jrr {args.command}: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"jrr {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
