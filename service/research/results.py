"""Turning a sandboxed query's Arrow answer into something every output format can carry.

A researcher's SELECT can return any DuckDB type; JSON, CSV and polars cannot hold them all
(HUGEINT sums arrive as decimal128, BLOBs and INTERVALs panic polars' JSON writer, two columns
may share a name). `portable()` fixes that once, column by column, without a Python loop over
rows for the common types.
"""
from __future__ import annotations

import base64
import json
from datetime import timedelta
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc


def unique_names(names: list[str]) -> list[str]:
    """Column names made unique the way DuckDB's own clients do: a, a_1, a_2 …"""
    seen: dict[str, int] = {}
    out = []
    taken = set(names)
    for name in names:
        if name not in seen:
            seen[name] = 0
            out.append(name)
            continue
        n = seen[name]
        while True:
            n += 1
            candidate = f"{name}_{n}"
            if candidate not in taken:
                break
        seen[name] = n
        taken.add(candidate)
        out.append(candidate)
    return out


def _plain(t: pa.DataType) -> bool:
    """True for types polars reads and writes to JSON/CSV without trouble."""
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t) \
            or pa.types.is_interval(t) or pa.types.is_duration(t) or pa.types.is_map(t) \
            or pa.types.is_union(t) or pa.types.is_decimal(t) or getattr(pa.types, "is_binary_view", lambda _: False)(t):
        return False
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return _plain(t.value_type)
    if pa.types.is_struct(t):
        return all(_plain(t.field(i).type) for i in range(t.num_fields))
    if pa.types.is_dictionary(t):
        return _plain(t.value_type)
    return True


def _to_json_value(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _to_json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        # Arrow maps come back as [(key, value), ...]
        if value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return {str(k): _to_json_value(v) for k, v in value}
        return [_to_json_value(v) for v in value]
    if hasattr(value, "months") and hasattr(value, "nanoseconds"):  # MonthDayNano
        return f"{value.months} months {value.days} days {value.nanoseconds} ns"
    if value is None or isinstance(value, (int, float, str, bool)):
        return value
    return str(value)


def _portable_column(col: pa.ChunkedArray) -> pa.ChunkedArray:
    t = col.type
    if _plain(t):
        return col
    if pa.types.is_decimal(t):
        if t.scale == 0:
            try:
                return pc.cast(col, pa.int64())  # counts and sums of integers (HUGEINT)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                return pc.cast(col, pa.string())
        return pc.cast(col, pa.float64())
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return pa.chunked_array([pa.array([None if v is None else base64.b64encode(v).decode()
                                           for v in col.to_pylist()], pa.string())])
    # Anything else (intervals, maps, unions, nested odd types): JSON text of its values.
    values = [_to_json_value(v) for v in col.to_pylist()]
    return pa.chunked_array([pa.array([None if v is None else (v if isinstance(v, str) else json.dumps(v))
                                       for v in values], pa.string())])


def portable(table: pa.Table) -> pa.Table:
    """`table` with unique column names and only types every output format can hold."""
    names = unique_names(list(table.column_names))
    columns = [_portable_column(table.column(i)) for i in range(table.num_columns)]
    return pa.Table.from_arrays(columns, names=names)


def to_frame(table: pa.Table) -> pl.DataFrame:
    """A polars frame of a (portable) Arrow table; any column polars refuses becomes text."""
    try:
        return pl.from_arrow(table)  # type: ignore[return-value]
    except Exception:  # noqa: BLE001 - polars' refusal types vary by version
        cols = {}
        for name, col in zip(table.column_names, table.columns):
            try:
                cols[name] = pl.from_arrow(col)
            except Exception:  # noqa: BLE001
                cols[name] = pl.Series(name, [None if v is None else str(v) for v in col.to_pylist()], pl.String)
        return pl.DataFrame(cols)


def type_names(table: pa.Table) -> list[str]:
    """Arrow type names of each column, for the answer's `types`."""
    return [str(t) for t in table.schema.types]


def _parquet_ok(t: pa.DataType) -> bool:
    if pa.types.is_interval(t) or pa.types.is_union(t) or pa.types.is_duration(t):
        return False
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return _parquet_ok(t.value_type)
    if pa.types.is_map(t):
        return _parquet_ok(t.key_type) and _parquet_ok(t.item_type)
    if pa.types.is_struct(t):
        return all(_parquet_ok(t.field(i).type) for i in range(t.num_fields))
    return True


def for_parquet(table: pa.Table) -> pa.Table:
    """`table` with unique names and the few types Parquet cannot store (intervals, unions) as text.

    Everything else keeps its type (decimals, blobs, maps), unlike `portable`.
    """
    names = unique_names(list(table.column_names))
    columns = [c if _parquet_ok(c.type) else _portable_column(c) for c in table.columns]
    return pa.Table.from_arrays(columns, names=names)
