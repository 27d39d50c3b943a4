"""l2l: the typed Leading2Lean (L2L) client, its local sandbox and its sync, in Rust.

    import l2l
    with l2l.Sandbox(seed="demo") as sb:
        client = l2l.Client(base_url=sb.base_url, api_key=sb.api_key)
        for m in client.stream("machines", site=1):
            print(m["code"])

``l2l.areas`` holds a ``TypedDict`` per built-in area (``Machine``, ...): with a literal
area, ``client.get("machines", 1)`` is a ``Machine`` to a type checker.
``l2l.Client(profile="plant")`` reads a profile of the ``l2l`` command's config file.
"""

from . import areas
from ._l2l import (
    AuthError,
    Client,
    Error,
    InvalidRequest,
    NetworkError,
    NotFoundError,
    Records,
    RefusedError,
    Sandbox,
    ServerError,
)

__all__ = [
    "AuthError",
    "Client",
    "Error",
    "InvalidRequest",
    "NetworkError",
    "NotFoundError",
    "Records",
    "RefusedError",
    "Sandbox",
    "ServerError",
    "areas",
]
