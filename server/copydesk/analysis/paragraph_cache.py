"""A bounded per-paragraph cache for what a pass derives from a paragraph's parse."""

from __future__ import annotations

import threading

from ..nlp import ParsedParagraph


class ParagraphCache:
    """Bounded map from a paragraph's text to what a pass derived from its parse.

    Per-paragraph results are kept relative to the paragraph, so an edit elsewhere (which
    shifts offsets) still hits. An entry counts only for the same parse: the stored
    ``ParsedParagraph`` must be the one asked with (identity, else equality). Oldest first out;
    a lock keeps eviction safe when analyses run in worker threads.
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._entries: dict[str, tuple[ParsedParagraph, object]] = {}
        self._lock = threading.Lock()

    def get(self, pp: ParsedParagraph):
        hit = self._entries.get(pp.text)
        if hit is not None and (hit[0] is pp or hit[0] == pp):
            return hit[1]
        return None

    def put(self, pp: ParsedParagraph, value) -> None:
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.pop(next(iter(self._entries)), None)
            self._entries[pp.text] = (pp, value)
