"""`humstat sql`: one read-only query from the terminal, as a table or machine-readable output.

It goes through the same sandbox as the API (one read statement, no files/network/extensions,
locked configuration), on the main database file, or on its published snapshot when a writer
(`humstat serve`) holds the file; a note on stderr says which. No time limit and no row cap for
machine formats (the terminal user owns the machine and can press Ctrl-C); the table shows the
first rows and says how many more there were.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

import pyarrow as pa

from service.config import Settings
from service.research.results import for_parquet, portable, to_frame
from service.store.sandbox import Answer, SandboxError, open_for_reading

TABLE_ROWS = 1000  # rows shown in the terminal table; machine formats get every row


class SqlCliError(Exception):
    """A message for the terminal (click turns it into 'Error: …' and exit code 1)."""


def read_query(query: str | None, stdin: IO[str]) -> str:
    """The query argument, or stdin when it is '-' or missing and stdin is piped."""
    if query is not None and query != "-":
        return query
    if query is None and stdin.isatty():
        raise SqlCliError('give a query: humstat sql "SELECT count(*) FROM figures_current" '
                          "(or pipe one on stdin)")
    text = stdin.read()
    if not text.strip():
        raise SqlCliError("no query on stdin")
    return text


def run(query: str, db_path: Path, fmt: str, out: Path | None, *, stdout: IO[str] | None = None,
        stderr: IO[str] | None = None, settings: Settings | None = None) -> Answer:
    """Run `query` and write it in `fmt` ('table', 'csv', 'json', 'parquet') to `out` or stdout."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    settings = settings or Settings()
    if fmt == "parquet" and out is None and stdout.isatty():
        raise SqlCliError("parquet is binary: give --out FILE (or redirect stdout to a file)")
    try:
        sandbox, note = open_for_reading(db_path, memory_limit=settings.sql_memory_limit,
                                         time_limit_s=float("inf"), max_rows=TABLE_ROWS, max_bytes=2**62)
    except SandboxError as exc:
        raise SqlCliError(exc.detail) from None
    if note:
        print(f"note: {note}", file=stderr)
    try:
        answer = sandbox.run(query, max_rows=TABLE_ROWS if fmt == "table" else 0)
    except SandboxError as exc:
        raise SqlCliError(f"{exc.title}: {exc.detail}") from None
    except KeyboardInterrupt:
        raise SqlCliError("interrupted") from None
    finally:
        sandbox.close()
    if fmt == "table":
        _table(answer, stdout, stderr)
    elif fmt == "parquet":
        _parquet(answer.table, out, stdout)
    else:
        text = _csv(answer.table) if fmt == "csv" else _json(answer.table)
        if out is not None:
            out.write_text(text, encoding="utf-8")
        else:
            stdout.write(text)
    if out is not None:
        print(f"wrote {answer.table.num_rows} rows to {out}", file=stderr)
    return answer


def _csv(table: pa.Table) -> str:
    from service.formats import frame_body  # the API's CSV writer too: one CSV dialect everywhere

    return frame_body(to_frame(portable(table)), "csv").decode()


def _json(table: pa.Table) -> str:
    df = to_frame(portable(table))
    return json.dumps(json.loads(df.write_json()), ensure_ascii=False, indent=1) + "\n"


def _parquet(table: pa.Table, out: Path | None, stdout: IO[str]) -> None:
    import pyarrow.parquet as pq

    named = for_parquet(table)
    if out is not None:
        pq.write_table(named, out, compression="zstd")
    else:
        sink = getattr(stdout, "buffer", None)
        if sink is None:
            raise SqlCliError("parquet needs --out FILE here")
        pq.write_table(named, sink, compression="zstd")


def _cells(table: pa.Table) -> tuple[list[str], list[list[str]]]:
    df = to_frame(portable(table))
    rows = [["NULL" if v is None else str(v) for v in row] for row in df.rows()]
    return list(df.columns), rows


def _footer(answer: Answer) -> str:
    n = answer.table.num_rows
    more = f" (more rows not shown: use --format csv|json|parquet for all of them)" if answer.truncated else ""
    return f"{n} row{'s' if n != 1 else ''}{more}; dataset version {answer.version}"


def _table(answer: Answer, stdout: IO[str], stderr: IO[str]) -> None:
    columns, rows = _cells(answer.table)
    if stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False, header_style="bold")
        for row in rows:
            table.add_row(*row)
        console = Console(file=stdout)
        console.print(table)
        console.print(_footer(answer), style="dim")
        return
    # Not a terminal: plain aligned text, one line per row, footer on stderr.
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    stdout.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    stdout.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        stdout.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")
    print(_footer(answer), file=stderr)
