"""The Plotly figure of a chart, built as a plain dict (fast: no plotly.graph_objects validation).

What it shows: the series (bars for summed flows, a line for stocks and running totals) with
its low-high range, one marker per report (hover: publisher, date, the number as written,
the quote, review status), a title that says flow or stock, axis titles with units, and a
source note drawn inside the figure so that a copied image still carries its provenance.

Every string that comes from articles or the database is HTML-escaped: Plotly renders a
subset of HTML in titles, hover labels and annotations (and decodes entities for display).
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from typing import Any

from service.charts.data import ChartData, Report
from service.query.series import period_end, period_start

NOTE = "Figures are claims as reported in the news, not verified counts."

THEMES: dict[str, dict[str, str]] = {
    "light": {
        "paper": "#ffffff",
        "plot": "#ffffff",
        "text": "#2d2d2d",
        "muted": "#6b6b6b",
        "grid": "#e4e4e4",
        "line": "#1f5a96",
        "band": "rgba(31,90,150,0.16)",
        "bar": "#4c80b8",
        "report": "#c0392b",
        "hover_bg": "#ffffff",
        "hover_border": "#9a9a9a",
    },
    "dark": {
        "paper": "#17191d",
        "plot": "#17191d",
        "text": "#e8e8e8",
        "muted": "#a8a8a8",
        "grid": "#33363c",
        "line": "#7fb2e5",
        "band": "rgba(127,178,229,0.20)",
        "bar": "#5b8fc7",
        "report": "#ff8a80",
        "hover_bg": "#24272d",
        "hover_border": "#5d6168",
    },
}

DAY_MS = 86_400_000
# The share of its period a bar covers; the rest is the gap to its neighbours. Set as an explicit
# width because Plotly otherwise sizes bars by the closest pair of dates: on sparse data (January
# and the next January) one bar then spans most of a year, and a lone bar has no width at all.
BAR_SHARE = 0.8

# Plotly's x period per interval, so a line's point is centred in its period like a bar.
XPERIOD: dict[str, int | str] = {
    "day": 86_400_000,
    "week": 604_800_000,
    "month": "M1",
    "quarter": "M3",
    "year": "M12",
}
PERIOD_FORMAT: dict[str, str] = {
    "day": "%-d %b %Y",
    "week": "week of %-d %b %Y",
    "month": "%B %Y",
    "quarter": "%b %Y",
    "year": "%Y",
}
INTERVAL_NOUN: dict[str, str] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
}


def esc(value: object) -> str:
    """Text for Plotly's HTML-ish labels: escaped, so untrusted text can never become markup."""
    # Only & < > : Plotly decodes those entities for display but shows &quot; literally, and
    # quotes cannot open markup in label text.
    return html.escape("" if value is None else str(value), quote=False)


def fmt_int(n: int | None) -> str:
    """1,234 (or an en dash for nothing)."""
    return "–" if n is None else f"{n:,}"


def next_period(start: date, interval: str) -> date:
    """The first day of the period after the one that begins on `start`."""
    return period_end(start, interval) + timedelta(days=1)


def period_label(start: date, interval: str) -> str:
    """'March 2023', 'Q1 2023', 'week of 6 Mar 2023'..."""
    if interval == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return start.strftime(PERIOD_FORMAT[interval])


def summed(data: ChartData) -> bool:
    """True when points are sums of incidents (a flow), False for latest values (stock/total)."""
    return data.series.semantics == "sum_of_incidents"


def where(data: ChartData) -> str:
    """'in Sagaing Region' / 'worldwide' for titles."""
    return f"in {data.place_name}" if data.place_name else "in all places"


def shown_periods(data: ChartData) -> tuple[date, date] | None:
    """(first day of the first period, first day after the last period) the chart shows: the
    asked date_from/date_to when given, else the data's; None when there is neither."""
    interval = data.params.interval
    starts = [pt.period_start for pt in data.series.points]
    first = data.params.date_from or (min(starts) if starts else None)
    last = data.params.date_to or (max(starts) if starts else None)
    if first is None or last is None or first > last:  # from after to: an empty chart, no range
        return None
    if starts:  # a point outside the asked range cannot be, but the axis must never cut one off
        first, last = min(first, min(starts)), max(last, max(starts))
    return period_start(first, interval), next_period(period_start(last, interval), interval)


