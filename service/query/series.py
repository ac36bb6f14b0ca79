"""Time series of one metric for one place. Which figures count, their days and their incidents
are defined once, in SQL (series_input in sql/views.sql), for the API, the charts, the views and
the named queries; this module aggregates those rows per period.

- Only claims count: a figure that restates another of its article (a headline against its body,
  "N fatalities." closing an event note) or is part of one (a breakdown, "including four
  children") is never added to a total; vague amounts are left out of sums.
- Flows (killed, injured... in incidents) are summed per period after the reports of one incident
  are merged: same metric and day, the same place or one inside the other (a place the gazetteer
  does not know is told apart by its name as written), compatible victims; within one article
  only competing claims of different sources merge. The incident's value is the lowest claim (the
  conservative choice, as ACLED codes; a range stated in one report, "between 5 and 23", claims
  its lower end), its low/high the range across every claim. The day is the
  event's start date, else the article's publication date. Periods without reports are absent (no
  report is not zero).
- Stocks (displaced, refugees, detained, missing) and cumulative totals (a flow metric stated as
  a running total: "killed since the coup", selected with cumulative=True) are never summed: a
  point is the latest value stated in the period (a range's lower end), the range spans the
  period's figures, and a stock may fall. transform="diff" adds the change from the previous
  point (for any series; for running totals it is what was added between points).
"""
from __future__ import annotations

import heapq
import re
import threading
import weakref
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate, islice
from typing import Any, Literal

import duckdb
import msgspec
import polars as pl

from service import metrics
from service.query.errors import QueryError
from service.query.versions import current_version, resolve_place, resolve_version
from service.store import sqlfiles
from service.store.db import Store

# What a series counts, in words a report can cite. README ("Series semantics") and the OpenAPI
# description of GET /api/v1/series carry this text verbatim (tests/research/test_docs.py checks).
SEMANTICS = """\
- **Only claims count.** A figure that restates another figure of its article (a headline
  against its body, "the 11 bodies", an event note's closing "N fatalities.") or is part of one (a
  breakdown: "including four children", "of whom 318 were children") is never added to a total;
  every figure says which it is (`relation`, `related_to`). A victim named without a numeral ("a
  civilian was killed") is one person (`implied`), unless already inside a counted figure. Only
  harm from conflict counts: the dead and displaced of a disaster, an accident or an illness
  (`cause`) are kept as figures and left out of every series, and so are counts of households or
  families ("400 families fled": `unit`), which are not head-counts of people.
- **Flows** (killed, injured, killed_or_injured, released, abducted, conscripted) are **summed per
  period over incidents**. The reports of one event are merged into one incident: same metric and day, the
  same place or one inside the other (a township's report and its region's), compatible victims
  (one outlet's "eight civilians were killed" is inside another's "at least 20 people, including 8
  civilians": a part of that claim, not a lower one; so is one victim named without a numeral,
  "Officer Marco Díaz also died", against "two police officers were killed"), and the same
  side: reports whose perpetrators are on different sides (a state's forces, an armed group) are two events ("bandits killed nine"
  and "an air force strike killed six" in one town on one day count 15); a report naming no
  perpetrator joins the one side named that day, and on a day of two sides it is covered by them.
  A place the gazetteer does not know is told apart by its name as written, even where it
  resolved to a known place around it, so two unknown villages stay two incidents (a report naming
  only the known place joins the one such incident of its day; a report placed only in its country
  because its place is unknown joins the country's one incident of the day only when that incident
  was written as the same place: "Kyauk Ka" joins "Kyauk Ka village, Kanbalu Township", "Bomadi LGA"
  stays apart from "Kankara LGA"; a place is told by its own name, before the units it lies in and
  without the kind of place it is: "Argelia, Cauca department" is "Argelia, Cauca", and "Wad
  al-Nourah village" is "the Wad al-Nourah area of Al Jazirah State"), and its figures still count in their country's
  series. A report naming only a country, region, district or township on a day with several incidents
  inside it is **covered by them**, not added ("9 killed in Sagaing Region" the day of "5 in Myinmu
  Township" and "4 in Sagaing Township" is their sum, not a third event; "five civilians killed
  across Ukraine over the past day" the day of a governor's 3 and another's 2 is theirs; a region's
  count no larger than what the incidents inside it claim together is covered even when one of them
  lies at the region's own place: "18 killed in Zamfara State" the day of "11 in Tsafe LGA" and "7 in
  Gusau" is their sum). Within one
  article only competing claims of different sources merge. **Competing claims are never summed**:
  an incident counts its **lowest claim** (the conservative choice, as ACLED codes; a range stated
  in one report, "between 5 and 23 drowned", claims its lower end, 5, not the 14 no one stated;
  a stated minimum is a claim of that many: "at least 131" beside another source's "272" is 131;
  a claim the article says another party **denies or has not confirmed** ("claimed 15 soldiers
  died, which has not been confirmed by any Turkish source", "the military denied the claims") is
  a claim of 0 to its number, `disputed`: the denial is the lowest claim),
  and `low`/`high` span every claim; a later report of the toll **risen** or revised to a number ("the death
  toll from Thursday's shooting rose to 9", "authorities revised the death toll to 14") updates the lower counts of that incident, which are
  then no longer claims of it. The day is the event's start date, else **the article's publication date**;
  a report whose date is open (dated by its publication alone, or a range of up to a week) joins
  the one report of its place dated to an exact day in its window (the three days up to its
  publication, or the range), so "11 villagers were killed" published the day after "killed 11
  villagers on 2 June" is that same incident (a report placed only in its country by a name the
  gazetteer does not know joins the one report of that name in that country: "in Tawori, eastern
  Burkina Faso" is the attack "in Tawori, Est region"). Vague amounts ("dozens") are left out of sums. The place filter includes every unit below the
  place. Periods without reports are absent: no report is not zero deaths.
- **Stocks** (displaced, refugees, detained, missing) and **running totals** ("killed since the
  coup", asked with `cumulative=true`) are **never summed**: a point is the **latest value stated
  in the period**; on that day a revision ("revised its count to 4,627") beats a count, a count
  beats a rounded one ("about 2 million", "nearly"), no claim stands below another's stated
  minimum ("more than 3 million" is not 3,000,000 beside "3,042,000"), and among the rest the
  lowest counts (a range, its lower end). `low`/`high` span the period's figures, and a
  stock may fall. The day is the stated as-of date (or the day its source told it: "UNHCR said
  on 30 April"), else the event's end date, else the publication date. Only figures that
  **cover the place itself** count ("In North Kivu province
  alone, 2.8 million" is North Kivu's stock, "Ukraine's Kharkiv region" Kharkiv's): a region's
  stock is not derived from its townships', a village's stock is not its township's, and a
  figure about a narrower place the gazetteer does not know never stands in for its country's
  total ("Myanmar's central Dry Zone"). A part of a stock at a place of its own ("3 million
  across Myanmar, including 1.1 million in Sagaing Region") is that place's stock; a part by
  kind of people ("including 1.5 million children") is a breakdown only. A stock metric told as
  an event of a day or a recent window ("clashes displaced 40,000 people over the past week",
  "police arrested 30 people on Tuesday") is that event, not a head-count, and never stands for
  the place's stock.
- The same definition serves `/series`, the charts, the views `flow_series_monthly`,
  `stock_series_monthly` and `series_monthly`, the named queries and exports (`series_input` in
  sql/views.sql). Reviewed values are used; rejected figures are left out.
"""

INTERVALS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
TRANSFORMS: tuple[str, ...] = ("diff",)
GROUP_CLASSES: tuple[str, ...] = ("civilians", "children", "state_forces", "non_state_armed_group", "unknown")

Interval = Literal["day", "week", "month", "quarter", "year"]


class SeriesPoint(msgspec.Struct, kw_only=True):
    """One period of a series."""

    period_start: date          # first day of the period
    period_end: date            # last day of the period (inclusive)
    value: int                  # flows: sum of merged incidents; stocks: latest value in the period
    low: int | None             # lower end of the range across reports
    high: int | None            # upper end of the range across reports
    n_reports: int              # figures behind the point (claims that count, merged reports included)
    n_articles: int             # distinct articles behind the point
    figure_ids: list[str]       # ids of those figures, in id order: all of them, or the first ids_per_point
    change: int | None = None   # transform=diff: value minus the previous point's value (None for the first)
    as_of: date | None = None   # the latest date behind the point (stocks: the date the value stood at)
    n_incidents: int = 0        # flows: incidents summed (reports of one event merged); stocks: figures
    figure_ids_truncated: bool = False  # figure_ids holds fewer than the n_reports figures (ids_per_point)
    figures_url: str | None = None      # the API: every figure of the point, paged (GET /api/v1/series/figures)


