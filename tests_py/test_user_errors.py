"""User errors of `unitcost build` are one message with a hint and exit code 2, never a
traceback (the bad month, the missing database and the unknown scope or metric of the
reading commands are driven by test_kpis_options.py, test_report.py and test_export_docs.py)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from conftest import SAMPLES, run_unitcost

from unitcost import cli, project

SAMPLE = SAMPLES / "multi-provider_aws-azure-oci" / "focus_sample.csv"


def _main(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue() + err.getvalue()


def test_missing_dbt_is_a_user_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(project, "dbt_executable", lambda: str(tmp_path / "no-dbt-here"))
    db = tmp_path / "new.duckdb"
    code, output = _main("build", "--focus", str(SAMPLE), "--db", str(db))
    assert code == 2
    assert "unitcost: dbt is not installed here" in output
    assert "run `make install`" in output
    assert "Traceback" not in output
    assert not db.exists() and not db.with_name("new.duckdb.building").exists()


def test_a_selection_without_fct_charges_is_refused_before_building(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    proc = run_unitcost(
        "build", "--focus", str(SAMPLE), "--db", str(db), "--select", "stg_focus__files"
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert (
        "unitcost: --select 'stg_focus__files' does not build fct_charges, and new.duckdb has "
        "none yet: build everything once (no --select), or select +fct_charges too"
    ) in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not db.exists()
    nothing = run_unitcost("build", "--focus", str(SAMPLE), "--db", str(db), "--select", "nope")
    assert nothing.returncode == 2
    assert "unitcost: --select 'nope' selects no model" in nothing.stderr
