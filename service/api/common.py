"""What every endpoint shares: problem details, strict parameters, the common filters, output
formats, ETags and the response cache. The charts and SQL endpoints reuse these; nothing here
knows about a particular route.

- Errors: raise `ProblemError` (or a `service.query.errors.QueryError` from a query service);
  `EXCEPTION_HANDLERS` turn them, Litestar's validation errors, 404s and 500s into RFC 9457
  `application/problem+json` naming the bad parameter and what would be valid.
- Unknown query parameters are an error: `reject_unknown_parameters` (an app `before_request`
  hook) compares the query string with what the route declares.
- Filters: the `*Q` annotated parameter types (HDX HAPI style, the same names on every endpoint).
- Formats: `negotiate_format` (format= or Accept); the writers `frame_body`/`frame_stream` (json,
  csv with an optional HXL row, ndjson, parquet) live in service.formats, below the API.
- Caching: `respond_versioned` sets a weak ETag from the dataset version, answers 304 to a
  matching If-None-Match, sets Cache-Control, and keeps small answers in an LRU keyed by
  (public base URL, route, parameters, format, dataset version): the version changes on every
  write, so a cached answer is never stale, and the base (HUMSTAT_PUBLIC_URL, else the request's
  Host) keeps one client's host out of another's links.
"""
from __future__ import annotations

import base64
import dataclasses
import gzip
import hashlib
import hmac
import logging
import math
import re
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal, get_args, get_origin

import msgspec
from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.exceptions import HTTPException, MethodNotAllowedException, NotFoundException, ValidationException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.spec import (
    Example,
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)
from litestar.params import QueryParameter
from litestar.openapi.datastructures import ResponseSpec
from litestar.response import Stream

from service import metrics
from service.formats import frame_body, frame_stream, hxl_map_for_metric  # noqa: F401 - the controllers' writers
from service.query.errors import QueryError
from service.store.db import Store, StoreError

log = logging.getLogger("humstat.api")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://humstat.org/problems/"  # stable identifiers; need not resolve

# ---------------------------------------------------------------------------------------------
# Problem details (RFC 9457)
# ---------------------------------------------------------------------------------------------


class ProblemParameter(msgspec.Struct, omit_defaults=True):
    """One bad parameter: its name, what is wrong, what would be valid."""

    parameter: str | None
    message: str
    valid: str | None = None


class Problem(msgspec.Struct, omit_defaults=True):
    """RFC 9457 problem details, plus `errors` naming each bad parameter."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemParameter] = msgspec.field(default_factory=list)


_TYPES = {400: "invalid-parameter", 401: "unauthorized", 403: "forbidden", 404: "not-found",
          405: "method-not-allowed", 406: "not-acceptable", 409: "conflict", 413: "too-large",
          415: "unsupported-media-type", 416: "range-not-satisfiable", 422: "unprocessable",
          500: "internal-error", 503: "unavailable"}


class ProblemError(Exception):
    """Raise anywhere in a handler to answer with a problem; names the parameter when there is one."""

    def __init__(self, status: int, title: str, detail: str, parameter: str | None = None,
                 valid: str | None = None, *, errors: list[ProblemParameter] | None = None,
                 headers: dict[str, str] | None = None, type_: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = list(errors or [])
        if parameter is not None or valid is not None:
            self.errors.insert(0, ProblemParameter(parameter=parameter, message=detail, valid=valid))
        self.headers = headers or {}
        self.type = type_ or PROBLEM_TYPE_BASE + _TYPES.get(status, "error")


def problem_response(request: Request | None, exc: ProblemError) -> Response:
    """The problem+json response for `exc`."""
    body = Problem(type=exc.type, title=exc.title, status=exc.status, detail=exc.detail,
                   instance=request.url.path if request is not None else None, errors=exc.errors)
    return Response(content=msgspec.json.encode(body), status_code=exc.status, media_type=PROBLEM_MEDIA_TYPE,
                    headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", **exc.headers})


# Bounds of optional numeric parameters: Litestar enforces them but leaves them out of the schema.
_OPTIONAL_BOUNDS: dict[str, tuple[OpenAPIType, float, float]] = {
    "as_of_version": (OpenAPIType.INTEGER, 0, 2**31 - 1),
    "min_confidence": (OpenAPIType.NUMBER, 0, 1),
    "limit": (OpenAPIType.INTEGER, 1, 10_000),
    "updated_after_version": (OpenAPIType.INTEGER, 0, 2**31 - 1),
}


@dataclass
class VersionedOperation(Operation):
    """An operation answered by respond_versioned: documents its 304 (and the bounds above)."""

    def __post_init__(self) -> None:
        if self.responses is not None:
            self.responses["304"] = OpenAPIResponse(description="Not modified: If-None-Match matched the ETag")
        document_bounds(self)


def document_bounds(operation: Operation) -> None:
    """Write the bounds of the optional numeric parameters (_OPTIONAL_BOUNDS) into the schema."""
    for param in operation.parameters or []:
        bounds = _OPTIONAL_BOUNDS.get(getattr(param, "name", ""))
        schema = getattr(param, "schema", None)
        if bounds and isinstance(schema, Schema) and (schema.minimum is None or schema.maximum is None):
            kind, lo, hi = bounds
            param.schema = Schema(type=kind, minimum=max(lo, schema.minimum or lo), maximum=min(hi, schema.maximum or hi),
                                  description=schema.description, examples=schema.examples)


@dataclass
class FormatsOperation(VersionedOperation):
    """...and its 200 in every format (json as generated; csv, ndjson, parquet as format= gives)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        ok = (self.responses or {}).get("200")
        if isinstance(ok, OpenAPIResponse):
            content = dict(ok.content or {})
            content["text/csv"] = OpenAPIMediaType(schema=Schema(
                type=OpenAPIType.STRING, description="format=csv (hxl=true adds an HXL hashtag row)"))
            content["application/x-ndjson"] = OpenAPIMediaType(schema=Schema(
                type=OpenAPIType.STRING, description="format=ndjson: one JSON object per line"))
            content["application/vnd.apache.parquet"] = OpenAPIMediaType(schema=Schema(
                type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY, description="format=parquet"))
            ok.content = content


