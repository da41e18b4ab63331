"""Results kept in memory, briefly, so that a page's links (other formats, other
roles, a batch's downloads) work: never written to disk, gone after ``ttl`` seconds,
the oldest dropped beyond ``size`` entries, all of them gone when the server stops.
Keys are unguessable tokens."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from typing import Any, Generic, TypeVar

from ..errors import RolematchError

T = TypeVar("T")

__all__ = ["Expired", "Store"]


class Expired(RolematchError):
    """A token that is unknown or whose result has expired."""


class Store(Generic[T]):
    """A thread-safe token → value map with a time to live and a size bound."""

    def __init__(self, *, ttl: float = 1800.0, size: int = 200) -> None:
        self.ttl = ttl
        self.size = size
        self._items: OrderedDict[str, tuple[float, T]] = OrderedDict()
        self._lock = threading.Lock()

    def _sweep(self, now: float) -> None:
        while self._items:
            token, (at, _) = next(iter(self._items.items()))
            if now - at <= self.ttl and len(self._items) <= self.size:
                break
            del self._items[token]

    def put(self, value: T) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = (time.monotonic(), value)
            self._sweep(time.monotonic())
        return token

    def get(self, token: str) -> T:
        with self._lock:
            self._sweep(time.monotonic())
            hit = self._items.get(token)
        if hit is None:
            raise Expired(
                "this result is no longer kept (results are kept in memory "
                "for a while only); upload the résumé again"
            )
        return hit[1]

    def pop(self, token: str) -> Any:
        with self._lock:
            return self._items.pop(token, (0.0, None))[1]

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
