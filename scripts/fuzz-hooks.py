"""schemathesis hooks for scripts/fuzz-api.

1. Each request comes from another client address (X-Forwarded-For,
   which serve believes from loopback with --trusted-proxy 127.0.0.1):
   hookq slows down failed sign-ins per address (a 429 after 5 failures,
   tested in the suite), which would otherwise stand in for the 401 that
   schemathesis's ignored-auth check asks of every route.

2. The test data a schema cannot hold. A trigger must name a type of the
   instance's catalog and a category must exist (refused with 400 as in
   Mautic otherwise); the document says so in words, and gives their
   grammar. In a positive case, each trigger or event type generated is
   replaced by one of the catalog (HOOKQ_FUZZ_TYPES, space-separated) and
   a category id other than none by an existing one (HOOKQ_FUZZ_CATEGORIES),
   keeping its form (number, text, {"id": N}). Two rules hang on state or
   on another part of the request: a PATCH that gives a secret without
   saying the signing keeps the webhook's (a standard one takes only a
   whsec_ secret), so such a positive case says `mautic` when its secret
   is not a standard one; an event's body `id` and its Idempotency-Key
   header must name the same key, so the body's is made the header's.
   Negative cases are left as generated.

3. Mautic's routes overlap: /api/hooks/triggers, /api/hooks/new and
   /api/hooks/batch/... are other operations than /api/hooks/{id}... with
   an id of "triggers", "new" or "batch" (a concrete path wins, as OpenAPI
   says), so a case that puts one of those words in {id} is not a case of
   the {id} operation and is left out.

4. CPython 3.11's ast.parse is not thread-safe ("AST constructor
   recursion depth mismatch" when two threads build ASTs at once), and
   hypothesis parses a lambda's source to describe it in a strategy's
   repr, from each of schemathesis's workers. A repr is all it is for, so
   lambdas are described without parsing.
"""

import itertools
import os
import re

import schemathesis
from hypothesis.internal import lambda_sources
from schemathesis.core.parameters import ParameterLocation

def _describe(f):
    return f"lambda ({getattr(f, '__qualname__', '?')})"


lambda_sources.lambda_description = _describe

_n = itertools.count(1)
TYPES = os.environ.get("HOOKQ_FUZZ_TYPES", "").split()
EMIT_TYPES = [t for t in TYPES if not t.startswith("hookq.")]
CATEGORIES = [int(c) for c in os.environ.get("HOOKQ_FUZZ_CATEGORIES", "").split()]


def _pick(pool, value):
    return pool[hash(str(value)) % len(pool)]


def _category(value):
    if isinstance(value, dict):
        if "id" in value:
            value = dict(value)
            value["id"] = _category(value["id"])
        return value
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)) and value > 0:
        return _pick(CATEGORIES, value)
    if isinstance(value, str) and value not in ("", "0"):
        return str(_pick(CATEGORIES, value))
    return value


WHSEC = re.compile(r"^whsec_(?:[A-Za-z0-9+/]{4}){8,16}$")


def _hook_fields(item, patch):
    if not isinstance(item, dict):
        return item
    item = dict(item)
    secret = item.get("secret")
    if patch and secret not in (None, "") and not item.get("signing") and not WHSEC.match(str(secret)):
        item["signing"] = "mautic"
    t = item.get("triggers")
    if isinstance(t, list):
        item["triggers"] = [_pick(TYPES, x) if isinstance(x, str) else x for x in t]
    elif isinstance(t, str):
        item["triggers"] = _pick(TYPES, t)
    if "category" in item:
        item["category"] = _category(item["category"])
    return item


def _known(case, body):
    path = case.operation.path
    if path == "/api/hookq/events":
        if isinstance(body, dict) and isinstance(body.get("type"), str):
            body = dict(body)
            body["type"] = _pick(EMIT_TYPES, body["type"])
            key = (case.headers or {}).get("Idempotency-Key")
            if key is not None and body.get("id") is not None:
                body["id"] = key
        return body
    patch = case.method.upper() == "PATCH"
    if path.startswith("/api/hooks/batch/"):
        if isinstance(body, list):
            return [_hook_fields(i, patch) for i in body]
        if isinstance(body, dict):
            return {k: _hook_fields(v, patch) for k, v in body.items()}
        return body
    return _hook_fields(body, patch)


@schemathesis.hook
def filter_path_parameters(ctx, path_parameters):
    return not (path_parameters and str(path_parameters.get("id")) in ("triggers", "new", "batch"))


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    n = next(_n)
    if case.headers is None:
        case.headers = {}
    case.headers["X-Forwarded-For"] = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
    meta = getattr(case, "meta", None)
    negative = meta is not None and meta.is_negative_at(ParameterLocation.BODY)
    body = getattr(case, "body", None)
    if TYPES and CATEGORIES and not negative and isinstance(body, (dict, list)):
        case.body = _known(case, body)
