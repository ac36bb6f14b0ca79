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


# Dates and times every writer (polars/chrono, Python's datetime) can hold: years 1 to 9999.
# DuckDB's 'infinity'::DATE, its min/max test values and far-off years lie outside, and polars
# panics (a Rust panic, not an exception) when it meets one.
_DAY_RANGE = (-719_162, 2_932_896)               # 0001-01-01 .. 9999-12-31, days since 1970
_SECOND_RANGE = (-62_135_596_800, 253_402_300_799)
_PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
_INFINITY = {2**31 - 1: "infinity", -(2**31 - 1): "-infinity", 2**63 - 1: "infinity", -(2**63 - 1): "-infinity"}


def _is_temporal(t: pa.DataType) -> bool:
    return pa.types.is_date(t) or pa.types.is_timestamp(t)


def _has_temporal(t: pa.DataType) -> bool:
    if _is_temporal(t):
        return True
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return _has_temporal(t.value_type)
    if pa.types.is_struct(t):
        return any(_has_temporal(t.field(i).type) for i in range(t.num_fields))
    if pa.types.is_map(t):
        return _has_temporal(t.key_type) or _has_temporal(t.item_type)
    return False


def _leaves(arr: pa.Array) -> list[pa.Array]:
    """The temporal arrays inside `arr`, however deeply nested."""
    t = arr.type
    if _is_temporal(t):
        return [arr]
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return _leaves(arr.flatten())
    if pa.types.is_struct(t):
        return [leaf for i in range(t.num_fields) for leaf in _leaves(arr.field(i))]
    if pa.types.is_map(t):
        return _leaves(arr.keys) + _leaves(arr.items)
    return []


def _in_range(arr: pa.Array) -> bool:
    t = arr.type
    if pa.types.is_date64(t):
        arr, (lo, hi) = arr.cast(pa.int64()), (_DAY_RANGE[0] * 86_400_000, _DAY_RANGE[1] * 86_400_000)
    elif pa.types.is_date(t):
        arr, (lo, hi) = arr.cast(pa.int32()), _DAY_RANGE
    else:
        scale = _PER_SECOND[t.unit]
        arr, (lo, hi) = arr.cast(pa.int64()), (_SECOND_RANGE[0] * scale, min(_SECOND_RANGE[1] * scale, 2**63 - 2))
    bounds = pc.min_max(arr)
    low, high = bounds["min"].as_py(), bounds["max"].as_py()
    return low is None or (lo <= low and high <= hi)


def _temporal_text(arr: pa.Array) -> pa.Array:
    """Dates/times as ISO text, DuckDB's infinities as 'infinity'/'-infinity' (numpy's datetime64
    spans every int64, where Python's and polars' dates stop)."""
    import numpy as np

    t = arr.type
    ints = arr.cast(pa.int32() if pa.types.is_date32(t) else pa.int64()).fill_null(0)
    raw = ints.to_numpy(zero_copy_only=False).astype("int64")
    unit = "D" if pa.types.is_date32(t) else ("ms" if pa.types.is_date64(t) else t.unit)
    valid = arr.is_valid().to_numpy(zero_copy_only=False)
    text = np.datetime_as_string(raw.astype(f"datetime64[{unit}]"))
    out = [None if not ok else _INFINITY.get(int(v), str(s).replace("T", " "))
           for ok, v, s in zip(valid, raw, text)]
    return pa.array(out, pa.string())


def _bignum_text(arr: pa.Array) -> pa.Array:
    """DuckDB's VARINT/BIGNUM (an opaque Arrow extension) as decimal text: a 3-byte header whose
    top bit is the sign, then the magnitude big-endian; negative numbers have every byte inverted."""
    out = []
    for raw in arr.storage.to_pylist():
        if raw is None:
            out.append(None)
        elif raw[0] & 0x80:
            out.append(str(int.from_bytes(raw[3:], "big")))
        else:
            out.append(str(-int.from_bytes(bytes(b ^ 0xFF for b in raw[3:]), "big")))
    return pa.array(out, pa.string())


def _portable_column(col: pa.ChunkedArray) -> pa.ChunkedArray:
    t = col.type
    if isinstance(t, pa.BaseExtensionType):
        if "bignum" in str(t) or "varint" in str(t).lower():
            return pa.chunked_array([_bignum_text(c) for c in col.chunks], pa.string())
        return _portable_column(pa.chunked_array([c.storage for c in col.chunks], t.storage_type))
    if _has_temporal(t) and not all(_in_range(leaf) for c in col.chunks for leaf in _leaves(c)):
        if _is_temporal(t):
            return pa.chunked_array([_temporal_text(c) for c in col.chunks], pa.string())
        # nested: every value as JSON text, its dates made text first (to_pylist cannot hold them)
        return pa.chunked_array([pa.array([None if v is None else json.dumps(_to_json_value(v))
                                           for v in _nested_text(c)], pa.string()) for c in col.chunks],
                                pa.string())
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


def _stringify_temporal(t: pa.DataType) -> pa.DataType:
    if _is_temporal(t):
        return pa.string()
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return pa.list_(_stringify_temporal(t.value_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(t.field(i).name, _stringify_temporal(t.field(i).type)) for i in range(t.num_fields)])
    return t


def _name_infinities(value: Any) -> Any:
    # Arrow writes an out-of-range date as "<value out of range: N>"; DuckDB's infinities by name.
    if isinstance(value, str) and value.startswith("<value out of range: "):
        try:
            return _INFINITY.get(int(value[21:-1]), value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _name_infinities(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_name_infinities(v) for v in value]
    return value


def _nested_text(arr: pa.Array) -> list[Any]:
    """Python values of a nested array whose dates may be out of Python's range: Arrow casts
    them to text (marking the out-of-range ones, which are DuckDB's infinities)."""
    try:
        return [_name_infinities(v) for v in arr.cast(_stringify_temporal(arr.type)).to_pylist()]
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return [None if not ok else "<unrepresentable>" for ok in arr.is_valid().to_pylist()]


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
