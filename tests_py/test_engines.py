"""The same models on PostgreSQL give the same marts as on DuckDB (`make test-engines`).

A throwaway PostgreSQL server (Debian's package, see tests_py/postgres_engine.py) gets
the demo FOCUS rows and value data as tables, the way warehouse users hold their exports
(vars focus_relations and value_relations); `dbt build` runs on it with the profile's
`postgres` target, and every public mart (the tables and views of DuckDB's main schema;
on PostgreSQL the target schema, see macros/util/generate_schema_name.sql) is compared
with a DuckDB build of the same demo files: the same tables, columns and keys, every
money column within 0.01 and every ratio within 1e-9 relative.

Row-level marts carry engine-specific identities (charge keys are DuckDB's 64-bit hash or
md5; a table's source_file is its name, not a file path; its rows are numbered by a hash
of their values): those columns are left out and the rows compared as groups of equal
other columns, with their count and sums. dbt unit tests are left out on PostgreSQL
(docs/engines.md: some expected values are written at a scale PostgreSQL's untyped
numeric results do not print).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import postgres_engine  # noqa: E402
from conftest import ROOT, run_unitcost  # noqa: E402

pytestmark = pytest.mark.engines

DEMO_ROWS = int(os.environ.get("UNITCOST_ENGINES_ROWS", "4000"))
DBT = [str(Path(sys.executable).parent / "dbt")]
# Columns whose values are engine- or source-specific identities, not results.
IDENTITY_COLUMNS = {
    "charge_key",
    "source_file",
    "source_row_number",
    "export_id",
    "raw_values",
    "extension_columns",
}
RATIO_WORDS = (
    "per_",
    "_per",
    "ratio",
    "pct",
    "share",
    "unit_cost",
    "density",
    "roi",
    "days",
    "rate",
    "multiplier",
    "avg",
    "average",
    "factor",
    "price",
    "_change",
    "z_score",
    "elasticity",
)
NUMERIC_PREFIXES = (
    "DECIMAL",
    "DOUBLE",
    "FLOAT",
    "REAL",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "SMALLINT",
    "TINYINT",
    "UBIGINT",
)


def _dbt(args: list[str], env: dict[str, str], target_dir: Path) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    for name in ("UNITCOST_DB", "UNITCOST_TARGET"):
        full_env.pop(name, None)
    full_env.update(env)
    full_env.update(
        {
            "DBT_PROFILES_DIR": str(ROOT),
            "DBT_TARGET_PATH": str(target_dir / "target"),
            "DBT_LOG_PATH": str(target_dir / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
    )
    proc = subprocess.run(
        [*DBT, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=1500
    )
    if proc.returncode != 0:
        raise AssertionError(
            f"dbt {' '.join(args)} failed ({proc.returncode}):\n"
            f"{proc.stdout[-8000:]}\n{proc.stderr[-2000:]}"
        )
    return proc


@pytest.fixture(scope="module")
def postgres(request: pytest.FixtureRequest):
    server = postgres_engine.start()
    request.addfinalizer(server.stop)
    return server


@pytest.fixture(scope="module")
def builds(postgres, tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("engines")
    demo = tmp / "demo"
    run_unitcost("demo", "--rows", str(DEMO_ROWS), "--out", str(demo), check=True)

    # DuckDB, from the files: the reference.
    duck_db = tmp / "duck.duckdb"
    started = time.monotonic()
    _dbt(
        [
            "build",
            "--exclude",
            "resource_type:test",
            "resource_type:unit_test",
            "--vars",
            json.dumps(
                {"focus_paths": [str(demo / "focus")], "value_paths": [str(demo / "values")]}
            ),
        ],
        {"UNITCOST_DB": str(duck_db), "UNITCOST_TARGET": "duckdb"},
        tmp / "duck",
    )
    duck_seconds = time.monotonic() - started

    # PostgreSQL, from tables.
    database = "unitcost_engines"
    postgres.create_database(database)
    # One table per provider, as each provider's export loader writes its own
    # (a provider's FOCUS version is its table's: only Nimbus AI writes 1.3
    # columns), and one per value file.
    focus_tables, value_tables, loaded = [], [], 0
    for provider_dir in sorted((demo / "focus").glob("provider=*")):
        table = "raw.focus_" + provider_dir.name.split("=", 1)[1].replace("-", "_")
        loaded += postgres_engine.load_table(
            postgres,
            database,
            table,
            f"select * from read_parquet('{provider_dir}/**/*.parquet',"
            " hive_partitioning = false, union_by_name = true)",
        )
        focus_tables.append(table)
    for value_file in sorted((demo / "values").glob("*.csv")):
        table = "raw." + value_file.stem
        postgres_engine.load_table(
            postgres,
            database,
            table,
            f"select * from read_csv('{value_file}', all_varchar = true)",
        )
        value_tables.append(table)
    assert len(focus_tables) >= 4 and len(value_tables) >= 2, (focus_tables, value_tables)
    pg_vars = json.dumps(
        {
            "focus_paths": [],
            "value_paths": [],
            "focus_relations": focus_tables,
            "value_relations": value_tables,
        }
    )
    env = postgres.env(database)
    started = time.monotonic()
    _dbt(["build", "--exclude", "resource_type:unit_test", "--vars", pg_vars], env, tmp / "pg")
    pg_seconds = time.monotonic() - started
    print(
        f"\nengines: {loaded} FOCUS rows; DuckDB models {duck_seconds:.0f} s,"
        f" PostgreSQL build {pg_seconds:.0f} s"
    )
    return {
        "duck_db": duck_db,
        "postgres": postgres,
        "database": database,
        "env": env,
        "pg_vars": pg_vars,
        "tmp": tmp,
        "pg_seconds": pg_seconds,
    }


def _marts(builds: dict) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"attach '{builds['duck_db']}' as duck (read_only)")
    postgres_engine.fetch_schema(builds["postgres"], builds["database"], "unitcost", con, "pg")
    return con


def _is_ratio(column: str) -> bool:
    return any(word in column for word in RATIO_WORDS)


def _close(a, b, ratio: bool) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if ratio:
        return abs(a - b) <= max(1e-9 * max(abs(a), abs(b)), 1e-12)
    return abs(a - b) <= 0.01


def _grouped(con: duckdb.DuckDBPyConnection, relation: str, keys: list[str], numeric: list[str]):
    """{key values as text: (row count, the sum of each numeric column as a double)}."""
    key_sql = ", ".join(f'cast("{k}" as varchar) as "{k}"' for k in keys) or "'' as no_key"
    key_names = [f'"{k}"' for k in keys] or ["no_key"]
    sums = "".join(f', sum(cast("{c}" as double)) as "{c}"' for c in numeric)
    values = "".join(f', "{c}"' for c in numeric)
    sql = (
        f"select {', '.join(key_names)}, count(*) as row_count{sums}"
        f" from (select {key_sql}{values} from {relation}) group by all"
    )
    width = len(key_names)
    return {tuple(r[:width]): r[width:] for r in con.execute(sql).fetchall()}


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str):
    return con.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_catalog = ? and table_schema = ? and table_name = ?"
        " order by ordinal_position",
        [catalog, schema, table],
    ).fetchall()


def _tables(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> set[str]:
    rows = con.execute(
        "select table_name from information_schema.tables"
        " where table_catalog = ? and table_schema = ?",
        [catalog, schema],
    ).fetchall()
    return {r[0] for r in rows}


def compare_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What differs between the DuckDB marts (catalog duck, schema main) and the
    PostgreSQL ones (copied to schema pg of the in-memory catalog), in words."""
    problems: list[str] = []
    memory = con.execute("select current_database()").fetchone()[0]
    duck_tables = _tables(con, "duck", "main")
    pg_tables = _tables(con, memory, "pg")
    if duck_tables != pg_tables:
        problems.append(
            f"tables differ: only DuckDB {sorted(duck_tables - pg_tables)}, "
            f"only PostgreSQL {sorted(pg_tables - duck_tables)}"
        )
    for table in sorted(duck_tables & pg_tables):
        duck_cols = _columns(con, "duck", "main", table)
        names = {c for c, _ in duck_cols}
        pg_names = {c for c, _ in _columns(con, memory, "pg", table)}
        if names != pg_names:
            problems.append(
                f"{table}: columns differ: only DuckDB {sorted(names - pg_names)},"
                f" only PostgreSQL {sorted(pg_names - names)}"
            )
            continue
        numeric = [
            c
            for c, t in duck_cols
            if t.upper().startswith(NUMERIC_PREFIXES) and c not in IDENTITY_COLUMNS
        ]
        keys = [c for c, _ in duck_cols if c not in numeric and c not in IDENTITY_COLUMNS]
        duck = _grouped(con, f'duck.main."{table}"', keys, numeric)
        pg = _grouped(con, f'pg."{table}"', keys, numeric)
        if duck.keys() != pg.keys():
            only_duck = sorted(set(duck) - set(pg), key=str)
            only_pg = sorted(set(pg) - set(duck), key=str)
            problems.append(
                f"{table}: keys differ over {keys}: {len(only_duck)} only on DuckDB,"
                f" e.g. {only_duck[:2]}; {len(only_pg)} only on PostgreSQL, e.g. {only_pg[:2]}"
            )
            continue
        bad = []
        for key, values in duck.items():
            other = pg[key]
            if values[0] != other[0]:
                bad.append(f"{key}: {values[0]} rows on DuckDB, {other[0]} on PostgreSQL")
            for column, a, b in zip(numeric, values[1:], other[1:], strict=True):
                if not _close(a, b, _is_ratio(column)):
                    bad.append(f"{key} {column}: DuckDB {a!r}, PostgreSQL {b!r}")
        if bad:
            problems.append(f"{table}: {len(bad)} differences, e.g. " + "; ".join(bad[:3]))
    return problems


