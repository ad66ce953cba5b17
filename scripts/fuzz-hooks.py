"""schemathesis hooks for scripts/fuzz-api.

Each request comes from another client address (X-Forwarded-For, which
serve believes from loopback with --trusted-proxy 127.0.0.1): hookq slows
down failed sign-ins per address (a 429 after 5 failures, tested in the
suite), which would otherwise stand in for the 401 that schemathesis's
ignored-auth check asks of every route.
"""

import itertools

import schemathesis

_n = itertools.count(1)


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    n = next(_n)
    if case.headers is None:
        case.headers = {}
    case.headers["X-Forwarded-For"] = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
