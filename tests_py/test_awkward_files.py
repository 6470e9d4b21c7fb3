"""Awkward FOCUS files: every malformed, oddly encoded or ambiguous file is read or refused
in plain words (issue 13).

A property-based test starts from valid FOCUS files (the FinOps Foundation's multi-provider
sample and small `unitcost demo` output), applies random corruptions (truncation, a column
dropped or named twice, short and long lines, another delimiter, another encoding, gzip,
Parquet, garbled numbers and dates, blanked mandatory values, enumerations in another case)
and runs `unitcost validate` on each, in process: the file checks and the typing SQL without
dbt (unitcost.checks), so hundreds of cases fit in a minute. For every case, the output is
plain (no traceback, no SQL, no DuckDB advice about its options) and either the file is
refused by name, or its rows staged plus rejected equal the rows in the file and their
BilledCost equals the file's. What the file holds is worked out here independently, with
Python's csv, gzip and pyarrow modules, never from unitcost's output.

UNITCOST_FUZZ_EXAMPLES sets the number of cases (default 160, the same every run),
UNITCOST_FUZZ_RANDOM=1 draws new ones, UNITCOST_FUZZ_LOG=FILE writes one line per case (its
story, what Python found in the file, what validate said).

Then one example test for each case named in the issue.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import itertools
import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES, UNITCOST, focus_row, write_csv
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from unitcost import checks, cli

SAMPLE = SAMPLES / "multi-provider_aws-azure-oci" / "focus_sample.csv"
EXAMPLES = int(os.environ.get("UNITCOST_FUZZ_EXAMPLES", "160"))

# Engine text a user cannot act on: generated SQL, DuckDB's pointers into it, its advice
# about its own reader options, Python tracebacks.
RAW = re.compile(
    r"Traceback|LINE \d+:|Possible (fix|Solution)|strict_mode|ignore_errors|max_line_size|"
    r"null_padding|store_rejects|all_varchar|auto_detect|read_csv|read_parquet|"
    r"\bselect\b.*\bfrom\b|Binder Error|Catalog Error|Parser Error",
    re.IGNORECASE,
)
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

DECIMAL_COLUMNS = ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity"]
DATE_COLUMNS = ["ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd"]
MANDATORY = ["BilledCost", "BillingAccountId", "BillingCurrency", "ChargeCategory"]
ENUMS = ["ChargeCategory", "ChargeClass", "ChargeFrequency", "ServiceCategory"]
TEXT = ["ChargeDescription", "ResourceName", "ServiceName"]
GARBLED_NUMBERS = ["12,50", "$3.00", "n/a", "1.2.3", "NaN", "--1", "1 000"]
GARBLED_DATES = ["2024-13-01", "31/12/2024", "yesterday", "2024-02-30T00:00:00Z", "20240101"]


# --- valid starting points ----------------------------------------------------------------


@dataclass
class Table:
    """A FOCUS table as text: header and rows (what a CSV writer writes)."""

    name: str
    header: list[str]
    rows: list[list[str]]


def _csv_table(path: Path, name: str) -> Table:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return Table(name, rows[0], rows[1:])


def _parquet_table(path: Path, name: str) -> Table:
    table = pq.read_table(path)
    columns = []
    for column in table.columns:
        values = column.to_pylist()
        if pa.types.is_timestamp(column.type):
            texts = [v.strftime("%Y-%m-%dT%H:%M:%SZ") if v else "" for v in values]
        else:
            texts = ["" if v is None else str(v) for v in values]
        columns.append(texts)
    return Table(name, table.column_names, [list(r) for r in zip(*columns, strict=True)])


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The valid files every case starts from: the multi-provider sample (CSV) and three
    Parquet files of a small demo (also as text tables)."""
    from unitcost import demo

    out = tmp_path_factory.mktemp("demo")
    demo.generate(out, rows=demo.MIN_ROWS, seed=13)
    parquet = sorted((out / "focus").rglob("*.parquet"))
    picked = [parquet[0], parquet[len(parquet) // 2], parquet[-1]]
    tables = {"sample": _csv_table(SAMPLE, "sample")}
    for i, path in enumerate(picked):
        tables[f"demo{i}"] = _parquet_table(path, f"demo{i}")
    return Bases({"tables": tables, "parquet": picked})


class Bases(dict):
    def __repr__(self) -> str:  # hypothesis prints the test's arguments
        return f"Bases({sorted(self['tables'])})"


# --- corruptions --------------------------------------------------------------------------


@dataclass
class Case:
    """One generated file: how it was made, and what it must lead to."""

    table: Table
    steps: list[str] = field(default_factory=list)
    must_refuse: bool = False
    must_accept: bool = True  # no corruption that may make the file unreadable (yet)


def _col(table: Table, name: str) -> int | None:
    lowered = [h.lower() for h in table.header]
    return lowered.index(name.lower()) if name.lower() in lowered else None


@st.composite
def cases(draw, tables: dict) -> Case:
    base = tables[draw(st.sampled_from(sorted(tables)))]
    n = draw(st.integers(1, min(25, len(base.rows))))
    start = draw(st.integers(0, len(base.rows) - n))
    table = Table(base.name, list(base.header), [list(r) for r in base.rows[start : start + n]])
    case = Case(table, [f"{base.name} rows {start + 1}..{start + n}"])
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(
            st.sampled_from(
                [
                    "garble_number",
                    "garble_date",
                    "blank_mandatory",
                    "flip_enum",
                    "non_ascii",
                    "drop_column",
                    "duplicate_column",
                    "rename_in_other_case",
                    "short_line",
                    "long_line",
                ]
            )
        )
        row = draw(st.integers(0, len(table.rows) - 1))
        if kind == "garble_number":
            col = _col(table, draw(st.sampled_from(DECIMAL_COLUMNS)))
            if col is not None and col < len(table.rows[row]):
                table.rows[row][col] = draw(st.sampled_from(GARBLED_NUMBERS))
        elif kind == "garble_date":
            col = _col(table, draw(st.sampled_from(DATE_COLUMNS)))
            if col is not None and col < len(table.rows[row]):
                table.rows[row][col] = draw(st.sampled_from(GARBLED_DATES))
        elif kind == "blank_mandatory":
            col = _col(table, draw(st.sampled_from(MANDATORY)))
            if col is not None and col < len(table.rows[row]):
                table.rows[row][col] = draw(st.sampled_from(["", "NULL", "  "]))
        elif kind == "flip_enum":
            col = _col(table, draw(st.sampled_from(ENUMS)))
            if col is not None and col < len(table.rows[row]):
                flip = draw(st.sampled_from([str.lower, str.upper, str.swapcase]))
                table.rows[row][col] = flip(table.rows[row][col])
        elif kind == "non_ascii":
            col = _col(table, draw(st.sampled_from(TEXT)))
            if col is not None and col < len(table.rows[row]):
                table.rows[row][col] = draw(st.sampled_from(["Zürich ☁", "Ω façade", "東京"]))
        elif kind == "drop_column":
            col = draw(st.integers(0, len(table.header) - 1))
            del table.header[col]
            for r in table.rows:
                if col < len(r):
                    del r[col]
            case.must_accept = False  # a mandatory column may be gone
        elif kind in ("duplicate_column", "rename_in_other_case"):
            col = draw(st.integers(0, len(table.header) - 1))
            name = draw(st.sampled_from([str.lower, str.upper, str]))(table.header[col])
            if kind == "duplicate_column":
                table.header.append(name)
                for r in table.rows:
                    r.append(r[col] if col < len(r) else "")
            else:
                other = draw(st.integers(0, len(table.header) - 1))
                if other == col:
                    continue
                table.header[other] = name
            case.must_refuse, case.must_accept = True, False
        elif kind == "short_line":
            keep = draw(st.integers(1, max(1, len(table.header) - 1)))
            table.rows[row] = table.rows[row][:keep]
            case.must_refuse, case.must_accept = True, False
        elif kind == "long_line":
            extra = draw(st.integers(1, 3))
            table.rows[row] = table.rows[row] + ["extra"] * extra
            case.must_refuse, case.must_accept = True, False
        case.steps.append(f"{kind} (row {row + 1})")
    return case


def _native_parquet(draw, parquet: list[Path], folder: Path, number: int) -> tuple[Case, Written]:
    """A demo Parquet file as `unitcost demo` typed it (decimals, timestamps with a zone),
    perhaps with a column dropped, named twice in another case or cast to text, or cut."""
    source = draw(st.sampled_from(parquet))
    table = pq.read_table(source)
    n = draw(st.integers(1, table.num_rows))
    table = table.slice(0, n)
    case = Case(Table(source.name, table.column_names, []), [f"native {source.name} rows 1..{n}"])
    kind = draw(st.sampled_from(["as is", "drop_column", "duplicate_in_other_case", "as_text"]))
    col = draw(st.integers(0, table.num_columns - 1))
    if kind == "drop_column":
        table = table.remove_column(col)
        case.must_accept = False
    elif kind == "duplicate_in_other_case":
        table = table.append_column(table.column_names[col].lower(), table.column(col))
        case.must_refuse, case.must_accept = True, False
    elif kind == "as_text":
        name = draw(st.sampled_from(["BilledCost", "EffectiveCost", "ChargePeriodStart"]))
        i = table.column_names.index(name)
        table = table.set_column(i, name, table.column(i).cast(pa.string()))
    case.steps.append(f"{kind} (column {col + 1})")
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    written = Written(folder / f"case{number}.parquet", buffer.getvalue(), "parquet")
    return case, written


@dataclass
class Written:
    path: Path
    data: bytes
    fmt: str  # 'csv' or 'parquet'
    delimiter: str = ","
    encoding: str = "utf-8"


def _write(case: Case, draw, folder: Path, number: int) -> Written:
    """The case's table as a file: CSV (a delimiter, an encoding, gzip or not) or Parquet
    (text columns), then perhaps cut short."""
    table = case.table
    rectangular = all(len(r) == len(table.header) for r in table.rows)
    fmt = draw(st.sampled_from(["csv", "csv", "csv.gz", "parquet"] if rectangular else ["csv"]))
    if fmt == "parquet":
        names = table.header
        columns = [pa.array([r[i] for r in table.rows], pa.string()) for i in range(len(names))]
        buffer = io.BytesIO()
        # pyarrow keeps a name given twice, as a Parquet writer of a provider could.
        pq.write_table(pa.Table.from_arrays(columns, names=names), buffer)
        written = Written(folder / f"case{number}.parquet", buffer.getvalue(), "parquet")
        case.steps.append("parquet, text columns")
    else:
        delimiter = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be"]))
        ending = draw(st.sampled_from(["\n", "\r\n"]))
        text = io.StringIO()
        writer = csv.writer(text, delimiter=delimiter, lineterminator=ending)
        writer.writerow(table.header)
        writer.writerows(table.rows)
        data = text.getvalue().encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
            case.must_refuse, case.must_accept = True, False
        if fmt == "csv.gz":
            data = gzip.compress(data, mtime=0)
        written = Written(folder / f"case{number}.{fmt}", data, "csv", delimiter, encoding)
        case.steps.append(f"{fmt}, {encoding}, delimiter {delimiter!r}, ending {ending!r}")
    _truncate(case, written, draw)
    return written


def _truncate(case: Case, written: Written, draw) -> None:
    """Perhaps cut the file short (a download that stopped), then write it."""
    if draw(st.integers(0, 7)) == 0:
        size = len(written.data)
        cut = draw(st.integers(1, size - 1))
        written.data = written.data[:cut]
        case.must_accept = False
        case.steps.append(f"truncated to {cut} of {size} bytes")
    written.path.write_bytes(written.data)


# --- what the file holds, worked out independently ----------------------------------------


@dataclass
class Expected:
    readable: bool
    reason: str = ""
    rows: int = 0
    billed: Decimal = Decimal(0)


def _billed(values: list) -> Decimal:
    total = Decimal(0)
    for value in values:
        if isinstance(value, Decimal):
            total += value
        elif isinstance(value, str) and NUMBER.match(value.strip()):
            total += Decimal(value.strip())
    return total


def expected(written: Written) -> Expected:
    """Rows and BilledCost of the file, read with Python's own modules; not readable when
    they cannot read it, its lines do not fit the header or it names a column twice."""
    data = written.data
    if written.fmt == "parquet":
        try:
            table = pq.read_table(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds
            return Expected(False, f"pyarrow: {exc}")
        header = table.column_names
        rows = table.num_rows
        column = _col(Table("", header, []), "BilledCost")
        if len({h.strip().lower() for h in header}) < len(header):
            return Expected(False, "a column named twice")
        billed = _billed(table.column(column).to_pylist()) if column is not None else Decimal(0)
        return Expected(True, rows=rows, billed=billed)
    if written.path.name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except Exception as exc:  # noqa: BLE001 - EOFError, BadGzipFile, zlib.error
            return Expected(False, f"gzip: {exc}")
    if data.startswith(b"\xff\xfe"):
        encoding = "utf-16"
    elif data.startswith(b"\xfe\xff"):
        return Expected(False, "UTF-16 big-endian")
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        return Expected(False, f"encoding: {exc}")
    try:
        lines = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=written.delimiter, strict=True)
        )
    except csv.Error as exc:
        return Expected(False, f"csv: {exc}")
    if not lines:
        return Expected(False, "empty")
    header, rows = lines[0], [r for r in lines[1:] if r]
    if any(len(r) != len(header) for r in rows):
        return Expected(False, "a line that does not fit the header")
    if len({h.strip().lower() for h in header}) < len(header):
        return Expected(False, "a column named twice")
    column = _col(Table("", header, []), "BilledCost")
    billed = _billed([r[column] for r in rows]) if column is not None else Decimal(0)
    return Expected(True, rows=len(rows), billed=billed)


# --- running unitcost validate in process -------------------------------------------------


@dataclass
class Outcome:
    code: int
    output: str
    rows: int | None = None
    billed: Decimal | None = None


def run_validate(path: Path) -> Outcome:
    """`unitcost validate PATH` in this process (cli.main, as the command runs it), keeping
    its in-memory database open to count what it staged and rejected."""
    kept: list[checks.Checked] = []
    real = checks.check_files

    def keep(*args, **kwargs):
        checked = real(*args, **kwargs)
        kept.append(checked)
        return checked

    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(checks, "check_files", keep),
        mock.patch.object(checks.Checked, "close", lambda self: None),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = cli.main(["validate", str(path)])
    outcome = Outcome(code, out.getvalue() + err.getvalue())
    for checked in kept:
        con = checked.renderer.con
        try:
            if checked.loadable:
                staged = con.execute(
                    "select count(*) filter (row_reject_rule is null), "
                    "count(*) filter (row_reject_rule is not null), "
                    "coalesce(sum(billed_cost) filter (row_reject_rule is null), 0), "
                    "coalesce(sum(billed_cost) filter (row_reject_rule is not null), 0) "
                    "from stg_focus__charges"
                ).fetchone()
                outcome.rows = staged[0] + staged[1]
                outcome.billed = Decimal(staged[2]) + Decimal(staged[3])
        finally:
            con.close()
    return outcome


def assert_plain(outcome: Outcome, path: Path) -> None:
    raw = RAW.search(outcome.output)
    assert raw is None, f"raw engine text {raw.group(0)!r} in:\n{outcome.output}"
    assert outcome.code in (0, 1), outcome.output
    for line in outcome.output.splitlines():
        if line.startswith("ERROR "):
            assert line.startswith(f"ERROR {path}"), line


_numbers = itertools.count()


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cases")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("UNITCOST_FUZZ_RANDOM") is None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # No shrinking: a case takes a good part of a second; the failure message tells the
    # story of the case (its base file and each corruption) instead.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(data=st.data())
def test_every_awkward_file_is_read_or_refused_in_plain_words(bases, case_dir, data) -> None:
    if data.draw(st.integers(0, 4)) == 0:
        case, written = _native_parquet(data.draw, bases["parquet"], case_dir, next(_numbers))
        _truncate(case, written, data.draw)
    else:
        case = data.draw(cases(bases["tables"]))
        written = _write(case, data.draw, case_dir, next(_numbers))
    story = "; ".join(case.steps)
    truth = expected(written)
    outcome = run_validate(written.path)
    assert_plain(outcome, written.path)
    refused = f"ERROR {written.path}" in outcome.output
    event("refused" if refused else "read")
    if os.environ.get("UNITCOST_FUZZ_LOG"):
        with open(os.environ["UNITCOST_FUZZ_LOG"], "a") as log:
            print(
                story,
                "|",
                truth.readable,
                truth.reason,
                "|",
                outcome.code,
                _error_line(outcome)[:300] if refused else outcome.rows,
                file=log,
            )
    if refused:
        assert outcome.code == 1, story
        first = next(line for line in outcome.output.splitlines() if line.startswith("ERROR"))
        event("refused: " + _why(first))
        assert not case.must_accept or not truth.readable, f"{story}\n{outcome.output}"
    else:
        assert not case.must_refuse, f"{story}: accepted\n{outcome.output}"
        assert truth.readable, f"{story}: accepted, but {truth.reason}\n{outcome.output}"
        assert outcome.rows == truth.rows, f"{story}\n{outcome.output}"
        assert abs(outcome.billed - truth.billed) <= Decimal("1e-9") * max(1, truth.rows), (
            f"{story}: BilledCost {outcome.billed} staged + rejected, {truth.billed} in the file"
        )
        assert outcome.code == 0, outcome.output


def _why(line: str) -> str:
    for words, label in [
        ("decompressed", "gzip"),
        ("twice", "duplicate column"),
        ("Parquet file", "parquet"),
        ("encoded as", "encoding"),
        ("not UTF-8", "encoding"),
        ("fields where", "field count"),
        ("double quote", "quotes"),
        ("do not split", "layout"),
        ("missing mandatory", "missing mandatory column"),
        ("not a FOCUS export", "not FOCUS"),
        ("empty", "empty"),
    ]:
        if words in line:
            return label
    return line[:80]


# --- one example for each case named in the issue ------------------------------------------


def _sample_rows(n: int = 5) -> tuple[list[str], list[list[str]]]:
    table = _csv_table(SAMPLE, "sample")
    return table.header, table.rows[:n]


def _write_rows(path: Path, header, rows, *, delimiter=",", encoding="utf-8") -> Path:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def _error_line(outcome: Outcome) -> str:
    return next(line for line in outcome.output.splitlines() if line.startswith("ERROR"))


def test_a_short_line_refuses_the_file_naming_the_line(tmp_path: Path) -> None:
    header, rows = _sample_rows()
    rows[2] = rows[2][:20]
    path = _write_rows(tmp_path / "short.csv", header, rows)
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert outcome.code == 1
    line = _error_line(outcome)
    assert f"line 4 has 20 fields where the header has {len(header)}" in line
    assert "No row of this file is loaded" in line


def test_a_long_line_is_refused_too(tmp_path: Path) -> None:
    header, rows = _sample_rows()
    rows[0] = rows[0] + ["x", "y"]
    path = _write_rows(tmp_path / "long.csv", header, rows)
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert f"line 2 has {len(header) + 2} fields" in _error_line(outcome)


def test_a_truncated_gzip_is_refused(tmp_path: Path) -> None:
    data = gzip.compress(SAMPLE.read_bytes())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert outcome.code == 1
    assert "cannot be decompressed" in _error_line(outcome)
    assert "gzip -t" in _error_line(outcome)
    # DuckDB's words follow as detail, under the plain line.
    assert "(DuckDB: " in outcome.output


def test_a_damaged_parquet_footer_is_refused(bases, tmp_path: Path) -> None:
    data = bases["parquet"][0].read_bytes()
    path = tmp_path / "cut.parquet"
    path.write_bytes(data[:-100])
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert "not a readable Parquet file: its footer is missing or damaged" in _error_line(outcome)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_utf8_with_a_bom_and_utf16_are_read(tmp_path: Path, encoding: str) -> None:
    header, rows = _sample_rows()
    rows[0][header.index("ChargeDescription")] = "Zürich façade ☁"
    path = _write_rows(tmp_path / f"{encoding}.csv", header, rows, encoding=encoding)
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert outcome.code == 0, outcome.output
    assert outcome.rows == 5
    assert outcome.billed == sum(Decimal(r[header.index("BilledCost")]) for r in rows)


@pytest.mark.parametrize(
    ("encoding", "words"),
    [
        ("utf-16-be", "the file is encoded as UTF-16 big-endian or UTF-32"),
        ("utf-32", "the file is encoded as UTF-32"),
        ("cp1252", "the file is not UTF-8 text (if it was saved as Windows-1252 or Latin-1"),
    ],
)
def test_other_encodings_are_refused_by_name(tmp_path: Path, encoding: str, words: str) -> None:
    header, rows = _sample_rows()
    rows[1][header.index("ChargeDescription")] = "Zürich façade"
    path = _write_rows(tmp_path / f"{encoding}.csv", header, rows, encoding=encoding)
    if encoding == "utf-16-be":
        path.write_bytes(b"\xfe\xff" + path.read_bytes())
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert outcome.code == 1
    assert words in _error_line(outcome)


@pytest.mark.parametrize("second", ["BilledCost", "billedcost"])
def test_a_column_named_twice_is_refused(tmp_path: Path, second: str) -> None:
    header, rows = _sample_rows()
    header = [*header, second]
    rows = [[*r, "999.00"] for r in rows]
    path = _write_rows(tmp_path / "twice.csv", header, rows)
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert outcome.code == 1
    position = header.index("BilledCost") + 1
    assert (
        f"the header names a column twice: 'BilledCost' (column {position}) and '{second}' "
        f"(column {len(header)})" in _error_line(outcome)
    )


def test_a_parquet_column_named_twice_in_two_cases_is_refused(tmp_path: Path) -> None:
    row = focus_row()
    names = [*row, "billedcost"]
    arrays = [pa.array([v]) for v in row.values()] + [pa.array(["5.00"])]
    path = tmp_path / "twice.parquet"
    pq.write_table(pa.Table.from_arrays(arrays, names=names), path)
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert "its Parquet schema names a column twice: 'BilledCost'" in _error_line(outcome)


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_other_delimiters_load(tmp_path: Path, delimiter: str) -> None:
    header, rows = _sample_rows(20)
    path = _write_rows(tmp_path / "other.csv", header, rows, delimiter=delimiter)
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert outcome.code == 0, outcome.output
    assert outcome.rows == 20
    assert outcome.billed == sum(Decimal(r[header.index("BilledCost")]) for r in rows)


def test_parquet_with_costs_as_text_loads(tmp_path: Path) -> None:
    rows = [focus_row(BilledCost="1.25"), focus_row(BilledCost="2.50")]
    arrays = [pa.array([r[c] for r in rows], pa.string()) for c in rows[0]]
    path = tmp_path / "text.parquet"
    pq.write_table(pa.Table.from_arrays(arrays, names=list(rows[0])), path)
    outcome = run_validate(path)
    assert_plain(outcome, path)
    assert outcome.code == 0, outcome.output
    assert (outcome.rows, outcome.billed) == (2, Decimal("3.75"))


# --- unitcost build refuses before dbt starts -------------------------------------------


def _build(*args: str, db: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    proc = subprocess.run(
        [*UNITCOST, "build", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
    )
    return proc, time.monotonic() - started


def test_build_refuses_bad_input_within_seconds_before_dbt(tmp_path: Path) -> None:
    other = tmp_path / "invoice.csv"
    other.write_text("customer,amount\nacme,10\n")
    row = focus_row()
    del row["BillingCurrency"]
    lacking = write_csv(tmp_path / "lacking.csv", [row])
    db = tmp_path / "never.duckdb"
    for focus, words in [
        (tmp_path / "nowhere", "nowhere: no FOCUS file found"),
        (other, f"{other}: not a FOCUS export"),
        (lacking, f"{lacking} (FOCUS 1.0): missing mandatory column BillingCurrency: export it"),
    ]:
        proc, seconds = _build("--focus", str(focus), db=db)
        assert proc.returncode == 1, proc.stderr
        assert words in proc.stderr
        assert "nothing was built" in proc.stderr
        assert "Traceback" not in proc.stdout + proc.stderr
        # No dbt: its start-up alone takes longer than this budget.
        assert seconds < 3 * _slowdown(), f"{focus.name}: {seconds:.1f} s"
        assert not db.exists()


def _slowdown() -> float:
    """Allowance for a loaded machine (several test workers): the one-minute load average
    per core, at least 1."""
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))