class Series(msgspec.Struct, kw_only=True):
    """A time series of one metric and place at one dataset version."""

    metric: str
    kind: Literal["flow", "stock"]   # the metric's kind (service.metrics)
    cumulative: bool                 # True: running totals of a flow metric (treated as a stock)
    interval: str
    place: str | None
    version: int                     # dataset version the series was computed at
    points: list[SeriesPoint]
    semantics: Literal["sum_of_incidents", "latest_value"] = "sum_of_incidents"
    group_class: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    transform: str | None = None
    place_name: str | None = None


def period_start(day: date, interval: str) -> date:
    """The first day of the period `day` falls in (period_of in Python: weeks start on Monday)."""
    if interval == "day":
        return day
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


@lru_cache(maxsize=1 << 14)  # every point of an answer asks it: a few hundred per /series
def period_end(start: date, interval: str) -> date:
    """The last day of the period that begins on `start` (the calendar's last day at most: the
    period of 9999-12-27 ends with 9999-12-31)."""
    if interval == "day":
        return start
    if interval == "week":
        return start + timedelta(days=6) if start <= date.max - timedelta(days=6) else date.max
    months = {"month": 1, "quarter": 3, "year": 12}[interval]
    y, m = divmod(start.month - 1 + months, 12)
    if start.year + y > date.max.year:
        return date.max
    return date(start.year + y, m + 1, 1) - timedelta(days=1)


def _widened() -> tuple[pl.Expr, pl.Expr]:
    """A figure's (low, high) widened to include its value (a bound may be missing)."""
    value = pl.col("value")
    return pl.min_horizontal(pl.col("low").fill_null(value), value), pl.max_horizontal(pl.col("high").fill_null(value), value)


