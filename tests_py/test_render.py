"""The runner renders the project's macros without dbt (unitcost.render): what it gets must
be what dbt gets, or `unitcost build` would plan one thing and dbt do another."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
from conftest import ROOT, SAMPLES, focus_row, write_csv

from unitcost.build import focus_vars
from unitcost.render import Renderer

MARK = "UNITCOST_RENDER_TEST "


def test_the_file_plan_and_fingerprint_are_dbts(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    write_csv(folder / "good.csv", [focus_row(), focus_row(BilledCost="abc")])
    row = focus_row()
    del row["ServiceName"]
    write_csv(folder / "lacking.csv", [row])
    (folder / "twice.csv").write_text("BilledCost;billedcost;ChargeCategory\n1;2;Usage\n")
    (folder / "sample.csv").write_bytes(
        (SAMPLES / "multi-provider_aws-azure-oci" / "focus_sample.csv").read_bytes()
    )
    dbt_vars = focus_vars([str(folder)], values=[])
    inline = (
        "select 1 {% if execute %}{% set plan = unitcost_focus_file_plan() %}"
        "{% do log('" + MARK + "' ~ tojson({'fingerprint': unitcost_fingerprint(), "
        "'plan': plan, 'problems': unitcost_focus_file_problems(plan)}), info=true) %}"
        "{% endif %}"
    )
    env = dict(os.environ, UNITCOST_DB=str(tmp_path / "dbt.duckdb"))
    env["DBT_TARGET_PATH"] = str(tmp_path / "target")
    env["DBT_LOG_PATH"] = str(tmp_path / "logs")
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "compile",
            "--inline",
            inline,
            "--vars",
            json.dumps(dbt_vars),
            "--project-dir",
            str(ROOT),
            "--profiles-dir",
            str(ROOT),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    line = next((x for x in proc.stdout.splitlines() if MARK in x), None)
    assert line is not None, proc.stdout[-3000:]
    from_dbt = json.loads(line.split(MARK, 1)[1])

    render = Renderer(duckdb.connect(), dbt_vars)
    plan = render.call("unitcost_focus_file_plan")
    ours = {
        "fingerprint": render.call("unitcost_fingerprint"),
        "plan": plan,
        "problems": render.call("unitcost_focus_file_problems", plan),
    }
    assert json.loads(json.dumps(ours, default=str)) == from_dbt
    # And the plan says what the files are (not two ways of being wrong alike).
    problems = "\n".join(ours["problems"])
    assert "lacking.csv (FOCUS 1.0): missing mandatory column ServiceName" in problems
    assert "twice.csv: the header names a column twice" in problems
    assert len(ours["problems"]) == 2
