"""The parameters every chart form shares, validated once (HTTP-free)."""

from __future__ import annotations

from datetime import date
from typing import Literal
from urllib.parse import urlencode

import msgspec

from service import metrics
from service.query.errors import QueryError

ChartKind = Literal["line", "bar"]
Theme = Literal["light", "dark"]

KINDS: tuple[str, ...] = ("line", "bar")
THEMES: tuple[str, ...] = ("light", "dark")
INTERVALS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
GROUP_CLASSES: tuple[str, ...] = ("civilians", "children", "state_forces", "non_state_armed_group", "unknown")
FORMATS: tuple[str, ...] = ("html", "json", "png", "svg", "csv", "metadata")

DEFAULT_WIDTH = 900
DEFAULT_HEIGHT = 500
MIN_SIZE, MAX_SIZE = 200, 3000


class ChartParams(msgspec.Struct, frozen=True, kw_only=True):
    """What to chart and how. `kind` None means the metric's natural form (bar for flows)."""

    metric: str
    place: str | None = None
    interval: str = "month"
    group_class: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: ChartKind | None = None
    cumulative: bool | None = None
    as_of_version: int | None = None
    width: int | None = None
    height: int | None = None
    theme: Theme = "light"

    def chart_kind(self, summed: bool) -> str:
        """line or bar: as asked, else bar for summed flows (a count per period) and line for
        stocks and running totals (a level that carries on between reports)."""
        if self.kind:
            return self.kind
        return "bar" if summed else "line"

    def query(self, *, pinned_version: int | None = None, **extra: object) -> str:
        """The URL query string that asks for this chart again (pinned to a version if given)."""
        pairs: list[tuple[str, str]] = []
        for name, key in (
            ("place", "place"),
            ("interval", "interval"),
            ("group_class", "group_class"),
            ("cumulative", "cumulative"),
            ("date_from", "date_from"),  # the one documented name (from/to are accepted too)
            ("date_to", "date_to"),
            ("kind", "kind"),
            ("width", "width"),
            ("height", "height"),
        ):
            value = getattr(self, name)
            if value is None or (name == "interval" and value == "month"):
                continue
            if isinstance(value, bool):
                pairs.append((key, "true" if value else "false"))
            else:
                pairs.append((key, value.isoformat() if isinstance(value, date) else str(value)))
        if self.theme != "light":
            pairs.append(("theme", self.theme))
        version = pinned_version if pinned_version is not None else self.as_of_version
        if version is not None:
            pairs.append(("as_of_version", str(version)))
        pairs.extend((k, str(v)) for k, v in extra.items() if v is not None)
        return urlencode(pairs)


def one_of(documented: tuple[str, str | None], alias: tuple[str, str | None]) -> tuple[str, str | None]:
    """(name, value) of a parameter that has a documented name and an accepted alias
    (date_from/from, date_to/to): whichever was given; both with different values is an error."""
    (name, value), (alias_name, alias_value) = documented, alias
    if value and alias_value and value != alias_value:
        raise QueryError(name, f"{name}={value!r} and {alias_name}={alias_value!r} disagree",
                         f"one of them ({name} is the documented name)")
    return (name, value) if value else (alias_name, alias_value)


def make_params(
    metric: str,
    *,
    place: str | None = None,
    interval: str | None = None,
    group_class: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    kind: str | None = None,
    cumulative: bool | None = None,
    as_of_version: int | None = None,
    width: int | None = None,
    height: int | None = None,
    theme: str | None = None,
) -> ChartParams:
    """Validated ChartParams; a bad value raises QueryError naming the parameter and what is valid."""
    try:
        name = metrics.get(metric).name
    except KeyError:
        raise QueryError(
            "metric",
            f"unknown metric {metric!r}",
            ", ".join(metrics.NAMES),
            status=404,
            title="Unknown metric",
        ) from None
    interval = interval or "month"
    if interval not in INTERVALS:
        raise QueryError("interval", f"unknown interval {interval!r}", ", ".join(INTERVALS))
    if group_class is not None and group_class not in GROUP_CLASSES:
        raise QueryError("group_class", f"unknown group class {group_class!r}", ", ".join(GROUP_CLASSES))
    if kind is not None and kind not in KINDS:
        raise QueryError("kind", f"unknown chart kind {kind!r}", ", ".join(KINDS))
    theme = theme or "light"
    if theme not in THEMES:
        raise QueryError("theme", f"unknown theme {theme!r}", ", ".join(THEMES))
    for pname, size in (("width", width), ("height", height)):
        if size is not None and not MIN_SIZE <= size <= MAX_SIZE:
            raise QueryError(pname, f"{pname} {size} is out of range", f"{MIN_SIZE}..{MAX_SIZE} pixels")
    if as_of_version is not None and as_of_version < 1:
        raise QueryError("as_of_version", "dataset versions start at 1", "an integer >= 1")
    return ChartParams(
        metric=name,
        place=place or None,
        interval=interval,
        group_class=group_class,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        cumulative=cumulative,  # type: ignore[arg-type]
        as_of_version=as_of_version,
        width=width,
        height=height,
        theme=theme,
    )  # type: ignore[arg-type]