_SCHEMA_KEYS = {"type": "type", "format": "format", "pattern": "pattern", "minLength": "min_length",
                "maxLength": "max_length", "minimum": "minimum", "maximum": "maximum", "enum": "enum",
                "description": "description", "title": "title", "required": "required", "default": "default"}


def schema_from_json_schema(node: dict[str, Any]) -> Schema:
    """A Litestar Schema from a plain JSON Schema (msgspec.json.schema output, $defs inlined)."""
    kwargs: dict[str, Any] = {}
    for key, attr in _SCHEMA_KEYS.items():
        if key in node:
            value = node[key]
            kwargs[attr] = OpenAPIType(value) if key == "type" else value
    if "properties" in node:
        kwargs["properties"] = {k: schema_from_json_schema(v) for k, v in node["properties"].items()}
    if "anyOf" in node:
        kwargs["any_of"] = [schema_from_json_schema(v) for v in node["anyOf"]]
    if "additionalProperties" in node:
        kwargs["additional_properties"] = node["additionalProperties"]
    return Schema(**kwargs)


def strict_body_operation(body: type[msgspec.Struct]) -> type[Operation]:
    """An operation class documenting `body` exactly as msgspec validates it: a struct that forbids
    unknown fields says so (additionalProperties: false), so clients and fuzzers know."""
    generated = msgspec.json.schema(body)
    inline = generated["$defs"][generated["$ref"].rsplit("/", 1)[-1]]

    @dataclass
    class StrictBodyOperation(Operation):
        def __post_init__(self) -> None:
            if self.request_body is not None and not isinstance(self.request_body, Reference):
                for media in (self.request_body.content or {}).values():
                    media.schema = schema_from_json_schema(inline)

    return StrictBodyOperation


