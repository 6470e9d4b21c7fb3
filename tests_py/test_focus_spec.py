"""The project's FOCUS column list (a dbt macro) agrees with the FOCUS specification's facts."""

from __future__ import annotations

import csv
import re
import subprocess
import sys

from conftest import ROOT, SAMPLES


def macro_columns() -> list[dict]:
    """Parse macros/focus/focus_columns.sql: one dict literal per column."""
    text = (ROOT / "macros" / "focus" / "focus_columns.sql").read_text()
    rows = re.findall(
        r"\{'name': '(\w+)', 'snake': '(\w+)', 'type': '(\w+)', 'level': '(\w+)', "
        r"'nullable': (true|false), 'introduced': '([\w.-]+)', 'versions': \[([^\]]*)\]\}",
        text,
    )
    return [
        {
            "name": n,
            "snake": s,
            "type": t,
            "level": lv,
            "nullable": nb == "true",
            "introduced": i,
            "versions": re.findall(r"'([\d.]+)'", v),
        }
        for n, s, t, lv, nb, i, v in rows
    ]


def test_macro_lists_every_focus_column_as_the_spec_does() -> None:
    with (SAMPLES / "focus_columns.csv").open() as handle:
        spec = {r["column"]: r for r in csv.DictReader(handle)}
    ours = {c["name"]: c for c in macro_columns()}
    assert set(ours) == set(spec)
    kinds = {"String": "string", "Decimal": "decimal", "Date/Time": "datetime", "JSON": "json"}
    for name, row in spec.items():
        col = ours[name]
        assert col["type"] == kinds[row["data_type"]], name
        assert col["level"] == row["level"], name
        assert col["nullable"] == (row["nullable"] == "True"), name
        assert col["introduced"] == row["introduced"], name
        versions = [
            v
            for v, k in [("1.0", "in_1_0"), ("1.1", "in_1_1"), ("1.2", "in_1_2"), ("1.3", "in_1_3")]
            if row[k] == "1"
        ]
        assert col["versions"] == versions, name
    # Column counts per version, as the MANIFEST states them.
    assert [
        sum(v in c["versions"] for c in ours.values()) for v in ["1.0", "1.1", "1.2", "1.3"]
    ] == [43, 50, 57, 65]


def test_snake_case_names_are_unique_and_derived() -> None:
    cols = macro_columns()
    assert len({c["snake"] for c in cols}) == len(cols)
    for c in cols:
        assert c["snake"] == re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", c["name"]).lower()


def test_generated_docs_are_current() -> None:
    """The fct_charges YAML is what scripts/dev/write_charge_docs.py writes."""
    target = ROOT / "models" / "marts" / "charges" / "_charges__fct_charges.yml"
    before = target.read_text()
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "dev" / "write_charge_docs.py")], check=True
    )
    after = target.read_text()
    target.write_text(before)
    assert after == before, "run scripts/dev/write_charge_docs.py and commit the result"
