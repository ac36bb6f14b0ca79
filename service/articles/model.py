"""What reading produces: an article ready for extraction, or an error naming the input."""
from __future__ import annotations

from datetime import date

import msgspec


class Article(msgspec.Struct, kw_only=True):
    """One article as read, with the text the extractor will see and its publication date."""

    article_id: str
    text: str                       # original text, exactly as read
    extraction_text: str            # same length; boilerplate blanked
    content_hash: str               # sha256 hex of text
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_method: str = "unknown"  # metadata | stated | estimated | unknown
    origin_path: str | None = None     # file[:line] or API route


class ReadError(msgspec.Struct, kw_only=True):
    """An input that could not be read: where (file, line) and why, in one sentence."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"
