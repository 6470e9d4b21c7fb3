"""Where the dbt project and the database live, and how dbt is invoked."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class UnitcostError(Exception):
    """An error the user can act on; printed without a traceback."""


def project_dir() -> Path:
    """The dbt project directory: $UNITCOST_PROJECT_DIR, else the checkout the package runs from."""
    env = os.environ.get("UNITCOST_PROJECT_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parent.parent)
    for candidate in candidates:
        if (candidate / "dbt_project.yml").is_file():
            return candidate.resolve()
    raise UnitcostError(
        "cannot find the unitcost dbt project (dbt_project.yml); "
        "set UNITCOST_PROJECT_DIR to the folder of your unitcost checkout"
    )


def newest_change(project: Path, parts: tuple[str, ...]) -> float:
    """The latest modification time of the files of these parts of the project."""
    newest = 0.0
    for part in parts:
        path = project / part
        files = path.rglob("*") if path.is_dir() else [path]
        newest = max([newest, *(f.stat().st_mtime for f in files if f.is_file())])
    return newest


def dbt_executable() -> str:
    """The dbt command installed beside this Python."""
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


@dataclass
class DbtResult:
    """What one dbt invocation did."""

    returncode: int
    errors: list[str] = field(default_factory=list)
    failed_nodes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    printed: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def run_dbt(
    command: list[str],
    *,
    db: Path,
    dbt_vars: dict | None = None,
    on_event: Callable[[dict], None] | None = None,
    target: str | None = None,
    env: dict[str, str] | None = None,
) -> DbtResult:
    """Run one dbt command on the project against the DuckDB file `db`.

    `env` adds environment variables for dbt (profiles.yml reads UNITCOST_MEMORY_LIMIT).

    dbt's structured (JSON) log is read line by line: `on_event` sees every event
    (for progress), errors and failed nodes are collected for the caller.
    """
    project = project_dir()
    args = [
        dbt_executable(),
        *command,
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--log-format",
        "json",
        "--no-use-colors",
    ]
    if dbt_vars:
        args += ["--vars", json.dumps(dbt_vars)]
    if target:
        args += ["--target", target]
    env = dict(os.environ, **(env or {}))
    env["UNITCOST_DB"] = str(db)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        proc = subprocess.Popen(
            args,
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    except FileNotFoundError as exc:
        raise UnitcostError(
            f"dbt is not installed here ({args[0]} not found): run `make install` in the "
            "unitcost checkout, or `pip install -r requirements.lock` in this environment"
        ) from exc
    result = DbtResult(returncode=0)
    assert proc.stdout is not None
    for line in proc.stdout:
        event = _parse(line)
        if event is None:
            if line.strip():
                result.printed.append(line.rstrip("\n"))
            continue
        info = event.get("info", {})
        node = event.get("data", {}).get("node_info", {})
        if info.get("msg"):
            result.messages.append(ANSI.sub("", info["msg"]))
        if info.get("level") == "error" and info.get("msg"):
            result.errors.append(ANSI.sub("", info["msg"]).strip())
        status = node.get("node_status")
        if info.get("name", "").endswith("Result") and status in ("error", "fail"):
            result.failed_nodes.append(node.get("node_name", "?"))
        if info.get("name", "").endswith("Result") and status:
            result.counts[status] = result.counts.get(status, 0) + 1
        if on_event is not None:
            on_event(event)
    result.returncode = proc.wait()
    return result


def _parse(line: str) -> dict | None:
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        return None
