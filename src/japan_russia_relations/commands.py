"""What each ``jrr`` command does: read its arguments, call the library, print.

Declared in :mod:`.cli`; kept apart so that each function stays a few lines
and the declaration of every command fits on one screen.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from pathlib import Path

from .citation import STYLES as CITE_FORMATS
from .diff import FORMATS as DIFF_FORMATS
from .display import FORMATS as FRAME_FORMATS
from .display import render
from .export import FORMATS as EXPORT_FORMATS
from .validator.report import FORMATS as REPORT_FORMATS

__all__ = ["CITE_FORMATS", "DIFF_FORMATS", "EXPORT_FORMATS", "FRAME_FORMATS", "REPORT_FORMATS"]


class UsageProblem(ValueError):
    """The arguments are well formed but cannot be acted on (exit code 2)."""


def version() -> str:
    from . import __version__

    return __version__


def package_dir(path: str | None) -> Path | None:
    """A package directory from what a user typed: ``.`` or ``datapackage.json`` alike."""
    if path is None:
        return None
    given = Path(path)
    return given.parent if given.name == "datapackage.json" else given


def info(args: argparse.Namespace) -> int:
    from .summary import summary_lines

    print("\n".join(summary_lines()))
    return 0


def show(args: argparse.Namespace) -> int:
    from .load import load

    frame = load(args.table)
    render(frame.head(args.limit) if args.limit else frame, args.format, sys.stdout)
    return 0


def describe(args: argparse.Namespace) -> int:
    from .codebook import describe as codebook_of

    render(codebook_of(args.table), args.format, sys.stdout)
    return 0


def codebook(args: argparse.Namespace) -> int:
    from .codebook import render_markdown

    text = render_markdown()
    if args.to:
        Path(args.to).write_text(text, encoding="utf-8")
        print(f"wrote {Path(args.to).resolve()}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def panel(args: argparse.Namespace) -> int:
    from .panels import panel as make_panel

    frame = make_panel(args.table, args.freq, on=args.on)
    if not args.to:
        sys.stdout.write(frame.to_csv(index=False))
        return 0
    target = Path(args.to)
    if target.suffix == ".parquet":
        frame.to_parquet(target, index=False)
    else:
        frame.to_csv(target, index=False)
    print(f"wrote {target.resolve()} ({len(frame)} rows)", file=sys.stderr)
    return 0


COVERAGE_FORMATS = (*FRAME_FORMATS, "markdown")


def coverage(args: argparse.Namespace) -> int:
    from . import coverage as cov

    root = package_dir(args.path)
    if args.format == "markdown":
        sys.stdout.write(cov.markdown(root))
        return 0
    report = cov.Coverage.of(root)
    if args.format != "table":
        render(report.per_decade(), args.format, sys.stdout)
        return 0
    render(cov.wide(report.per_decade()), "table", sys.stdout)
    empty = report.empty_years()
    print(f"\nYears with no event ({len(empty)}): {', '.join(cov.spans(empty))}")
    return 0


def figures(args: argparse.Namespace) -> int:
    try:
        from .figures import write_all

        written = write_all(args.to)
    except ImportError as exc:
        raise UsageProblem(str(exc)) from None
    print(f"wrote {len(written)} figures to {Path(args.to).resolve()}:", file=sys.stderr)
    for path in written:
        print(f"  {path.name}", file=sys.stderr)
    return 0


def export(args: argparse.Namespace) -> int:
    from .export import export as write
    from .load import tables

    for path in write(args.tables or tables(), args.to, args.format):
        print(path, file=sys.stderr)
    return 0


def cite(args: argparse.Namespace) -> int:
    from .citation import cite as citation
    from .citation import cite_row

    sys.stdout.write(cite_row(args.row, args.format) if args.row else citation(args.format))
    return 0


def diff(args: argparse.Namespace) -> int:
    from .diff import diff_packages, render_json, render_text

    old, new = package_dir(args.old), package_dir(args.new)
    for path in (old, new):
        if not (path / "datapackage.json").is_file():
            raise UsageProblem(f"{path}: no datapackage.json here")
    result = diff_packages(old, new)
    sys.stdout.write(render_json(result) if args.format == "json" else render_text(result))
    return 0


def _skip_hypothesis() -> None:
    """pandera imports hypothesis, where installed, to synthesise test data. The
    command never does, and the import is half a second: a third of validating
    the real package. Only this process, which is the command's alone, goes without.
    """
    if "pandera" not in sys.modules:
        sys.modules.setdefault("hypothesis", None)  # type: ignore[arg-type]


def validate(args: argparse.Namespace) -> int:
    _skip_hypothesis()
    from .validator import validate as check

    report = check(package_dir(args.path))
    if args.format == "json":
        sys.stdout.write(report.to_json())
    elif args.format == "github":
        from .descriptor import read_package

        headers = {r.relpath: r.field_names for r in read_package(report.root).resources.values()}
        sys.stdout.write(report.to_github(headers))
    else:
        sys.stdout.write(report.to_text())
    return 0 if report.valid else 1


def serve(args: argparse.Namespace) -> int:
    import tempfile

    from .web import MissingWebExtra, build, port_in_use, require_datasette
    from .web import serve as start

    root = package_dir(args.path)
    if args.build:
        db, meta = build(args.build, root)
        print(f"wrote {db.resolve()} and {meta.resolve()}", file=sys.stderr)
        print(f"serve them with: datasette serve {db} --metadata {meta}", file=sys.stderr)
        return 0
    try:
        require_datasette()  # before building anything
    except MissingWebExtra as exc:
        raise UsageProblem(str(exc)) from None
    if port_in_use(args.port):
        raise UsageProblem(f"port {args.port} is in use; choose another with --port")
    with tempfile.TemporaryDirectory(prefix="jrr-serve-") as site:
        build(site, root)
        return _run_until_stopped(start(Path(site), args.port), args.port)


def _run_until_stopped(process: subprocess.Popen, port: int) -> int:
    """Print the address once Datasette answers; stop it with this command,
    whether by Ctrl-C or by a SIGTERM (which must not orphan it)."""
    from .web import wait_until_up

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if wait_until_up(port, process=process):
            print(f"Serving the data at http://127.0.0.1:{port}/ (Ctrl-C stops)", file=sys.stderr)
        return process.wait()
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        process.terminate()
        process.wait(timeout=10)
