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
from datetime import date
from typing import Any

from service.charts.data import ChartData, Report

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

# Plotly's x period per interval, so a bar or point spans (and is centred in) its period.
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


def title_text(data: ChartData) -> str:
    """The chart title: what, where, per what (plain text)."""
    m = data.metric
    label = m.label
    if summed(data):
        return f"{label} {where(data)}, per {INTERVAL_NOUN[data.params.interval]}"
    if data.series.cumulative:
        return f"{label} {where(data)}: running total as reported"
    return f"{label} {where(data)}: reported head-count"


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


def _date_ticks(days: list[str], interval: str, periods: bool) -> dict[str, Any]:
    """Tick spacing and labels that match the interval (months labelled as months, not weeks);
    for sums per period the label sits under the middle of its period, like the bar."""
    if not days or interval in ("day", "week"):
        return {}
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    mode = {"ticklabelmode": "period"} if periods else {}
    if interval == "year" or months > 60:
        return {"dtick": "M12", "tickformat": "%Y", **mode}
    step = 1 if months <= 14 and interval == "month" else 3 if months <= 36 else 6
    return {"dtick": f"M{step}", "tickformat": "%b %Y", **mode}


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
            "x": xs,
            "y": ys,
            "customdata": point_hover,
            "hovertemplate": hover,
            "marker": {"color": theme["bar"]},
            **xperiod,
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
                "x": [r.date.isoformat() if r.date else None for r in data.reports],
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
            **_date_ticks(xs + [r.date.isoformat() for r in data.reports if r.date], interval, is_sum),
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
