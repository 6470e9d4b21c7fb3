"""unitcost.yml: `unitcost init`, discovery, precedence (flag > environment > file >
default), errors naming the file and key, and a build that takes its settings from the
file. Every command is the real CLI in a subprocess; expected values are the README's
documented defaults and what each test wrote, never the output under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT, query, run_unitcost

from unitcost import demo

# Several builds each: in make test-e2e (make test stays under 12 minutes).
pytestmark = pytest.mark.e2e

DEMO_ROWS = demo.MIN_ROWS  # the smallest demo: every meter and period


def shown(proc) -> dict[str, tuple[str, str]]:
    """`unitcost config` output as {key: (value, source)}."""
    assert proc.returncode == 0, proc.stderr
    settings = {}
    for line in proc.stdout.splitlines()[1:]:
        key, rest = line.strip().split(None, 1)
        value, source = rest.rsplit("  [", 1)
        settings[key] = (value, source.rstrip("]"))
    return settings


def test_init_writes_a_commented_starter_file_of_the_defaults(tmp_path: Path) -> None:
    proc = run_unitcost("init", cwd=tmp_path, check=True)
    written = tmp_path / "unitcost.yml"
    assert str(written) in proc.stdout
    text = written.read_text()
    # every key the README documents is described in the file, set or commented out
    for key in ("focus", "values", "database", "currency", "basis", "memory_limit"):
        assert f"\n{key}:" in text or f"\n# {key}:" in text, key
    assert sum(line.startswith("#") for line in text.splitlines()) > 20
    assert yaml.safe_load(text) == {
        "database": "unitcost.duckdb",
        "currency": "USD",
        "basis": "effective",
        "export_grouping": "directory",
    }
    settings = shown(run_unitcost("config", cwd=tmp_path))
    assert settings["currency"] == ("USD", str(written))
    assert settings["database"] == (str(tmp_path / "unitcost.duckdb"), str(written))
    assert settings["focus"] == ("(none)", "default")


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "unitcost.yml"
    target.write_text("currency: EUR\n")
    proc = run_unitcost("init", cwd=tmp_path)
    assert proc.returncode == 2
    assert str(target) in proc.stderr and "--force" in proc.stderr
    assert target.read_text() == "currency: EUR\n"
    run_unitcost("init", "--force", "--currency", "gbp", cwd=tmp_path, check=True)
    assert yaml.safe_load(target.read_text())["currency"] == "GBP"


def test_init_writes_given_paths_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    run_unitcost(
        "init",
        "--config",
        "conf/unitcost.yml",
        "--focus",
        "exports",
        "--timestamp-format",
        "%m/%d/%y",
        cwd=tmp_path,
        check=True,
    )
    data = yaml.safe_load((tmp_path / "conf" / "unitcost.yml").read_text())
    assert data["focus"] == ["../exports"]
    assert data["timestamp_formats"] == ["%m/%d/%y"]
    # read from elsewhere, the paths still resolve against the file's folder
    settings = shown(run_unitcost("config", "--config", "conf/unitcost.yml", cwd=tmp_path))
    assert settings["focus"][0] == str(tmp_path / "exports")
    assert settings["database"][0] == str(tmp_path / "conf" / "unitcost.duckdb")


def test_flag_beats_environment_beats_file_beats_default(tmp_path: Path) -> None:
    (tmp_path / "unitcost.yml").write_text(
        "currency: eur\ndatabase: from-file.duckdb\nmemory_limit: 3GB\nfocus: bills/\n"
    )
    file = str(tmp_path / "unitcost.yml")
    env = {"UNITCOST_DB": str(tmp_path / "from-env.duckdb")}
    settings = shown(run_unitcost("config", cwd=tmp_path, env=env))
    assert settings["currency"] == ("EUR", file)
    assert settings["focus"] == (str(tmp_path / "bills"), file)
    assert settings["database"] == (str(tmp_path / "from-env.duckdb"), "$UNITCOST_DB")
    assert settings["memory_limit"] == ("3GB", file)
    assert settings["basis"] == ("effective", "default")
    flags = ("--currency", "GBP", "--db", "from-flag.duckdb", "--memory-limit", "2GB")
    settings = shown(run_unitcost("config", *flags, cwd=tmp_path, env=env))
    assert settings["currency"] == ("GBP", "--currency")
    assert settings["database"] == (str(tmp_path / "from-flag.duckdb"), "--db")
    assert settings["memory_limit"] == ("2GB", "--memory-limit")
    # $UNITCOST_CONFIG names the file when there is none in the current folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert shown(run_unitcost("config", cwd=elsewhere))["currency"] == ("USD", "default")
    settings = shown(run_unitcost("config", cwd=elsewhere, env={"UNITCOST_CONFIG": file}))
    assert settings["currency"] == ("EUR", file)


def test_bad_files_stop_every_command_naming_the_file_and_key(tmp_path: Path) -> None:
    config = tmp_path / "unitcost.yml"
    cases = {
        "curency: EUR\n": ["unknown key 'curency'", "did you mean 'currency'"],
        "currency: 3\n": ["'currency'", "must be a string"],
        "currency: euro\n": ["'currency'", "three-letter"],
        "focus: {aws: exports}\n": ["'focus'", "a path"],
        "basis: amortized\n": ["'basis'", "effective, billed, list, contracted"],
        "memory_limit: lots\n": ["'memory_limit'", "a size"],
        "currency: USD\nbasis: [effective\n": ["line 3", "not valid YAML"],
        "- focus\n": ["must be a mapping"],
    }
    for text, expected in cases.items():
        config.write_text(text)
        for command in (["build"], ["kpis"], ["config"]):
            proc = run_unitcost(*command, cwd=tmp_path)
            assert proc.returncode == 2, (text, command, proc.stdout, proc.stderr)
            assert str(config) in proc.stderr, (text, proc.stderr)
            for part in expected:
                assert part in proc.stderr, (text, proc.stderr)
    missing = run_unitcost("kpis", "--config", "nowhere.yml", cwd=tmp_path)
    assert missing.returncode == 2 and "--config nowhere.yml: no such file" in missing.stderr
    (clean := tmp_path / "clean").mkdir()
    bad_flag = run_unitcost("config", "--memory-limit", "plenty", cwd=clean)
    assert bad_flag.returncode == 2 and "--memory-limit" in bad_flag.stderr


def test_init_then_build_takes_the_settings_from_the_file(tmp_path: Path) -> None:
    run_unitcost("demo", "--rows", str(DEMO_ROWS), "--out", str(tmp_path / "demo"), check=True)
    run_unitcost(
        "init",
        "--focus",
        "demo/focus",
        "--values",
        "demo/values",
        "--db",
        "warehouse/costs.duckdb",
        "--currency",
        "EUR",
        "--memory-limit",
        "3GB",
        cwd=tmp_path,
        check=True,
    )
    # the flag beats the file's EUR; everything else comes from the file (only the models
    # that show it are built: a whole build is make test's dbt-test and test_dagster's)
    select = ("--select", "+fct_charges +fct_business_metrics")
    proc = run_unitcost("build", "--currency", "USD", *select, cwd=tmp_path, check=True)
    db = tmp_path / "warehouse" / "costs.duckdb"
    assert f"database {db}" in proc.stdout
    assert f"config   {tmp_path / 'unitcost.yml'}" in proc.stdout
    assert "memory   3GB" in proc.stdout
    assert not (ROOT / "warehouse").exists()
    assert query(db, "select distinct reporting_currency from fct_charges") == [("USD",)]
    files = query(db, "select count(distinct source_file) from staging.stg_focus__file_totals")[0][
        0
    ]
    assert files == len(list((tmp_path / "demo" / "focus").rglob("*.parquet")))
    assert query(db, "select count(*) > 0 from fct_business_metrics") == [(True,)]
