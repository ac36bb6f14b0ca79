"""Server-rendered HTML: the chart embed page, the home page and the article page.

Plain functions returning strings (no template engine: the pages are small). Every value that
comes from articles, figures or the request is escaped with `e()`; links to publishers are
only ever http(s). Figures travel to the browser inside <script type="application/json"> with
<, > and & escaped, so no text can close the script element. Scripts are static files, so
the Content-Security-Policy can forbid inline script.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import msgspec

from service import metrics
from service.charts.data import ChartData, Report
from service.charts.figure import NOTE, subtitle_text, title_text
from service.charts.meta import ChartMetadata
from service.charts.params import GROUP_CLASSES, INTERVALS
from service.web import assets


def e(value: object) -> str:
    """HTML-escape text for element content and quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None (no javascript:, data: ... links from articles)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def script_json(obj: Any) -> str:
    """JSON safe inside <script type="application/json">: no </script>, no <!--, no & entities."""
    raw = msgspec.json.encode(obj).decode()
    return (
        raw.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def article_href(article_id: str, fragment: str | None = None) -> str:
    """Link to humstat's page of an article (optionally to a figure on it)."""
    return f"/articles/{quote(article_id, safe='')}" + (f"#{fragment}" if fragment else "")


def _head(title: str, *, extra: str = "", body_class: str = "") -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'  # no /favicon.ico request (and no 404)
        f'<link rel="stylesheet" href="{assets.url("humstat.css")}">\n{extra}</head>\n'
        f'<body class="{e(body_class)}">\n'
    )


def _plot_scripts(figure: dict[str, Any]) -> str:
    return (
        f'<script id="figure-data" type="application/json">{script_json(figure)}</script>\n'
        f'<script src="{assets.plotly_url()}"></script>\n'
        f'<script src="{assets.url("chart.js")}"></script>\n'
    )


def iframe_snippet(url: str, title: str, height: int = 600) -> str:
    """The <iframe> code a reader pastes into a report or web page."""
    return (
        f'<iframe src="{e(url)}" title="{e(title)}" loading="lazy" '
        f'style="width: 100%; height: {height}px; border: 0;" allowfullscreen></iframe>'
    )


# ---------------------------------------------------------------------------------------------
# The chart embed page (GET /charts/{metric}?format=html)
# ---------------------------------------------------------------------------------------------


def _sources_list(data: ChartData, limit: int = 50) -> str:
    items = []
    for s in data.sources[:limit]:
        url = safe_url(s.url)
        name = e(s.title or s.article_id)
        link = (
            f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer nofollow">{name}</a>'
            if url
            else name
        )
        when = f", {e(s.published.isoformat())}" if s.published else ""
        items.append(
            f"<li>{link} — {e(s.publisher or 'unknown publisher')}{when} "
            f'(<a href="{e(article_href(s.article_id))}" target="_blank">{s.figures} '
            f"figure{'s' if s.figures != 1 else ''} at their spans</a>)</li>"
        )
    more = (
        f"<li>… and {len(data.sources) - limit} more: see the metadata.</li>"
        if len(data.sources) > limit
        else ""
    )
    return (
        f'<ol class="sources">{"".join(items)}{more}</ol>' if items else "<p>No sources: no figures yet.</p>"
    )