def _with_incidents(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows with each flow incident's merged report computed once: `inc_value`, its
    conservative (lowest) value, `inc_low`/`inc_high`, the range across its reports, and `rep`
    marking one report per incident (the first) to count it by. Which reports are one incident is
    decided in SQL (series_input in sql/views.sql), so that the views and named queries count the
    same; series filters keep or drop whole incidents (place, day, group class, synthetic), so a
    series sums these per period instead of grouping reports by incident on every call."""
    rows = frame.with_row_index("_row")
    inc = pl.when(pl.col("incident").is_not_null())
    low, high = _widened()
    return rows.with_columns(
        inc.then(pl.col("value")).min().over("incident").alias("inc_value"),
        inc.then(low).min().over("incident").alias("inc_low"),
        inc.then(high).max().over("incident").alias("inc_high"),
        (inc.then(pl.col("_row")).min().over("incident") == pl.col("_row")).fill_null(False).alias("rep"),
    ).drop("_row")


class _Rows:
    """Series input rows of one metric (one quarter of them: _Metric), sorted by place_path, with an
    index of where each path's rows start: a place's rows (the place and every unit below it) are
    contiguous, so a series takes them as a zero-copy slice found by bisecting the few distinct paths."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        # every figure id sorts by its key (rows built elsewhere, without keys, sort by string)
        self.keyed = _FID in frame.columns and frame.get_column(_FID).null_count() == 0
        runs = frame.select(pl.col("place_path").rle()).get_column("place_path").struct.unnest()
        ends = list(accumulate(runs.get_column("len").to_list()))
        self.paths: list[str | None] = runs.get_column("value").to_list()
        self.starts = [0, *ends[:-1]] if ends else []
        self.ends = ends
        # nulls sort last: bisect only among the paths before them
        self.n_paths = len(self.paths) - (1 if self.paths and self.paths[-1] is None else 0)
        # a flow's points per period of this block, per (place path, interval, include_synthetic,
        # ids per point), as readers asked for them (_block_points)
        self.points: dict[tuple[str | None, str, bool, int], pl.DataFrame] = {}
        self.points_bytes = 0

    def revalued(self, frame: pl.DataFrame, changed: pl.Series | None = None) -> "_Rows":
        """Rows of `frame`, which holds these rows in the same order with the same places (only
        amounts changed): the index of paths is this one's, not built again. `changed`: the
        positions whose merged amounts (inc_value, inc_low, inc_high) may differ from these rows'
        (None: none); the points per period kept for readers are carried over with their sums
        moved by the difference (_points_revalued), not computed again."""
        out = object.__new__(_Rows)
        out.frame = frame
        out.keyed, out.paths, out.starts, out.ends, out.n_paths = self.keyed, self.paths, self.starts, self.ends, self.n_paths
        out.points = _points_revalued(self, frame, changed)
        out.points_bytes = sum(p.estimated_size() for p in out.points.values())
        return out

    def _range(self, lo_key: str, hi_key: str) -> tuple[int, int]:
        """Rows whose path p has lo_key <= p < hi_key."""
        a = bisect_left(self.paths, lo_key, 0, self.n_paths)
        b = bisect_left(self.paths, hi_key, a, self.n_paths)
        return (self.starts[a], self.ends[b - 1]) if b > a else (0, 0)

    def at(self, path: str | None, *, below_too: bool = True,
           flow_days: tuple[date | None, date | None] | None = None) -> pl.DataFrame:
        """Rows at the place with this path, and below it unless not below_too (no copy).
        (flow_days: see _Metric.at; one frame holds every day.)"""
        if path is None:
            return self.frame
        bare = path.rstrip("/")
        own = self._range(bare, bare + "\0")  # the place itself, its path written without the "/"
        # the place itself with the "/", and every path under it
        rest = self._range(bare + "/", bare + ("/\U0010ffff" if below_too else "/\0"))
        parts = [self.frame.slice(a, b - a) for a, b in (own, rest) if b > a]
        if len(parts) == 2 and own[1] == rest[0]:
            return self.frame.slice(own[0], rest[1] - own[0])
        return pl.concat(parts) if len(parts) > 1 else parts[0] if parts else self.frame.clear()


# Every answer lists the figures behind each point in id order and counts their distinct
# articles, so a region's answer at 5M figures names up to ~400k figures: sorting those ids as
# strings and counting articles by string cost two thirds of the aggregation (profiled: 30 and 38
# of 92 ms for 368k rows). Both are done on integer keys kept with the rows instead: a figure id
# is the first 16 hex digits of an md5 (service/extract/figure.py figure_key), so its value as an
# unsigned integer sorts as the string does; an article id is a categorical (polars' global
# dictionary: the same code in every block and version). An id not of that form has no key, and
# the rows it is in sort by the string (_Rows.keyed).
_FID = "_fid"
_ART = "_art"
_KEYS = (_FID, _ART)


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    if _FID in frame.columns:
        return frame
    fid = pl.col("figure_id")
    return frame.with_columns(
        pl.when(fid.str.contains("^[0-9a-f]{16}$")).then(fid.str.to_integer(base=16, dtype=pl.UInt64, strict=False))
        .alias(_FID),
        pl.col("article_id").cast(pl.Categorical).alias(_ART),
    )


def _prepared(frame: pl.DataFrame, metric: str) -> _Rows:
    """The rows of one metric ready for series: sorted by place, with their incidents for a flow."""
    frame = _keyed(frame).sort("place_path", nulls_last=True)
    if metrics.get(metric).kind == "flow":
        frame = _with_incidents(frame)
    return _Rows(frame.rechunk())


# The in-memory rows are kept in blocks by the quarter of their flow day, the unit a write
# replaces: a write recomputes whole (metric, day) partitions (series_changed.sql), so it copies
# the block those days fall in (~190k rows of a metric at 5M figures over four years), never the
# metric's whole frame. An incident's reports share one flow day, so each block's incidents are
# whole. Readers pay ~0.1 ms a block (a slice each, in one union): at 1M figures /series p50 was
# 4.6 ms with one block, 6.6 ms by quarter and 9.4 ms by month, hence quarters.
BLOCK = "1q"
_BLOCK = "_block"


def _block_end(key: date) -> date:
    """The last flow day of the block that starts on `key` (a quarter: BLOCK)."""
    return period_end(key, "quarter")


def _blocked(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col("flow_day").dt.truncate(BLOCK).alias(_BLOCK))


class _Metric:
    """One metric's series input rows: a block (_Rows, sorted by place_path) per quarter of flow
    day (BLOCK); rows without a flow day form the block keyed None."""

    def __init__(self, blocks: dict[date | None, _Rows], empty: pl.DataFrame) -> None:
        self.blocks = blocks
        self.empty = empty

    @classmethod
    def build(cls, metric: str, frame: pl.DataFrame, empty: pl.DataFrame) -> "_Metric":
        parts = _blocked(frame).partition_by(_BLOCK, as_dict=True, include_key=False)
        return cls({key[0]: _prepared(part, metric) for key, part in parts.items()}, empty)

    @property
    def height(self) -> int:
        return sum(b.frame.height for b in self.blocks.values())

    @property
    def keyed(self) -> bool:
        return all(b.keyed for b in self.blocks.values())

    @property
    def frame(self) -> pl.DataFrame:
        """Every row of the metric (the blocks' frames side by side, not copied)."""
        return self._joined([b.frame for b in self.blocks.values()])

    def at(self, path: str | None, *, below_too: bool = True,
           flow_days: tuple[date | None, date | None] | None = None) -> pl.LazyFrame:
        """Rows at the place with this path, and below it unless not below_too: a union of each
        block's slice, so that a series' filters run on every slice before anything is copied
        (a concatenated frame of many chunks is copied whole by the aggregation). With
        flow_days (first, last; None: open), only the rows whose flow day may be in that range:
        the blocks of the quarters it meets (a flow series of one month reads one block of 16
        at 5M figures, not a slice of each); rows without a flow day are never among them."""
        blocks = self.blocks.values() if flow_days is None else [
            b for key, b in self.blocks.items() if key is not None
            and (flow_days[0] is None or _block_end(key) >= flow_days[0])
            and (flow_days[1] is None or key <= flow_days[1])]
        parts = [p.lazy() for b in blocks if (p := b.at(path, below_too=below_too)).height]
        # in order, not in threads: on two busy cores the threads of a 16-part union cost more than it
        return pl.concat(parts, how="vertical", parallel=False) if parts else self.empty.lazy()

    def _joined(self, parts: list[pl.DataFrame]) -> pl.DataFrame:
        parts = [p for p in parts if p.height]
        return pl.concat(parts, rechunk=False) if len(parts) > 1 else parts[0] if parts else self.empty

    def replaced(self, metric: str, removed: dict[date | None, list[int]], fresh: pl.DataFrame) -> "_Metric":
        """These rows with, in each block, the rows at the positions `removed` (ascending) dropped
        and the rows of `fresh` in that block's quarter put in their place; other blocks are shared."""
        blocks = dict(self.blocks)
        fresh_parts = _blocked(fresh).partition_by(_BLOCK, as_dict=True, include_key=False) if fresh.height else {}
        arriving = {key[0]: part for key, part in fresh_parts.items()}
        for key in set(removed) | set(arriving):
            new = _prepared(arriving[key], metric).frame if key in arriving else self.empty
            old = self.blocks.get(key)
            if old is not None:
                new = _merge_sorted(old.frame, removed.get(key, []), new)
            if new.height:
                blocks[key] = _Rows(new)
            else:
                blocks.pop(key, None)
        return _Metric(blocks, self.empty)


class _Base:
    """sql/service/series_input.sql at one dataset version, split by metric and quarter (_Metric).
    Immutable once built: a write makes a new _Base (sharing the metrics and blocks it did not
    touch) and swaps it in, so a reader holding this one keeps a whole version."""

    def __init__(self, version: int, by_metric: dict[str, _Metric], empty: pl.DataFrame) -> None:
        self.version = version
        self.empty = empty  # every column a series may ask for, no rows
        self.by_metric = by_metric

    @classmethod
    def build(cls, version: int, frame: pl.DataFrame) -> "_Base":
        empty = _with_incidents(_keyed(frame.clear()))
        by_metric = {str(key[0]): _Metric.build(str(key[0]), part, empty)
                     for key, part in frame.partition_by("metric", as_dict=True).items()}
        return cls(version, by_metric, empty)

    @property
    def height(self) -> int:
        return sum(r.height for r in self.by_metric.values())

    def rows(self, metric: str) -> _Metric:
        return self.by_metric.get(metric) or _Metric({}, self.empty)

    def spliced(self, version: int, removed: dict[str, dict[date | None, list[int]]], fresh: pl.DataFrame,
                metrics_touched: set[str]) -> "_Base":
        """This base at `version`: per metric and block, the rows at the positions `removed`
        dropped and `fresh` (the rows of the figures they held at `version`, whole (metric, day)
        partitions) put in their place, sorted as before."""
        by_metric = dict(self.by_metric)
        for metric in sorted(metrics_touched | set(fresh.get_column("metric").unique().to_list())):
            old = self.by_metric.get(metric) or _Metric({}, self.empty)
            new = old.replaced(metric, removed.get(metric, {}), fresh.filter(pl.col("metric") == metric))
            if new.blocks:
                by_metric[metric] = new
            else:
                by_metric.pop(metric, None)
        return _Base(version, by_metric, self.empty)


def _merge_sorted(old: pl.DataFrame, removed: list[int], fresh: pl.DataFrame) -> pl.DataFrame:
    """`old` (sorted by place_path, nulls last) without the rows at the positions `removed`
    (ascending), and each row of `fresh` (sorted the same way) before the first kept row whose
    place_path is not smaller (rows without a path last), in one stable sort on the position each
    row should take: one copy of the block, whatever the number of rows that change."""
    kept = old.filter(~pl.int_range(old.height, eager=True).is_in(pl.Series(removed, dtype=pl.Int64).implode())) \
        if removed else old
    if not fresh.height:
        return kept.rechunk()
    paths = kept.get_column("place_path")
    n_nonnull = kept.height - paths.null_count()
    fresh_paths = fresh.get_column("place_path")
    n_fresh = fresh.height - fresh_paths.null_count()
    # a kept row i sorts at 2i + 1; a fresh row at 2p, p the kept row it goes before; after all
    # kept rows when it has no path
    at = (paths.slice(0, n_nonnull).search_sorted(fresh_paths.slice(0, n_fresh), side="left").cast(pl.Int64) * 2
          if n_fresh else pl.Series([], dtype=pl.Int64))
    tail = pl.Series([2 * kept.height + 2] * (fresh.height - n_fresh), dtype=pl.Int64)
    order = pl.concat([pl.int_range(kept.height, eager=True, dtype=pl.Int64) * 2 + 1, at, tail])
    return (pl.concat([kept, fresh.select(kept.columns)]).with_columns(order.alias("_order"))
            .sort("_order", maintain_order=True).drop("_order"))


# One in-memory base per store: a /series call slices a sorted frame instead of applying reviews
# to every figure again. Readers take whatever base is there (the last complete version) and
# never wait: after a write, the writing thread recomputes only the (metric, day) partitions the
# write touched (series_input over the figures of those days alone) and swaps a new base in (one
# reference assignment). Answers about other versions (as_of_version) read their rows from the
# database.
_bases: "weakref.WeakKeyDictionary[Store, _Base]" = weakref.WeakKeyDictionary()
_base_locks: "weakref.WeakKeyDictionary[Store, threading.Lock]" = weakref.WeakKeyDictionary()
_registry_lock = threading.Lock()

# A write touching more rows than this (or than this share of the base) rebuilds the base whole.
SPLICE_MAX_ROWS = 200_000
SPLICE_MAX_SHARE = 0.25


def _input(cur: duckdb.DuckDBPyConnection, version: int, metric: str | None) -> pl.DataFrame:
    return cur.execute(sqlfiles.load("service/series_input"), {"version": version, "metric": metric}).pl()


# An open date reaches at most seven days from the day it is filed under (sql/views.sql
# series_input): a report dated by its publication alone may take any of the three days up to it,
# one dated by a range of up to a week any day of the range.
REACH = 7


def _near_blocks(days: pl.Series) -> set[date]:
    """The blocks (BLOCK) of these days and of every day within REACH of them: where a figure filed
    under one of these days may sit in the rows kept in memory."""
    if not days.len():
        return set()
    near = pl.concat([days + timedelta(days=k) for k in (-REACH, 0, REACH)])
    return set(near.dt.truncate(BLOCK).unique().to_list())


def _reach(days: set[date], windows: list[tuple[date, date]]) -> set[date]:
    """These days, and every day of each open report's window (open_from, open_to) that holds one
    of them: the report may sit in any day of its window, and which it takes depends on the
    exact-day reports of every day of it (series_input's homes)."""
    ordered = sorted(days)
    out = set(days)
    for first, last in windows:
        i = bisect_left(ordered, first)
        if i < len(ordered) and ordered[i] <= last:
            out.update(first + timedelta(days=k) for k in range((last - first).days + 1))
    return out


def _open_windows(cur: duckdb.DuckDBPyConnection, version: int,
                  days: dict[str, set[date]]) -> dict[str, list[tuple[date, date]]]:
    """Per metric, the windows (open_from, open_to) of the reports at `version` whose date is open
    and whose window may meet a day within REACH of one of `days` (sql/service/series_open.sql):
    those that _reach needs, twice over, to widen `days` to the partitions a write changes and then
    to the days those partitions are computed from."""
    wanted = {d + timedelta(days=k) for ds in days.values() for d in ds for k in range(-2 * REACH, 2 * REACH + 1)}
    metrics = sorted(days)
    if not wanted or not metrics:
        return {}
    cur.register("series_part_days", pl.DataFrame({"day": sorted(wanted)}, schema={"day": pl.Date}).to_arrow())
    cur.register("series_part_metrics", pl.DataFrame({"metric": metrics}, schema={"metric": pl.String}).to_arrow())
    try:
        cur.execute(sqlfiles.load("service/series_open_view"))
        rows = cur.execute(sqlfiles.load("service/series_open"), {"version": version}).fetchall()
    finally:
        for name in ("series_part_days", "series_part_metrics"):
            cur.unregister(name)
    out: dict[str, list[tuple[date, date]]] = {}
    for metric, first, last in set(rows):
        if first is not None and last is not None:
            out.setdefault(metric, []).append((first, last))
    return out


def _partitions(cur: duckdb.DuckDBPyConnection, version: int, parts: pl.DataFrame,
                keyed: pl.DataFrame, inputs: pl.DataFrame) -> pl.DataFrame:
    """series_input rows at `version` of the (metric, flow_day) partitions `parts`, whole, computed
    from the figures filed under the (metric, flow_day) pairs `inputs` alone (read from storage by
    their days, sql/service/series_part_view.sql: `inputs` must hold every day the rows of `parts`
    depend on, _reach), and the rows without a flow day of the figures `keyed` (figure_id, metric:
    looked up by key)."""
    inputs = inputs.select("metric", pl.col("flow_day").cast(pl.Date).alias("day")).unique().sort("metric", "day")
    days = inputs.get_column("day").unique().sort()
    metrics = pl.concat([parts.get_column("metric"), keyed.get_column("metric")]).unique().sort()
    key_ids = keyed.get_column("figure_id").unique()
    cur.register("series_part_days", inputs.to_arrow())
    cur.register("series_part_metrics", pl.DataFrame({"metric": metrics}, schema={"metric": pl.String}).to_arrow())
    cur.register("series_part_ids", pl.DataFrame({"figure_id": key_ids}, schema={"figure_id": pl.String}).to_arrow())
    try:
        cur.execute(sqlfiles.load("service/series_part_view"))
        rows = cur.execute(sqlfiles.load("service/series_partitions"),
                           {"version": version, "days": days.to_list(), "metrics": metrics.to_list()}).pl()
    finally:
        for name in ("series_part_days", "series_part_metrics", "series_part_ids"):
            cur.unregister(name)
    wanted = parts.select("metric", pl.col("flow_day").cast(rows.schema["flow_day"]))
    return pl.concat([
        rows.join(wanted, on=["metric", "flow_day"], how="semi"),
        rows.filter(pl.col("flow_day").is_null() & pl.col("figure_id").is_in(key_ids.implode())),
    ])


def _store_lock(store: Store) -> threading.Lock:
    with _registry_lock:
        return _base_locks.setdefault(store, threading.Lock())


def _current_base(store: Store) -> _Base:
    """The store's base, built at the current version the first time anyone asks."""
    base = _bases.get(store)
    if base is not None:
        return base
    with _store_lock(store):  # one thread builds; the others wait for it rather than build again
        base = _bases.get(store)
        if base is None:
            with store.read() as cur:
                base = _Base.build(current_version(cur), _input(cur, current_version(cur), None))
            _bases[store] = base
            if _after_commit not in store.after_commit:
                store.after_commit.append(_after_commit)
    return base


_AMOUNTS = ("value", "low", "high")
# Reviews changing more figures than this at once are spliced as any write is (_advanced).
REVALUED_MAX_IDS = 1000
_INCIDENT_COLUMNS = ("inc_value", "inc_low", "inc_high", "rep")


def _positions(column: pl.Series, values: list[Any], *, as_mask: bool = False) -> pl.Series:
    """The positions of `column` holding one of `values` (as_mask: the mask itself). One value is
    compared directly: ~5x faster than is_in over a 190k-row block, which a review pays per block."""
    mask = column == values[0] if len(values) == 1 else column.is_in(pl.Series(values, dtype=column.dtype).implode())
    return mask if as_mask else mask.arg_true()


def _amounts_set(frame: pl.DataFrame, hits: pl.Series, amounts: dict[str, tuple[Any, Any, Any]]
                 ) -> tuple[pl.DataFrame, pl.Series | None]:
    """`frame` with the value, low and high of the rows at the positions `hits` set from `amounts`
    (figure_id: (value, low, high)) and, for a flow, the merged amounts of the incidents those
    rows are in recomputed over those incidents' rows alone (_with_incidents' inc_value, inc_low,
    inc_high; `rep`, one report per incident by position, does not depend on amounts). What a
    review costs follows the incidents it touches, not the block: the other columns are shared,
    and an incident's rows are looked for among the rows of its flow day only (an incident is
    formed within one day: comparing its long key with every row of a quarter block cost ~8 ms
    at 5M figures). Returns the frame and the positions of the rows whose merged amounts were
    recomputed (None: none)."""
    got = [amounts[i] for i in frame.get_column("figure_id").gather(hits).to_list()]
    frame = frame.with_columns(
        frame.get_column(c).clone().scatter(hits, pl.Series([g[k] for g in got], dtype=frame.schema[c]))
        for k, c in enumerate(_AMOUNTS))
    if "inc_value" not in frame.columns:
        return frame, None
    hit = [(i, d) for i, d in zip(frame.get_column("incident").gather(hits).to_list(),
                                  frame.get_column("flow_day").gather(hits).to_list()) if i is not None]
    if not hit:
        return frame, None
    incidents = sorted({i for i, _ in hit})
    days = {d for _, d in hit}
    if None in days:  # (never: an incident has a day) every row is a candidate then
        near = pl.int_range(frame.height, eager=True, dtype=pl.UInt32)
    else:
        near = _positions(frame.get_column("flow_day"), sorted(days))
    at = near.filter(_positions(frame.get_column("incident").gather(near), incidents, as_mask=True))
    low, high = _widened()
    merged = frame.select(pl.col("incident", *_AMOUNTS).gather(at)).select(
        pl.col("value").min().over("incident").alias("inc_value"),
        low.min().over("incident").alias("inc_low"),
        high.max().over("incident").alias("inc_high"),
    )
    return frame.with_columns(
        frame.get_column(c).clone().scatter(at, merged.get_column(c).cast(frame.schema[c]))
        for c in ("inc_value", "inc_low", "inc_high")), at


# The columns of a figure's row series_revalued.sql reads (its `new`), with their SQL types: a
# review's write hands the row it read to the update after its commit (_revalued's `known`).
_KNOWN = {"qualifier": "VARCHAR", "value": "BIGINT", "low": "BIGINT", "high": "BIGINT", "metric": "VARCHAR",
          "event_date_start": "DATE", "disputed": "BOOLEAN"}


def _revalued(cur: duckdb.DuckDBPyConnection, base: _Base, version: int,
              known: dict[str, dict[str, Any]] | None = None) -> _Base | None:
    """`base` at `version` when the writes since were reviews that changed nothing of the figures
    they reviewed but their amounts (sql/service/series_revalued.sql: a review correcting a value,
    a confirmation): their rows' value, low and high set, and the merged amounts of the incidents
    they are in recomputed (_amounts_set); else None. Costs two small queries (the reviews since,
    series_reviews_only.sql; those figures looked up by key at `version` and their reviews in
    force at both versions, series_revalued.sql), a search of the blocks of their days by integer
    key, and new amount columns for those blocks (the other columns and the index of places are
    shared): not a recompute of the blocks, whose window functions over ~190k rows at 5M figures
    took the CPU readers need (~0.1 s of 0.22 s per review), nor series_changed.sql, which a
    review does not need (~10 ms at 5M). `known`: the figures' rows at `version` (figure_id: row
    as GET /figures gives it) as the one write since `base` read them inside it (a review's,
    writes.record_review_read); then series_reviews_only.sql is not run and series_revalued.sql
    takes their amounts, metric and start from them instead of reading figures_as_of() again (the
    reviews in force are still read: whether anything but amounts is set is decided there)."""
    if known is not None and version == base.version + 1:
        # the one write since `base` was a review that read its figure's row inside it
        # (writes.record_review_read): the reviews since need not be asked for, nor the row again
        listed = sorted(known)
        params: dict[str, Any] = {}
        for n, fid in enumerate(listed):
            row = known[fid]
            params.update({f"id{n}": fid, **{f"k{n}_{c}": row[c] for c in _KNOWN}})
        new = " UNION ALL ".join(
            "SELECT " + ", ".join(f"CAST($k{n}_{c} AS {t}) AS {c}" for c, t in _KNOWN.items()) + f", $id{n} AS figure_id"
            for n in range(len(listed)))  # placeholders only
    else:
        known = None
        reviews_only, named = cur.execute(sqlfiles.load("service/series_reviews_only"),
                                          {"old": base.version, "new": version}).fetchone()
        listed = sorted(set(named or ()))
        params = {f"id{n}": v for n, v in enumerate(listed)}
        if not reviews_only or not listed or len(listed) > REVALUED_MAX_IDS:
            return None
    sql = sqlfiles.load("service/series_revalued")
    if known is not None:
        sql = re.sub(r"(-- new:begin\n).*?(\n\s*-- new:end)", lambda m: m.group(1) + new + m.group(2), sql,
                     count=1, flags=re.DOTALL)
    sql = sql.replace("__IDS__", ", ".join(f"$id{n}" for n in range(len(listed))))  # placeholders only
    ids = pl.Series("figure_id", listed, dtype=pl.String)
    found_rows = cur.execute(sql, {"old": base.version, "new": version, **params}).fetchall()
    if len(found_rows) != len(listed) or not all(row[6] for row in found_rows):
        return None
    amounts = {row[0]: (row[1], row[2], row[3]) for row in found_rows}
    # where each figure's row is kept: the blocks of its metric near its start date (its flow day
    # is that day or, the date open, within REACH of it), any block of its metric without one
    near: dict[str, set[date | None]] = {}
    for _, _, _, _, metric, start, _ in found_rows:
        kept = base.by_metric.get(metric)
        if kept is None:
            return None
        where = near.setdefault(metric, {None})
        if start is None:
            where.update(kept.blocks)
        else:
            day = start if isinstance(start, date) else date.fromisoformat(str(start)[:10])
            where.update(period_start(day + timedelta(days=k), "quarter") for k in (-REACH, 0, REACH))
    # searched by integer key where every id has one (a fraction of the time of comparing strings)
    keys = ids.str.to_integer(base=16, dtype=pl.UInt64, strict=False).to_list() \
        if ids.str.contains("^[0-9a-f]{16}$").all() else None
    by_metric = dict(base.by_metric)
    found = 0
    for m in sorted(near):
        blocks = dict(base.by_metric[m].blocks)
        for key in near[m] & set(blocks):
            rows = blocks[key]
            frame = rows.frame
            hits = _positions(frame.get_column(_FID), keys) if keys is not None and rows.keyed \
                else _positions(frame.get_column("figure_id"), listed)
            if not hits.len():
                continue
            found += hits.len()
            blocks[key] = rows.revalued(*_amounts_set(frame, hits, amounts))
        by_metric[m] = _Metric(blocks, base.empty)
    if found != len(listed):  # every current figure has one row; anything else is left to a recompute
        return None
    return _Base(version, by_metric, base.empty)


def _advanced(cur: duckdb.DuckDBPyConnection, base: _Base, version: int,
              known: dict[str, dict[str, Any]] | None = None) -> _Base:
    """`base` brought to `version` by recomputing the partitions the writes since touched
    (`known`: as in _revalued)."""
    revalued = _revalued(cur, base, version, known)
    if revalued is not None:
        return revalued
    changed = cur.execute(sqlfiles.load("service/series_changed"), {"old": base.version, "new": version}).pl()
    changed_ids = changed.get_column("figure_id").unique()
    limit = min(SPLICE_MAX_ROWS, max(1000, int(base.height * SPLICE_MAX_SHARE)))
    if changed_ids.len() > limit:
        return _Base.build(version, _input(cur, version, None))
    wanted = changed_ids.implode()
    # A changed figure's row in memory has its stored or a reviewed metric and a day series_changed
    # names for it (its event start or publication day) or, its date open, one within REACH of it,
    # so only the blocks of those metrics and quarters (and the block of rows without a day) are
    # searched for it.
    days = changed.filter(pl.col("flow_day").is_not_null()).select("metric", pl.col("flow_day").cast(pl.Date))
    hits_at: dict[str, dict[date | None, pl.Series]] = {}
    touched: dict[str, set[date]] = {}
    for m, day in days.unique().iter_rows():
        touched.setdefault(m, set()).add(day)
    for m in sorted(set(changed.get_column("metric").to_list()) & set(base.by_metric)):
        blocks = base.by_metric[m].blocks
        for key in (_near_blocks(days.filter(pl.col("metric") == m).get_column("flow_day")) | {None}) & set(blocks):
            frame = blocks[key].frame
            hits = frame.get_column("figure_id").is_in(wanted).arg_true()
            if hits.len():
                hits_at.setdefault(m, {})[key] = hits
                # the days the changed figures sit in now, besides those they are filed under after
                touched.setdefault(m, set()).update(frame.get_column("flow_day").gather(hits).drop_nulls().to_list())
    # The (metric, day) partitions whose rows may change: those days, and the windows of the open
    # reports that reach them (such a report may move between the days of its window, as the
    # exact-day reports in it change); they are recomputed whole (incidents form within one metric
    # and flow day) from the figures of their days and of the windows that reach those (_reach
    # again), and replace the rows they held. With no open report near, that is the changed
    # figures' own days alone.
    windows = _open_windows(cur, version, touched)
    parts_of = {m: _reach(ds, windows.get(m, [])) for m, ds in touched.items()}
    # (per metric: the figures of another metric's days are not read)
    inputs = [(m, d) for m, ds in parts_of.items() for d in _reach(ds, windows.get(m, []))]
    removed: dict[str, dict[date | None, list[int]]] = {}
    n_removed = 0
    for m in sorted((set(parts_of) | set(hits_at)) & set(base.by_metric)):
        blocks = base.by_metric[m].blocks
        own = pl.Series(sorted(parts_of.get(m, ())), dtype=pl.Date)
        keys = set(own.dt.truncate(BLOCK).unique().to_list()) | set(hits_at.get(m, {}))
        for key in keys & set(blocks):
            frame = blocks[key].frame
            in_days = frame.get_column("flow_day").is_in(own.implode()).arg_true()
            hits = hits_at.get(m, {}).get(key)
            rows = (pl.concat([hits, in_days]) if hits is not None else in_days).unique().sort()
            if rows.len():
                removed.setdefault(m, {})[key] = rows.to_list()
                n_removed += rows.len()
    if n_removed > limit:
        return _Base.build(version, _input(cur, version, None))
    parts = pl.DataFrame([(m, d) for m, ds in parts_of.items() for d in ds],
                         schema={"metric": pl.String, "flow_day": pl.Date}, orient="row")
    # the changed figures that may have no flow day (their article has no publication date): by key
    undated = changed.filter(pl.col("flow_day").is_null()).select("figure_id", "metric")
    fresh = _partitions(cur, version, parts, undated,
                        pl.DataFrame(inputs, schema={"metric": pl.String, "flow_day": pl.Date}, orient="row"))
    return base.spliced(version, removed, fresh, set(changed.get_column("metric").to_list()))


def advance(store: Store, *, committed: int | None = None, notes: dict[str, Any] | None = None) -> bool:
    """Bring the store's base (when it has one) to the current version, off the request path:
    readers keep answering from the previous base until the new one is swapped in. Returns whether
    it moved. `notes`: what the write that committed as version `committed` said of itself
    (Store.write's after-commit notes), used when that write is the one step to the current
    version."""
    if _bases.get(store) is None:
        return False  # nobody asked for a series yet: nothing to keep current
    with _store_lock(store):  # one updater at a time; it brings the base to whatever is current
        base = _bases.get(store)
        if base is None:
            return False
        with store.read() as cur:
            version = current_version(cur)
            if base.version >= version:
                return False
            known = (notes or {}).get("reviewed") if committed == version else None
            _bases[store] = _advanced(cur, base, version, known)
    return True


def _after_commit(store: Store, version: int, notes: dict[str, Any]) -> None:
    # Runs in the writing thread after its commit (service.store.db.Store.write): the writer
    # waits for the new base, so its caller reads its own write; readers do not wait.
    advance(store, committed=version, notes=notes)


def _metric_rows(store: Store, cur: duckdb.DuckDBPyConnection, version: int, metric: str) -> _Rows | _Metric:
    """The series input rows of `metric` at `version`."""
    base = _bases.get(store)
    if base is not None and base.version == version:
        return base.rows(metric)
    return _prepared(_input(cur, version, metric), metric)


# Places are reference data, fixed while a store is open (migrations rebuild them at open):
# their rows are remembered per store, so a series at the current version needs no query.
_place_rows: "weakref.WeakKeyDictionary[Store, dict[str, dict[str, Any]]]" = weakref.WeakKeyDictionary()


def _place_row(store: Store, code: str | None) -> dict[str, Any] | None:
    if code is None:
        return None
    known = _place_rows.setdefault(store, {})
    row = known.get(code)
    if row is None:
        with store.read() as cur:
            row = resolve_place(cur, code)  # an unknown code raises NotFound: nothing to remember
        if row is not None and len(known) < 100_000:
            known[code] = row
    return row


def warm(store: Store) -> bool:
    """Bring the in-memory series rows to the current version if series were asked before and a
    write moved the version (writes in this process do it as they commit; this catches up
    anything else, in the background). Returns whether it moved."""
    return advance(store)


def _input_rows(store: Store, as_of_version: int | None, metric: str) -> tuple[int, _Rows | _Metric]:
    """(version, rows): the series input rows of `metric` at `as_of_version` (None: the latest
    complete version in memory, which may trail a write being applied by a moment; the answer
    says its version). In-memory rows are immutable: they need no database round trip at all."""
    base = _bases.get(store) if as_of_version is not None else _current_base(store)
    if base is not None and as_of_version in (None, base.version):
        return base.version, base.rows(metric)
    with store.read() as cur:
        version = resolve_version(cur, as_of_version)
        return version, _metric_rows(store, cur, version, metric)


def figure_rows(store: Store, *, metric: str, version: int, figure_ids: list[str]) -> pl.DataFrame:
    """The series input rows of these figures of `metric` at `version` (figure_id, article_id,
    article_revision, value, flow_day, stock_day...): what a chart ranks its report markers and
    counts its sources with, read from the in-memory copy when `version` is the current one."""
    _, rows = _input_rows(store, version, metric)
    wanted = pl.DataFrame({"figure_id": figure_ids}, schema={"figure_id": pl.String})
    return rows.frame.join(wanted, on="figure_id", how="semi").drop(*_KEYS, strict=False)


# date_trunc's periods in polars' words (weeks start on Monday, as ISO weeks do).
_TRUNCATE = {"day": "1d", "week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}


def period_of(day: pl.Expr, interval: str) -> pl.Expr:
    """The first day of the `interval` period each day falls in."""
    return day.dt.truncate(_TRUNCATE[interval])


_POINT = ["period_start", "value", "low", "high", "n_reports", "n_articles", "as_of", "n_incidents"]


def _point_columns(ids_per_point: int | None) -> list[str]:
    return _POINT if ids_per_point == 0 else [*_POINT, "figure_ids"]


def _bounded(rows: pl.LazyFrame, day: str, interval: str, date_from: date | None, date_to: date | None) -> pl.LazyFrame:
    """Rows with a day in [date_from, date_to], their range widened to include the value, and their period."""
    keep = [pl.col(day).is_not_null()]
    if date_from is not None:
        keep.append(pl.col(day) >= date_from)
    if date_to is not None:
        keep.append(pl.col(day) <= date_to)
    low, high = _widened()
    return rows.filter(*keep).with_columns(
        low=low,
        high=high,
        day=pl.col(day),
        period_start=period_of(pl.col(day), interval),
    )


def _references(keyed: bool, ids_per_point: int | None) -> list[pl.Expr]:
    """Per period: the figures behind the point (all of their ids, or the first ids_per_point in
    id order: a bottom-k, not a sort of them all; none at 0), their articles, incidents and the
    latest day."""
    articles = pl.col(_ART) if keyed else pl.col("article_id")
    out = [pl.len().alias("n_reports"), articles.n_unique().alias("n_articles"), pl.col("day").max().alias("as_of")]
    if ids_per_point is None:
        out.append((pl.col("figure_id").sort_by(_FID) if keyed else pl.col("figure_id").sort()).alias("figure_ids"))
    elif ids_per_point > 0:
        # keyed: the smallest keys alone (half the time of carrying the strings along), written
        # back as the ids they are (_ids_of)
        first = pl.col(_FID).bottom_k(ids_per_point) if keyed else pl.col("figure_id").bottom_k(ids_per_point)
        out.append(first.sort().alias("figure_ids"))
    return out


def _ids_of(listed: list[Any], keyed: bool) -> list[str]:
    """A point's figure ids from what _references listed: a keyed id is its key in 16 hex digits."""
    return [f"{k:016x}" for k in listed] if keyed and listed and not isinstance(listed[0], str) else list(listed)


def _flow_rows(rows: pl.DataFrame | pl.LazyFrame, where: list[pl.Expr], interval: str, date_from: date | None,
               date_to: date | None, keyed: bool, ids_per_point: int | None = None) -> pl.DataFrame:
    """Flows: repeated reports of one incident (metric, place, day, group class) merged first (the
    lowest value counts once, the range spans every report: see _with_incidents), then incidents
    summed per period. Running totals and vague amounts are left out."""
    f = _bounded(rows.lazy().filter(*where, pl.col("incident").is_not_null()), "flow_day", interval, date_from, date_to)
    once = pl.col("rep")
    return f.group_by("period_start").agg(
        pl.col("inc_value").filter(once).sum().alias("value"),
        pl.col("inc_low").filter(once).sum().alias("low"),
        pl.col("inc_high").filter(once).sum().alias("high"),
        *_references(keyed, ids_per_point),
        once.sum().alias("n_incidents"),
    ).sort("period_start").select(_point_columns(ids_per_point)).collect()


def _stock_rows(rows: pl.DataFrame | pl.LazyFrame, where: list[pl.Expr], interval: str, date_from: date | None,
                date_to: date | None, keyed: bool, ids_per_point: int | None = None) -> pl.DataFrame:
    """Stocks and running totals, never summed: the latest value stated in the period (ties at that
    day: a revision, else a count, else a rounded one, never one below another's stated minimum;
    then the lowest, conservative one), with the range across the period's figures."""
    f = _bounded(rows.lazy().filter(*where, pl.col("counted")), "stock_day", interval, date_from, date_to)
    # the last day's claims ranked as series_input's stock_rank says (3: below another claim's
    # stated minimum that day at that place); the point is the lowest value of the best rank
    f = f.with_columns(last=pl.col("day") == pl.col("day").max().over("period_start"))
    f = f.with_columns(rank=pl.when(pl.col("value") < pl.when(pl.col("last")).then(pl.col("stated_min"))
                                    .max().over("period_start", "place_code")).then(3)
                       .otherwise(pl.col("stock_rank")))
    last = pl.col("last")
    return f.group_by("period_start").agg(
        pl.col("value").filter(last & (pl.col("rank") == pl.col("rank").filter(last).min())).min(),
        pl.col("low").min(), pl.col("high").max(), *_references(keyed, ids_per_point), pl.len().alias("n_incidents"),
    ).sort("period_start").select(_point_columns(ids_per_point)).collect()


# A flow series of the common shape (a metric, a place or none, an interval, a date range, the
# first ids of each point: no group class) is answered from points kept per block: for each block
# (a quarter of flow days) and (place path, interval, include_synthetic, ids per point) asked, the
# block's points per period, computed once from the place's slice of the block the first time a
# reader asks (_block_points) and kept with the block, which is immutable. A reader then sums a
# few small rows per period instead of aggregating the place's rows (at 5M figures a region's
# ~190k rows: p50 44 ms, p99 150-330 ms with 4 readers on 2 cores). Everything a point holds
# combines over a partition of its rows: sums (value, low, high, reports, incidents), the latest
# day, the first ids (the first k of the first k of each part) and the articles (a period that
# reaches past its block, a week or a year, keeps its articles' codes, so that the distinct
# articles of its parts are counted once). A period the date range cuts (at most two per answer)
# is summed from the points of its days in the range (day points keep their articles' codes). A
# review changing amounts only (_revalued) carries a
# block's points over, their sums moved by the difference in the merged amounts of the incidents
# it recomputed (_points_revalued); any other write makes new blocks, without points.
POINTS = True              # False: every flow series aggregated from its rows (tests compare the two)
POINTS_MAX_IDS = 1000      # ids_per_point above this: aggregated from the rows (lists too long to keep)
POINTS_MAX_BYTES = 8 << 20  # points kept per block, in bytes (the oldest asked go first)
_points_lock = threading.Lock()


def _under(place_path: str | None, path: str | None) -> bool:
    """Whether a row at `place_path` is in _Rows.at(path) (below_too)."""
    if path is None:
        return True
    bare = path.rstrip("/")
    return place_path is not None and (place_path == bare or place_path.startswith(bare + "/"))


def _block_points(blocks: list[tuple[date, _Rows]], path: str | None, interval: str, include_synthetic: bool,
                  k: int) -> list[pl.DataFrame]:
    """For each (key, rows) block, the flow points per period of its rows at `path` (and below):
    what _flow_rows aggregates, with `fids` (the first k ids, as strings: a keyed id is 16
    lower-case hex digits, so they sort as their keys do) and `arts` (the codes of its articles)
    for a period reaching past the block and for every day (a range that cuts a period sums its
    days), empty otherwise. Those not kept yet are computed in one query (a reader's first
    series of a place reads its slice of every block, as the rows' aggregation does) and kept."""
    name = (path, interval, include_synthetic, k)
    found = [rows.points.get(name) for _, rows in blocks]
    missing = [(i, key, sliced) for i, ((key, rows), got) in enumerate(zip(blocks, found))
               if got is None for sliced in [rows.at(path)]]
    if not missing:
        return found  # type: ignore[return-value]
    keep = [~pl.col("vague"), pl.col("incident").is_not_null(), pl.col("flow_day").is_not_null()]
    if not include_synthetic:
        keep.append(~pl.col("synthetic"))
    start = period_of(pl.col("flow_day"), interval)
    if interval in ("year", "day"):
        edge = pl.lit(True)
    elif interval == "week":  # a week that began in the quarter before, or ends in the next
        edge = (start < pl.col("_blk")) | (start > pl.col("_blk").dt.offset_by("3mo") - pl.duration(days=7))
    else:
        edge = pl.lit(False)  # a month or quarter lies in one quarter
    once = pl.col("rep")
    lazies = [f.lazy().with_columns(pl.lit(key, dtype=pl.Date).alias("_blk")) for _, key, f in missing if f.height]
    sliced = pl.concat(lazies, how="vertical", parallel=False) if lazies else blocks[0][1].frame.clear().lazy() \
        .with_columns(pl.lit(None, dtype=pl.Date).alias("_blk"))
    computed = sliced.filter(*keep).with_columns(period_start=start).with_columns(_edge=edge) \
        .group_by("_blk", "period_start").agg(
        pl.col("inc_value").filter(once).sum().alias("value"),
        pl.col("inc_low").filter(once).sum().alias("low"),
        pl.col("inc_high").filter(once).sum().alias("high"),
        pl.len().alias("n_reports"),
        pl.col(_ART).n_unique().alias("n_articles"),
        pl.col("flow_day").max().alias("as_of"),
        once.sum().alias("n_incidents"),
        (pl.col("figure_id").bottom_k_by(_FID, k) if k else pl.col("figure_id").head(0)).sort().alias("fids"),
        pl.col(_ART).to_physical().filter(pl.col("_edge")).unique().alias("arts"),
    ).sort("_blk", "period_start").collect()
    by_block = computed.partition_by("_blk", as_dict=True, include_key=False) if computed.height else {}
    empty = computed.drop("_blk").clear()
    for i, key, _ in missing:
        out = by_block.get((key,), empty)
        found[i] = out
        rows = blocks[i][1]
        size = out.estimated_size()
        with _points_lock:
            while rows.points and rows.points_bytes + size > POINTS_MAX_BYTES:
                rows.points_bytes -= rows.points.pop(next(iter(rows.points))).estimated_size()
            if size <= POINTS_MAX_BYTES:
                rows.points[name] = out
                rows.points_bytes += size
    return found  # type: ignore[return-value]


def _points_revalued(old: _Rows, frame: pl.DataFrame, changed: pl.Series | None) -> dict:
    """The points kept with `old` for `frame`, the same rows with the merged amounts at the
    positions `changed` recomputed (reports, articles, ids and days are the same): each kept
    point's value, low and high moved by the difference of its incidents' merged amounts."""
    with _points_lock:  # readers of the old rows may be adding to them
        kept = dict(old.points)
    if not kept or changed is None or not changed.len():
        return kept
    amounts = ("inc_value", "inc_low", "inc_high")
    was = old.frame.select(pl.col("place_path", "flow_day", "synthetic", "vague", "rep", "incident", *amounts).gather(changed))
    now = frame.select(pl.col(*amounts).gather(changed))
    moved = was.with_columns(
        (now.get_column(c).cast(pl.Int64).fill_null(0) - pl.col(c).cast(pl.Int64).fill_null(0)).alias(f"d_{c}")
        for c in amounts
    ).filter(pl.col("rep") & pl.col("incident").is_not_null() & ~pl.col("vague") & pl.col("flow_day").is_not_null()
             & ((pl.col("d_inc_value") != 0) | (pl.col("d_inc_low") != 0) | (pl.col("d_inc_high") != 0)))
    if not moved.height:
        return kept
    deltas = moved.select("place_path", "flow_day", "synthetic", "d_inc_value", "d_inc_low", "d_inc_high").rows()
    out = {}
    for (path, interval, include_synthetic, k), points in kept.items():
        bumps: dict[date, list[int]] = {}
        for place_path, day, synthetic, dv, dl, dh in deltas:
            if (synthetic and not include_synthetic) or not _under(place_path, path):
                continue
            acc = bumps.setdefault(period_start(day, interval), [0, 0, 0])
            acc[0] += dv
            acc[1] += dl
            acc[2] += dh
        if bumps:
            by = pl.DataFrame([(d, *v) for d, v in bumps.items()], orient="row",
                              schema={"period_start": pl.Date, "_dv": pl.Int64, "_dl": pl.Int64, "_dh": pl.Int64})
            points = points.join(by, on="period_start", how="left").with_columns(
                (pl.col(c).cast(pl.Int64) + pl.col(d).fill_null(0)).cast(points.schema[c]).alias(c)
                for c, d in (("value", "_dv"), ("low", "_dl"), ("high", "_dh"))
            ).select(points.columns)
        out[(path, interval, include_synthetic, k)] = points
    return out


# The columns of a kept point (_block_points) a reader's answer takes, in its row's order
_KEPT = ("period_start", "value", "low", "high", "n_reports", "n_articles", "as_of", "n_incidents")
# One kept point as a reader holds it: the _KEPT values, its first ids (None when k is 0), and the
# frame and position it came from (its articles' codes are read from there only when needed)
_Kept = tuple[Any, ...]


def _kept_rows(points: pl.DataFrame, lo: date | None, hi: date | None, k: int,
               start: date | None = None) -> list[_Kept]:
    """The rows of one block's kept points whose period starts in [lo, hi] (None: open), as
    Python values, with `start` as their period start when given (a cut period's days). A
    block's points are sorted by period start, so the rows are found by bisecting it and only
    those are converted: no polars query (a reader's series() was ~8 of them, ~1 ms of fixed cost
    on a few hundred rows)."""
    starts = points.get_column("period_start").to_list()
    a = 0 if lo is None else bisect_left(starts, lo)
    b = len(starts) if hi is None else bisect_right(starts, hi)
    if b <= a:
        return []
    n = b - a
    columns = [points.get_column(c).slice(a, n).to_list() for c in _KEPT]
    if start is not None:
        columns[0] = [start] * n
    fids = points.get_column("fids").slice(a, n).to_list() if k else [None] * n
    return [(*row, ids, (points, a + j)) for j, (row, ids) in enumerate(zip(zip(*columns), fids))]


def _summed(parts: list[_Kept], k: int) -> tuple[Any, ...]:
    """One point from the kept points of its parts (a period across blocks, a cut period's days),
    as the rows' aggregation counts it: sums, the latest day, the articles counted once across
    parts (from their codes), the first k ids of all."""
    codes: set[int | None] = set()
    for p in parts:
        points, i = p[9]
        codes.update(points.get_column("arts")[i].to_list())
    codes.discard(None)
    point = (parts[0][0], *(sum(p[c] for p in parts if p[c] is not None) for c in (1, 2, 3, 4)), len(codes),
             max((p[6] for p in parts if p[6] is not None), default=None), sum(p[7] for p in parts))
    if k:  # each part's ids are sorted, none null (_block_points): a merge's first k are the first k of all
        point += (list(islice(heapq.merge(*(p[8] for p in parts)), k)),)
    return point


def _flow_points(found: _Metric, path: str | None, interval: str, date_from: date | None,
                 date_to: date | None, include_synthetic: bool, k: int) -> list[tuple[Any, ...]]:
    """What _flow_rows answers (keyed rows, the first k ids) as rows of (period_start, value, low,
    high, n_reports, n_articles, as_of, n_incidents[, figure ids]) in period order, from the
    blocks' points (_block_points): those of the periods wholly in [date_from, date_to] as they
    are, and the one or two periods the range cuts summed from the points of their days in it."""
    if date_from is not None and date_to is not None and date_from > date_to:
        return []
    cut: list[tuple[date, date, date]] = []  # (first, last day, period start) of each period the range cuts
    first_whole = date_from is None or period_start(date_from, interval) == date_from
    if not first_whole:
        p = period_start(date_from, interval)
        cut.append((date_from, min(period_end(p, interval), date_to or date.max), p))
    last = period_start(date_to, interval) if date_to is not None else None
    last_whole = last is None or period_end(last, interval) == date_to
    if not last_whole and (first_whole or last != cut[0][2]):
        cut.append((last if date_from is None else max(last, date_from), date_to, last))
    # whole periods: those starting from date_from (a cut first period starts before it) to the
    # last one, or to the day before it when the range cuts it
    whole_to = last if last is None or last_whole else last - timedelta(days=1)

    def meets(key: date | None, lo: date | None, hi: date | None) -> bool:
        return key is not None and (lo is None or _block_end(key) >= lo) and (hi is None or key <= hi)

    rows: list[_Kept] = []
    for points in _block_points([(key, b) for key, b in found.blocks.items() if meets(key, date_from, date_to)],
                                path, interval, include_synthetic, k):
        if points.height:
            rows += _kept_rows(points, date_from, whole_to, k)
    for lo, hi, start in cut:
        for points in _block_points([(key, b) for key, b in found.blocks.items() if meets(key, lo, hi)],
                                    path, "day", include_synthetic, k):
            if points.height:
                rows += _kept_rows(points, lo, hi, k, start)
    by_period: dict[date, list[_Kept]] = {}
    for row in rows:  # periods in several blocks and cut periods' days have several rows
        by_period.setdefault(row[0], []).append(row)
    # a period in one row is that row: the rows' aggregation of one part gives its own sums (a
    # kept low or high is a sum, never null), latest day, articles and first ids
    width = 9 if k else 8
    return [parts[0][:width] if len(parts) == 1 else _summed(parts, k)
            for parts in (by_period[start] for start in sorted(by_period))]


def series(
    store: Store,
    *,
    metric: str,
    place: str | None = None,
    interval: str = "month",
    group_class: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    as_of_version: int | None = None,
    transform: str | None = None,
    cumulative: bool | None = None,
    include_synthetic: bool = False,
    ids_per_point: int | None = None,
) -> Series:
    """The series of `metric` at `place` (and every unit below it, for flows).

    cumulative: for flow metrics, False/None = incident figures (summed), True = running totals
    (latest value); for stock metrics, None = every figure, True/False = only (non-)cumulative ones.
    Synthetic (benchmark) figures are left out unless include_synthetic.
    ids_per_point: None = every figure id behind each point; N = the first N (in id order), with
    figure_ids_truncated set where the point has more (0: none).
    Raises QueryError naming the parameter for anything invalid.
    """
    if ids_per_point is not None and ids_per_point < 0:
        raise QueryError("ids_per_point", f"ids_per_point {ids_per_point} is negative", "0 or more")
    try:
        m = metrics.get(metric)
    except KeyError:
        raise QueryError("metric", f"unknown metric {metric!r}", ", ".join(metrics.NAMES)) from None
    if interval not in INTERVALS:
        raise QueryError("interval", f"unknown interval {interval!r}", ", ".join(INTERVALS))
    if transform is not None and transform not in TRANSFORMS:
        raise QueryError("transform", f"unknown transform {transform!r}", ", ".join(TRANSFORMS))
    if group_class is not None and group_class not in GROUP_CLASSES:
        raise QueryError("group_class", f"unknown group class {group_class!r}", ", ".join(GROUP_CLASSES))
    # date_from after date_to is an empty range: the series has no points (not an error).
    summed = m.kind == "flow" and not cumulative
    version, found = _input_rows(store, as_of_version, m.name)
    row = _place_row(store, place)
    # a stock counts the place itself only, a flow every unit below it too
    # a flow's day is its flow day: only the blocks of the days asked for are read
    common = [pl.col("metric") == m.name, ~pl.col("vague")]
    if not include_synthetic:
        common.append(~pl.col("synthetic"))
    if group_class is not None:
        common.append(pl.col("group_class") == group_class)
    if summed and POINTS and group_class is None and isinstance(found, _Metric) and ids_per_point is not None \
            and ids_per_point <= POINTS_MAX_IDS and found.keyed:
        per_period = _flow_points(found, row["path"] if row else None, interval, date_from, date_to,
                                  include_synthetic, ids_per_point)
    elif summed:
        rows = found.at(row["path"] if row else None, below_too=summed,
                        flow_days=(date_from, date_to) if summed else None)
        per_period = _flow_rows(rows, common, interval, date_from, date_to, found.keyed, ids_per_point)
    else:
        if row is not None:
            common.append(pl.col("place_code") == row["code"])  # the place itself, not its sub-units
        selected = cumulative if m.kind == "stock" else True
        if selected is not None:
            common.append(pl.col("cumulative") == selected)
        rows = found.at(row["path"] if row else None, below_too=summed,
                        flow_days=(date_from, date_to) if summed else None)
        per_period = _stock_rows(rows, common, interval, date_from, date_to, found.keyed, ids_per_point)
    keyed = found.keyed
    points = [
        SeriesPoint(period_start=start, period_end=period_end(start, interval), value=int(value),
                    low=None if low is None else int(low), high=None if high is None else int(high),
                    n_reports=int(n_reports), n_articles=int(n_articles), figure_ids=ids, as_of=as_of,
                    n_incidents=int(n_incidents), figure_ids_truncated=len(ids) < n_reports)
        for start, value, low, high, n_reports, n_articles, as_of, n_incidents, *more in (
            per_period if isinstance(per_period, list) else per_period.iter_rows())
        for ids in [_ids_of(more[0], keyed) if more else []]
    ]
    if transform == "diff":
        previous: int | None = None
        for p in points:
            p.change = None if previous is None else p.value - previous
            previous = p.value
    return Series(
        metric=m.name, kind=m.kind, cumulative=bool(cumulative),
        interval=interval, place=place, version=version, points=points,
        semantics="sum_of_incidents" if summed else "latest_value", group_class=group_class,
        date_from=date_from, date_to=date_to, transform=transform, place_name=row["name"] if row else None,
    )


def point_figure_ids(store: Store, *, period_start: date, metric: str, interval: str = "month",
                     date_from: date | None = None, date_to: date | None = None, as_of_version: int | None = None,
                     **filters: Any) -> tuple[int, list[str]]:
    """(version, ids): every figure behind the point of series(metric, interval, date_from,
    date_to, **filters) that starts on `period_start`, in id order: the same rows, restricted to
    the days the point covers (those of its period within date_from..date_to), so exactly the
    ids the point lists when it lists them all, n_reports of them ([] when there is no such point).
    Any day of a period names its point ("2024-03-17" by month is the point of 2024-03-01)."""
    if interval in INTERVALS:
        period_start = pl.select(period_of(pl.lit(period_start), interval)).item()
    last = period_end(period_start, interval) if interval in INTERVALS else period_start
    lo = period_start if date_from is None else max(date_from, period_start)
    hi = last if date_to is None else min(date_to, last)
    found = series(store, metric=metric, interval=interval, date_from=lo, date_to=hi,
                   as_of_version=as_of_version, **filters)
    ids = next((p.figure_ids for p in found.points if p.period_start == period_start), [])
    return found.version, ids