def range_text(data: ChartData) -> str:
    """'Jan 2023 – Feb 2023', '14 Jan 2023', 'Q1 2023': the periods shown ('' for none)."""
    shown = shown_periods(data)
    if shown is None:
        return ""
    interval = data.params.interval
    first, end = shown
    if interval in ("day", "week"):
        a, b = first, end - timedelta(days=1)
        return _day(a) if a == b else f"{_day(a)} – {_day(b)}"
    last = period_start(end - timedelta(days=1), interval)
    fmt = (lambda d: period_label(d, interval)) if interval != "month" else (lambda d: d.strftime("%b %Y"))
    return fmt(first) if first == last else f"{fmt(first)} – {fmt(last)}"


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%b %Y')}"


def title_text(data: ChartData) -> str:
    """The chart title: what, where, per what, when (plain text)."""
    m = data.metric
    label = m.label
    if summed(data):
        head = f"{label} {where(data)}, per {INTERVAL_NOUN[data.params.interval]}"
    elif data.series.cumulative:
        head = f"{label} {where(data)}: running total as reported"
    else:
        head = f"{label} {where(data)}: reported head-count"
    when = range_text(data)
    return f"{head}, {when}" if when else head


def subtitle_text(data: ChartData) -> str:
    """What kind of number this is, so a reader cannot mistake a stock for a flow."""
    m = data.metric
    extra = []
    if data.params.group_class:
        extra.append(f"Only {data.params.group_class.replace('_', ' ')}.")
    if summed(data):
        base = (
            f"Flow: {m.definition.rstrip('.')}, summed per {INTERVAL_NOUN[data.params.interval]} "
            "after merging repeated reports of one incident (the lowest figure counts)."
        )
    elif data.series.cumulative:
        base = (
            f"Running totals of {m.label.lower()} as reported (e.g. “since the coup”): "
            f"the latest stated in each {INTERVAL_NOUN[data.params.interval]}, never summed."
        )
    else:
        base = (
            f"Stock: {m.definition.rstrip('.')}; the latest head-count stated in each "
            f"{INTERVAL_NOUN[data.params.interval]}, never summed across reports; it can fall."
        )
    return " ".join([base, *extra])


def y_title(data: ChartData) -> str:
    """The y axis title with its unit."""
    unit = data.metric.unit
    if summed(data):
        return f"{data.metric.label} ({unit} per {INTERVAL_NOUN[data.params.interval]})"
    return f"{data.metric.label} ({unit}, latest reported)"


def x_title(data: ChartData) -> str:
    """The x axis title: which date places a figure in time."""
    noun = INTERVAL_NOUN[data.params.interval].capitalize()
    if summed(data):
        return f"{noun} of the incident"
    return f"{noun} the count refers to"


def source_note(data: ChartData) -> str:
    """The provenance line drawn inside the figure (plain text, escaped when used)."""
    n = len(data.sources)
    pubs = data.publishers
    shown = ", ".join(pubs[:3]) + (f" and {len(pubs) - 3} more" if len(pubs) > 3 else "")
    when = data.version_created_at.date().isoformat() if data.version_created_at else "—"
    articles = f"{n} news article{'s' if n != 1 else ''}" + (f" ({shown})" if shown else "")
    return f"Source: humstat, from {articles} · dataset version {data.version} of {when}. {NOTE}"


