"""Frames out as bytes: JSON, CSV (with an optional HXL hashtag row), NDJSON and Parquet.

The one place that decides how humstat writes a table, below both of its users: the API
(service.api) answers with these writers and the research tools (service.research: exports,
`humstat sql`) write files with them, so a CSV reads the same whichever way it was made. This
module imports neither of them.

HXL (https://hxlstandard.org): one tag per column meaning, on every endpoint. A place code of any
level is `#loc+code` (admin1 columns keep `#adm1+code` for the p-code and `#adm1+code+iso`); the
number of people is the metric's own `#affected+...` tag; a group of people is `#group` (never
`#population`, which HXL reserves for counts); a list is `+list` and its items are joined by
LIST_SEPARATOR. A tag that promises a number or a date is left off a column whose type is
something else (an SQL answer may call a text column `value`), so every hashtag row passes
libhxl's validator (`hxlvalidate`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import msgspec
import polars as pl

from service import metrics

# Items of a list column in CSV (figure ids, aliases...), on every endpoint.
LIST_SEPARATOR = ";"

# HXL hashtags of the columns the services return. Metric values get the metric's own tag.
COLUMN_HXL: dict[str, str] = {
    "figure_id": "#meta+id", "figure_ids": "#meta+id+list", "article_id": "#meta+source+id",
    "metric": "#indicator+code", "metric_kind": "#indicator+type", "unit": "#indicator+unit",
    "value": "#affected+num", "low": "#affected+num+min", "high": "#affected+num+max",
    "change": "#affected+num+change", "qualifier": "#meta+qualifier",
    "group": "#group+name", "group_text": "#group+name", "group_class": "#group+type",
    "perpetrator": "#actor+perpetrator", "location": "#loc+name", "country": "#country+code",
    "admin1": "#adm1+code+iso", "admin1_pcode": "#adm1+code",
    "place_code": "#loc+code", "place": "#loc+code", "code": "#loc+code", "name": "#loc+name",
    "parent_code": "#loc+code+parent", "parent_name": "#loc+name+parent", "aliases": "#loc+name+alias+list",
    "township": "#adm3+name", "lat": "#geo+lat", "lon": "#geo+lon",
    "event_date_start": "#date+start", "event_date_end": "#date+end", "as_of": "#date+reported",
    "period_start": "#date+start", "period_end": "#date+end", "interval": "#meta+interval",
    "claimed_by": "#meta+claimed_by", "article_source": "#meta+source", "source": "#meta+source",
    "article_published": "#date+published", "published": "#date+published", "article_url": "#meta+url",
    "url": "#meta+url", "title": "#meta+title", "n_reports": "#meta+reports+num",
    "n_articles": "#meta+articles+num", "series_kind": "#meta+kind", "dataset_version": "#meta+version",
    "level": "#meta+level", "hxl": "#meta+hxl", "label": "#indicator+name",
    "confidence": "#meta+confidence", "review_status": "#status+review", "quote": "#description+quote",
    "relation": "#meta+relation", "related_to": "#meta+related+id", "implied": "#meta+implied",
    "cause": "#meta+cause",
    "disputed": "#meta+disputed",
}

# The metrics table (its `name` is a metric, not a place as in COLUMN_HXL).
METRICS_HXL: dict[str, str] = {
    "name": "#indicator+code", "label": "#indicator+name", "definition": "#description",
    "hxl": "#meta+hxl", "kind": "#indicator+type", "unit": "#indicator+unit",
}


def hxl_map_for_metric(metric: str | None) -> dict[str, str]:
    """COLUMN_HXL, with value/low/high tagged with `metric`'s own hashtag when one metric is shown."""
    tags = dict(COLUMN_HXL)
    if metric:
        try:
            tag = metrics.get(metric).hxl
        except KeyError:
            return tags
        tags.update({"value": tag, "low": tag + "+min", "high": tag + "+max", "change": tag + "+change"})
    return tags


# What libhxl's core schema checks a column's values against, by hashtag (hxl-default-schema.json).
_NUMBER_TAGS = frozenset({"#population", "#affected", "#inneed", "#targeted", "#reached", "#value"})
_NUMBER_WITH_NUM = frozenset({"#indicator", "#output"})


def _fits(tag: str, dtype: pl.DataType | None) -> bool:
    """Whether a column of `dtype` can carry `tag` (None or Null: no values to contradict it)."""
    if dtype is None or dtype == pl.Null:
        return True
    base, *attrs = tag.split("+")
    if base in _NUMBER_TAGS or (base in _NUMBER_WITH_NUM and "num" in attrs):
        return dtype.is_numeric()
    if base == "#date":
        return dtype.is_temporal()
    return True


def hxl_row(columns: Iterable[str], hxl_map: Mapping[str, str] | None = None,
            schema: Mapping[str, pl.DataType] | None = None) -> str:
    """The HXL hashtag row (CSV line) for these columns; untagged columns stay empty, and so does
    a column whose type (when `schema` gives it) contradicts its tag."""
    tags = hxl_map or COLUMN_HXL
    schema = schema or {}
    cells = []
    for c in columns:
        tag = tags.get(c, "")
        cells.append(tag if tag and _fits(tag, schema.get(c)) else "")
    return ",".join(cells) + "\n"


