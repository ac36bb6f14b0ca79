"""Researchers' SQL endpoints: /api/v1/sql and /api/v1/queries/{name}."""

from __future__ import annotations

from litestar import Controller

CONTROLLERS: list[type[Controller]] = []
