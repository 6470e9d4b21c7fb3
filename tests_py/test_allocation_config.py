"""Bad scope or allocation configuration stops the run before anything is built, naming the rule."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import focus_row, project_copy, query, run_unitcost, write_csv


def edit_csv(path: Path, change) -> None:
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        rows = [change(dict(row)) for row in reader]
    write_csv(path, [r for r in rows if r is not None], columns)


def append_csv(path: Path, row: dict) -> None:
    with path.open(newline="") as handle:
        columns = next(csv.reader(handle))
    with path.open("a", newline="") as handle:
        csv.DictWriter(handle, fieldnames=columns).writerow({c: row.get(c, "") for c in columns})


def test_bad_configuration_stops_before_anything_is_built(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    exports = write_csv(
        tmp_path / "exports" / "focus.csv", [focus_row(Tags='{"product": "search"}')]
    )
    values = write_csv(
        tmp_path / "values" / "metrics.csv",
        [
            {
                "date": "2024-09-05",
                "scope": "search",
                "metric": "api_calls",
                "value": "10",
                "unit": "Requests",
                "source": "test",
            }
        ],
    )
    db = tmp_path / "kept.duckdb"
    args = ["build", "--focus", str(exports), "--values", str(values), "--db", str(db)]
    run_unitcost(*args, project=project, check=True)
    assert query(db, "select scope_id from intermediate.int_charges_scoped") == [("search",)]

    seeds = project / "seeds"
    # 1. fixed percentages that do not sum to 100
    edit_csv(
        seeds / "allocation_recipients.csv",
        lambda r: (
            {**r, "fixed_percent": "35"}
            if r["recipient_scope_id"] == "storefront" and r["rule_id"] == "alloc-platform"
            else r
        ),
    )
    # 2. a recipient that is not in the hierarchy
    append_csv(
        seeds / "allocation_recipients.csv",
        {"rule_id": "alloc-tax", "recipient_scope_id": "checkout"},
    )
    # 3. a driver metric that is not in the value data
    edit_csv(
        seeds / "allocation_rules.csv",
        lambda r: {**r, "driver_metric": "api_call"} if r["rule_id"] == "alloc-network" else r,
    )
    # 4. a rule on a column that does not exist
    append_csv(
        seeds / "scope_rules.csv",
        {
            "rule_id": "by-colour",
            "priority": "500",
            "scope_id": "search",
            "match_column": "colour",
            "match_operator": "equals",
            "match_value": "blue",
        },
    )
    # 5. two rules of one priority that can match the same charge
    append_csv(
        seeds / "scope_rules.csv",
        {
            "rule_id": "eu-search",
            "priority": "100",
            "scope_id": "search",
            "match_column": "region_id",
            "match_operator": "equals",
            "match_value": "eu-west-1",
        },
    )

    proc = run_unitcost(*args, project=project)
    assert proc.returncode == 1
    err = proc.stderr
    assert "nothing was built, the previous build is unchanged" in err
    assert (
        "allocation_recipients.csv rule 'alloc-platform': "
        "fixed percentages sum to 95.000000, not 100"
    ) in err
    assert (
        "allocation_recipients.csv rule 'alloc-tax': "
        "recipient_scope_id 'checkout' is not in scopes.csv"
    ) in err
    assert (
        "allocation_rules.csv rule 'alloc-network': "
        "driver_metric 'api_call' is not in the value data" in err
    )
    assert (
        "scope_rules.csv rule 'by-colour': match_column 'colour' is not a column rules can test"
        in err
    )
    assert (
        "scope_rules.csv rule 'eu-search': has the same priority (100) as rule 'product-assistant'"
        in err
    )
    assert "Traceback" not in err
    # The tag rules of priority 100 test one column for different values: no overlap reported.
    assert "rule 'product-search': has the same priority" not in err
    # Nothing was rebuilt.
    assert query(db, "select scope_id from intermediate.int_charges_scoped") == [("search",)]
