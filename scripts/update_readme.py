"""Rewrite the README's table of tables from the data (run after data changes)."""

import re
from pathlib import Path

from japan_russia_relations.summary import counts_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
text = README.read_text(encoding="utf-8")
new = re.sub(
    r"(<!-- counts:start -->\n).*?(<!-- counts:end -->)",
    lambda m: m.group(1) + counts_markdown() + "\n" + m.group(2),
    text,
    flags=re.S,
)
README.write_text(new, encoding="utf-8")
print("README table updated")
