"""The evaluation corpora stay outside the project: no tracked file repeats a run of their text.

The BBC articles (../shared/corpus) and PolNeAR (../shared/eval) may be read at run time but
never copied into the repository, not even as a test sentence or a code comment. Any run of
eight words shared with them fails this test; names and short phrases ("the mayor said") do not.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RUN = 8
_WORD = re.compile(r"\S+")
_EDGE = "\"'“”‘’()[]{},.;:!?*`_-—–"
SKIPPED_SUFFIXES = (".png", ".jpg", ".vsix", ".lock", ".woff", ".woff2")


def _words(text: str) -> list[str]:
    return [w for w in (m.group().strip(_EDGE).lower() for m in _WORD.finditer(text)) if w]


def _runs(words: list[str]) -> set[int]:
    return {hash(" ".join(words[i:i + RUN])) for i in range(len(words) - RUN + 1)}


def _corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus" / "bbc").glob("*.txt"))]
    polnear = SHARED / "eval" / "polnear-train.jsonl"
    if polnear.exists():
        texts += [json.loads(line)["text"] for line in polnear.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def _tracked_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / name for name in out.split("\0") if name and not name.startswith("seeds/") and not name.endswith(SKIPPED_SUFFIXES)]


def test_no_tracked_file_repeats_corpus_text():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("../shared corpora are not beside this checkout")
    corpus: set[int] = set()
    for text in texts:
        corpus |= _runs(_words(text))
    found = []
    for path in _tracked_files():
        try:
            words = _words(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        for i in range(len(words) - RUN + 1):
            if hash(" ".join(words[i:i + RUN])) in corpus:
                found.append(f"{path.relative_to(ROOT)}: {' '.join(words[i:i + RUN])}")
                break
    assert not found, "corpus text copied into the project:\n" + "\n".join(found)
