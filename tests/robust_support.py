"""Shared tools for the robustness suites: a reference line model, range checks, stderr capture."""

from __future__ import annotations

import asyncio
import re
import sys

from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

CODEC = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}
DEBUG_STATE = "copydesk.debug.documentState"


def ref_lines(text: str) -> list[tuple[int, int]]:
    """(start, content end) of each line; only \\r\\n, \\r and \\n end a line (independent of copydesk.text)."""
    out, start = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def units(s: str, encoding: str) -> int:
    codec, width = CODEC[encoding]
    return len(s.encode(codec)) // width


def ref_position(text: str, offset: int, encoding: str, lines: list[tuple[int, int]] | None = None) -> lsp.Position:
    lines = lines or ref_lines(text)
    for n, (s, e) in enumerate(lines):
        if s <= offset <= e:
            return lsp.Position(n, units(text[s:offset], encoding))
    raise ValueError(f"offset {offset} is not a position (inside a CRLF?)")


def range_problem(text: str, rng: lsp.Range, encoding: str, lines: list[tuple[int, int]] | None = None) -> str | None:
    """Why ``rng`` is not a valid range of ``text`` in ``encoding`` (None if it is)."""
    lines = lines or ref_lines(text)
    codec, width = CODEC[encoding]
    offsets = []
    for pos in (rng.start, rng.end):
        if not 0 <= pos.line < len(lines):
            return f"line {pos.line} outside 0..{len(lines) - 1}"
        s, e = lines[pos.line]
        data = text[s:e].encode(codec)
        if not 0 <= pos.character * width <= len(data):
            return f"character {pos.character} past the end of line {pos.line} ({len(data) // width} units)"
        try:
            prefix = data[: pos.character * width].decode(codec)
        except UnicodeDecodeError:
            return f"position {pos.line}:{pos.character} splits a character"
        offsets.append(s + len(prefix))
    if offsets[0] > offsets[1]:
        return f"range ends before it starts: {rng}"
    return None


class StderrCapture:
    """Replaces pytest-lsp's stderr forwarder: keeps the server's stderr lines and still echoes them."""

    def __init__(self, client: LanguageClient) -> None:
        self.lines: list[str] = []
        server = client._server  # noqa: SLF001 - pytest-lsp keeps the process here
        if client._stderr_forwarder is not None:  # noqa: SLF001
            client._stderr_forwarder.cancel()  # noqa: SLF001
        self.task = asyncio.ensure_future(self._read(server))
        client._stderr_forwarder = self.task  # noqa: SLF001 - so client.stop() cancels ours

    async def _read(self, server) -> None:
        while (line := await server.stderr.readline()) != b"":
            text = line.decode("utf-8", "replace")
            self.lines.append(text)
            sys.stderr.write(text)

    def errors(self, since: int = 0) -> list[str]:
        return [ln for ln in self.lines[since:] if ln.startswith(("ERROR", "CRITICAL", "Traceback")) or "Traceback" in ln]


def error_messages(client: LanguageClient, since_log: int = 0, since_show: int = 0) -> list[str]:
    out = [m.message for m in client.log_messages[since_log:] if m.type == lsp.MessageType.Error]
    out += [m.message for m in client.messages[since_show:] if m.type == lsp.MessageType.Error]
    return out


async def debug_state(client: LanguageClient, uri: str) -> dict | None:
    return await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command=DEBUG_STATE, arguments=[uri]))


def broken_model(tmp_path) -> str:
    """A model directory whose files are damaged (a half-copied or hand-edited package)."""
    model = tmp_path / "broken_model"
    model.mkdir()
    (model / "meta.json").write_text("{not json", encoding="utf-8")
    (model / "config.cfg").write_text("[nlp\nlang = ", encoding="utf-8")
    return str(model)
