"""The web pages: / (browse a metric and place) and /articles/{id} (figures at their spans)."""

from __future__ import annotations

from litestar import Controller

CONTROLLERS: list[type[Controller]] = []
