"""`copydesk fix --from DIR`: apply the house style to an archive from a batch run's shards.

No model runs: each shard line holds the file's diagnostics, and the house-style and
spelling-variant ones carry their fix in ``data`` (as the editor's quick fixes use them).
A file is changed only when its bytes still have the sha256 the manifest recorded, so an
article edited since the batch run is left alone and named. ``--dry-run`` prints what would
change (per replacement: how often, in how many files) and writes nothing; ``--diff`` adds
the unified diffs.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

from ..analysis.variant_edits import apply_edits, normalisation_edits
from ..findings import Code, Finding
from ..inputs import InputError, decode_article, read_bytes
from ..text import Encoding, LineIndex
from .plan import MANIFEST, SHARDS, read_manifest

_FIX_CODES = (Code.HOUSE_STYLE, Code.SPELLING_VARIANT)


def findings_from_diagnostics(text: str, diagnostics: list[dict]) -> list[Finding]:
    """The variant findings back from their JSON diagnostics (UTF-16 ranges -> code points)."""
    index = LineIndex(text)
    out = []
    for diag in diagnostics:
        data = diag.get("data")
        if diag.get("code") not in _FIX_CODES or not isinstance(data, dict):
            continue
        rng = diag["range"]
        start = index.offset(rng["start"]["line"], rng["start"]["character"], Encoding.UTF16)
        end = index.offset(rng["end"]["line"], rng["end"]["character"], Encoding.UTF16)
        out.append(Finding(diag["code"], start, end, diag.get("message", ""), data=data))
    return out


def run(out_dir: str, dry_run: bool, majority: bool, diff: bool) -> int:
    from ..cli.fix import _write, unified_diff

    records = read_manifest(out_dir)
    if not records:
        print(f"copydesk: {Path(out_dir) / MANIFEST}: no batch run there (run copydesk batch --out {out_dir} first)", file=sys.stderr)
        return 2
    if any("check" not in r.get("what", []) for r in records.values() if r.get("status") == "done"):
        print("copydesk: the shards hold no diagnostics; run copydesk batch with --what check", file=sys.stderr)
        return 2
    replacements: Counter[tuple[str, str]] = Counter()
    files_per: Counter[tuple[str, str]] = Counter()
    changed = problems = 0
    for chunk_id, record in sorted(records.items()):
        if record.get("status") != "done":
            continue
        expected = {i["path"]: i.get("sha256") for i in record.get("inputs", [])}
        base = record.get("base") or os.getcwd()
        shard = Path(out_dir) / SHARDS / f"{chunk_id}.jsonl"
        try:
            lines = shard.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            print(f"copydesk: {shard}: cannot read ({exc})", file=sys.stderr)
            problems += 1
            continue
        for line in lines:
            entry = json.loads(line)
            if "error" in entry:
                continue
            findings_json = [d for d in entry.get("diagnostics", []) if d.get("code") in _FIX_CODES]
            if not findings_json:
                continue
            path = entry["path"]
            full = os.path.join(base, path)
            try:
                data = read_bytes(full, name=path)
                if hashlib.sha256(data).hexdigest() != expected.get(path):
                    raise InputError(f"{path}: changed since the batch run; left alone (run copydesk batch again)")
                text = decode_article(data, path)
            except InputError as exc:
                print(f"copydesk: {exc}", file=sys.stderr)
                problems += 1
                continue
            edits = normalisation_edits(text, findings_from_diagnostics(text, findings_json), majority)
            new_text = apply_edits(text, edits)
            if new_text == text:
                continue
            changed += 1
            seen = set()
            for e in edits:
                pair = (text[e.start : e.end], e.new_text)
                replacements[pair] += 1
                if pair not in seen:
                    files_per[pair] += 1
                    seen.add(pair)
            if dry_run:
                if diff:
                    sys.stdout.write(unified_diff(text, new_text, path))
            else:
                _write(full, new_text)
    verb = "would change" if dry_run else "changed"
    print(f"{changed:,} file(s) {verb}", file=sys.stderr if diff and dry_run else sys.stdout)
    for (old, new), n in replacements.most_common():
        print(f"  {old} → {new}: {n:,}× in {files_per[(old, new)]:,} file(s)", file=sys.stderr if diff and dry_run else sys.stdout)
    if problems:
        return 2
    return 1 if changed else 0