# A CSV cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (=HYPERLINK(...) exfiltrates, =cmd|... runs): OWASP's advice is a leading single quote. Only
# text cells: a number such as -5 stays a number. CSV_FORMULA is the same test as a regex (polars
# and DuckDB read it alike: the exports use it in SQL).
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_FORMULA = r"^[=+\-@\t\r]"


def csv_neutral(text: str) -> str:
    """`text` made safe to open in a spreadsheet: a leading ' when it could start a formula."""
    return "'" + text if text.startswith(CSV_FORMULA_START) else text


def _csv_safe(df: pl.DataFrame) -> pl.DataFrame:
    # CSV cannot hold lists or structs: lists of plain values become LIST_SEPARATOR-joined text,
    # anything nested becomes JSON text. Then every text cell (and header) is neutralised.
    exprs = []
    for name, dtype in df.schema.items():
        if isinstance(dtype, pl.List) and not isinstance(dtype.inner, (pl.List, pl.Array, pl.Struct)):
            exprs.append(pl.col(name).cast(pl.List(pl.String)).list.join(LIST_SEPARATOR).alias(name))
        elif isinstance(dtype, (pl.List, pl.Struct, pl.Array)):
            exprs.append(pl.Series(name, [None if v is None else msgspec.json.encode(v).decode()
                                          for v in df[name].to_list()], pl.String))
    if exprs:
        df = df.with_columns(exprs)
    text = [name for name, dtype in df.schema.items() if dtype in (pl.String, pl.Categorical, pl.Enum)
            or isinstance(dtype, (pl.Categorical, pl.Enum))]
    if text:
        df = df.with_columns(
            pl.when(pl.col(n).cast(pl.String).str.contains(CSV_FORMULA))
            .then(pl.lit("'") + pl.col(n).cast(pl.String)).otherwise(pl.col(n).cast(pl.String)).alias(n)
            for n in text)
    if any(name.startswith(CSV_FORMULA_START) for name in df.columns):
        df = df.rename({name: csv_neutral(name) for name in df.columns if name.startswith(CSV_FORMULA_START)})
    return df


def frame_json_rows(df: pl.DataFrame) -> bytes:
    """The rows of `df` as a JSON array (dates ISO, nulls null)."""
    return df.write_json().encode()


def frame_body(df: pl.DataFrame, fmt: str, *, envelope: dict[str, Any] | None = None, hxl: bool = False,
               hxl_map: Mapping[str, str] | None = None) -> bytes:
    """The whole of `df` in one format. JSON wraps the rows as `data` in `envelope`."""
    if fmt == "json":
        head = msgspec.json.encode(envelope or {})
        rows = frame_json_rows(df)
        if head == b"{}":
            return b'{"data":' + rows + b"}"
        return head[:-1] + b',"data":' + rows + b"}"
    return b"".join(frame_stream(iter([df]), fmt, hxl=hxl, hxl_map=hxl_map, columns=df.columns))


def frame_stream(batches: Iterator[pl.DataFrame], fmt: str, *, hxl: bool = False,
                 hxl_map: Mapping[str, str] | None = None, columns: list[str] | None = None,
                 envelope: dict[str, Any] | None = None) -> Iterator[bytes]:
    """Encode frames as they come (exports stream: memory stays flat however many rows)."""
    if fmt == "parquet":
        # Parquet needs its footer at the end: collect, then write once.
        frames = list(batches)
        df = pl.concat(frames, how="vertical_relaxed") if frames else pl.DataFrame(schema={c: pl.String for c in columns or []})
        buf = io.BytesIO()
        df.write_parquet(buf, compression="zstd")
        yield buf.getvalue()
        return
    first = True
    if fmt == "json":
        head = msgspec.json.encode(envelope or {})
        yield (b"{" if head == b"{}" else head[:-1] + b",") + b'"data":['
    for df in batches:
        if fmt == "csv":
            schema = df.schema  # the types before lists and text are made CSV-safe
            df = _csv_safe(df)
            text = df.write_csv(include_header=first)
            if first and hxl:
                header, _, rest = text.partition("\n")
                text = header + "\n" + hxl_row(df.columns, hxl_map, dict(zip(df.columns, schema.values()))) + rest
            if text:
                yield text.encode()
        elif fmt == "ndjson":
            if df.height:
                yield df.write_ndjson().encode()
        elif fmt == "json":
            if df.height:
                rows = frame_json_rows(df)[1:-1]
                yield rows if first else b"," + rows
        else:
            raise ValueError(fmt)
        if df.height or fmt == "csv":
            first = False
    if first and fmt == "csv" and columns:
        yield (",".join(csv_neutral(c) for c in columns) + "\n" + (hxl_row(columns, hxl_map) if hxl else "")).encode()
    if fmt == "json":
        yield b"]}"