def _wrap(text: str, width: int = 70, max_lines: int = 6) -> str:
    # Greedy word wrap that stops after max_lines: textwrap cost a chart of 600 reports ~10 ms.
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:  # a URL or a long token: cut it where the line ends, as textwrap does
            room = width - len(line) - 1 if line else width
            if room > 0:
                line = f"{line} {word[:room]}" if line else word[:room]
                word = word[room:]
            lines.append(line)
            line = ""
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
        if len(lines) > max_lines:
            break
    if line and len(lines) <= max_lines:
        lines.append(line)
    if not lines:
        lines = [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    return "<br>".join(esc(line) for line in lines)


def _report_hover(r: Report) -> list[str]:
    written = r.number_text or (f"{r.qualifier} {r.value:,}" if r.qualifier else f"{r.value:,}")
    status = {"confirmed": "confirmed by a reviewer", "corrected": "corrected by a reviewer"}.get(
        r.review_status, "not reviewed"
    )
    head = esc(r.publisher or "Unknown publisher")
    when = r.date.isoformat() if r.date else "undated"
    pub = f" (published {r.article_published.isoformat()})" if r.article_published else ""
    claimed = f"<br>According to: {esc(r.claimed_by)}" if r.claimed_by else ""
    place = f" · {esc(r.place_name)}" if r.place_name else ""
    return [
        f"<b>{head}</b>{esc(pub)}",
        f"{esc(when)}{place}",
        f"As written: “{esc(written)}” → {r.value:,}{claimed}",
        _wrap(f"“{r.quote}”"),
        f"Review: {esc(status)} · figure {esc(r.figure_id)}",
    ]


def reports_label(data: ChartData) -> str:
    """Legend of the report markers; says when only the largest per period are drawn."""
    if data.reports_per_period is None:
        return "Individual reports (value as reported)"
    k, noun = data.reports_per_period, INTERVAL_NOUN[data.params.interval]
    return (
        f"Largest {k} report{'s' if k != 1 else ''} per {noun} "
        f"({len(data.reports):,} of {data.reports_total:,} shown)"
    )


def _date_ticks(shown: tuple[date, date] | None, interval: str, periods: bool) -> dict[str, Any]:
    """The x range (whole periods) and fixed tick spacing that match the interval: a daily chart
    is never labelled in hours, months are labelled as months. For sums per period the label sits
    under the middle of its period, like the bar."""
    if shown is None:
        return {}
    first, end = shown
    days = (end - first).days
    # The range is set, not autoscaled: a single period would otherwise get a range of hours
    # (with hour ticks, or none) around its one bar or point.
    span: dict[str, Any] = {"range": [first.isoformat(), end.isoformat()], "autorange": False}
    if interval in ("day", "week") and days <= 120:
        step = 1 if interval == "day" and days <= 16 else 7
        # tick0 on the first period's start, so weekly ticks fall on the series' Mondays.
        ticks = {"tick0": first.isoformat(), "dtick": step * DAY_MS,
                 "tickformat": "%-d %b<br>%Y" if days <= 16 else "%-d %b"}
        same = step == (1 if interval == "day" else 7)
    else:
        months = (end.year - first.year) * 12 + end.month - first.month
        if interval == "year" or months > 60:
            step, fmt = 12, "%Y"
        else:
            step, fmt = (1 if months <= 14 else 3 if months <= 36 else 6), "%b %Y"
            step = max(step, 3) if interval == "quarter" else step
        ticks = {"dtick": f"M{step}", "tickformat": fmt}
        same = step == {"month": 1, "quarter": 3, "year": 12}.get(interval)
    # A label under the middle of its period only when a tick is one period (like the bar above
    # it); a label for several periods stays on its gridline, where that span starts.
    mode = {"ticklabelmode": "period"} if periods and same else {}
    return {**span, **ticks, **mode}


def _middle(start: date, end: date) -> str:
    """The instant halfway through the days start..end (inclusive), as Plotly reads dates."""
    mid = datetime.combine(start, datetime.min.time()) + (timedelta(days=(end - start).days + 1) / 2)
    return mid.isoformat(sep=" ")


def build_figure(data: ChartData) -> dict[str, Any]:
    """The Plotly figure (data + layout) for `data`, as JSON-ready builtins."""
    p = data.params
    theme = THEMES[p.theme]
    points = data.series.points
    is_sum = summed(data)
    # Sums belong to their whole period (bars/points centred in it); a stock's value stood on
    # a day (the latest date behind it), so the line passes through that day.
    xs = [(pt.period_start if is_sum or pt.as_of is None else pt.as_of).isoformat() for pt in points]
    ys = [pt.value for pt in points]
    lows = [pt.low if pt.low is not None else pt.value for pt in points]
    highs = [pt.high if pt.high is not None else pt.value for pt in points]
    interval = p.interval
    kind = p.chart_kind(summed(data))
    label = esc(data.metric.label)
    point_hover = [
        [
            esc(period_label(pt.period_start, interval)),
            fmt_int(pt.low),
            fmt_int(pt.high),
            pt.n_reports,
            pt.n_articles,
            "" if pt.change is None else f"<br>Change: {pt.change:+,}",
        ]
        for pt in points
    ]
    hover = (
        "<b>%{customdata[0]}</b><br>" + label.lower() + ": <b>%{y:,}</b>"
        "<br>Range across reports: %{customdata[1]} – %{customdata[2]}"
        "<br>%{customdata[3]} report(s) in %{customdata[4]} article(s)%{customdata[5]}<extra></extra>"
    )
    xperiod = {"xperiod": XPERIOD[interval], "xperiodalignment": "middle"} if is_sum else {}
    traces: list[dict[str, Any]] = []
    has_range = any(lo != v or hi != v for lo, hi, v in zip(lows, highs, ys))
    series_name = (
        f"{data.metric.label} per {INTERVAL_NOUN[interval]}"
        if is_sum
        else f"{data.metric.label} (latest reported)"
    )
    if kind == "bar":
        bar: dict[str, Any] = {
            "type": "bar",
            "name": series_name,
            "legendrank": 1,
            "y": ys,
            "customdata": point_hover,
            "hovertemplate": hover,
            "marker": {"color": theme["bar"]},
            # Centred in its period and BAR_SHARE of its length wide, whatever the spacing of
            # the other bars (months differ in length, so the widths do too).
            "x": [_middle(pt.period_start, pt.period_end) for pt in points],
            "width": [BAR_SHARE * ((pt.period_end - pt.period_start).days + 1) * DAY_MS for pt in points],
        }
        if has_range:
            bar["error_y"] = {
                "type": "data",
                "symmetric": False,
                "array": [h - v for h, v in zip(highs, ys)],
                "arrayminus": [v - lo for lo, v in zip(lows, ys)],
                "color": theme["muted"],
                "thickness": 1.2,
                "width": 3,
            }
        traces.append(bar)
    else:
        if has_range:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": xs,
                    "y": highs,
                    "line": {"width": 0},
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "name": "high",
                    **xperiod,
                }
            )
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": xs,
                    "y": lows,
                    "line": {"width": 0},
                    "fill": "tonexty",
                    "fillcolor": theme["band"],
                    "hoverinfo": "skip",
                    "legendrank": 2,
                    "name": "Range across reports (low–high)",
                    **xperiod,
                }
            )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": series_name,
                "legendrank": 1,
                "x": xs,
                "y": ys,
                "line": {"color": theme["line"], "width": 2.5},
                "marker": {"size": 6},
                "customdata": point_hover,
                "hovertemplate": hover,
                **xperiod,
            }
        )
    if data.reports:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": reports_label(data),
                "legendrank": 3,
                # Beside sums, a report sits in the middle of its day, like a daily bar (at
                # midnight it would sit on that bar's edge); beside a stock, on the line's day.
                "x": [(_middle(r.date, r.date) if is_sum else r.date.isoformat()) if r.date else None
                      for r in data.reports],
                "y": [r.value for r in data.reports],
                "customdata": [_report_hover(r) for r in data.reports],
                "hovertemplate": (
                    "%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}"
                    "<br><i>%{customdata[3]}</i><br>%{customdata[4]}<extra>Report</extra>"
                ),
                "marker": {
                    "symbol": "circle-open",
                    "size": 8,
                    "color": theme["report"],
                    "line": {"width": 1.6},
                },
            }
        )
    annotations: list[dict[str, Any]] = [
        {
            "text": _wrap(source_note(data), max(50, int(((p.width or 760) - 90) / 6.3)), 3),
            "showarrow": False,
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "xanchor": "left",
            "yanchor": "top",
            "yshift": -52,
            "align": "left",
            "font": {"size": 10.5, "color": theme["muted"]},
        }
    ]
    if not points:
        annotations.append(
            {
                "text": "No figures match this selection yet.",
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 15, "color": theme["muted"]},
            }
        )
    axis = {
        "gridcolor": theme["grid"],
        "linecolor": theme["grid"],
        "zeroline": False,
        "automargin": True,
        "title": {"font": {"size": 12, "color": theme["muted"]}},
        "tickfont": {"color": theme["text"]},
    }
    layout: dict[str, Any] = {
        "title": {
            "text": f"<b>{esc(title_text(data))}</b>",
            "x": 0.01,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
            "font": {"size": 17},
            "subtitle": {
                "text": _wrap(subtitle_text(data), 120, 2),
                "font": {"size": 11.5, "color": theme["muted"]},
            },
        },
        "paper_bgcolor": theme["paper"],
        "plot_bgcolor": theme["plot"],
        "font": {
            "family": "Helvetica Neue, Helvetica, Arial, sans-serif",
            "color": theme["text"],
            "size": 12,
        },
        "xaxis": {
            **axis,
            "type": "date",
            "title": {**axis["title"], "text": esc(x_title(data))},
            "hoverformat": "%-d %b %Y",
            **_date_ticks(shown_periods(data), interval, is_sum),
        },
        "yaxis": {
            **axis,
            "title": {**axis["title"], "text": esc(y_title(data))},
            "rangemode": "tozero",
            "tickformat": ",d",
            "separatethousands": True,
        },
        "legend": {
            "orientation": "h",
            "traceorder": "normal",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": 11},
            "bgcolor": "rgba(0,0,0,0)",
        },
        "margin": {"l": 70, "r": 24, "t": 118, "b": 118},
        "hovermode": "closest",
        "hoverlabel": {
            "bgcolor": theme["hover_bg"],
            "bordercolor": theme["hover_border"],
            "font": {"color": theme["text"], "size": 12},
            "align": "left",
        },
        "bargap": 0.25,
        "annotations": annotations,
        "meta": {
            "humstat": {
                "metric": data.metric.name,
                "place": data.series.place,
                "version": data.version,
                "pinned": data.pinned,
            }
        },
    }
    if p.width:
        layout["width"] = p.width
    if p.height:
        layout["height"] = p.height
    return {"data": traces, "layout": layout}
