"""A YAML file an editor may change while the gateway runs: parsed again only
when it changed, and never half-read by two requests at once."""

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

T = TypeVar("T")


class ConfigFile(Generic[T]):
    def __init__(self, path: Path, parse: Callable[[Any], T]) -> None:
        self.path, self._parse = path, parse
        self._lock = threading.Lock()
        self._stamp: int | None = None
        self._value: T | None = None

    def get(self) -> T:
        stamp = self.path.stat().st_mtime_ns
        with self._lock:
            if stamp != self._stamp or self._value is None:
                self._value = self._parse(yaml.safe_load(self.path.read_text(encoding="utf-8")))
                self._stamp = stamp
            return self._value
