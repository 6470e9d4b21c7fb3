"""The settings of the runner: `unitcost.yml`, environment variables, flags and defaults.

Every setting is declared once, in SETTINGS: its key in unitcost.yml, its flag, its
environment variable (if any), its default and its help text. The command line builds
its options from this table, `unitcost init` writes its starter file from it, and
`resolve` picks each value, first found wins:

    flag  >  environment variable  >  unitcost.yml  >  default

The file is `--config FILE`, else `$UNITCOST_CONFIG`, else `unitcost.yml` in the current
folder when there is one. Relative paths in it are relative to the file's folder. A key
the table does not know, or a value of the wrong type, stops the command (exit code 2)
with a message naming the file and the key.
"""

from __future__ import annotations

import difflib
import os
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from unitcost.project import UnitcostError, project_dir

CONFIG_FILE = "unitcost.yml"
CONFIG_ENV = "UNITCOST_CONFIG"
BASES = ("effective", "billed", "list", "contracted")
EXPORT_GROUPINGS = ("directory", "file")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


class ConfigError(UnitcostError):
    """A bad unitcost.yml or setting: exit code 2, the message names the file and key."""


@dataclass(frozen=True)
class Setting:
    """One setting: its key in unitcost.yml, how it is given elsewhere, its default."""

    key: str
    kind: str  # paths, path, strings, currency, choice, size
    help: str
    flag: str
    default: object = None
    env: str | None = None
    choices: tuple[str, ...] = ()
    example: object = None  # what the starter file shows, commented, when there is no default
    starter: object = None  # what the starter file sets when there is no default
    default_text: str | None = None  # the default in words, when it is not a value

    @property
    def dest(self) -> str:
        """The argparse destination of the flag."""
        return self.flag.lstrip("-").replace("-", "_")

    @property
    def repeatable(self) -> bool:
        return self.kind in ("paths", "strings")

    def describe_default(self) -> str:
        if self.default_text:
            return self.default_text
        if self.repeatable and not self.default:
            return "none"
        return str(self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "focus",
        "paths",
        "FOCUS exports: files, folders (searched recursively) or globs; CSV, CSV.GZ or Parquet",
        "--focus",
        default=(),
        example=["exports/"],
    ),
    Setting(
        "values",
        "paths",
        "business value data (long form: date, scope, metric, value, unit, source): "
        "files, folders or globs; CSV or Parquet",
        "--values",
        default=(),
        example=["metrics/"],
    ),
    Setting(
        "commitments",
        "paths",
        "FOCUS 1.3 Contract Commitment datasets: files, folders or globs; CSV or Parquet "
        "(fct_contract_commitments)",
        "--commitments",
        default=(),
        example=["exports/contract_commitments/"],
    ),
    Setting(
        "recency",
        "paths",
        "FOCUS 1.3 Recency metadata: JSON files or folders (which periods are complete; "
        "is_final in the KPI marts)",
        "--recency",
        default=(),
        example=["exports/metadata/recency/"],
    ),
    Setting(
        "database",
        "path",
        "the DuckDB file to build and read",
        "--db",
        env="UNITCOST_DB",
        default_text="unitcost.duckdb in the project folder",
        starter="unitcost.duckdb",
    ),
    Setting(
        "currency",
        "currency",
        "reporting currency (ISO 4217); rates come from seeds/fx_rates.csv",
        "--currency",
        default="USD",
    ),
    Setting(
        "basis",
        "choice",
        "cost basis of `unitcost kpis` and `unitcost report`",
        "--basis",
        default="effective",
        choices=BASES,
    ),
    Setting(
        "memory_limit",
        "size",
        "DuckDB's memory limit during a build (DuckDB spills to disk beyond it)",
        "--memory-limit",
        env="UNITCOST_MEMORY_LIMIT",
        default_text="as profiles.yml sets it: 8GB",
        example="8GB",
    ),
    Setting(
        "timestamp_formats",
        "strings",
        "extra strptime formats accepted for FOCUS dates, e.g. %m/%d/%y (never guessed)",
        "--timestamp-format",
        default=(),
        example=["%m/%d/%y"],
    ),
    Setting(
        "export_grouping",
        "choice",
        "what counts as one export of a billing period: a folder of files, or each file",
        "--export-grouping",
        default="directory",
        choices=EXPORT_GROUPINGS,
    ),
)
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
DEFAULTS: dict[str, object] = {s.key: s.default for s in SETTINGS}


