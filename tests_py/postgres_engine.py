"""A throwaway PostgreSQL server for the engine tests, and loading demo data into it.

The server is Debian's postgresql package (initdb and pg_ctl in its versioned bin
folder, not on PATH; `make postgres` installs it when missing). It is initialised in a
temporary folder by the `postgres` user when run as root (initdb refuses root), listens
on 127.0.0.1 only, on a free port, trusts local connections (no password exists to
leak), and is stopped by `stop()` (the tests call it in a finalizer, so also on failure).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import duckdb

PG_USER = "unitcost"


def pg_bin_dir() -> Path | None:
    """The newest installed PostgreSQL bin folder with initdb, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    bin_dir: Path
    root: Path
    port: int
    as_user: list[str]

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def env(self, database: str, schema: str = "unitcost") -> dict[str, str]:
        """The environment that points profiles.yml's postgres target at this server."""
        return {
            "UNITCOST_TARGET": "postgres",
            "UNITCOST_PG_HOST": "127.0.0.1",
            "UNITCOST_PG_PORT": str(self.port),
            "UNITCOST_PG_USER": PG_USER,
            "UNITCOST_PG_PASSWORD": "",
            "UNITCOST_PG_DATABASE": database,
            "UNITCOST_PG_SCHEMA": schema,
        }

    def connect(self, database: str = "postgres"):
        import psycopg2

        con = psycopg2.connect(host="127.0.0.1", port=self.port, user=PG_USER, dbname=database)
        con.autocommit = True
        return con

    def create_database(self, name: str) -> None:
        with closing(self.connect()) as con, con.cursor() as cur:
            cur.execute(f'drop database if exists "{name}"')
            cur.execute(f'create database "{name}"')

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            subprocess.run(
                [
                    *self.as_user,
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(self.root, ignore_errors=True)


def start(bin_dir: Path | None = None) -> Server:
    """initdb in a temporary folder and start the server on 127.0.0.1 (about 2 s)."""
    bin_dir = bin_dir or pg_bin_dir()
    if bin_dir is None:
        raise RuntimeError(
            "PostgreSQL is not installed: run `make postgres` (Debian package postgresql)"
        )
    root = Path(tempfile.mkdtemp(prefix="unitcost-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        # initdb and postgres refuse to run as root: the Debian package's postgres user runs them.
        shutil.chown(root, user="postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    server = Server(bin_dir=bin_dir, root=root, port=port, as_user=as_user)
    try:
        subprocess.run(
            [
                *as_user,
                str(bin_dir / "initdb"),
                "-D",
                str(server.data_dir),
                "-U",
                PG_USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC"
        )
        subprocess.run(
            [
                *as_user,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(server.data_dir),
                "-o",
                options,
                "-l",
                str(root / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=90,
        )
    except BaseException:
        server.stop()
        raise
    for _ in range(50):
        try:
            server.connect().close()
            break
        except Exception:  # noqa: BLE001 - not accepting connections yet
            time.sleep(0.1)
    return server


def _pg_type(duckdb_type: str) -> str:
    t = duckdb_type.upper()
    if t.startswith("DECIMAL"):
        return "numeric" + t[len("DECIMAL") :]
    return {
        "VARCHAR": "text",
        "TIMESTAMP WITH TIME ZONE": "timestamptz",
        "TIMESTAMP": "timestamp",
        "DATE": "date",
        "BIGINT": "bigint",
        "INTEGER": "integer",
        "DOUBLE": "double precision",
        "BOOLEAN": "boolean",
    }.get(t, "text")


def load_table(server: Server, database: str, table: str, select_sql: str) -> int:
    """Create `table` (schema.name) in PostgreSQL from a DuckDB query, with the
    query's column names and types (decimals stay numeric(p, s), timestamps with
    a zone timestamptz), through COPY. Returns the number of rows."""
    duck = duckdb.connect()
    duck.execute("set TimeZone = 'UTC'")
    columns = duck.execute(f"describe {select_sql}").fetchall()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "rows.csv"
        duck.execute(
            f"copy ({select_sql}) to '{csv_path}' (format csv, header false, nullstr '\\N')"
        )
        rows = duck.execute(f"select count(*) from ({select_sql})").fetchone()[0]
        schema, name = table.split(".")
        column_sql = ", ".join(f'"{c[0]}" {_pg_type(c[1])}' for c in columns)
        with closing(server.connect(database)) as con, con.cursor() as cur:
            cur.execute(f'create schema if not exists "{schema}"')
            cur.execute(f'drop table if exists "{schema}"."{name}"')
            cur.execute(f'create table "{schema}"."{name}" ({column_sql})')
            with csv_path.open() as handle:
                cur.copy_expert(
                    f'copy "{schema}"."{name}" from stdin with (format csv, null \'\\N\')', handle
                )
    duck.close()
    return rows


def fetch_schema(
    server: Server, database: str, schema: str, duck: duckdb.DuckDBPyConnection, into: str
) -> list[str]:
    """Copy every table and view of a PostgreSQL schema into DuckDB schema `into`
    (through CSV, column types mapped back), to compare marts with DuckDB SQL."""
    duck.execute(f'create schema if not exists "{into}"')
    names = []
    with closing(server.connect(database)) as con, con.cursor() as cur:
        cur.execute(
            "select table_name from information_schema.tables where table_schema = %s order by 1",
            [schema],
        )
        tables = [r[0] for r in cur.fetchall()]
        for table in tables:
            cur.execute(
                "select column_name, data_type, numeric_precision, numeric_scale"
                " from information_schema.columns where table_schema = %s and table_name = %s"
                " order by ordinal_position",
                [schema, table],
            )
            cols = cur.fetchall()
            duck_cols = []
            for name, data_type, precision, scale in cols:
                duck_cols.append((name, _duck_type(data_type, precision, scale)))
            with tempfile.TemporaryDirectory() as tmp:
                csv_path = Path(tmp) / "rows.csv"
                with csv_path.open("w") as handle:
                    cur.copy_expert(
                        f'copy (select * from "{schema}"."{table}")'
                        " to stdout with (format csv, null '\\N')",
                        handle,
                    )
                spec = ", ".join(f"'{n}': '{t}'" for n, t in duck_cols)
                duck.execute(
                    f'create table "{into}"."{table}" as select * from read_csv('
                    f"'{csv_path}', header = false, columns = {{{spec}}}, nullstr = '\\N',"
                    " quote = '\"', escape = '\"', auto_detect = false)"
                )
            names.append(table)
    return names


def _duck_type(data_type: str, precision, scale) -> str:
    t = data_type.lower()
    if t == "numeric":
        if precision is None:
            return "DOUBLE"
        return f"DECIMAL({precision}, {scale})"
    return {
        "text": "VARCHAR",
        "character varying": "VARCHAR",
        "timestamp with time zone": "TIMESTAMPTZ",
        "timestamp without time zone": "TIMESTAMP",
        "date": "DATE",
        "bigint": "BIGINT",
        "integer": "INTEGER",
        "smallint": "INTEGER",
        "double precision": "DOUBLE",
        "real": "DOUBLE",
        "boolean": "BOOLEAN",
    }.get(t, "VARCHAR")
