"""Archive-wide counts of spellings and entity forms: counted per chunk, merged in a reduce step.

A tally is plain JSON (a chunk's is written beside its shard, so a re-run reduces chunks it
skipped without analysing them again):

    {"files": n,
     "variants": {key: {"kind": k, "forms": {form: {"count": c, "files": f, "samples": [[path, line, col]]}}}},
     "entities": {"LABEL<TAB>canonical": {"label", "canonical", "mentions", "files", "forms": {text: n},
                                          "samples": [[path, line, col]]}}}

Variant keys are the cross-file keys `copydesk check` compares files by (``place:<geonames
id>``, ``name:…``, ``abbr:US``, ``ukus:…``), so the archive report and `check` over a few
files group the same spellings. Lines and columns are 1-based, as in `check`'s text output.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SAMPLES = 3  # sample locations kept per form


def empty() -> dict[str, Any]:
    return {"files": 0, "variants": {}, "entities": {}}


def of_file(path: str, analysis) -> dict[str, Any]:
    """One analysed file's tally (runs on the worker, from what the analysis already built)."""
    tally = empty()
    tally["files"] = 1
    forms = analysis.forms
    if forms is not None:
        for key, by_form in forms.forms.items():
            slot = tally["variants"].setdefault(key, {"kind": forms.kinds.get(key, ""), "forms": {}})
            for form, entry in by_form.items():
                line, col = entry.ranges16[0][:2] if entry.ranges16 else (0, 0)
                slot["forms"][form] = {"count": entry.count, "files": 1, "samples": [[path, line + 1, col + 1]]}
    index = analysis.article.index
    for cluster in analysis.entities:
        if not cluster.mentions:
            continue
        texts: dict[str, int] = {}
        for m in cluster.mentions:
            texts[m.text] = texts.get(m.text, 0) + 1
        first = index.position(cluster.mentions[0].start)
        key = f"{cluster.label}\t{cluster.canonical}"
        tally["entities"][key] = {
            "label": cluster.label, "canonical": cluster.canonical, "mentions": len(cluster.mentions), "files": 1,
            "forms": texts, "samples": [[path, first.line + 1, first.character + 1]],
        }
    return tally