def problem_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries for the problems an endpoint can answer with (`responses=` of a handler)."""
    what = {400: "A parameter is invalid or unknown (problem details name it and what is valid).",
            401: "Missing or wrong token.", 403: "Writes are disabled (no HUMSTAT_TOKEN).",
            404: "No such resource.", 406: "The Accept header asks for a format this endpoint cannot give.",
            413: "The article is too large.", 422: "The body is well-formed but not valid."}
    return {code: ResponseSpec(data_container=Problem, description=what.get(code, "Error"),
                               media_type=PROBLEM_MEDIA_TYPE, generate_examples=False) for code in statuses}


def _from_query_error(exc: QueryError) -> ProblemError:
    return ProblemError(exc.status, exc.title, exc.message, exc.parameter, exc.valid)


def _on_problem(request: Request, exc: ProblemError) -> Response:
    return problem_response(request, exc)


def _on_query_error(request: Request, exc: QueryError) -> Response:
    return problem_response(request, _from_query_error(exc))


def _literal_values(annotation: Any) -> list[Any]:
    """The allowed values of a Literal inside Annotated/Optional/list annotations."""
    if get_origin(annotation) is Literal:
        return list(get_args(annotation))
    return [v for arg in get_args(annotation) for v in _literal_values(arg) if v is not None]


def _parameter_info(request: Request, key: str) -> tuple[str, str | None]:
    """(query name, valid values) of the handler argument `key` (Litestar reports argument names)."""
    try:
        handler = request.route_handler
        model = handler.create_kwargs_model({name: None for name in request.path_params})  # type: ignore[arg-type]
        alias = next((p.field_alias for p in model.expected_query_params if p.field_name == key), key)
        field_def = handler.parsed_fn_signature.parameters.get(key)
        values = _literal_values(field_def.annotation) if field_def is not None else []
        return alias, (", ".join(str(v) for v in values) or None)
    except Exception:  # never let error reporting fail the error response
        return key, None


def _on_validation(request: Request, exc: ValidationException) -> Response:
    errors: list[ProblemParameter] = []
    body_error = False
    extra = exc.extra if isinstance(exc.extra, list) else ([exc.extra] if exc.extra else [])
    for item in extra:
        if isinstance(item, dict):
            source = item.get("source")
            body_error = body_error or source == "body"
            key = item.get("key")
            message = str(item.get("message") or "invalid value")
            valid = _valid_hint(key, message)
            if key and source != "body":
                key, choices = _parameter_info(request, key)
                valid = choices or valid
            errors.append(ProblemParameter(parameter=key or (source if source == "body" else None),
                                           message=_tidy_message(message), valid=valid))
    detail = str(exc.detail)
    if m := _MISSING.search(detail):
        # Litestar names a missing required parameter only in its message
        errors.append(ProblemParameter(parameter=m.group(2), message="this parameter is required",
                                       valid="a value (see /schema)"))
    if " for " in detail and detail.startswith("Validation failed"):
        detail = "Validation failed"
    if errors:
        detail = "; ".join(f"{e.parameter}: {e.message}" if e.parameter else e.message for e in errors)
    # A JSON body that parses but does not fit the schema is 422; malformed input is 400.
    status = 422 if body_error and "malformed" not in detail.lower() else 400
    title = "Invalid request body" if body_error else "Invalid parameter"
    return problem_response(request, ProblemError(status, title, detail, errors=errors))


def _tidy_message(message: str) -> str:
    # msgspec says "Expected `int`, got `str` - at `$.limit`"; the parameter is named separately.
    return message.split(" - at `")[0].replace("`", "")


_TYPE_WORDS = {"int": "an integer", "bool": "true or false", "float": "a number", "date": "a date YYYY-MM-DD",
               "str": "text", "datetime": "an ISO date/time"}
_EXPECTED = re.compile(r"Expected (?:array of )?(\w+)(?: \| null)?(?:(?:,| of length)? ?([<>]=?) ?(\S+))?")


def _valid_hint(key: str | None, message: str) -> str | None:
    """What would be valid, from msgspec's 'Expected int >= 1' style messages."""
    text = _tidy_message(message)
    if "RFC3339" in text or "date" in text.lower():
        return "a date YYYY-MM-DD"
    if m := _EXPECTED.search(text):
        word = _TYPE_WORDS.get(m.group(1), m.group(1))
        return f"{word} {m.group(2)} {m.group(3)}" if m.group(2) else word
    return None


_MISSING = re.compile(r"Missing required (\w+) parameter '([^']+)'")


def _on_http(request: Request, exc: HTTPException) -> Response:
    status = exc.status_code
    titles = {401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
              413: "Request too large", 415: "Unsupported media type"}
    title = titles.get(status, "Error" if status < 500 else "Internal server error")
    detail = str(exc.detail) if status < 500 else "the server failed to answer; the error was logged"
    if isinstance(exc, NotFoundException) and detail in ("Not Found", "Not found"):
        detail = f"no resource at {request.url.path}; see /schema for the API"
    headers = dict(exc.headers or {})
    if isinstance(exc, MethodNotAllowedException):
        detail = f"{request.method} is not allowed on {request.url.path}"
    return problem_response(request, ProblemError(status, title, detail, headers=headers))


def _on_store_error(request: Request, exc: StoreError) -> Response:
    log.error("store error on %s: %s", request.url.path, exc)
    if "disk is full" in str(exc):
        # A write that found no room (service.store.db rolls it back): reads go on being served
        # from what is stored; the writer is told it is storage, not a passing failure (#17.7).
        return problem_response(request, ProblemError(
            507, "Insufficient storage", "the server's disk is full; the write was rolled back and nothing "
            "of it was stored (reads are unaffected); retry once space is freed",
            headers={"Retry-After": "60"}, type_=PROBLEM_TYPE_BASE + "disk-full"))
    return problem_response(request, ProblemError(503, "Database unavailable",
                                                  "the database could not answer; try again shortly"))


def _on_internal(request: Request, exc: Exception) -> Response:
    # Log the traceback for the operator; the client gets no stack trace and no file paths.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(request, ProblemError(500, "Internal server error",
                                                  "the server failed to answer; the error was logged"))


EXCEPTION_HANDLERS: dict[type[Exception] | int, Callable[..., Response]] = {
    ProblemError: _on_problem,
    QueryError: _on_query_error,
    ValidationException: _on_validation,
    StoreError: _on_store_error,
    HTTPException: _on_http,
    Exception: _on_internal,
}

# ---------------------------------------------------------------------------------------------
# Strict parameters: unknown query parameters are an error
# ---------------------------------------------------------------------------------------------

# Kept on the handler itself (its opt dict): a cache keyed by id(handler) answered with another
# route's parameters once an old app's handler was freed and its id reused.
_DECLARED = "humstat_declared_query"


def declared_query_parameters(request: Request) -> frozenset[str]:
    """Query parameter names the matched route declares (its own, its dependencies', layered)."""
    handler = request.route_handler
    found = handler.opt.get(_DECLARED)
    if found is None:
        model = handler.create_kwargs_model({name: None for name in request.path_params})  # type: ignore[arg-type]
        found = frozenset(p.field_alias for p in model.expected_query_params)
        handler.opt[_DECLARED] = found  # the same value whichever thread writes it first
    return found


