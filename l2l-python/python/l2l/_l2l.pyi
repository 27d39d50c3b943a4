"""Types of the compiled module ``l2l._l2l``."""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Optional

class Error(Exception): ...

class InvalidRequest(Error):
    field: Optional[str]
    suggestion: Optional[str]

class AuthError(Error): ...
class NotFoundError(Error): ...

class RefusedError(Error):
    messages: list[str]

class NetworkError(Error): ...
class ServerError(Error): ...

class Sandbox:
    def __init__(
        self,
        seed: str = "demo",
        *,
        faults: float = 0.0,
        fault_seed: int = 0,
        rate_limit: Optional[float] = None,
        latency_ms: Optional[int] = None,
        api_key: Optional[str] = None,
        port: int = 0,
    ) -> None: ...
    @property
    def base_url(self) -> str: ...
    @property
    def api_key(self) -> str: ...
    @property
    def requests(self) -> int: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Sandbox": ...
    def __exit__(self, *args: Any) -> bool: ...

class Records(Iterator[dict[str, Any]]):
    def __iter__(self) -> "Records": ...
    def __next__(self) -> dict[str, Any]: ...

class Client:
    def __init__(
        self,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        company: Optional[str] = None,
        max_in_flight: Optional[int] = None,
    ) -> None: ...
    def list(
        self,
        area: str,
        *,
        site: Optional[int] = None,
        where: Optional[Mapping[str, Any]] = None,
        fields: Optional[Sequence[str]] = None,
        order_by: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> list[dict[str, Any]]: ...
    def stream(
        self,
        area: str,
        *,
        site: Optional[int] = None,
        where: Optional[Mapping[str, Any]] = None,
        fields: Optional[Sequence[str]] = None,
        order_by: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> Records: ...
    def get(self, area: str, id: int, *, site: Optional[int] = None) -> dict[str, Any]: ...
    def create(self, area: str, values: Mapping[str, Any]) -> dict[str, Any]: ...
    def update(self, area: str, id: int, values: Mapping[str, Any]) -> dict[str, Any]: ...
    def delete(self, area: str, id: int) -> None: ...
    def call(self, method: str, path: str, **params: Any) -> dict[str, Any]: ...
    def sync(self, area: str, *, to: str, site: Optional[int] = None) -> dict[str, Any]: ...
