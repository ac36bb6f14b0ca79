"""Publication dates: metadata first, then a date the text states, else an estimate flagged as such."""
from __future__ import annotations

from datetime import date

from service.text import dates


def resolve(metadata_value: object, text: str) -> tuple[date | None, str]:
    """(published, method): method is metadata, stated, estimated or unknown. Never invents a date."""
    if isinstance(metadata_value, date):
        return metadata_value, "metadata"
    if isinstance(metadata_value, str) and metadata_value.strip():
        parsed = dates.parse_date_value(metadata_value.strip())
        if parsed is not None:
            return parsed, "metadata"
    stated = dates.stated_publication_date(text)
    if stated is not None:
        return stated[0], "stated"
    estimate = dates.estimate_reference_date(text)
    if estimate is not None:
        return estimate, "estimated"
    return None, "unknown"