def test_postgres_marts_equal_duckdb(builds: dict) -> None:
    con = _marts(builds)
    tables = len(_tables(con, con.execute("select current_database()").fetchone()[0], "pg"))
    assert tables >= 20, f"only {tables} marts on PostgreSQL"
    rows = {
        t: con.execute(f'select count(*) from pg."{t}"').fetchone()[0]
        for t in sorted(_tables(con, con.execute("select current_database()").fetchone()[0], "pg"))
    }
    print(f"engines: compared {len(rows)} marts, {sum(rows.values())} rows: {rows}")
    assert rows["fct_charges"] > 0 and rows["kpi_cost_per_api_call"] > 0
    problems = compare_marts(con)
    assert not problems, "PostgreSQL marts differ from DuckDB's:\n  " + "\n  ".join(problems)


def test_postgres_second_build_is_incremental_and_equal(builds: dict) -> None:
    """A second `dbt build` on the built PostgreSQL database takes the incremental
    path (state tables of the first build, delete + insert of dirty partitions; a
    table source counts as changed on every build) and gives the same marts."""
    con = builds["postgres"].connect(builds["database"])
    with con.cursor() as cur:
        cur.execute("select count(*) from unitcost_staging.unitcost_built_files")
        recorded = cur.fetchone()[0]
    assert recorded == len(json.loads(builds["pg_vars"])["focus_relations"]), (
        f"the first build recorded {recorded} FOCUS sources"
    )
    con.close()
    _dbt(
        ["build", "--exclude", "resource_type:unit_test", "--vars", builds["pg_vars"]],
        builds["env"],
        builds["tmp"] / "pg",
    )
    problems = compare_marts(_marts(builds))
    assert not problems, "after an incremental build:\n  " + "\n  ".join(problems)
