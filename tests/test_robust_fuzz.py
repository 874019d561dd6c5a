"""Fuzzed incremental editing against the real server over stdio (issue 8).

Hypothesis draws an initial text and a sequence of didChange events (insertions,
deletions and replacements, across line ends, sometimes several changes in one
notification) made of hostile Unicode: combining marks, non-BMP characters
(surrogate pairs in utf-16), CRLF, lone CR, U+2028/U+2029, tabs, quotes of every
kind and very long lines. The client keeps the true text in code points and
computes positions with its own line model (not copydesk.text). After each
sequence: the server's text is the client's, nothing was logged as an error,
every published range is inside the text of its version without splitting a
character, versions only move forward and the last diagnostics carry the last
version. One server per encoding serves all examples (a fresh document each).
"""

from __future__ import annotations

import asyncio
import os
import itertools
from dataclasses import dataclass

import pytest
import pytest_lsp
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, diagnostics, start, track_versions, uses_pull
from robust_support import StderrCapture, debug_state, error_messages, range_problem, ref_lines, ref_position

pytestmark = pytest.mark.asyncio(loop_scope="module")

EDITS = {"utf-16": 0, "utf-8": 0}
LONG_RUN_EDITS = {"utf-16": 0, "utf-8": 0}
_uris = itertools.count()

PIECES = [
    "é", "e\u0301", "n\u0303\u0323", "😀", "🇺🇦", "👩\u200d👩\u200d👧", "\U00010348", "中文", "مرحبا", "\u200b", "\u00a0",
    "\ufeff", "\t", "\r\n", "\r", "\n", "\n\n", "\r\n\r\n", "\u2028", "\u2029", "\u0085", "\x0c",
    '"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "「", "」", "`", "``", "*", "# ", "> ", "- ",
    " ", ". ", ", ", "said", " said ", "according to officials", "Vladimir Putin", "Sergei Shoigu", "Sergey Shoigu",
    "Kyiv", "Kiev", "Moscow", "Zelensky", "Zelenskyy", "the ministry", "sources say", "https://example.com/x_y",
    "Élodie Durand", "Mr", "O'Brien",
]
# Very long lines: one real sentence run (spaCy parses it, so keep it rare) and cheap single tokens.
LONG = ["Shoigu said the talks went well and “nothing” changed, officials claimed. " * 12, "ü" * 3000, "😀" * 400, "a" * 5000]
# No NUL: a document with one is skipped as binary (test_robust_inputs covers that).
SHORT = st.one_of(
    st.sampled_from(PIECES), st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=6)
)
FRAGMENT = st.integers(0, 60).flatmap(lambda k: st.sampled_from(LONG) if k == 0 else SHORT)
# Hypothesis may still produce NUL through other paths (e.g. its own mutations): strip it here.
INSERT = st.lists(FRAGMENT, min_size=0, max_size=5).map(lambda parts: "".join(parts).replace("\x00", ""))
INITIAL = st.one_of(
    st.lists(FRAGMENT, max_size=40).map(lambda parts: "".join(parts).replace("\x00", "")),
    st.sampled_from(["", "\r\n", "Vladimir Putin met Sergei Shoigu in Moscow.\r\n\r\nKiev and Kyiv.\n" * 3]),
)


@dataclass(frozen=True)
class Edit:
    at: int  # picks the start among valid offsets
    span: int  # how many valid offsets the change covers (0: an insertion)
    text: str
    batch: int  # how many more changes go in the same didChange
    pause: bool  # let the server analyse this version before the next edit


EDIT = st.builds(
    Edit,
    at=st.integers(0, 10**6),
    span=st.one_of(st.just(0), st.integers(1, 6), st.integers(0, 400)),
    text=INSERT,
    batch=st.sampled_from([0, 0, 0, 1, 2]),
    pause=st.sampled_from([False] * 5 + [True]),
)


def valid_offsets(text: str) -> list[int]:
    """Offsets an LSP position can name: all but the middle of a CRLF."""
    return [i for i in range(len(text) + 1) if not (0 < i < len(text) and text[i - 1] == "\r" and text[i] == "\n")]


def make_change(text: str, edit: Edit, encoding: str) -> tuple[str, lsp.TextDocumentContentChangePartial]:
    offsets = valid_offsets(text)
    k = edit.at % len(offsets)
    if len(text) > 6000 and edit.span == 0:
        span = 200  # keep documents from growing without bound
    else:
        span = edit.span
    start, end = offsets[k], offsets[min(len(offsets) - 1, k + span)]
    lines = ref_lines(text)
    rng = lsp.Range(ref_position(text, start, encoding, lines), ref_position(text, end, encoding, lines))
    return text[:start] + edit.text + text[end:], lsp.TextDocumentContentChangePartial(range=rng, text=edit.text)


@pytest_lsp.fixture(config=SERVER, params=["vscode", "neovim"], scope="module")
async def client(lsp_client: LanguageClient, request):
    track_versions(lsp_client)
    lsp_client.name = request.param  # type: ignore[attr-defined]
    lsp_client.stderr = StderrCapture(lsp_client)  # type: ignore[attr-defined]
    await start(lsp_client, request.param, None, options={"debounceMs": 5})
    yield
    await lsp_client.shutdown_session()


