"""Every controller the app registers: each module lists its own in CONTROLLERS."""
from __future__ import annotations

from litestar import Controller

from service.api.controllers import articles, charts, figures, meta, sql, web

CONTROLLERS: list[type[Controller]] = [
    *meta.CONTROLLERS,      # health, metrics, places (API)
    *articles.CONTROLLERS,  # articles (API)
    *figures.CONTROLLERS,   # figures, reviews, series (API)
    *charts.CONTROLLERS,    # charts (charts engineer)
    *sql.CONTROLLERS,       # ad-hoc SQL and named queries (research engineer)
    *web.CONTROLLERS,       # web pages (charts engineer)
]
