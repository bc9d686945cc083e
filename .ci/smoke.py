"""Smoke test of an installed wheel, run from outside the checkout."""

import sys
from pathlib import Path

import pandas as pd

import japan_russia_relations as jrr
from japan_russia_relations.descriptor import read_package

package = read_package()
assert "site-packages" in str(package.root), f"data read from {package.root}, not from the wheel"
for name in jrr.tables():
    frame = jrr.load(name)
    res = package.resources[name]
    for field in res.fields:
        col = frame[field["name"]]
        if field.get("constraints", {}).get("enum"):
            assert isinstance(col.dtype, pd.CategoricalDtype), (name, field["name"], col.dtype)
        elif field["type"] == "integer":
            assert str(col.dtype) == "Int64", (name, field["name"], col.dtype)
    print(f"{name}: {len(frame)} rows")
assert "pandera" not in sys.modules and "frictionless" not in sys.modules
assert jrr.validate().valid
print("smoke test passed from", Path.cwd())