def encoding(client: LanguageClient) -> str:
    return "utf-8" if client.name == "neovim" else "utf-16"  # type: ignore[attr-defined]


async def run_sequence(client: LanguageClient, initial: str, edits: list[Edit], markdown: bool, counter: dict[str, int]) -> None:
    enc = encoding(client)
    uri = f"file:///fuzz/{client.name}/{next(_uris)}.{'md' if markdown else 'txt'}"  # type: ignore[attr-defined]
    stderr_mark = len(client.stderr.lines)  # type: ignore[attr-defined]
    log_mark, show_mark = len(client.log_messages), len(client.messages)
    published_mark = len(client.all_published)  # type: ignore[attr-defined]
    text, version = initial, 1
    texts = {1: text}
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown" if markdown else "plaintext", version, text))
    )
    pending: list[lsp.TextDocumentContentChangePartial] = []
    for n, edit in enumerate(edits):
        text, change = make_change(text, edit, enc)
        pending.append(change)
        counter[enc] += 1
        if edit.batch and len(pending) <= edit.batch and n + 1 < len(edits):
            continue  # more changes go in this didChange
        version += 1
        texts[version] = text
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), list(pending))
        )
        pending = []
        if edit.pause:
            await asyncio.sleep(0.03)
    state = await debug_state(client, uri)
    assert state is not None
    assert state["text"] == text, "server text diverged from the client's"
    assert state["version"] == version
    try:
        final = await diagnostics(client, uri, version=version, timeout=float(os.environ.get("FUZZ_WAIT", 60)))
    except (TimeoutError, asyncio.TimeoutError):
        late = await debug_state(client, uri)
        late = {k: v for k, v in (late or {}).items() if k != "text"}
        raise AssertionError(f"no diagnostics for v{version} ({late}); server stderr: {client.stderr.lines[stderr_mark:][-20:]}") from None
    lines = ref_lines(text)
    for diag in final:
        problem = range_problem(text, diag.range, enc, lines)
        assert problem is None, (problem, diag)
    state = await debug_state(client, uri)
    assert state["analysedVersion"] == version, state
    if not uses_pull(client):
        seen = [p for p in client.all_published[published_mark:] if p.uri == uri]  # type: ignore[attr-defined]
        versions = [p.version for p in seen]
        assert versions == sorted(versions), f"a stale version was published after a newer one: {versions}"
        assert versions[-1] == version
        for params in seen:
            assert params.version in texts, params.version
            v_text = texts[params.version]
            v_lines = ref_lines(v_text)
            for diag in params.diagnostics:
                problem = range_problem(v_text, diag.range, enc, v_lines)
                assert problem is None, (params.version, problem, diag)
    doc = lsp.TextDocumentIdentifier(uri)
    tokens = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(doc))
    check_tokens(text, tokens.data, enc)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(doc))
    assert await debug_state(client, uri) is None
    assert not error_messages(client, log_mark, show_mark)
    assert not client.stderr.errors(stderr_mark), client.stderr.errors(stderr_mark)  # type: ignore[attr-defined]


def check_tokens(text: str, data: list[int], enc: str) -> None:
    lines = ref_lines(text)
    line = char = 0
    for k in range(0, len(data), 5):
        d_line, d_char, length = data[k : k + 3]
        line += d_line
        char = d_char if d_line else char + d_char
        rng = lsp.Range(lsp.Position(line, char), lsp.Position(line, char + length))
        problem = range_problem(text, rng, enc, lines)
        assert problem is None, ("semantic token", problem)


FUZZ = settings(
    max_examples=110, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],  # shrinking over stdio takes too long

    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@pytest.mark.timeout(900)
@FUZZ
@given(initial=INITIAL, edits=st.lists(EDIT, min_size=8, max_size=40), markdown=st.booleans())
async def test_fuzzed_edits_keep_text_and_ranges(client: LanguageClient, initial: str, edits: list[Edit], markdown: bool):
    await run_sequence(client, initial, edits, markdown, EDITS)


@pytest.mark.slow
@pytest.mark.timeout(1500)
@settings(FUZZ, max_examples=250, derandomize=False)
@given(initial=INITIAL, edits=st.lists(EDIT, min_size=20, max_size=60), markdown=st.booleans())
async def test_fuzzed_edits_long_run(client: LanguageClient, initial: str, edits: list[Edit], markdown: bool):
    await run_sequence(client, initial, edits, markdown, LONG_RUN_EDITS)


def check_budget(client: LanguageClient, counter: dict[str, int], least: int) -> None:
    enc = encoding(client)
    if counter[enc] == 0:
        pytest.skip("the fuzz test did not run in this session")
    print(f"fuzzed edits in {enc}: {counter[enc]}")
    assert counter[enc] >= least


async def test_fuzz_budget(client: LanguageClient):
    """Runs after the fuzz test on the same server: enough edits were tried (>= 2,000 in all)."""
    check_budget(client, EDITS, 1000)


@pytest.mark.slow
async def test_fuzz_long_run_budget(client: LanguageClient):
    """>= 10,000 edits in all in the long run."""
    check_budget(client, LONG_RUN_EDITS, 5000)
