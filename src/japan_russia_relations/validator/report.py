"""Validation results as data: one record per problem, three renderings.

Errors are data: the validator only collects :class:`Problem` records; text
for people, JSON for tools and GitHub workflow annotations for pull requests
are renderings of the same list.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

MAX_VALUE = 60
FORMATS = ("text", "json", "github")
STRUCTURAL = frozenset({"descriptor", "file", "eol", "encoding", "header", "row-length", "csv"})


def shorten(value: object, limit: int = MAX_VALUE) -> str:
    """A value as it can be shown in one line of a report."""
    text = "" if value is None else str(value)
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, where an editor can find it (line 1 is the header)."""

    file: str
    line: int | None
    column: str | None
    message: str
    value: str | None = None
    check: str = ""


@dataclass
class Report:
    """All problems found in one run, and the files that were checked."""

    root: str
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def sorted(self) -> list[Problem]:
        """Structural problems first (a file that cannot be read explains much
        else), then by file, line and column."""
        return sorted(
            self.problems,
            key=lambda p: (p.check not in STRUCTURAL, p.file, p.line or 0, p.column or "", p.message),
        )

    def counts(self) -> Counter[str]:
        return Counter(p.file for p in self.problems)

    def to_text(self) -> str:
        if self.valid:
            return f"valid: {len(self.files)} files checked in {self.root}, no problems\n"
        out = []
        counts = self.counts()
        current = None
        for p in sorted(self.sorted(), key=lambda p: p.file):  # grouped by file, structural first within it
            if p.file != current:
                current = p.file
                n = counts[current]
                out.append(f"{current}: {n} problem{'s' if n != 1 else ''}")
            where = f"line {p.line}" if p.line else "file"
            col = f", column {p.column}" if p.column else ""
            val = f" [value: {shorten(p.value)!r}]" if p.value not in (None, "") else ""
            out.append(f"  {where}{col}: {p.message}{val}")
        total = len(self.problems)
        out.append(f"invalid: {total} problem{'s' if total != 1 else ''} in {len(counts)} file(s)")
        return "\n".join(out) + "\n"

    def to_json(self) -> str:
        body = {
            "valid": self.valid,
            "root": self.root,
            "files": self.files,
            "count": len(self.problems),
            "counts": dict(self.counts()),
            "problems": [asdict(p) for p in self.sorted()],
        }
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"

    def to_github(self, columns: dict[str, list[str]] | None = None) -> str:
        """Workflow annotations; ``columns`` maps a file to its header for ``col=``."""
        lines = []
        for p in self.sorted():
            loc = f"file={p.file}"
            if p.line:
                loc += f",line={p.line}"
            header = (columns or {}).get(p.file, [])
            if p.column in header:
                loc += f",col={header.index(p.column) + 1}"
            msg = f"{p.column + ': ' if p.column else ''}{p.message}"
            if p.value not in (None, ""):
                msg += f" (value: {shorten(p.value)})"
            lines.append(f"::error {loc}::{_escape(msg)}")
        lines.append(self.to_text().splitlines()[-1])
        return "\n".join(lines) + "\n"


def _escape(message: str) -> str:
    """Escape what GitHub's workflow-command parser would otherwise eat."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
