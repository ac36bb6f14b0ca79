"""The metric registry: the one definition of every humanitarian figure humstat extracts."""
from __future__ import annotations

from typing import Literal

import msgspec

Kind = Literal["flow", "stock"]


class Metric(msgspec.Struct, frozen=True):
    """One kind of figure: what it counts, its HXL hashtag, and whether it is a flow or a stock."""

    name: str
    label: str
    definition: str
    hxl: str
    kind: Kind
    unit: str = "people"


# Flows count people affected in one incident or period and may be summed per period once
# repeated reports of one incident are merged. Stocks (displaced, refugees, detained) are
# head-counts at a date: they are never summed and may fall. A flow metric stated as a
# cumulative total ("killed since the coup") is treated as a stock by the series logic.
METRICS: tuple[Metric, ...] = (
    Metric("killed", "Killed", "People killed in conflict violence.", "#affected+killed", "flow"),
    Metric("injured", "Injured", "People injured in conflict violence.", "#affected+injured", "flow"),
    Metric(
        "killed_or_injured",
        "Killed or injured",
        "Casualties a report does not split into killed and injured.",
        "#affected+casualties",
        "flow",
    ),
    Metric(
        "displaced",
        "Internally displaced",
        "People who fled their homes and remain inside their country (IDPs).",
        "#affected+idps",
        "stock",
    ),
    Metric(
        "refugees",
        "Refugees / crossed a border",
        "People who crossed an international border fleeing conflict, soldiers who fled across one included.",
        "#affected+refugees",
        "stock",
    ),
    Metric(
        "detained",
        "Detained",
        "People arrested, detained or imprisoned by a party to the conflict.",
        "#affected+detained",
        "stock",
    ),
    Metric("released", "Released", "Detainees or prisoners set free.", "#affected+released", "flow"),
    Metric("missing", "Missing", "People reported missing.", "#affected+missing", "stock"),
    Metric("abducted", "Abducted", "People abducted or taken hostage.", "#affected+abducted", "flow"),
    Metric(
        "conscripted",
        "Conscripted",
        "People actually taken into armed service (forced recruitment), not quotas or targets.",
        "#affected+conscripted",
        "flow",
    ),
)

BY_NAME: dict[str, Metric] = {m.name: m for m in METRICS}
NAMES: tuple[str, ...] = tuple(BY_NAME)

# Names other tools use for the same metric (the dev-set gold says crossed_border).
SYNONYMS: dict[str, str] = {"crossed_border": "refugees", "casualties": "killed_or_injured", "idps": "displaced"}


def get(name: str) -> Metric:
    """The metric called `name` (or a known synonym); KeyError names the valid ones."""
    key = SYNONYMS.get(name, name)
    try:
        return BY_NAME[key]
    except KeyError:
        raise KeyError(f"unknown metric {name!r}; valid: {', '.join(NAMES)}") from None