@dataclass
class Settings:
    """The values in force and where each came from (a flag, a variable, the file, default)."""

    chosen: dict[str, object]  # by key; read them as attributes: settings.currency
    sources: dict[str, str]
    file: Path | None

    def __getattr__(self, key: str) -> object:
        try:
            return self.__dict__["chosen"][key]
        except KeyError:
            raise AttributeError(key) from None

    @property
    def db(self) -> Path:
        """The database file, absolute (default: unitcost.duckdb in the project)."""
        database = self.chosen["database"]
        return Path(database) if database else project_dir() / "unitcost.duckdb"


# ---------------------------------------------------------------- validation


def _type_name(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "empty"}.get(
        type(value), f"{value!r}"
    )


def _strings(value: object, what: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) and v.strip() for v in items):
        raise ValueError(f"must be {what} or a list of them, not {_type_name(value)}")
    return [v.strip() for v in items]


def _memory_size(value: str) -> str:
    """The value when DuckDB accepts it as a memory limit (it is the judge: 8GB, 4GiB, 50%)."""
    import duckdb

    try:
        duckdb.connect(":memory:", config={"memory_limit": value}).close()
    except duckdb.Error:
        raise ValueError(f"must be a size such as 4GB or 512MB, not {value!r}") from None
    return value


def _check(setting: Setting, value: object) -> object:
    """The value, normalised; ValueError saying what is expected."""
    kind = setting.kind
    if kind == "paths":
        return _strings(value, "a path (file, folder or glob)")
    if kind == "strings":
        return _strings(value, "a string")
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a string, not {_type_name(value)}")
    value = value.strip()
    if kind == "currency":
        if not _CURRENCY.match(value):
            raise ValueError(f"must be a three-letter ISO 4217 code such as USD, not {value!r}")
        return value.upper()
    if kind == "choice" and value not in setting.choices:
        raise ValueError(f"must be one of {', '.join(setting.choices)}, not {value!r}")
    if kind == "size":
        return _memory_size(value)
    return value


def absolute_path(path: str, base: Path) -> str:
    """A path made absolute against `base`, normalised (globs kept as written)."""
    expanded = Path(path).expanduser()
    return os.path.normpath(expanded if expanded.is_absolute() else base / expanded)


def _resolve_paths(setting: Setting, value: object, base: Path) -> object:
    if setting.kind == "paths":
        return [absolute_path(p, base) for p in value]  # type: ignore[union-attr]
    if setting.kind == "path":
        return str(Path(absolute_path(str(value), base)).resolve())
    return value


# ---------------------------------------------------------------- the file


def find_config(explicit: str | None, environ: Mapping[str, str] = os.environ) -> Path | None:
    """The config file: --config, else $UNITCOST_CONFIG, else ./unitcost.yml if it exists."""
    for chosen, origin in ((explicit, "--config"), (environ.get(CONFIG_ENV), f"${CONFIG_ENV}")):
        if chosen:
            path = Path(chosen).expanduser().resolve()
            if not path.is_file():
                raise ConfigError(f"{origin} {chosen}: no such file")
            return path
    default = Path.cwd() / CONFIG_FILE
    return default if default.is_file() else None


def load_config(path: Path) -> dict[str, object]:
    """The settings of a unitcost.yml, checked and with paths made absolute."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: not valid YAML: {exc.problem}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping of settings (key: value), not a list or text")
    loaded: dict[str, object] = {}
    for key, value in data.items():
        setting = BY_KEY.get(str(key))
        if setting is None:
            close = difflib.get_close_matches(str(key), BY_KEY, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(
                f"{path}: unknown key '{key}'{hint}; the keys are {', '.join(BY_KEY)}"
            )
        if value is None:  # `key:` with nothing after it: as if absent
            continue
        try:
            checked = _check(setting, value)
        except ValueError as exc:
            raise ConfigError(f"{path}: '{key}' {exc}") from None
        loaded[setting.key] = _resolve_paths(setting, checked, path.parent)
    return loaded


# ---------------------------------------------------------------- resolution


def resolve(
    flags: Mapping[str, object] | None = None,
    config: str | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Settings:
    """The settings in force: flag > environment variable > unitcost.yml > default.

    `flags` maps setting keys to what the command line gave (None or [] when not given).
    """
    flags = flags or {}
    path = find_config(config, environ)
    from_file = load_config(path) if path else {}
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    for setting in SETTINGS:
        given = flags.get(setting.key)
        env_value = environ.get(setting.env, "").strip() if setting.env else ""
        if given not in (None, [], ()):
            origin = setting.flag
            value = _resolve_paths(setting, check_flag(setting, given), Path.cwd())
        elif env_value:
            origin = f"${setting.env}"
            try:
                value = _resolve_paths(setting, _check(setting, env_value), Path.cwd())
            except ValueError as exc:
                raise ConfigError(f"${setting.env}: {exc}") from None
        elif setting.key in from_file:
            origin, value = str(path), from_file[setting.key]
        else:
            origin = "default"
            value = list(setting.default) if setting.repeatable else setting.default
        values[setting.key], sources[setting.key] = value, origin
    return Settings(values, sources, path)


def check_flag(setting: Setting, given: object) -> object:
    """A value given on the command line, checked as the file's would be."""
    try:
        return _check(setting, list(given) if setting.repeatable else given)  # type: ignore[call-overload]
    except ValueError as exc:
        raise ConfigError(f"{setting.flag}: {exc}") from None


