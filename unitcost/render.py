"""The project's own SQL macros and models, rendered and run on DuckDB without dbt.

dbt costs seconds of start-up per command; the file checks and the typing of FOCUS
rows do not need dbt, only its Jinja. This module renders the very macro files that
dbt uses (`macros/**/*.sql`) and the staging models, in a small context with the
few things of dbt's that they call (`var`, `run_query`, `adapter.dispatch`,
`return`, `ref`, ...), so that `unitcost validate`, `unitcost build`'s preflight and
the tests run the same SQL checks that dbt's `on-run-start` preflight runs, in a
fraction of a second. No rule is written here: only dbt's calling conventions.

`try_or_compiler_error` is the one difference, on purpose: dbt stops with the
macro's plain message when the engine cannot read a file; here the message is
recorded (with the engine's text as detail) and the macro goes on, so that every
file of a run is reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import jinja2

from unitcost.project import UnitcostError, project_dir

_MACRO_FILE_CACHE: dict[Path, list[tuple[str, str]]] = {}
_ENV = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
_TEMPLATES: dict[str, jinja2.Template] = {}


def _template(source: str) -> jinja2.Template:
    """A compiled template, compiled once per process (the models take ~0.1 s).

    The compiled code is also kept between runs, under target/unitcost-jinja/ by
    the hash of its source (compiling every macro file took about half of a
    `unitcost validate`); a cache that cannot be read or written is skipped.
    """
    if source not in _TEMPLATES:
        _TEMPLATES[source] = _cached_template(source)
    return _TEMPLATES[source]


def _cached_template(source: str) -> jinja2.Template:
    import marshal
    import sys

    key = hashlib.sha256(f"{sys.version}|{jinja2.__version__}|{source}".encode()).hexdigest()
    path = project_dir() / "target" / "unitcost-jinja" / f"{key}.marshal"
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        code = _ENV.compile(source)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(code))
            os.replace(partial, path)
        except OSError:
            pass
    return _ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None), None)


class _MacroReturn(Exception):
    def __init__(self, value: Any) -> None:
        self.value = value


class CompileError(UnitcostError):
    """`exceptions.raise_compiler_error` of a macro: a message meant for the user."""


@dataclass
class QueryResult:
    """What dbt's `run_query` returns, as far as the macros use it."""

    rows: list[tuple]
    column_names: list[str]


@dataclass
class EngineFailure:
    """A query a macro guarded with `try_or_compiler_error` that the engine refused."""

    message: str
    detail: str


class _Obj:
    def __init__(self, **kwargs: Any) -> None:
        self.__dict__.update(kwargs)

    def get(self, key: str, default: Any = None) -> Any:
        return self.__dict__.get(key, default)


class _Relation:
    def __init__(self, database: str | None, schema: str | None, identifier: str) -> None:
        self.database, self.schema, self.identifier = database, schema, identifier

    def __str__(self) -> str:
        parts = [p for p in (self.database, self.schema, self.identifier) if p]
        return ".".join(f'"{p}"' for p in parts)


class _Macro:
    """One macro of a macro file, called the way dbt calls it (`return` honoured)."""

    def __init__(self, renderer: Renderer, source: str, name: str) -> None:
        self.renderer, self.source, self.name = renderer, source, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        module = self.renderer._module(self.source)
        try:
            return getattr(module, self.name)(*args, **kwargs)
        except _MacroReturn as returned:
            return returned.value


