{#- What one data file (CSV, gzip CSV or Parquet; FOCUS or value data) holds,
    found before any model reads it, and why it cannot be read, in plain
    words. Returns a dict:
      columns  the columns as DuckDB names them, in file order
      types    DuckDB's type of each column (VARCHAR for every CSV column)
      csv      how a CSV file is read, {'delim': ..., 'encoding': ...}
               (none for Parquet); unitcost_read_focus_file_relation uses it
      problem  none, or what is wrong with the file and what to do about it
    Checked in this order, each check only on a file that passed the ones
    before:
      1. the file can be opened and decompressed (gzip), or its Parquet
         footer read;
      2. CSV: the encoding: UTF-8 with or without a byte order mark and
         UTF-16 little-endian (what spreadsheet tools save as "Unicode
         text") are read; UTF-16 big-endian, UTF-32 and 8-bit encodings
         (Windows-1252, Latin-1) are refused by name (steps 1-2 below);
      3. CSV: the delimiter, from the header line: whichever of , ; tab |
         it has most of (never guessed from the data lines, which a short or
         long line would mislead); quoting is RFC 4180 (double quotes,
         doubled to escape);
      4. a column name twice, also when the two differ only in case (columns
         match FOCUS names case-insensitively, so which one counted would
         depend on their order);
      5. CSV: every line read in full: a line with more or fewer fields than
         the header, an unclosed quote, text that is not UTF-8. Such a file
         is refused whole, naming the first lines (docs/decisions.md:
         a file whose lines do not fit its header cannot prove what it
         holds, so no row of it is staged). Without `scan_lines` (the
         models, after the preflight read every line) this step is skipped.
    A query the engine cannot run at all (a truncated gzip stream, a
    damaged Parquet footer) goes through try_or_compiler_error: plain dbt
    stops there with the file's message; the runner (unitcost/render.py)
    records it and goes on with the next file. DuckDB only (callers
    dispatch). -#}
{% macro unitcost_inspect_data_file(path, file_format, size=none, scan_lines=true) %}
    {%- set info = {'columns': [], 'types': {}, 'csv': none, 'problem': none} -%}
    {%- if size == 0 -%}
        {%- do info.update({'problem': 'the file is empty (0 bytes): export it again'}) -%}
        {{ return(info) }}
    {%- endif -%}
    {%- set quoted = unitcost_sql_text(path) -%}
    {%- set is_gzip = (path | lower).endswith('.gz') -%}
    {%- set unreadable = (
        'the file cannot be decompressed: its gzip stream is truncated or damaged, or it is not gzip '
        ~ 'despite its .gz name (check it with `gzip -t`): download or export it again'
        if is_gzip else
        'the file cannot be read as text: download or export it again'
    ) -%}

    {%- if file_format == 'parquet' -%}
        {%- set damaged = 'not a readable Parquet file: its footer is missing or damaged (a download that '
            ~ 'was cut short, or a file still being written): download or export it again' -%}
        {%- if not unitcost_describe_data_file(info, path, file_format, damaged) -%}
            {{ return(info) }}
        {%- endif -%}
        {#- The names as the file writes them (DuckDB renames a second BilledCost, or
            billedcost, to BilledCost_1 / billedcost_1), read from the file's schema only
            when a name looks renamed: the top-level elements of the schema, which lists
            nested fields after their parent. -#}
        {%- set lowered = info.columns | map('lower') | list -%}
        {%- set renamed = [] -%}
        {%- for c in info.columns if '_' in c and c.rsplit('_', 1)[1].isdigit()
            and c.rsplit('_', 1)[0] | lower in lowered -%}
            {%- do renamed.append(c) -%}
        {%- endfor -%}
        {%- set written = [] -%}
        {%- if renamed | length > 0 -%}
            {%- set schema = run_query('select name, coalesce(num_children, 0) from parquet_schema('
                ~ quoted ~ ')').rows -%}
            {%- set open = [] -%}
            {%- for name, children in schema[1:] -%}
                {%- if open | length == 0 -%}
                    {%- do written.append(name) -%}
                {%- else -%}
                    {%- do open.append(open.pop() - 1) -%}
                {%- endif -%}
                {%- if children > 0 -%}
                    {%- do open.append(children) -%}
                {%- endif -%}
                {%- for _ in range(open | length) if open and open[-1] == 0 -%}
                    {%- do open.pop() -%}
                {%- endfor -%}
            {%- endfor -%}
        {%- endif -%}
        {%- do info.update({'problem': unitcost_duplicate_column_problem(written, 'its Parquet schema')}) -%}
        {{ return(info) }}
    {%- endif -%}

    {#- 1-2. The encoding. ASCII text written as UTF-16 or UTF-32 is full of NUL
        bytes, which UTF-8 allows: the first line that reads as UTF-8 (lines that
        do not are skipped here) having one means UTF-16 or UTF-32, and the byte
        order mark read as UTF-16 then tells UTF-16 little-endian (read) from
        big-endian and UTF-32 (refused). Any other file must be UTF-8 from its
        first line on (a file that is not stops here, in plain words). DuckDB's
        Latin-1 cannot serve to read bytes: it refuses a whole file with any byte
        0x80-0x9F in it. -#}
    {%- set nul = '\x00' -%}
    {%- set sniffed = unitcost_csv_first_line(path, 'utf-8', path ~ ': ' ~ unreadable, tolerant=true) -%}
    {%- if sniffed is none -%}
        {%- do info.update({'problem': unreadable}) -%}
        {{ return(info) }}
    {%- endif -%}
    {%- set encoding = 'utf-16' if nul in sniffed else 'utf-8' -%}
    {%- set big_endian = 'UTF-16 big-endian or UTF-32' -%}
    {%- set not_text = ('the file is not UTF-8 text (if it was saved as Windows-1252 or Latin-1, as some '
        ~ 'spreadsheet tools save CSV: save it as UTF-8)') if encoding == 'utf-8' else
        ('the file is encoded as ' ~ big_endian ~ ', which unitcost does not read: save or export it as '
        ~ 'UTF-8 (or as UTF-16 with a byte order mark, what spreadsheet tools call "Unicode text")') -%}
    {%- set first = unitcost_csv_first_line(path, encoding, path ~ ': ' ~ not_text) -%}
    {%- if first is none -%}
        {%- do info.update({'problem': not_text}) -%}
        {{ return(info) }}
    {%- endif -%}
    {%- set refused = none -%}
    {%- if nul in first -%}
        {#- Still NUL bytes: UTF-32 read as UTF-16, or UTF-16 read as UTF-8 that is not little-endian. -#}
        {%- set refused = 'UTF-32' if encoding == 'utf-16' else 'UTF-16 or UTF-32 without a byte order mark' -%}
    {%- elif encoding == 'utf-16' and first | select('in', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') | list | length == 0 -%}
        {#- UTF-16 big-endian read as little-endian: no Latin letter in the header. -#}
        {%- set refused = big_endian -%}
    {%- endif -%}
    {%- if refused -%}
        {%- do info.update({'problem': 'the file is encoded as ' ~ refused ~ ', which unitcost does not read: '
            ~ 'save or export it as UTF-8 (or as UTF-16 with a byte order mark, what spreadsheet tools call '
            ~ '"Unicode text")'}) -%}
        {{ return(info) }}
    {%- endif -%}
    {%- set header = first.replace('\r', '').lstrip('\ufeff') -%}
    {%- set delim = [','] -%}
    {%- for candidate in [';', '\t', '|'] if header.count(candidate) > header.count(delim[0]) -%}
        {%- do delim.pop() -%}
        {%- do delim.append(candidate) -%}
    {%- endfor -%}
    {%- set csv = {'delim': delim[0], 'encoding': encoding} -%}
    {%- do info.update({'csv': csv}) -%}
    {%- set header_names = [] -%}
    {%- for name in header.split(delim[0]) -%}
        {%- do header_names.append(name.strip().strip('"').strip()) -%}
    {%- endfor -%}
    {%- set duplicate = unitcost_duplicate_column_problem(header_names, 'the header') -%}
    {%- if duplicate -%}
        {%- do info.update({'problem': duplicate}) -%}
        {{ return(info) }}
    {%- endif -%}

    {#- 5. Every line, read as the staging models will read it, errors kept aside
        (not by the models themselves: the preflight before them did). -#}
    {%- set expected = header_names | length -%}
    {%- set layout = expected ~ ' fields separated by ' ~ ('tabs' if delim[0] == '\t' else "'" ~ delim[0] ~ "'") -%}
    {%- set inconsistent = unreadable if is_gzip else
        'the file cannot be read as its header says (' ~ layout ~ '): its lines do not split into those '
        ~ 'fields (a mix of delimiters, or double quotes that do not pair up): export it again' -%}
    {%- if scan_lines -%}
    {%- do run_query('drop table if exists unitcost_csv_errors') -%}
    {%- do run_query('drop table if exists unitcost_csv_scans') -%}
    {%- set scan_sql -%}
        select count(*), count(columns(*))
        from {{ unitcost_read_focus_file_relation(path, file_format, csv, checking=true) }}
    {%- endset -%}
    {%- if try_or_compiler_error(path ~ ': ' ~ inconsistent, run_query, scan_sql) is none -%}
        {%- do info.update({'problem': inconsistent}) -%}
        {{ return(info) }}
    {%- endif -%}
    {#- One row per kind of problem: how many lines, the first five with the
        field count found (DuckDB's messages say "Found: N"). -#}
    {%- set errors_sql -%}
        with lines as (
            select
                line,
                case
                    when min(error_type) like '%MISSING%' or min(error_type) like '%TOO MANY%' then 'fields'
                    when min(error_type) like '%ENCODING%' or min(error_type) like '%UNICODE%' then 'encoding'
                    when min(error_type) like '%QUOTE%' then 'quotes'
                    when min(error_type) like '%LINE SIZE%' then 'length'
                    else lower(min(error_type))
                end as kind,
                case when min(error_type) like '%MISSING%'
                    then min(try_cast(regexp_extract(error_message, 'Found: ([0-9]+)', 1) as integer))
                    else max(try_cast(regexp_extract(error_message, 'Found: ([0-9]+)', 1) as integer))
                end as fields
            from unitcost_csv_errors
            group by line
        )
        select
            kind,
            count(*) as lines,
            list(line || ':' || coalesce(cast(fields as varchar), '?') order by line)[1:5] as examples
        from lines
        group by kind
        order by min(line)
    {%- endset -%}
    {%- set kinds = run_query(errors_sql).rows -%}
    {%- do run_query('drop table if exists unitcost_csv_errors') -%}
    {%- do run_query('drop table if exists unitcost_csv_scans') -%}
    {%- if kinds | length > 0 -%}
        {%- set said = [] -%}
        {%- set total = [0] -%}
        {%- for kind, count, examples in kinds -%}
            {%- set numbers = [] -%}
            {%- set counted = [] -%}
            {%- for example in examples -%}
                {%- set parts = example.split(':') -%}
                {%- do numbers.append(parts[0]) -%}
                {%- do counted.append('line ' ~ parts[0] ~ ' has ' ~ parts[1] ~ (' field' if parts[1] == '1' else ' fields')) -%}
            {%- endfor -%}
            {%- set more = (' (and ' ~ (count - examples | length) ~ ' more)') if count > examples | length else '' -%}
            {%- set lines = ('line ' if count == 1 else 'lines ') ~ (numbers | join(', ')) ~ more -%}
            {%- if kind == 'fields' -%}
                {%- do said.append((counted | join(', ')) ~ more ~ ' where the header has ' ~ expected) -%}
            {%- elif kind == 'encoding' -%}
                {%- do said.append(lines ~ (' is' if count == 1 else ' are') ~ ' not UTF-8 text (probably '
                    ~ 'Windows-1252 or Latin-1, as some spreadsheet tools save CSV): save the file as UTF-8') -%}
            {%- elif kind == 'quotes' -%}
                {%- do said.append(lines ~ ' ' ~ ('has' if count == 1 else 'have')
                    ~ ' a double quote that is not closed, or text after a closing quote') -%}
            {%- elif kind == 'length' -%}
                {%- do said.append(lines ~ ' ' ~ ('is' if count == 1 else 'are') ~ ' longer than 2 MB (a missing line break?)') -%}
            {%- else -%}
                {%- do said.append(lines ~ ' cannot be read (' ~ kind ~ ')') -%}
            {%- endif -%}
            {%- do total.append(total.pop() + count) -%}
        {%- endfor -%}
        {%- set kind_names = kinds | map(attribute=0) | list -%}
        {%- do info.update({'problem': total[0] ~ ' line' ~ ('s' if total[0] > 1 else '')
            ~ ' cannot be read: ' ~ (said | join('; ')) ~ '. No row of this file is loaded: '
            ~ ('export it again, or correct those lines (one field per header column, '
                ~ layout ~ '; a value holding the delimiter, a double quote or a line break goes in double '
                ~ 'quotes, its own quotes doubled)'
               if 'fields' in kind_names or 'quotes' in kind_names else 'export or save it again')}) -%}
        {{ return(info) }}
    {%- endif -%}
    {%- endif -%}

    {%- do unitcost_describe_data_file(info, path, file_format, inconsistent) -%}
    {{ return(info) }}
{% endmacro %}


{#- Fill info.columns and info.types with DuckDB's description of the file
    (read with info.csv); false, with info.problem set to `problem`, when the
    engine cannot read it. -#}
{% macro unitcost_describe_data_file(info, path, file_format, problem) %}
    {%- set described = try_or_compiler_error(path ~ ': ' ~ problem, run_query,
        'describe select * from ' ~ unitcost_read_focus_file_relation(path, file_format, info.csv)) -%}
    {%- if described is none -%}
        {%- do info.update({'problem': problem}) -%}
        {{ return(false) }}
    {%- endif -%}
    {%- for row in described.rows -%}
        {%- do info.columns.append(row[0]) -%}
        {%- do info.types.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {{ return(true) }}
{% endmacro %}


{#- The problem of column names (of `where`, e.g. 'the header') that name a
    column twice (compared ignoring case, spaces around and a byte order
    mark), or none. -#}
{% macro unitcost_duplicate_column_problem(names, where) %}
    {%- set seen = {} -%}
    {%- set twice = [] -%}
    {%- for name in names -%}
        {%- set key = name | replace('\ufeff', '') | trim | lower -%}
        {%- if key in seen -%}
            {%- do twice.append("'" ~ seen[key].name ~ "' (column " ~ seen[key].position ~ ") and '" ~ name
                ~ "' (column " ~ loop.index ~ ")") -%}
        {%- else -%}
            {%- do seen.update({key: {'name': name, 'position': loop.index}}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if twice | length == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(where ~ ' names a column twice: ' ~ (twice | join(', '))
        ~ ' (column names match case-insensitively, so which one counted would depend on their order): '
        ~ 'remove or rename one of each') }}
{% endmacro %}


{#- The first line of a CSV file read as `encoding` (text, '' for an empty
    line), or none when the engine cannot read it (`problem` says why, for
    try_or_compiler_error). `tolerant`: lines that are not text in that
    encoding are skipped instead. -#}
{% macro unitcost_csv_first_line(path, encoding, problem, tolerant=false) %}
    {%- set probe_sql -%}
        select line
        from read_csv({{ unitcost_sql_text(path) }}, header = false, columns = {'line': 'VARCHAR'},
            delim = chr(1), quote = '', escape = '', encoding = '{{ encoding }}', auto_detect = false,
            strict_mode = false{% if tolerant %}, ignore_errors = true{% endif %})
        limit 1
    {%- endset -%}
    {%- set probe = try_or_compiler_error(problem, run_query, probe_sql) -%}
    {%- if probe is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return((probe.rows[0][0] or '') if probe.rows | length > 0 else '') }}
{% endmacro %}
