"""Static assets served by humstat itself (never a CDN): plotly.js from the plotly package, the
small CSS/JS in service/web/static/, and Swagger UI (vendored there) for the API docs at /schema. URLs carry a version or content hash, so they can be
cached forever (immutable) and change whenever the file does."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css"}  # Litestar adds the charset
PREFIX = "/static/"


@cache
def plotly_version() -> str:
    """The version of the bundled plotly.js (from its banner)."""
    from service.charts.render import plotly_js_path

    head = plotly_js_path().read_bytes()[:400].decode("utf-8", "replace")
    found = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", head)
    return found.group(1) if found else "bundled"


def plotly_name() -> str:
    """The file name plotly.js is served under (versioned, so it can be cached forever)."""
    return f"plotly-{plotly_version()}.min.js"


def plotly_url() -> str:
    """The URL of plotly.js on this server."""
    return PREFIX + plotly_name()


@cache
def _own() -> dict[str, tuple[bytes, str]]:
    files: dict[str, tuple[bytes, str]] = {}
    for path in sorted(STATIC_DIR.iterdir()):
        if path.suffix in MEDIA_TYPES:
            files[path.name] = (path.read_bytes(), MEDIA_TYPES[path.suffix])
    return files


@cache
def url(name: str) -> str:
    """The URL of one of our own static files, with a content hash for cache busting."""
    body, _ = _own()[name]
    return f"{PREFIX}{name}?h={hashlib.sha256(body).hexdigest()[:10]}"


SWAGGER_UI_VERSION = "5.35.0"  # npm swagger-ui-dist, vendored in static/ (licence: static/licenses/)
_SWAGGER_UI_FILES = {"bundle.js": f"swagger-ui-bundle-{SWAGGER_UI_VERSION}.js",
                     "preset.js": f"swagger-ui-standalone-preset-{SWAGGER_UI_VERSION}.js",
                     "css": f"swagger-ui-{SWAGGER_UI_VERSION}.css"}


def swagger_ui_url(part: str) -> str:
    """The URL on this server of one Swagger UI file (bundle.js, preset.js or css) for /schema.

    The version is in the file name, so the URL changes with the file and can be cached forever."""
    return PREFIX + _SWAGGER_UI_FILES[part]


@cache
def _plotly_bytes() -> bytes:
    from service.charts.render import plotly_js_path

    return plotly_js_path().read_bytes()


def get(name: str) -> tuple[bytes, str] | None:
    """(body, media type) of a static file by name, or None. Only known names: no path lookups."""
    if name == plotly_name():
        return _plotly_bytes(), MEDIA_TYPES[".js"]
    return _own().get(name)
