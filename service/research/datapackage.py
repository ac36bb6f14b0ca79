"""The Frictionless `datapackage.json` of an export: resources, Table Schema fields (types,
descriptions from the schema's column comments, HXL hashtags), sources, licence note, sha256.

Spec: https://specs.frictionlessdata.io/data-package/ (tabular data package, Table Schema).
Non-standard properties are prefixed `humstat:`; each field's HXL hashtag is in `hxl`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from service import metrics
from service.formats import COLUMN_HXL, METRICS_HXL

if TYPE_CHECKING:
    from service.research.export import Resource

LICENCE_NOTE = (
    "Figures are claims as reported in news articles, extracted automatically: each carries the quote, "
    "the article and who claimed it, and is not a verified count. Article texts and titles are the "
    "copyright of their publishers; they are included for checking each figure against its source and "
    "must not be republished beyond what fair use/fair dealing allows. Township and state/region codes "
    "and names: Source: MIMU (Myanmar Information Management Unit). Town coordinates: GeoNames, "
    "CC BY 4.0 (https://www.geonames.org). The extraction code is MIT-licensed."
)

# Table Schema types of DuckDB types (the base type: "DECIMAL(18,3)" -> DECIMAL).
_TYPES = {
    "VARCHAR": "string", "UUID": "string", "BLOB": "string", "ENUM": "string",
    "BIGINT": "integer", "INTEGER": "integer", "SMALLINT": "integer", "TINYINT": "integer", "HUGEINT": "integer",
    "UBIGINT": "integer", "UINTEGER": "integer", "USMALLINT": "integer", "UTINYINT": "integer", "UHUGEINT": "integer",
    "DOUBLE": "number", "FLOAT": "number", "DECIMAL": "number",
    "BOOLEAN": "boolean", "DATE": "date", "TIME": "time",
    "TIMESTAMP": "datetime", "TIMESTAMP WITH TIME ZONE": "datetime", "TIMESTAMP_S": "datetime",
    "TIMESTAMP_MS": "datetime", "TIMESTAMP_NS": "datetime", "INTERVAL": "duration",
}

# Descriptions of view columns that do not come straight from a table column of the same name,
# and of the columns an export adds. (view or "*", column) -> description.
DERIVED: dict[tuple[str, str], str] = {
    ("*", "figure_id"): "stable public id of the figure (figures.figure_key): survives re-extraction, reviews attach to it",
    ("*", "group"): "who was affected, as written",
    ("*", "review_status"): "unreviewed, confirmed or corrected (rejected figures are left out)",
    ("*", "updated_version"): "dataset version of the figure's latest change (extraction or review)",
    ("*", "article_source"): "publisher of the article the figure was read from",
    ("*", "article_title"): "title of that article",
    ("*", "article_url"): "URL of that article",
    ("*", "article_published"): "publication date of that article",
    ("*", "metric_kind"): "flow (summed per period) or stock (head-count, never summed)",
    ("*", "metric_hxl"): "HXL hashtag of the figure's metric (the tag of value/low/high in this row)",
    ("*", "year"): "year of the row's date (partition key of year-partitioned Parquet exports)",
    ("*", "period"): "first day of the month",
    ("*", "n_reports"): "figures (reports) behind the value",
    ("*", "n_articles"): "distinct articles behind the value",
    ("*", "n_incidents"): "incidents summed into the value (the reports of one event merged into one)",
    ("flow_series_monthly", "value"): "sum over merged incidents of the lowest reported value of each incident",
    ("flow_series_monthly", "low"): "sum of each incident's lowest lower bound",
    ("flow_series_monthly", "high"): "sum of each incident's highest upper bound",
    ("stock_series_monthly", "value"): "latest value stated in the month (never a sum)",
    ("stock_series_monthly", "low"): "lowest value or lower bound stated in the month",
    ("stock_series_monthly", "high"): "highest value or upper bound stated in the month",
    ("*", "metric"): "metric name (see the metrics table)",
    ("*", "place_code"): "most precise place code known (p-code, ISO 3166-2 or ISO 3166-1); see places",
    ("article_sources", "source"): "publisher or feed as given",
    ("article_sources", "n_figures"): "current figures read from the publisher's articles",
    ("article_sources", "first_published"): "earliest publication date of its articles",
    ("article_sources", "last_published"): "latest publication date of its articles",
}

# Where view columns borrow their meaning from, in order.
_BASES = ("figures", "articles", "metrics", "places", "reviews")


def _column_hxl() -> dict[str, str]:
    # One column -> HXL map for the API's CSVs and the exports' field descriptions.
    return COLUMN_HXL


def table_schema_type(duck_type: str) -> str:
    """The Table Schema type of a DuckDB type name."""
    t = duck_type.upper()
    if t.endswith("[]") or t.startswith("LIST") or "[" in t:
        return "array"
    if t.startswith(("STRUCT", "MAP", "UNION")):
        return "object"
    return _TYPES.get(t.split("(")[0].strip(), "any")


class Builder:
    """Collects resources while an export writes them, then writes datapackage.json."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, *, version: int, fmt: str) -> None:
        self.cur = cur
        self.version = version
        self.fmt = fmt
        self.resources: list[dict[str, Any]] = []
        # The cursor's own (temporary) views come last and replace the tables they hide, as SQL
        # resolves the names: a DuckLake reads figures through one (figure_row is row_id there)
        rows = cur.execute(
            "SELECT table_name, column_name, data_type, comment, is_nullable, database_name = 'temp' AS own "
            "FROM duckdb_columns() WHERE database_name IN (current_database(), 'temp') AND schema_name = 'main' "
            "ORDER BY own, table_name, column_index"
        ).fetchall()
        self.columns: dict[str, list[tuple[str, str, str | None, bool]]] = {}
        hidden: set[str] = set()
        for table, column, dtype, comment, nullable, own in rows:
            if own and table not in hidden:
                hidden.add(table)
                self.columns.pop(table, None)
            self.columns.setdefault(table, []).append((column, dtype, comment, nullable))
        self.comments = {(t, c): comment for t, cols in self.columns.items() for c, _, comment, _ in cols if comment}
        # A published snapshot (what a DuckLake exports from, and a file while a writer holds it) is
        # views without column comments: sql/schema.sql, where the tables' comments come from, says the same
        from service.store import sqlfiles
        from service.store.migrations import column_comments

        for table, column, comment in column_comments(sqlfiles.load("schema")):
            self.comments.setdefault((table, column), comment)

    def describe(self, resource: str, column: str) -> str:
        """The meaning of `column` in `resource`: its own comment, a derived description, or its base table's."""
        own = self.comments.get((resource, column))
        if own:
            return own
        for key in ((resource, column), ("*", column)):
            if key in DERIVED:
                return DERIVED[key]
        for base in _BASES:
            if (base, column) in self.comments:
                return self.comments[(base, column)]
        return ""

    def hxl(self, resource: str, column: str) -> str | None:
        if resource == "metrics":
            return METRICS_HXL.get(column)
        if resource in ("dataset_versions", "extraction_runs"):
            return None
        return _column_hxl().get(column)

    def fields(self, resource: str, partitioned: bool) -> list[dict[str, Any]]:
        out = []
        columns = list(self.columns.get(resource, []))
        if partitioned:
            columns.append(("year", "BIGINT", None, True))
        for column, dtype, _, nullable in columns:
            f: dict[str, Any] = {"name": column, "type": table_schema_type(dtype),
                                 "description": self.describe(resource, column), "humstat:duckdb_type": dtype}
            if f["type"] == "datetime" and self.fmt == "csv":
                f["format"] = "any"  # DuckDB writes "2026-01-02 03:04:05.123+00"
            if not nullable:
                f["constraints"] = {"required": True}
                if self.fmt == "csv":
                    # A NOT NULL text column may hold "": the schema-wide missing value "" (an empty
                    # CSV cell is a null elsewhere) must not turn it into a null here (Table Schema v2
                    # field-level missingValues, which frictionless reads).
                    f["missingValues"] = []
            tag = self.hxl(resource, column)
            if tag:
                f["hxl"] = tag
            out.append(f)
        return out

    def add(self, res: Resource, *, files: list[Path], root: Path, rows: int, partitioned: bool) -> None:
        from service.research.export import sha256

        parts = [{"path": p.as_posix(), "bytes": (root / p).stat().st_size, "hash": "sha256:" + sha256(root / p)}
                 for p in files]
        entry: dict[str, Any] = {
            "name": res.name,
            "profile": "tabular-data-resource",
            "description": res.description,
            "format": self.fmt,
            "mediatype": "text/csv" if self.fmt == "csv" else "application/vnd.apache.parquet",
        }
        if self.fmt == "csv":
            entry["encoding"] = "utf-8"
            entry["dialect"] = {"delimiter": ",", "header": True, "quoteChar": '"', "doubleQuote": True}
        if len(parts) == 1 and not partitioned:
            entry.update(path=parts[0]["path"], bytes=parts[0]["bytes"], hash=parts[0]["hash"])
        else:
            # Multipart: one file per year; each file's size and hash are listed separately.
            entry["path"] = [p["path"] for p in parts]
            entry["bytes"] = sum(p["bytes"] for p in parts)
            entry["humstat:files"] = parts
            entry["humstat:partitioned_by"] = "year"
        entry["humstat:rows"] = rows
        # CSV has no null: an empty cell is one. Parquet has real nulls, so "" there is an empty string.
        schema: dict[str, Any] = {"fields": self.fields(res.name, partitioned),
                                  "missingValues": [""] if self.fmt == "csv" else []}
        if res.primary_key:
            schema["primaryKey"] = list(res.primary_key)
        entry["schema"] = schema
        self.resources.append(entry)

    def sources(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for source, n_articles, n_figures in self.cur.execute(
                "SELECT source, n_articles, n_figures FROM article_sources ORDER BY n_figures DESC, source").fetchall():
            out.append({"title": source, "humstat:articles": int(n_articles), "humstat:figures": int(n_figures),
                        "humstat:role": "publisher of reported figures (copyright of the publisher)"})
        out.append({"title": "MIMU (Myanmar Information Management Unit)", "path": "https://themimu.info",
                    "humstat:role": "place codes and names (Source: MIMU)"})
        out.append({"title": "GeoNames", "path": "https://www.geonames.org", "license": "CC BY 4.0",
                    "humstat:role": "town names and coordinates"})
        return out

    def package(self) -> dict[str, Any]:
        from service.research.export import now_iso

        return {
            "profile": "tabular-data-package",
            "name": "humstat",
            "title": "humstat: humanitarian figures from news articles, with provenance",
            "description": ("Figures on people killed, injured, displaced, refugees, detained and more, "
                            "extracted from English news reporting on armed conflict, each with the article, "
                            "the exact quote and character span, who claimed it and the extractor version. "
                            "Flows (per incident) may be summed per period once repeated reports are merged; "
                            "stocks and cumulative totals are never summed. Start from figures_with_provenance."),
            "version": f"{self.version}",
            "humstat:dataset_version": self.version,
            "created": now_iso(),
            "licenses": [{"name": "humstat-mixed", "title": "Mixed: see humstat:licence_note"}],
            "humstat:licence_note": LICENCE_NOTE,
            "humstat:metrics": {m.name: {"hxl": m.hxl, "kind": m.kind, "definition": m.definition}
                                for m in metrics.METRICS},
            "sources": self.sources(),
            "resources": self.resources,
        }

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.package(), indent=2, ensure_ascii=False, default=str) + "\n",
                        encoding="utf-8")