def given_flags(args: object) -> dict[str, object]:
    """The settings given as flags in parsed command-line arguments, by key."""
    flags = {s.key: getattr(args, s.dest, None) for s in SETTINGS}
    return {k: v for k, v in flags.items() if v is not None}


def from_args(args: object) -> Settings:
    """The settings for parsed command-line arguments (the flags the command has)."""
    return resolve(given_flags(args), getattr(args, "config", None))


def add_flags(parser: object, keys: tuple[str, ...]) -> None:
    """Add the flags of these settings to an argparse parser (defaults left to `resolve`)."""
    for key in keys:
        setting = BY_KEY[key]
        extra = f"; ${setting.env}" if setting.env else ""
        help_text = (
            f"{setting.help} (default: {setting.describe_default()}{extra}; "
            f"{CONFIG_FILE}: {setting.key})"
        ).replace("%", "%%")
        options: dict = {"help": help_text, "default": None}
        if setting.repeatable:
            options.update(action="append", metavar="PATH" if setting.kind == "paths" else "FMT")
            options["help"] = help_text.replace(" (default", " (repeatable; default", 1)
        elif setting.choices:
            options["choices"] = list(setting.choices)
        elif setting.kind in ("path", "size", "currency"):
            options["metavar"] = {"path": "FILE", "size": "SIZE", "currency": "CODE"}[setting.kind]
        parser.add_argument(setting.flag, **options)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- unitcost init


def starter_text(given: Mapping[str, object] | None = None) -> str:
    """A commented unitcost.yml: every setting with its help; given values filled in."""
    import yaml

    given = {k: v for k, v in (given or {}).items() if v not in (None, [], ())}
    lines = [
        "# unitcost configuration, read by every unitcost command (and the Dagster",
        "# definitions, unitcost.orchestration) run in this folder; elsewhere pass",
        f"# --config FILE or set ${CONFIG_ENV}. Relative paths are relative to this",
        "# file's folder. What wins: a command-line flag, then an environment",
        "# variable, then this file, then the default. Unknown keys are errors.",
    ]
    for setting in SETTINGS:
        extra = f"; environment variable {setting.env}" if setting.env else ""
        about = f"{setting.help[0].upper()}{setting.help[1:]}. Default: "
        about += f"{setting.describe_default()}{extra}; flag {setting.flag}."
        if setting.choices:
            about += f" One of: {', '.join(setting.choices)}."
        lines.append("")
        lines += textwrap.wrap(about, 86, initial_indent="# ", subsequent_indent="# ")
        prefix = ""
        if setting.key in given:
            value = given[setting.key]
        elif setting.default not in (None, ()):
            value = setting.default
        elif setting.starter is not None:
            value = setting.starter
        else:
            value, prefix = setting.example, "# "
        if setting.repeatable:
            value = list(value)  # type: ignore[call-overload]
        dumped = yaml.safe_dump({setting.key: value}, default_flow_style=False, sort_keys=False)
        lines += [prefix + line for line in dumped.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


def write_starter(path: Path, given: Mapping[str, object], force: bool) -> Path:
    """Write the starter file; refuse to overwrite an existing one unless `force`."""
    if path.exists() and not force:
        raise ConfigError(f"{path} exists already; pass --force to overwrite it")
    base = path.parent.resolve()
    relative = {}
    for key, value in given.items():
        setting = BY_KEY[key]
        if setting.kind == "paths" and value:
            value = [os.path.relpath(absolute_path(p, Path.cwd()), base) for p in value]
        elif setting.kind == "path" and value:
            value = os.path.relpath(absolute_path(str(value), Path.cwd()), base)
        relative[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(starter_text(relative), encoding="utf-8")
    return path
