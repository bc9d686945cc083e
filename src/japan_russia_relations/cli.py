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


def _args_describe(p: argparse.ArgumentParser) -> None:
    p.add_argument("table", help="table name (see `jrr info`)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format (default table)")
    p.set_defaults(run=run_describe)


def _args_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("tables", nargs="*", metavar="TABLE", help="tables to export (default: all)")
    p.add_argument("--to", required=True, help="directory to write to (created if missing)")
    p.add_argument("--format", choices=["csv", "parquet", "xlsx", "sqlite"], default="csv", help="file format")
    p.set_defaults(run=run_export)


def _args_cite(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["text", "bibtex", "cff"], default="text", help="citation style (default text)")
    p.set_defaults(run=run_cite)


def _args_diff(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", help="directory of the older data package")
    p.add_argument("new", help="directory of the newer data package")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    p.set_defaults(run=run_diff)


def _args_codebook(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", help="file to write (default: print to stdout)")
    p.set_defaults(run=run_codebook)


def run_codebook(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .codebook import render_markdown

    text = render_markdown()
    if args.to:
        Path(args.to).write_text(text, encoding="utf-8")
        print(f"wrote {args.to}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _args_panel(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "table", choices=["events", "sanctions", "territorial_claims"], help="the table to turn into a panel"
    )
    p.add_argument("--freq", choices=["year"], default="year", help="time unit of the panel (default year)")
    p.add_argument(
        "--on",
        choices=["mid-year", "last-day"],
        default="mid-year",
        help="territorial_claims: the day whose position a year takes (default mid-year, 1 July)",
    )
    p.add_argument("--to", help="file to write, CSV or .parquet (default: CSV on stdout)")
    p.set_defaults(run=run_panel)


def run_panel(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .panels import panel

    frame = panel(args.table, args.freq, on=args.on)
    if not args.to:
        sys.stdout.write(frame.to_csv(index=False))
        return 0
    target = Path(args.to)
    if target.suffix == ".parquet":
        frame.to_parquet(target, index=False)
    else:
        frame.to_csv(target, index=False)
    print(f"wrote {target} ({len(frame)} rows)", file=sys.stderr)
    return 0


def _args_figures(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", default="docs/img", help="directory for the PNG files (default docs/img)")
    p.set_defaults(run=run_figures)


def run_figures(args: argparse.Namespace) -> int:
    try:
        from .figures import write_all

        written = write_all(args.to)
    except ImportError as exc:
        print(f"jrr figures: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path, file=sys.stderr)
    return 0


def _print_frame(frame, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=2) + "\n")
    else:
        import pandas as pd

        with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 60):
            print(frame.to_string(index=False))


def run_describe(args: argparse.Namespace) -> int:
    from .codebook import describe

    _print_frame(describe(args.table), args.format)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from .export import MissingDependency, export
    from .load import tables

    try:
        written = export(args.tables or tables(), args.to, args.format)
    except MissingDependency as exc:
        print(f"jrr export: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path, file=sys.stderr)
    return 0


def run_cite(args: argparse.Namespace) -> int:
    from .citation import cite

    sys.stdout.write(cite(args.format))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .diff import diff_packages, render_json, render_text

    for path in (args.old, args.new):
        if not (Path(path) / "datapackage.json").is_file():
            print(f"jrr diff: {path}: no datapackage.json here", file=sys.stderr)
            return 2
    result = diff_packages(args.old, args.new)
    sys.stdout.write(render_json(result) if args.format == "json" else render_text(result))
    return 0


def run_info(args: argparse.Namespace) -> int:
    from .summary import summary_lines

    print("\n".join(summary_lines()))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from .load import load

    frame = load(args.table)
    _print_frame(frame.head(args.limit) if args.limit else frame, args.format)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from .validator import UsageError, validate

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
        "describe",
        "The codebook of a table: every field, its type and allowed values.",
        "jrr describe sanctions",
        _args_describe,
    ),
    ("codebook", "The Markdown codebook of every table.", "jrr codebook --to docs/codebook.md", _args_codebook),
    (
        "panel",
        "A table as a panel: dyad-years of events, sender-target-years of sanctions, territory-actor-years of claims.",
        "jrr panel events --freq year --to events_dyad_years.csv",
        _args_panel,
    ),
    ("figures", "Draw the README's figures from the data as PNG files.", "jrr figures --to docs/img", _args_figures),
    (
        "export",
        "Write tables as CSV, Parquet, Excel or SQLite.",
        "jrr export events --to out --format parquet",
        _args_export,
    ),
    ("cite", "How to cite this exact version of the dataset.", "jrr cite --format bibtex", _args_cite),
    ("diff", "Ids added, changed and retired between two package versions.", "jrr diff old-release/ .", _args_diff),
    (
        "validate",
        "Check a data package: structure, constraints, references, dates, text.",
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