def merge(into: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """Add ``other`` to ``into`` (in place) and return it."""
    into["files"] += other.get("files", 0)
    variants = into["variants"]
    for key, slot in other.get("variants", {}).items():
        mine = variants.get(key)
        if mine is None:
            variants[key] = {"kind": slot["kind"], "forms": {f: _copy(e) for f, e in slot["forms"].items()}}
            continue
        for form, entry in slot["forms"].items():
            have = mine["forms"].get(form)
            if have is None:
                mine["forms"][form] = _copy(entry)
            else:
                _add(have, entry)
    entities = into["entities"]
    for key, entry in other.get("entities", {}).items():
        have = entities.get(key)
        if have is None:
            entities[key] = {**_copy(entry), "forms": dict(entry["forms"])}
            continue
        have["mentions"] += entry["mentions"]
        have["files"] += entry["files"]
        for text, n in entry["forms"].items():
            have["forms"][text] = have["forms"].get(text, 0) + n
        _extend_samples(have, entry)
    return into


def _copy(entry: dict[str, Any]) -> dict[str, Any]:
    out = dict(entry)
    out["samples"] = list(entry.get("samples", []))[:SAMPLES]
    return out


def _add(have: dict[str, Any], entry: dict[str, Any]) -> None:
    have["count"] += entry["count"]
    have["files"] += entry["files"]
    _extend_samples(have, entry)


def _extend_samples(have: dict[str, Any], entry: dict[str, Any]) -> None:
    room = SAMPLES - len(have["samples"])
    if room > 0:
        have["samples"].extend(entry.get("samples", [])[:room])


def merge_all(tallies: Iterable[dict[str, Any]]) -> dict[str, Any]:
    total = empty()
    for t in tallies:
        merge(total, t)
    return total


def reduce(folder: str | Path, chunk_ids: list[str]) -> dict[str, Any]:
    """The archive's tally, keeping only the keys written more than one way (what the report shows).

    Two passes over the chunk tallies: the first finds the keys whose forms vary (holding one
    form per key, not counts and samples), the second merges those keys alone. Most keys --
    a name always spelled one way -- never reach the second pass, which keeps the memory of a
    million-article reduce to a fraction of a full merge's."""
    files = 0
    varying: dict[str, set[str]] = {"variants": set(), "entities": set()}
    first: dict[str, dict[str, str]] = {"variants": {}, "entities": {}}
    for t in read_tallies(folder, chunk_ids):
        files += t.get("files", 0)
        for part, found in varying.items():
            seen = first[part]
            for key, entry in t.get(part, {}).items():
                if key in found:
                    continue
                forms = entry["forms"]
                if len(forms) > 1 or seen.setdefault(key, next(iter(forms))) not in forms:
                    found.add(key)
    del first
    total = empty()
    for t in read_tallies(folder, chunk_ids):
        merge(total, {"files": 0, **{part: {k: v for k, v in t.get(part, {}).items() if k in found}
                                     for part, found in varying.items()}})
    total["files"] = files
    return total


def read_tallies(folder: str | Path, chunk_ids: Iterable[str]) -> Iterable[dict[str, Any]]:
    folder = Path(folder)
    for chunk_id in chunk_ids:
        try:
            with (folder / f"{chunk_id}.json").open(encoding="utf-8") as handle:
                yield json.load(handle)
        except (OSError, ValueError):
            continue  # a chunk without a tally (failed) adds nothing


# -- the archive report -----------------------------------------------------------------


def report(total: dict[str, Any], style=None, entity_limit: int = 200) -> dict[str, Any]:
    """Spellings that vary across the archive, and the entities written more than one way."""
    from ..analysis.variants import _comparable

    groups = []
    for key, slot in total["variants"].items():
        forms = slot["forms"]
        if len(forms) < 2:
            continue
        canonical = _canonical(forms, style)
        kept = {f: e for f, e in forms.items() if f == canonical or not key.startswith("place:") or _comparable(key, canonical, f)}
        if len(kept) < 2:
            continue
        ordered = sorted(kept.items(), key=lambda item: (-item[1]["count"], item[0]))
        groups.append({
            "key": key, "kind": slot["kind"], "canonical": canonical,
            "houseStyle": bool(style is not None and canonical in style.preferred_forms),
            "forms": [{"form": f, **e} for f, e in ordered],
        })
    groups.sort(key=lambda g: (-sum(f["count"] for f in g["forms"] if f["form"] != g["canonical"]), g["key"]))
    varied = [e for e in total["entities"].values() if len(e["forms"]) > 1]
    varied.sort(key=lambda e: (-e["mentions"], e["label"], e["canonical"]))
    return {"version": 1, "files": total["files"], "variants": groups, "entities": varied[:entity_limit]}


def _canonical(forms: dict[str, dict], style) -> str:
    if style is not None:
        for form in forms:
            if form in style.preferred_forms:
                return form
    return min(forms, key=lambda f: (-forms[f]["count"], -forms[f]["files"], f))


def summary_lines(rep: dict[str, Any], limit: int = 20) -> list[str]:
    """'Kiev 12,408× in 3,902 files; Kyiv 9,877× in 3,100 files (house style: Kyiv) — e.g. a.txt:3:14'."""
    lines = [f"{rep['files']:,} files analysed; {len(rep['variants']):,} spelling group(s) vary across the archive"]
    for group in rep["variants"][:limit]:
        parts = [f"{f['form']} {f['count']:,}× in {f['files']:,} file{'s' if f['files'] != 1 else ''}" for f in group["forms"]]
        which = "house style" if group["houseStyle"] else "most used"
        samples = [s for f in group["forms"] if f["form"] != group["canonical"] for s in f["samples"]][:2]
        where = f" — e.g. {', '.join(f'{p}:{line}:{col}' for p, line, col in samples)}" if samples else ""
        lines.append(f"  {'; '.join(parts)} ({which}: {group['canonical']}){where}")
    if len(rep["variants"]) > limit:
        lines.append(f"  … {len(rep['variants']) - limit:,} more in report.json")
    return lines