class Renderer:
    """The project's macros in a dbt-like context over one DuckDB connection."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        dbt_vars: dict | None = None,
        *,
        which: str = "build",
        database: str = "memory",
    ) -> None:
        self.con = con
        self.project = project_dir()
        self.failures: list[EngineFailure] = []
        self.logged: list[str] = []
        self.relations: dict[str, str] = {}
        self._modules: dict[str, Any] = {}
        self.vars = dict(_project_vars(self.project))
        self.vars.update(dbt_vars or {})
        self.ctx: dict[str, Any] = {
            "execute": True,
            "var": self._var,
            "env_var": self._env_var,
            "target": _Obj(type="duckdb", name="dev", schema="main", database=database),
            "flags": _Obj(
                WHICH=which, FULL_REFRESH=False, PROJECT_DIR=str(self.project), TARGET_PATH=None
            ),
            "project_name": "unitcost",
            "run_query": self._run_query,
            "try_or_compiler_error": self._try_or_compiler_error,
            "log": self._log,
            "return": self._return,
            "tojson": _tojson,
            "fromjson": json.loads,
            "local_md5": lambda text: hashlib.md5(str(text).encode()).hexdigest(),
            "exceptions": _Obj(raise_compiler_error=_raise_compiler_error),
            "adapter": _Obj(
                dispatch=self._dispatch,
                quote=lambda name: '"' + str(name).replace('"', '""') + '"',
                get_relation=self._get_relation,
            ),
            "api": _Obj(Relation=_Obj(create=self._relation_create)),
            "graph": _Obj(nodes=_seed_nodes(self.project)),
            "ref": self._ref,
            "config": lambda *a, **k: "",
            "is_incremental": lambda: False,
            "this": None,
        }
        for path in sorted((self.project / "macros").rglob("*.sql")):
            for name, source in _macro_blocks(path):
                self.ctx[name] = _Macro(self, source, name)

    # --- dbt's context -------------------------------------------------
    def _var(self, name: str, default: Any = None) -> Any:
        if name in self.vars:
            return self.vars[name]
        return default

    @staticmethod
    def _env_var(name: str, default: str | None = None) -> str:
        if name in os.environ:
            return os.environ[name]
        if default is None:
            raise CompileError(f"env var {name} is not set")
        return default

    def _run_query(self, sql: str) -> QueryResult:
        cursor = self.con.execute(str(sql))
        names = [d[0] for d in cursor.description] if cursor.description else []
        return QueryResult(rows=cursor.fetchall() if names else [], column_names=names)

    def _try_or_compiler_error(self, message: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except duckdb.Error as exc:
            self.failures.append(EngineFailure(str(message), engine_detail(exc)))
            return None

    def _log(self, msg: Any, info: bool = False) -> str:
        self.logged.append(str(msg))
        return ""

    @staticmethod
    def _return(value: Any) -> None:
        raise _MacroReturn(value)

    def _dispatch(self, name: str, macro_namespace: str | None = None) -> _Macro:
        for candidate in (f"duckdb__{name}", f"default__{name}"):
            if candidate in self.ctx:
                return self.ctx[candidate]
        raise CompileError(f"no macro {name} for DuckDB")

    def _get_relation(self, database: Any = None, schema: Any = None, identifier: Any = None):
        found = self.con.execute(
            "select 1 from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, identifier],
        ).fetchone()
        return _Relation(database, schema, identifier) if found else None

    @staticmethod
    def _relation_create(database=None, schema=None, identifier=None, type=None) -> _Relation:  # noqa: A002
        return _Relation(database, schema, identifier)

    def _ref(self, name: str) -> str:
        # A model not materialized here renders as its bare name, as dbt would:
        # enough for a `-- depends_on:` hint; a query that really reads it fails.
        return self.relations.get(name, f'"{name}"')

    # --- rendering -----------------------------------------------------
    def _module(self, source: str) -> Any:
        if source not in self._modules:
            self._modules[source] = _template(source).make_module(vars=self.ctx)
        return self._modules[source]

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call a macro of the project by name."""
        if name not in self.ctx:
            raise CompileError(f"the project has no macro {name}")
        return self.ctx[name](*args, **kwargs)

    def override(self, name: str, value: Any) -> None:
        """Replace a macro or context member (before the first call that uses it)."""
        self.ctx[name] = value

    def render_model(self, relative: str) -> str:
        """The SQL of a model file (e.g. models/staging/focus/stg_focus__charges.sql)."""
        source = (self.project / relative).read_text()
        return _template(source).render(self.ctx)

    def seed(self, name: str) -> str:
        """Create a seed as a temporary view read from its CSV file, with the
        column_types its YAML declares (what `dbt seed` would load); its name for ref()."""
        path = self.project / "seeds" / f"{name}.csv"
        types = _seed_column_types(self.project).get(name, {})
        typed = ", ".join(f"'{c}': '{t}'" for c, t in types.items())
        quoted = str(path).replace("'", "''")
        self.con.execute(
            f"create or replace temp view \"{name}\" as select * from read_csv('{quoted}', "
            f"header = true, auto_detect = true{', types = {' + typed + '}' if typed else ''})"
        )
        self.relations[name] = f'"{name}"'
        return self.relations[name]

    def materialize(self, name: str, relative: str, kind: str = "view") -> str:
        """Render a model and create it as a temporary view or table; its name for ref()."""
        sql = self.render_model(relative)
        self.con.execute(f'create or replace temp {kind} "{name}" as {sql}')
        self.relations[name] = f'"{name}"'
        return self.relations[name]


def engine_detail(exc: BaseException) -> str:
    """The engine's own message, without the SQL it was given (first line only)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return re.sub(r"^[A-Za-z ]*Error: ", "", text)


def _tojson(value: Any, sort_keys: bool = False) -> str:
    return json.dumps(value, sort_keys=sort_keys, default=str)


def _raise_compiler_error(message: str) -> None:
    raise CompileError(str(message))


_MACRO_BLOCK = re.compile(r"\{%-?\s*macro\s+(\w+)\s*\(.*?\{%-?\s*endmacro\s*-?%\}", re.DOTALL)


def _macro_blocks(path: Path) -> list[tuple[str, str]]:
    """Each `{% macro %}` block of a file as (name, source), compiled one by one as
    dbt does (so that a macro calling another of its file goes through `return`
    handling); dbt's own tags ({% test %}, materializations) are not macros here."""
    if path not in _MACRO_FILE_CACHE:
        source = path.read_text()
        _MACRO_FILE_CACHE[path] = [(m.group(1), m.group(0)) for m in _MACRO_BLOCK.finditer(source)]
    return _MACRO_FILE_CACHE[path]


def _project_vars(project: Path) -> dict:
    """The vars of dbt_project.yml (defaults the runner's vars override)."""
    import yaml

    data = yaml.safe_load((project / "dbt_project.yml").read_text()) or {}
    return dict(data.get("vars") or {})


def _seed_column_types(project: Path) -> dict[str, dict[str, str]]:
    """column_types of each seed, from the seeds' YAML files."""
    import yaml

    found: dict[str, dict[str, str]] = {}
    for path in sorted((project / "seeds").glob("*.yml")):
        for seed in (yaml.safe_load(path.read_text()) or {}).get("seeds") or []:
            types = (seed.get("config") or {}).get("column_types") or {}
            found[seed["name"]] = {str(c): str(t) for c, t in types.items()}
    return found


def _seed_nodes(project: Path) -> dict:
    """The graph's seed nodes, as the macros that read seed files look for them."""
    nodes = {}
    for path in sorted((project / "seeds").glob("*.csv")):
        nodes[f"seed.unitcost.{path.stem}"] = _Obj(
            resource_type="seed",
            name=path.stem,
            package_name="unitcost",
            root_path=str(project),
            original_file_path=f"seeds/{path.name}",
            unique_id=f"seed.unitcost.{path.stem}",
        )
    return nodes