def chart_page(data: ChartData, figure: dict[str, Any], meta: ChartMetadata, *, links: dict[str, str]) -> str:
    """A self-contained page for an <iframe>: the chart, its note, sources, downloads, embed codes."""
    title = title_text(data)
    live_snippet = iframe_snippet(meta.live_url, title)
    pinned_snippet = iframe_snippet(meta.pinned_url, title)
    downloads = " · ".join(
        f'<a href="{e(href)}" download>{e(label)}</a>'
        if label != "Metadata (JSON)"
        else f'<a href="{e(href)}" target="_blank">{e(label)}</a>'
        for label, href in links.items()
    )
    pinned_note = (
        f"This chart is pinned to dataset version {data.version}: it will never change."
        if data.pinned
        else f"Live: updates as humstat reads more articles (now dataset version {data.version})."
    )
    return (
        _head(
            f"{title} – humstat",
            extra=(
                f'<link rel="canonical" href="{e(meta.pinned_url if data.pinned else meta.live_url)}">\n'
                f'<meta name="description" content="{e(subtitle_text(data))}">\n'
            ),
            body_class=f"embed theme-{data.params.theme}",
        )
        + '<main class="chart-frame">\n'
        f'<div id="chart" class="chart" role="img" aria-label="{e(title)}. {e(subtitle_text(data))}"></div>\n'
        f"<noscript><p>{e(title)}: this chart needs JavaScript; "
        f'<a href="{e(links.get("PNG", "#"))}">see it as an image</a>.</p></noscript>\n'
        '<footer class="chart-footer">\n'
        '<div class="tabs">\n'
        f"<details><summary>Sources ({len(data.sources)})</summary>{_sources_list(data)}"
        f'<p class="cite"><b>Cite:</b> {e(meta.citation)}</p></details>\n'
        f"<details><summary>Download</summary><p>{downloads}</p></details>\n"
        '<details class="embed-codes"><summary>Embed</summary>\n'
        f"<p>{e(pinned_note)}</p>\n"
        '<label>Live chart (follows new data)<textarea readonly rows="3" id="embed-live">'
        f"{e(live_snippet)}</textarea></label>\n"
        f"<label>Pinned to dataset version {data.version} (never changes)"
        f'<textarea readonly rows="3" id="embed-pinned">{e(pinned_snippet)}</textarea></label>\n'
        f'<p><a href="{e(meta.pinned_url)}" target="_blank">Open the pinned chart</a></p>\n'
        "</details>\n"
        f'<span class="status-line">{e(pinned_note)}</span>\n</div>\n</footer>\n</main>\n'
        + _plot_scripts(figure)
        + "</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------
# The home page (GET /)
# ---------------------------------------------------------------------------------------------


@dataclass
class PlaceOption:
    code: str
    name: str
    level: str
    figures: int


def _options(values: Iterable[tuple[str, str]], selected: str | None) -> str:
    return "".join(
        f'<option value="{e(v)}"{" selected" if v == selected else ""}>{e(label)}</option>'
        for v, label in values
    )


STATUS_LABEL = {
    "confirmed": "confirmed",
    "corrected": "corrected",
    "rejected": "rejected",
    "unreviewed": "not reviewed",
}


_ROLE_LABEL = {
    "counted": "counted", "merged": "merged into its incident (not added)", "latest": "the point's value",
    "in range": "in the point's range", "restates": "restates", "part of": "part of",
}


def _role(r: Report) -> str:
    label = e(_ROLE_LABEL.get(r.role, r.role))
    if r.counts is not None and r.counts != r.value:
        label += f" as {r.counts:,} ({'denied or not confirmed by another party' if r.disputed else 'the lower end of its range'})"
    if r.related_to:
        label += f' <a href="#row-{e(r.related_to)}">{e(r.related_to)}</a> (not added)'
    return f'<span class="role role-{e(r.role.replace(" ", "-"))}">{label}</span>'


def _figures_table(reports: Sequence[Report], related: Sequence[Report] = ()) -> str:
    if not reports:
        return '<p class="empty">No figures match this selection.</p>'
    rows = []
    for r in [*reports, *related]:
        written = r.number_text or str(r.value)
        bounds = ""
        if r.low is not None and r.high is not None and (r.low, r.high) != (r.value, r.value):
            bounds = f"<br><small>{r.low:,}–{r.high:,}</small>"
        elif r.low is not None and r.high is None and r.low != r.value:
            bounds = f"<br><small>≥ {r.low:,}</small>"
        elif r.high is not None and r.low is None and r.high != r.value:
            bounds = f"<br><small>≤ {r.high:,}</small>"
        rows.append(
            f'<tr id="row-{e(r.figure_id)}">'
            f'<td class="date">{_time(r.date)}</td>'
            f'<td class="num">{r.value:,}{bounds}</td>'
            f"<td>{e(written)}</td>"
            f"<td>{e(r.place_name or '')}</td>"
            f"<td>{e((r.group_text or r.group_class).replace('_', ' '))}</td>"
            f"<td>{e(r.publisher or '')}</td>"
            f'<td><a href="{e(article_href(r.article_id, "fig-" + r.figure_id))}">'
            f"{e(r.article_title or r.article_id)}</a></td>"
            f'<td><span class="status status-{e(r.review_status)}">'
            f"{e(STATUS_LABEL.get(r.review_status, r.review_status))}</span></td>"
            f"<td>{_role(r)}</td>"
            f'<td class="quote">“{e(r.quote)}”</td></tr>'
        )
    return (
        '<table class="figures"><thead><tr><th>Date</th><th>Value</th><th>As written</th><th>Place</th>'
        "<th>Who</th><th>Publisher</th><th>Article</th><th>Review</th><th>In the total</th><th>Quote</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def home_page(
    data: ChartData,
    figure: dict[str, Any],
    meta: ChartMetadata,
    *,
    places: Sequence[PlaceOption],
    counts: dict[str, int],
    chart_links: dict[str, str],
) -> str:
    """Pick a metric and a place; see the chart and the figures behind it."""
    p = data.params
    metric_opts = _options(((m.name, f"{m.label} ({m.kind})") for m in metrics.METRICS), p.metric)
    place_values = [("", "All places")] + [
        (pl.code, f"{'  ' * _depth(pl.level)}{pl.name} ({pl.figures})") for pl in places
    ]
    if p.place and p.place not in {pl.code for pl in places}:
        place_values.append((p.place, data.place_name or p.place))
    place_opts = _options(place_values, p.place or "")
    interval_opts = _options(((i, i) for i in INTERVALS), p.interval)
    group_opts = _options(
        [("", "everyone")] + [(g, g.replace("_", " ")) for g in GROUP_CLASSES], p.group_class or ""
    )
    links = " · ".join(f'<a href="{e(href)}">{e(label)}</a>' for label, href in chart_links.items())
    body = (
        '<header class="site"><h1><a href="/">humstat</a></h1>'
        "<p>Humanitarian figures read from news articles, each with its source. "
        f"Dataset version {counts.get('version', 0)}: {counts.get('figures', 0):,} figures from "
        f'{counts.get("articles", 0):,} articles. <a href="/schema">API</a></p></header>\n'
        '<main class="home">\n'
        '<form class="pick" method="get" action="/">'
        f'<label>Metric <select name="metric">{metric_opts}</select></label>'
        f'<label>Place <select name="place">{place_opts}</select></label>'
        f'<label>Per <select name="interval">{interval_opts}</select></label>'
        f'<label>Who <select name="group_class">{group_opts}</select></label>'
        f'<label>From <input type="date" name="date_from" value="{e(_iso(p.date_from))}"></label>'
        f'<label>To <input type="date" name="date_to" value="{e(_iso(p.date_to))}"></label>'
        '<button type="submit">Show</button></form>\n'
        f'<section class="chart-box"><div id="chart" class="chart" role="img" '
        f'aria-label="{e(title_text(data))}"></div>'
        f'<p class="chart-links">{links}</p></section>\n'
        f"<section><h2>{_behind(data)}</h2>"
        f'<p class="note">{e(NOTE)} Rejected figures are left out; open an article to see every figure '
        "it holds, highlighted where the text states it.</p>"
        f"{_figures_table(data.reports, data.related)}</section>\n"
        "</main>\n"
    )
    return (
        _head(f"{title_text(data)} – humstat", body_class="site-page")
        + body
        + _plot_scripts(figure)
        + "</body>\n</html>\n"
    )


def _behind(data: ChartData) -> str:
    n = len(data.reports)
    if data.reports_per_period is None:
        return f"The {n:,} figure{'s' if n != 1 else ''} behind this chart"
    return (
        f"{n:,} of the {data.reports_total:,} figures behind this chart (the largest "
        f"{data.reports_per_period} per {data.params.interval}; the API lists them all)"
    )


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _depth(level: str) -> int:
    return {"country": 0, "admin1": 1, "district": 2, "township": 3}.get(level, 4)


# ---------------------------------------------------------------------------------------------
# The article page (GET /articles/{id})
# ---------------------------------------------------------------------------------------------


def highlight(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """The text as HTML with <mark> over every span (start, end, figure id, css class).

    Spans may overlap or nest: the text is cut at every span boundary and each piece is marked
    with all the figures covering it, so every character of every span is highlighted once.
    The first piece of each figure carries id="span-<figure id>" to link to.
    """
    n = len(text)
    clean = [(max(0, min(s, n)), max(0, min(t, n)), fid, cls) for s, t, fid, cls in spans if t > s]
    cuts = sorted({0, n, *(s for s, _, _, _ in clean), *(t for _, t, _, _ in clean)})
    out: list[str] = []
    anchored: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        covering = [(fid, cls) for s, t, fid, cls in clean if s <= a and b <= t]
        if not covering:
            out.append(e(piece))
            continue
        ids = [fid for fid, _ in covering]
        classes = sorted({cls for _, cls in covering} | ({"overlap"} if len(covering) > 1 else set()))
        anchor = ""
        new = [fid for fid in ids if fid not in anchored]
        if new:
            anchor = f' id="span-{e(new[0])}"'
            anchored.add(new[0])
            for fid in new[1:]:  # nested spans starting at the same point still get an anchor
                out.append(f'<span id="span-{e(fid)}"></span>')
                anchored.add(fid)
        out.append(
            f'<mark{anchor} class="{e(" ".join(classes))}" data-figures="{e(" ".join(ids))}">'
            f'<a href="#fig-{e(ids[0])}">{e(piece)}</a></mark>'
        )
    return "".join(out)


def _fig_value(f: dict[str, Any]) -> str:
    value = f"{f['value']:,}"
    if f["review_status"] == "corrected" and f.get("corrected_value") is not None:
        value = f"<s>{value}</s> {f['corrected_value']:,}"
    return value


def _time(day: date | str | None) -> str:
    """A date as a <time> element: the CSS keeps it on one line (a browser breaks ISO dates at
    their hyphens when a table column is narrow)."""
    if not day:
        return ""
    iso = day.isoformat() if isinstance(day, date) else str(day)
    return f'<time datetime="{e(iso)}">{e(iso)}</time>'


def _fig_date(f: dict[str, Any]) -> str:
    """The figure's date cell (HTML): 'as of <date>', a day, or a range that may wrap only at its dash."""
    start, end, as_of = f.get("event_date_start"), f.get("event_date_end"), f.get("as_of")
    if as_of:
        return f"as of {_time(as_of)}"
    if start and end and end != start:
        return f"{_time(start)} – {_time(end)}"
    return _time(start)


_RELATION_LABEL = {"restates": "restates", "part_of": "part of", "adds_to": "adds to"}


def _relation_note(f: dict[str, Any]) -> str:
    """How the figure relates to another of the article (only independent claims are counted in a
    series); the related figure is linked by its row."""
    bits = []
    if f.get("implied"):
        bits.append("<br>count implied by a noun phrase")
    if (f.get("cause") or "conflict") != "conflict":
        bits.append(f'<br><span class="cause">{e(f["cause"])}, not counted in conflict series</span>')
    if f.get("disputed"):
        bits.append('<br><span class="disputed">denied or not confirmed by another party: counted as 0 to '
                    f'{e(str(f.get("value")))} in series</span>')
    rel = f.get("relation") or "independent"
    if rel != "independent" and f.get("related_to"):
        bits.append(f'<br><span class="relation">{_RELATION_LABEL.get(rel, e(rel))} '
                    f'<a href="#fig-{e(f["related_to"])}">{e(f["related_to"])}</a>'
                    f"{'' if rel == 'adds_to' else ' (not counted again)'}</span>")
    return "".join(bits)


def article_page(article: dict[str, Any], figures: Sequence[dict[str, Any]]) -> str:
    """An article with every figure highlighted at its exact span, and the figures' table."""
    text: str = article["text"]
    spans = [
        (f["char_start"], f["char_end"], f["figure_id"], f"metric-{f['metric']} status-{f['review_status']}")
        for f in figures
    ]
    rows = []
    for f in figures:
        m = metrics.BY_NAME.get(f["metric"])
        rows.append(
            f'<tr id="fig-{e(f["figure_id"])}" class="status-{e(f["review_status"])}">'
            f'<td><a href="#span-{e(f["figure_id"])}">{e(m.label if m else f["metric"])}</a>'
            f"<br><small>{e(m.kind if m else '')}{', running total' if f['cumulative'] else ''}"
            f"{_relation_note(f)}</small></td>"
            f'<td class="num">{_fig_value(f)}</td>'
            f"<td>{e(f.get('number_text') or '')}{' (vague)' if f['vague'] else ''}</td>"
            f"<td>{e(f.get('place_name') or '')}</td>"
            f'<td class="date">{_fig_date(f)}</td>'
            f"<td>{e(f.get('group_text') or f['group_class'].replace('_', ' '))}</td>"
            f"<td>{e(f.get('claimed_by') or '')}</td>"
            f'<td><span class="status status-{e(f["review_status"])}">'
            f"{e(STATUS_LABEL.get(f['review_status'], f['review_status']))}</span>"
            f"{'<br><small>' + e(f['review_note']) + '</small>' if f.get('review_note') else ''}</td>"
            f"<td><code>{e(f['figure_id'])}</code>"
            f"<br><small>chars {f['char_start']}–{f['char_end']}</small></td>"
            "</tr>"
        )
    url = safe_url(article.get("url"))
    title = article.get("title") or article["article_id"]
    published = article.get("published")
    meta_bits = [e(article.get("source") or "unknown publisher")]
    if published:
        meta_bits.append(e(published.isoformat() if isinstance(published, date) else published))
    if url:
        meta_bits.append(f'<a href="{e(url)}" rel="noopener noreferrer nofollow">original article</a>')
    meta_bits.append(f"revision {e(article.get('revision'))}")
    table = (
        '<table class="figures"><thead><tr><th>Metric</th><th>Value</th><th>As written</th><th>Place</th>'
        "<th>Date</th><th>Who</th><th>Claimed by</th><th>Review</th><th>Figure</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else '<p class="empty">No figures were read from this article.</p>'
    )
    body = (
        '<header class="site"><h1><a href="/">humstat</a></h1></header>\n'
        '<main class="article">\n'
        f'<h2>{e(title)}</h2>\n<p class="byline">{" · ".join(meta_bits)}</p>\n'
        f"<section><h3>{len(figures)} figure{'s' if len(figures) != 1 else ''} read from this article</h3>"
        f'<p class="note">{e(NOTE)} Click a figure to see it in the text; '
        "click highlighted text to see its figure.</p>"
        f"{table}</section>\n"
        f'<section><h3>Text</h3><div class="article-text">{highlight(text, spans)}</div></section>\n'
        "</main>\n"
    )
    return _head(f"{title} – humstat", body_class="site-page") + body + "</body>\n</html>\n"


def query_string(**params: object) -> str:
    """A query string of the non-empty parameters."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})
