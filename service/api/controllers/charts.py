"""Chart endpoints: /charts/{metric} in html, json, png, svg, csv and metadata forms."""

from __future__ import annotations

from litestar import Controller

CONTROLLERS: list[type[Controller]] = []
