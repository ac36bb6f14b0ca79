"""Reading articles from files: .txt, .md (optional front matter), .html, .jsonl, and folders.

Each input yields Article objects or ReadError objects naming the file and line; one bad input
never stops the others.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from service.articles import clean, published
from service.articles.model import Article, ReadError

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 5 * 2**20
_ID_SAFE = re.compile(r"[^A-Za-z0-9._:-]+")


def make_article(
    text: str,
    *,
    article_id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published_value: object = None,
    origin: str | None = None,
) -> Article:
    """Build an Article from text and metadata: id, extraction text, hash, publication date."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not article_id:
        # No id given: derive one that is the same for the same URL (or the same text).
        article_id = "h" + hashlib.sha256((url or text).encode("utf-8")).hexdigest()[:16]
    extraction = clean.extraction_text(text)
    when, method = published.resolve(published_value, text)
    return Article(
        article_id=str(article_id),
        text=text,
        extraction_text=extraction,
        content_hash=digest,
        title=(title or _guess_title(extraction) or None),
        source=source or None,
        url=url or None,
        published=when,
        published_method=method,
        origin_path=origin,
    )


def _guess_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            # A headline is short and does not read as a sentence.
            return line if len(line) <= 160 and not line.endswith((".", ":", ",")) else None
    return None


def _check_text(raw: bytes, origin: str, max_bytes: int) -> str | ReadError:
    if not raw.strip():
        return ReadError(origin=origin, message="empty input, nothing to read")
    if len(raw) > max_bytes:
        return ReadError(origin=origin, message=f"{len(raw):,} bytes is over the size limit of {max_bytes:,} bytes")
    if b"\x00" in raw[:8192]:
        return ReadError(origin=origin, message="binary data (NUL bytes), not a text article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(origin=origin, message=f"not UTF-8 text (invalid byte at offset {exc.start})")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 8:
        return ReadError(origin=origin, message="binary data (control characters), not a text article")
    return text


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            meta[k.strip().lower()] = v.strip().strip("\"'")
    return meta, text[m.end():]


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML page, one block element per paragraph; title and meta kept."""

    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
             "blockquote", "header", "footer", "figcaption", "ul", "ol", "table"}
    SKIP = {"script", "style", "noscript", "template", "svg", "nav", "aside", "form", "iframe", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag == "meta":
            a = {k: v or "" for k, v in attrs}
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        joined = re.sub(r"[ \t\u00a0]+", " ", joined)
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", joined)]
        return "\n\n".join(p for p in paragraphs if p)


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML document and its metadata (title, published, source, url)."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    m = parser.meta
    meta = {
        "title": m.get("og:title") or html.unescape(parser.title.strip()),
        "published": m.get("article:published_time") or m.get("date") or m.get("pubdate") or "",
        "source": m.get("og:site_name") or "",
        "url": m.get("og:url") or "",
    }
    return parser.text(), {k: v for k, v in meta.items() if v}


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadError]:
    """Articles in one file (one for text/markdown/HTML, one per line for JSONL)."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        yield from read_jsonl(path, max_bytes=max_bytes)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadError(origin=origin, message=f"cannot read the file: {exc.strerror or exc}")
        return
    text = _check_text(raw, origin, max_bytes)
    if isinstance(text, ReadError):
        yield text
        return
    meta: dict[str, str] = {}
    if suffix in {".html", ".htm"}:
        text, meta = html_to_text(text)
    elif suffix in {".md", ".markdown", ".txt"}:
        meta, text = _front_matter(text)
    if not text.strip():
        yield ReadError(origin=origin, message="no article text after the front matter / markup")
        return
    yield make_article(
        text,
        article_id=meta.get("id") or _ID_SAFE.sub("_", path.stem),
        title=meta.get("title"),
        source=meta.get("source"),
        url=meta.get("url"),
        published_value=meta.get("published") or meta.get("date"),
        origin=origin,
    )


def read_jsonl(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadError]:
    """One article per line: {"id", "text", "title"?, "source"?, "url"?, "published"?}."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(origin=str(path), message=f"cannot read the file: {exc.strerror or exc}")
        return
    with handle:
        yield from read_jsonl_lines(handle, str(path), max_bytes=max_bytes)


def read_jsonl_lines(lines: Iterable[bytes], name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadError]:
    """Articles from JSONL lines (bytes), errors naming `name:line`."""
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        origin = f"{name}:{number}"
        line = _check_text(raw, origin, max_bytes)
        if isinstance(line, ReadError):
            yield line
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(origin=origin, message=f"broken JSON ({exc.msg} at column {exc.colno})")
            continue
        article = article_from_record(record, origin)
        yield article
    if not seen_any:
        yield ReadError(origin=name, message="empty input, no JSON lines")


def article_from_record(record: object, origin: str) -> Article | ReadError:
    """Validate one JSON article record and build the Article (or say what is wrong)."""
    if not isinstance(record, dict):
        return ReadError(origin=origin, message="expected a JSON object with at least 'text'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(origin=origin, message="missing or empty 'text' field")
    for key in ("id", "title", "source", "url", "published"):
        if record.get(key) is not None and not isinstance(record[key], (str, int)):
            return ReadError(origin=origin, message=f"field '{key}' must be a string")
    published_value = record.get("published")
    if published_value and not isinstance(published_value, str):
        return ReadError(origin=origin, message="field 'published' must be a date string (YYYY-MM-DD)")
    if isinstance(published_value, str) and published_value.strip():
        from service.text.dates import parse_date_value

        if parse_date_value(published_value.strip()) is None:
            return ReadError(origin=origin, message=f"field 'published' is not a date: {published_value!r}")
    return make_article(
        text,
        article_id=str(record["id"]) if record.get("id") not in (None, "") else None,
        title=record.get("title"),
        source=record.get("source"),
        url=record.get("url"),
        published_value=published_value,
        origin=origin,
    )


def iter_paths(paths: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Expand folders recursively (sorted, supported suffixes only); missing paths are errors."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield ReadError(origin=str(path), message=f"no article files ({', '.join(sorted(SUFFIXES))}) in this folder")
            yield from found
        elif path.exists():
            if path.suffix.lower() not in SUFFIXES:
                yield ReadError(origin=str(path), message=f"unsupported file type '{path.suffix}'; use one of {', '.join(sorted(SUFFIXES))}")
            else:
                yield path
        else:
            yield ReadError(origin=str(path), message="no such file or folder")


def read_paths(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadError]:
    """Every article in the given files and folders, in a stable order, errors in place."""
    for item in iter_paths(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)
