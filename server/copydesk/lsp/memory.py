"""Give memory back to the system after documents close.

Closing articles frees their parses, but glibc keeps the freed heap for reuse, so the
process would stay at its peak size for the rest of the session. Shortly after the last
close in a burst, collect cycles and ask malloc to return free pages (``malloc_trim``).
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging

log = logging.getLogger(__name__)

TRIM_DELAY_S = 0.5


def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): nothing to trim
        return None


class MemoryTrimmer:
    def __init__(self) -> None:
        self._pending: asyncio.Task | None = None
        self._trim = _malloc_trim()

    def documents_closed(self) -> None:
        """Called on each close; one trim runs after a burst of closes ends."""
        if self._pending is not None and not self._pending.done():
            self._pending.cancel()
        self._pending = asyncio.ensure_future(self._later())

    async def _later(self) -> None:
        await asyncio.sleep(TRIM_DELAY_S)
        gc.collect()
        if self._trim is not None:
            self._trim(0)
        log.debug("memory trimmed after documents closed")