async def reject_unknown_parameters(request: Request) -> None:
    """before_request hook: strict parameters and bodies, refused rather than guessed.

    A query parameter the route does not declare, one given twice that takes one value
    (`limit=5&limit=6`), and a number or boolean not written plainly (`limit=1e3`, `hxl=maybe`,
    `time_limit=nan`) are 400 problems; so is a JSON body that is not UTF-8, nests deeper than
    any of ours, or holds an integer beyond 64 bits (see check_json_body). Routes that take
    free-form parameters opt out of the query checks with `opt={"any_query": True}` and use
    parse_int/parse_float/parse_bool themselves.
    """
    if request.method in ("POST", "PUT", "PATCH") and "json" in request.headers.get("content-type", ""):
        check_json_body(await request.body())
    if request.route_handler.opt.get("any_query"):
        return None
    given = set(request.query_params.keys())
    if not given:
        return None
    declared = declared_query_parameters(request)
    unknown = sorted(given - declared)
    if unknown:
        valid = ", ".join(sorted(declared)) or "none (this endpoint takes no query parameters)"
        errors = [ProblemParameter(parameter=name, message=f"unknown parameter {name!r}", valid=valid)
                  for name in unknown]
        raise ProblemError(400, "Unknown parameter",
                           f"unknown query parameter{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}",
                           errors=errors)
    kinds = _parameter_kinds(request)
    for name in sorted(given):
        values = request.query_params.getall(name)
        kind = kinds.get(name)
        if kind != "list" and len(values) > 1:
            raise ProblemError(400, "Invalid parameter", f"{name} was given {len(values)} times; it takes one value",
                               name, "one value")
        for value in values:
            if kind == "int":
                parse_int(value, name)
            elif kind == "float":
                parse_float(value, name)
            elif kind == "bool":
                parse_bool(value, name)
    return None


_KINDS = "humstat_query_kinds"


