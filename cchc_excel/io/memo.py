"""What is made of a few parts' bytes, remembered for the last inputs: a reading worker takes hundreds of files
written from one template, whose workbook, relationships and styles are byte for byte the same, so what is made
of them (parsed, checked) is made once.

Only pure functions of bytes are remembered, by the whole bytes (never by a checksum a file could forge),
for small inputs and a few of them: a file cannot change another's answer, and crafted inputs at MEMO_BYTES
make a worker hold about 25 MiB in all (measured), whatever the number of files, and fastxml.table_text at most
1.25 MiB more (the last shared string table of up to MEMO_BYTES, by the bytes object itself, and its text).
An input that raises is not remembered (the next file with those bytes raises again, with its own path)."""
from __future__ import annotations

from functools import lru_cache, wraps
from typing import Callable, TypeVar

MEMO_BYTES = 256 * 1024  # inputs larger than this in all are not remembered
MEMO_SIZE = 4  # inputs remembered, the least recently used forgotten first

T = TypeVar("T")


def by_bytes(function: Callable[..., T]) -> Callable[..., T]:
    """function(*parts) remembered by its arguments (bytes, or None and numbers); what it returns is shared, never
    changed."""
    return remembering(MEMO_SIZE)(function)


def remembering(size: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """by_bytes, for the last size inputs."""
    def wrap(function: Callable[..., T]) -> Callable[..., T]:
        remembered = lru_cache(maxsize=size)(function)

        @wraps(function)
        def call(*parts: bytes | int | None) -> T:
            total = 0
            for part in parts:  # a loop: this runs for every part of every file
                if isinstance(part, bytes):
                    total += len(part)
            return remembered(*parts) if total <= MEMO_BYTES else function(*parts)

        call.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
        call.cache_info = remembered.cache_info  # type: ignore[attr-defined]
        return call
    return wrap
