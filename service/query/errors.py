"""The one error a query service raises for a bad request: which parameter, why, what is valid.

The API turns it into an RFC 9457 problem (400); the CLI and charts can show it as it is.
"""
from __future__ import annotations


class QueryError(ValueError):
    """A parameter a query service cannot answer: names it, says why and what would be valid."""

    def __init__(self, parameter: str | None, message: str, valid: str | None = None, *, status: int = 400,
                 title: str = "Invalid parameter") -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.valid = valid
        self.status = status
        self.title = title


class NotFound(QueryError):
    """A resource (article, figure, place) that does not exist: the API answers 404."""

    def __init__(self, message: str, *, parameter: str | None = None, valid: str | None = None) -> None:
        super().__init__(parameter, message, valid, status=404, title="Not found")
