"""A field of a Table Schema as one typed object.

Every module asks a :class:`Field` what a column is (required, unique, its
vocabulary, a partial date, a list, free text…) instead of reading the
descriptor's nested dictionaries itself, so each rule about a field is
written once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Field:
    """One column of a table as its Table Schema describes it."""

    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return self.spec["name"]

    @property
    def type(self) -> str:
        return self.spec["type"]

    @property
    def constraints(self) -> dict[str, Any]:
        return self.spec.get("constraints", {})

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))

    @property
    def unique(self) -> bool:
        return bool(self.constraints.get("unique", False))

    @property
    def enum(self) -> list[str] | None:
        return self.constraints.get("enum")

    @property
    def pattern(self) -> str | None:
        return self.constraints.get("pattern")

    @property
    def vocabulary(self) -> dict[str, dict[str, Any]] | None:
        return self.spec.get("x-vocabulary")

    @property
    def partial_date(self) -> bool:
        return bool(self.spec.get("x-partialDate"))

    @property
    def delimiter(self) -> str | None:
        return self.spec.get("x-delimiter")

    @property
    def max_words(self) -> int | None:
        return self.spec.get("x-maxWords")

    @property
    def true_values(self) -> list[str]:
        return self.spec.get("trueValues", ["true"])

    @property
    def false_values(self) -> list[str]:
        return self.spec.get("falseValues", ["false"])

    @property
    def free_text(self) -> bool:
        """Text without a pattern, a vocabulary or a date shape: the only
        columns that may hold commas, spaces at the edges or formulas, so the
        text rules look at these alone."""
        return self.type == "string" and self.pattern is None and self.enum is None and not self.partial_date

    @property
    def description(self) -> str:
        return self.spec.get("description", "")