def _kind_of(annotation: Any) -> str | None:
    """'list', 'bool', 'int', 'float' or None (anything else) for a parameter's annotation."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kind_of(get_args(annotation)[0])
    if origin in (list, tuple, set, frozenset):
        return "list"
    if origin is not None:  # Optional[...] / X | None
        kinds = {_kind_of(a) for a in get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    return None


def _parameter_kinds(request: Request) -> dict[str, str | None]:
    """Query name -> kind of every parameter the route declares (kept on the handler's opt)."""
    handler = request.route_handler
    found = handler.opt.get(_KINDS)
    if found is None:
        model = handler.create_kwargs_model({name: None for name in request.path_params})  # type: ignore[arg-type]
        found = {}
        for p in model.expected_query_params:
            field_def = handler.parsed_fn_signature.parameters.get(p.field_name)
            kind = _kind_of(field_def.annotation) if field_def is not None else None
            found[p.field_alias] = "list" if p.is_sequence else kind
        handler.opt[_KINDS] = found
    return found


_INT = re.compile(r"-?[0-9]{1,19}")
_FLOAT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_TRUE, _FALSE = ("true", "1"), ("false", "0")


def parse_int(raw: str, name: str) -> int:
    """`raw` as a plain 64-bit integer (digits, optional minus), else a 400 problem naming `name`."""
    if not _INT.fullmatch(raw) or not -(2**63) <= int(raw) < 2**63:
        raise ProblemError(400, "Invalid parameter", f"{name}: {raw!r} is not a plain integer", name,
                           "an integer written in digits, e.g. 100")
    return int(raw)


def parse_float(raw: str, name: str) -> float:
    """`raw` as a finite number (JSON's number syntax, as the OpenAPI schema promises; never nan or
    inf, nor a value too large for a double), else a 400 problem naming `name`."""
    value = float(raw) if _FLOAT.fullmatch(raw) else math.nan
    if not math.isfinite(value):
        raise ProblemError(400, "Invalid parameter", f"{name}: {raw!r} is not a finite number", name,
                           "a decimal number, e.g. 2.5")
    return value


def parse_bool(raw: str, name: str) -> bool:
    """`raw` as true/false (or 1/0), else a 400 problem naming `name` — never a guess."""
    low = raw.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ProblemError(400, "Invalid parameter", f"{name}: {raw!r} is neither true nor false", name, "true or false")


MAX_JSON_DEPTH = 64  # our deepest body nests 3 levels; msgspec recurses per level
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")
_JSON_BIG_INT = re.compile(rb"-?[0-9]{19,}(?![0-9.eE])")


def check_json_body(body: bytes) -> None:
    """A 400 problem for a JSON body no handler can take: not UTF-8, nested deeper than
    MAX_JSON_DEPTH (msgspec would raise RecursionError), or an integer beyond 64 bits (a
    database column would refuse it mid-write). Malformed JSON is left to the decoder's own 400."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemError(400, "Invalid request body", f"the body is not valid UTF-8 (byte {exc.start})",
                           "body", "JSON encoded as UTF-8") from None
    bare = _JSON_STRING.sub(b'""', body)  # brackets and digits inside strings do not count
    depth = 0
    for m in _JSON_BRACKET.finditer(bare):
        depth += 1 if m.group() in (b"[", b"{") else -1
        if depth > MAX_JSON_DEPTH:
            raise ProblemError(400, "Invalid request body", f"the body nests deeper than {MAX_JSON_DEPTH} levels",
                               "body", f"JSON nested at most {MAX_JSON_DEPTH} levels")
    for m in _JSON_BIG_INT.finditer(bare):
        if not -(2**63) <= int(m.group()) < 2**63:
            raise ProblemError(400, "Invalid request body", "the body holds an integer beyond 64 bits",
                               "body", f"integers from {-(2**63)} to {2**63 - 1}")


# ---------------------------------------------------------------------------------------------
# Common filter parameters (HDX HAPI style: the same names and meanings on every endpoint)
# ---------------------------------------------------------------------------------------------

Format = Literal["json", "csv", "ndjson", "parquet"]
GroupClass = Literal["civilians", "children", "state_forces", "non_state_armed_group", "unknown"]
Interval = Literal["day", "week", "month", "quarter", "year"]
MetricName = Literal[tuple([*metrics.NAMES, *metrics.SYNONYMS])]  # type: ignore[valid-type]

METRIC_DOC = "Metric name, e.g. killed, injured, displaced (see GET /api/v1/metrics)."
PLACE_DOC = ("Place code (MIMU p-code such as MMR005, ISO 3166-2 such as MM-01, or ISO 3166-1 such as MM); "
             "selects the place and every unit below it. Find codes with GET /api/v1/places?q=.")

MetricQ = Annotated[MetricName, QueryParameter(description=METRIC_DOC, examples=[Example(summary="killed", value="killed")])]
MetricsQ = Annotated[list[MetricName] | None, QueryParameter(
    description="One or more metric names (repeat the parameter: metric=killed&metric=injured). " + METRIC_DOC,
    examples=[Example(summary="killed", value=["killed"]), Example(summary="killed or injured",
                                                                   value=["killed", "injured"])])]
PlaceQ = Annotated[str | None, QueryParameter(description=PLACE_DOC, min_length=1, max_length=64, examples=[
    Example(summary="Sagaing Region (and its townships)", value="MMR005"), Example(summary="Myanmar", value="MM")])]
CountryQ = Annotated[str | None, QueryParameter(description="ISO 3166-1 alpha-2 country code, e.g. MM.",
                                                min_length=2, max_length=2, examples=[Example(value="MM")])]
DateFromQ = Annotated[date | None, QueryParameter(description="Event date on or after this day (YYYY-MM-DD).",
                                                  examples=[Example(value="2024-01-01")])]
DateToQ = Annotated[date | None, QueryParameter(description="Event date on or before this day (YYYY-MM-DD).")]
PublishedFromQ = Annotated[date | None, QueryParameter(description="Article published on or after this day (YYYY-MM-DD).")]
PublishedToQ = Annotated[date | None, QueryParameter(description="Article published on or before this day (YYYY-MM-DD).")]
GroupClassQ = Annotated[GroupClass | None, QueryParameter(
    description="Who was affected: civilians, children, state_forces, non_state_armed_group or unknown.")]
AsOfVersionQ = Annotated[int | None, QueryParameter(
    description="Answer with the data as it stood at this dataset version (1..current; see GET /api/v1/health). "
                "Omit for the current data. A version that does not exist is a 404 naming the valid range.",
    ge=0, le=2**31 - 1, examples=[Example(summary="dataset version 12", value=12)])]
IntervalQ = Annotated[Interval, QueryParameter(description="Period of each point: day, week (ISO, from Monday), month, "
                                                 "quarter or year.")]
FormatQ = Annotated[Format | None, QueryParameter(
    name="format",
    description="Output format: json (default), csv, ndjson or parquet. Overrides the Accept header.",
    examples=[Example(summary="CSV", value="csv"), Example(summary="Parquet", value="parquet")])]
HxlQ = Annotated[bool, QueryParameter(description="CSV only: add an HXL hashtag row under the header.")]
NextQ = Annotated[str | None, QueryParameter(name="next", description="Opaque cursor from the previous page.")]

FORMATS: tuple[str, ...] = ("json", "csv", "ndjson", "parquet")
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "csv": "text/csv",  # Litestar adds "; charset=utf-8"
    "ndjson": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
_ACCEPT: dict[str, str] = {
    "application/json": "json", "text/csv": "csv", "application/csv": "csv",
    "application/x-ndjson": "ndjson", "application/ndjson": "ndjson", "application/jsonl": "ndjson",
    "application/vnd.apache.parquet": "parquet", "application/x-parquet": "parquet",
    "application/parquet": "parquet",
}


def accept_media(header: str | None) -> list[tuple[str, float, int]]:
    """The Accept header's media ranges as (media type, q, position), in the order given."""
    out = []
    for i, part in enumerate((header or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in pieces[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if pieces[0]:
            out.append((pieces[0].lower(), q, i))
    return out


def negotiate_format(request: Request, fmt: str | None, allowed: Iterable[str] = FORMATS) -> str:
    """The output format: `format=` wins, then the Accept header's best match, else json."""
    allowed = tuple(allowed)
    if fmt is not None:
        fmt = fmt.lower()
        if fmt not in allowed:
            raise ProblemError(400, "Invalid parameter", f"unknown format {fmt!r}", "format", ", ".join(allowed))
        return fmt
    accept = request.headers.get("accept")
    if not accept:
        return "json"
    ranked: list[tuple[float, int, str]] = []
    for media, q, i in accept_media(accept):
        if media in ("*/*", "application/*", "text/*"):
            ranked.append((q, -i, "json" if media != "text/*" or "csv" not in allowed else "csv"))
        elif media in _ACCEPT and _ACCEPT[media] in allowed:
            ranked.append((q, -i, _ACCEPT[media]))
        elif media == "application/problem+json":
            ranked.append((q, -i, "json"))
    ranked = [r for r in ranked if r[0] > 0]
    if not ranked:
        raise ProblemError(406, "Not acceptable", f"cannot answer with {accept!r}", "Accept",
                           ", ".join(MEDIA_TYPES[f] for f in allowed))
    return max(ranked)[2]


# ---------------------------------------------------------------------------------------------
# ETag, Cache-Control, response cache
# ---------------------------------------------------------------------------------------------


@dataclass
class Payload:
    """What a handler computed: the body (bytes, or chunks to stream), its type and the version."""

    body: bytes | Iterable[bytes]
    media_type: str
    version: int
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    gzipped: bytes | None = None  # the body gzipped once, kept with the cached payload


class ResponseCache:
    """A small thread-safe LRU of answers keyed by (route, parameters, format, version)."""

    def __init__(self, max_entries: int = 512, max_bytes: int = 64 * 2**20, max_entry_bytes: int = 4 * 2**20) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self._data: OrderedDict[tuple, Payload] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple) -> Payload | None:
        with self._lock:
            found = self._data.get(key)
            if found is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: tuple, payload: Payload) -> None:
        if not isinstance(payload.body, bytes) or len(payload.body) > self.max_entry_bytes:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)  # type: ignore[arg-type]
            self._data[key] = payload
            self._bytes += len(payload.body)
            while len(self._data) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._data.popitem(last=False)
                self._bytes -= len(dropped.body)  # type: ignore[arg-type]

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0


def public_base(request: Request) -> str:
    """The scheme, host and path prefix written into absolute links (embed snippets, citations,
    chart metadata, Link headers): HUMSTAT_PUBLIC_URL when set, else this request's own base URL.

    The request's base comes from its Host header, which any client can forge, so answers that
    contain it are cached per base (respond_versioned keys on this): one client's Host never
    reaches another client."""
    settings = request.app.state.get("settings")
    configured = getattr(settings, "public_url", None)
    if configured:
        return str(configured)
    return str(request.base_url).rstrip("/")


def public_url_for(request: Request, path: str, query: str = "") -> str:
    """The absolute URL of `path` (with `query`) under public_base."""
    return public_base(request) + path + (f"?{query}" if query else "")


def etag_for(request: Request, version: int, fmt: str = "") -> str:
    """A weak ETag: the dataset version and a hash of the base, route, parameters and format."""
    query = "&".join(f"{k}={v}" for k, v in sorted(request.query_params.multi_items()))
    digest = hashlib.blake2b(f"{public_base(request)}{request.url.path}?{query}#{fmt}".encode(),
                             digest_size=8).hexdigest()
    return f'W/"v{version}-{digest}"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in if_none_match.split(","))


CURRENT_MAX_AGE = 30          # current data may change with the next write
PINNED_MAX_AGE = 86400 * 365  # data at a fixed dataset version never changes


def cache_control(pinned: bool) -> str:
    """Cache-Control for an answer about the current data or about a pinned version."""
    return f"public, max-age={PINNED_MAX_AGE}, immutable" if pinned else f"public, max-age={CURRENT_MAX_AGE}"


def _query_key(request: Request) -> tuple:
    return tuple(sorted(request.query_params.multi_items()))


# Routes whose opt has this key skip Litestar's compression middleware: respond_versioned gzips
# their bodies itself, once per cached answer instead of once per request.
SELF_COMPRESSED = "self_compressed"
_GZIP_MIN = 500
# zlib level 1: on the JSON answers these routes give, ~3x faster than level 5 for a few per cent
# more bytes (bench/RESULTS.md, seventh pass), and a large answer's gzip is most of its CPU.
GZIP_LEVEL = 1


def _wants_gzip(request: Request) -> bool:
    accept = request.headers.get("accept-encoding", "")
    return any(p.split(";")[0].strip() == "gzip" and "q=0" not in p.replace(" ", "") for p in accept.split(","))


def _gzip_stream(chunks: Iterable[bytes]) -> Iterator[bytes]:
    z = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # wbits 31: a gzip container
    for chunk in chunks:
        out = z.compress(chunk)
        if out:
            yield out
    yield z.flush()


def respond_versioned(request: Request, store: Store, compute: Callable[[], Payload], *, fmt: str = "",
                      as_of_version: int | None = None, cache: bool = True) -> Response:
    """Answer a GET whose content depends only on its parameters and the dataset version.

    Checks If-None-Match against the version first (304 without computing), then the response
    cache, then computes. `as_of_version` (validated by the query service) pins the version.
    """
    response_cache: ResponseCache | None = request.app.state.get("response_cache") if cache else None
    current = store.version()
    expected = as_of_version if as_of_version is not None and 0 < as_of_version <= current else current
    pinned = as_of_version is not None
    etag = etag_for(request, expected, fmt)
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(content=b"", status_code=304,
                        headers={"ETag": etag, "Cache-Control": cache_control(pinned)})
    # The base is part of the key: answers may carry absolute links made from the request's Host
    # (see public_base); with HUMSTAT_PUBLIC_URL set it is one constant and costs nothing.
    base = public_base(request)
    query_key = _query_key(request)
    key = (base, request.url.path, query_key, fmt, expected)
    payload = response_cache.get(key) if response_cache is not None else None
    range_header = request.headers.get("range")
    if payload is None:
        payload = compute()
        if payload.media_type in RANGE_MEDIA_TYPES and not isinstance(payload.body, bytes) and (
                range_header or is_head(request)):
            # A range, or a HEAD's Content-Length, needs the whole length: assemble the stream
            # (only then: a plain GET of an export still streams with flat memory).
            payload = dataclasses.replace(payload, body=b"".join(payload.body))
        if response_cache is not None and payload.status == 200:
            response_cache.put((base, request.url.path, query_key, fmt, payload.version), payload)
    if payload.version != expected:  # the tag hashes the request's parameters: once when it can
        etag = etag_for(request, payload.version, fmt)
    headers = {"ETag": etag, "Cache-Control": cache_control(pinned), "X-Dataset-Version": str(payload.version),
               **payload.headers}
    if payload.media_type in RANGE_MEDIA_TYPES and payload.status == 200:
        headers["Accept-Ranges"] = "bytes"
        if range_header and isinstance(payload.body, bytes) and _if_range_holds(request, etag):
            ranged = _byte_range(range_header, len(payload.body))
            if ranged is not None:
                return _partial(request, payload, headers, ranged)
    # Parquet is compressed inside (zstd): gzip would only cost CPU, and would make a HEAD's
    # Content-Length disagree with the byte ranges clients then ask for.
    compress = (bool(request.route_handler.opt.get(SELF_COMPRESSED)) and _wants_gzip(request)
                and payload.media_type != MEDIA_TYPES["parquet"])
    if compress:
        headers["Vary"] = "Accept-Encoding"
    if isinstance(payload.body, bytes):
        body = payload.body
        if compress and len(body) >= _GZIP_MIN:
            if payload.gzipped is None:
                payload.gzipped = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
            body = payload.gzipped
            headers["Content-Encoding"] = "gzip"
        return Response(content=body, status_code=payload.status, media_type=payload.media_type, headers=headers)
    if compress:
        headers["Content-Encoding"] = "gzip"
        return Stream(_gzip_stream(payload.body), status_code=payload.status, media_type=payload.media_type,
                      headers=headers)
    return Stream(payload.body, status_code=payload.status, media_type=payload.media_type, headers=headers)


# Data files a client may read in pieces (HTTP Range): polars, DuckDB and pyarrow read a Parquet
# file's footer first and then only the columns they need; CSV readers resume.
RANGE_MEDIA_TYPES = frozenset({MEDIA_TYPES["csv"], MEDIA_TYPES["parquet"], MEDIA_TYPES["ndjson"]})
_RANGE = re.compile(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", re.I)


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The single byte range (first, last inclusive) a Range header asks of `size` bytes.

    None when the header is to be ignored (another unit, several ranges, malformed: RFC 9110 lets
    a server answer those with the whole 200); a 416 problem when no byte of it exists."""
    m = _RANGE.fullmatch(header)
    if m is None or (not m.group(1) and not m.group(2)):
        return None
    first_s, last_s = m.group(1), m.group(2)
    if not first_s:  # "bytes=-N": the last N bytes
        suffix = int(last_s)
        if suffix == 0 or size == 0:
            raise _unsatisfiable(header, size)
        return max(0, size - suffix), size - 1
    first = int(first_s)
    if last_s and int(last_s) < first:
        return None  # "bytes=9-3" is malformed, not unsatisfiable
    if first >= size:
        raise _unsatisfiable(header, size)
    return first, min(int(last_s) if last_s else size - 1, size - 1)


def _unsatisfiable(header: str, size: int) -> ProblemError:
    return ProblemError(416, "Range not satisfiable", f"the range {header!r} starts beyond the {size} bytes of "
                        "this answer", "Range", f"bytes=0-{max(size - 1, 0)} or a part of it",
                        headers={"Content-Range": f"bytes */{size}"})


def _if_range_holds(request: Request, etag: str) -> bool:
    """If-Range: the range applies only while the answer is still the one the client has.

    Our ETags are weak only because gzip and identity share one; the bytes of a data file are
    fixed by the dataset version and the request, so the tag is compared as it is."""
    given = request.headers.get("if-range")
    return given is None or given.strip().removeprefix("W/") == etag.removeprefix("W/")


def _partial(request: Request, payload: Payload, headers: dict[str, str], ranged: tuple[int, int]) -> Response:
    first, last = ranged
    body = payload.body
    assert isinstance(body, bytes)
    headers = {**headers, "Content-Range": f"bytes {first}-{last}/{len(body)}"}
    return Response(content=body[first:last + 1], status_code=206, media_type=payload.media_type, headers=headers)


def json_payload(obj: Any, version: int, headers: dict[str, str] | None = None, status: int = 200) -> Payload:
    """A JSON payload of any msgspec-encodable object."""
    return Payload(msgspec.json.encode(obj), "application/json", version, headers or {}, status)


# ---------------------------------------------------------------------------------------------
# HEAD: every GET route answers it
# ---------------------------------------------------------------------------------------------

_HEAD_KEY = "humstat.head"


def is_head(request: Request) -> bool:
    """Whether this GET is really a HEAD (see HeadAsGet)."""
    return bool(request.scope.get(_HEAD_KEY))  # type: ignore[call-overload]


class HeadAsGet:
    """ASGI wrapper: a HEAD is answered as the GET of the same URL without its body.

    Litestar answers HEAD only on routes that declare it (405 elsewhere, while CORS advertises
    it); clients such as polars and DuckDB ask HEAD first for a file's length. It wraps the whole
    app (outside routing), so every GET route, /schema and /static included, answers HEAD with the
    GET's status and headers (Content-Length, ETag, Accept-Ranges)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope.get("type") != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return
        # The server keeps its own scope (method HEAD), so it sends no body either way.
        as_get = {**scope, "method": "GET", _HEAD_KEY: True}
        finished = False

        async def send_head(message: dict[str, Any]) -> None:
            nonlocal finished
            if message["type"] != "http.response.body":
                await send(message)
            elif not finished and not message.get("more_body", False):
                finished = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app(as_get, receive, send_head)


# ---------------------------------------------------------------------------------------------
# Write token
# ---------------------------------------------------------------------------------------------


def require_token(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Guard for write endpoints: `Authorization: Bearer <HUMSTAT_TOKEN>`, compared in constant time.

    Without HUMSTAT_TOKEN configured, writes are off (403).
    """
    settings = connection.app.state.settings
    token: str | None = settings.token
    if not token:
        raise ProblemError(403, "Writes disabled",
                           "write endpoints are off: start the service with HUMSTAT_TOKEN set to enable them")
    header = connection.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ProblemError(401, "Unauthorized", "this endpoint needs 'Authorization: Bearer <token>'",
                           "Authorization", "Bearer <the HUMSTAT_TOKEN of this service>",
                           headers={"WWW-Authenticate": 'Bearer realm="humstat"'})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ProblemError(401, "Unauthorized", "the token is not valid", "Authorization",
                           "Bearer <the HUMSTAT_TOKEN of this service>",
                           headers={"WWW-Authenticate": 'Bearer realm="humstat", error="invalid_token"'})


# ---------------------------------------------------------------------------------------------
# Cursors
# ---------------------------------------------------------------------------------------------


# Cursors are signed: their fields go into SQL as typed parameters, and a forged one (a list
# where a date belongs, a 100-bit id) would otherwise fail inside the query as a 500. A key per
# process: a cursor outlives neither the process nor (through its "v") the dataset version.
_CURSOR_KEY = __import__("secrets").token_bytes(32)


def _cursor_mac(payload: str) -> str:
    digest = hmac.new(_CURSOR_KEY, payload.encode(), hashlib.blake2b).digest()[:12]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def encode_cursor(data: dict[str, Any]) -> str:
    """An opaque URL-safe cursor, signed so that only cursors this API issued are accepted."""
    payload = base64.urlsafe_b64encode(msgspec.json.encode(data)).decode().rstrip("=")
    return f"{payload}.{_cursor_mac(payload)}"


def decode_cursor(cursor: str, parameter: str = "next") -> dict[str, Any]:
    """The data of a cursor made by encode_cursor; anything else (forged, edited) is a 404 problem."""
    payload, _, mac = cursor.rpartition(".")
    data: Any = None
    if payload and hmac.compare_digest(mac.encode(), _cursor_mac(payload).encode()):
        try:
            data = msgspec.json.decode(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except (ValueError, msgspec.DecodeError):
            data = None
    if not isinstance(data, dict) or not isinstance(data.get("v"), int):
        # well-formed text that names no page: 404, like an unknown id
        raise ProblemError(404, "Not found", "no page for this cursor: it is not one this API issued", parameter,
                           "the value of 'next' from a previous page, unchanged")
    return data

