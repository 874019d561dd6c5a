"""Writers for `copydesk check` and `copydesk entities`: text, JSON and SARIF 2.1.0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..analysis.model import EntityCluster
from ..findings import Code, Severity
from ..lsp.convert import to_range

SEVERITY_NAMES = {1: "error", 2: "warning", 3: "information", 4: "hint"}
SARIF_LEVELS = {1: "error", 2: "warning", 3: "note", 4: "note"}
RULE_HELP = {
    Code.ENTITY: "A named entity (person, place, organisation) and how often it is mentioned.",
    Code.SPELLING_VARIANT: "One name or word is spelled two ways.",
    Code.HOUSE_STYLE: "A form the house style replaces with its preferred form.",
    Code.UNATTRIBUTED_QUOTE: "A quotation with no speaker in its sentence and none carried over.",
    Code.UNATTRIBUTED_CLAIM: "A checkable or evaluative statement with no source.",
    Code.VAGUE_ATTRIBUTION: "A source that names nobody (\u201ccritics say\u201d).",
    Code.INPUT: "The file could not be read as an article.",
    Code.STYLE_FILE: "A problem in the house-style file.",
}


def text_report(files: list[dict[str, Any]]) -> str:
    lines = []
    for entry in files:
        for diag in entry["diagnostics"]:
            start = diag["range"]["start"]
            lines.append(
                f"{entry['path']}:{start['line'] + 1}:{start['character'] + 1}: "
                f"{SEVERITY_NAMES.get(diag.get('severity', 2), 'warning')} {diag.get('code')} {diag['message']}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def json_report(files: list[dict[str, Any]]) -> str:
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2) + "\n"


def sarif_report(files: list[dict[str, Any]], texts: dict[str, str]) -> str:
    used = sorted({d["code"] for f in files for d in f["diagnostics"]} | set(RULE_HELP))
    rules = [
        {"id": code, "name": code.replace("-", " ").title().replace(" ", ""),
         "shortDescription": {"text": RULE_HELP.get(code, code)}}
        for code in used
    ]
    rule_index = {r["id"]: k for k, r in enumerate(rules)}
    results = []
    artifacts = []
    for k, entry in enumerate(files):
        uri = Path(entry["path"]).as_posix()
        artifacts.append({"location": {"uri": uri}})
        for diag in entry["diagnostics"]:
            rng = diag["range"]
            region = {
                "startLine": rng["start"]["line"] + 1,
                "startColumn": rng["start"]["character"] + 1,
                "endLine": rng["end"]["line"] + 1,
                "endColumn": rng["end"]["character"] + 1,
            }
            offsets = diag.get("data") or {}
            result = {
                "ruleId": diag["code"],
                "ruleIndex": rule_index[diag["code"]],
                "level": SARIF_LEVELS.get(diag.get("severity", 2), "warning"),
                "message": {"text": diag["message"]},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "index": k}, "region": region}}],
            }
            if isinstance(offsets, dict) and offsets:
                result["properties"] = {"data": offsets}
            results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copydesk",
                        "version": __version__,
                        "informationUri": "https://github.com/copydesk/copydesk",
                        "rules": rules,
                    }
                },
                "columnKind": "utf16CodeUnits",
                "artifacts": artifacts,
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def entities_json(path: str, clusters: list[EntityCluster], index) -> dict[str, Any]:
    from ..text import Encoding

    out = []
    for c in clusters:
        mentions = []
        for m in c.mentions:
            rng = to_range(index, m.start, m.end, Encoding.UTF16)
            mentions.append({
                "text": m.text, "start": m.start, "end": m.end,
                "range": {"start": {"line": rng.start.line, "character": rng.start.character},
                          "end": {"line": rng.end.line, "character": rng.end.character}},
            })
        out.append({"id": c.id, "canonical": c.canonical, "label": c.label, "mentions": mentions, "variants": c.variants})
    return {"path": path, "entities": out}


def entities_text(path: str, clusters: list[EntityCluster], index) -> str:
    lines = [f"{path}:"]
    for c in clusters:
        where = ", ".join(str(index.line_of(m.start) + 1) for m in c.mentions)
        extra = f" (also: {', '.join(c.variants)})" if c.variants else ""
        lines.append(f"  {c.label:<8} {c.canonical} · {len(c.mentions)}× · lines {where}{extra}")
    return "\n".join(lines) + "\n"


def parse_fail_on(value: str) -> int:
    """Exit 1 when a finding is at or above this severity (its number or lower)."""
    if value == "none":
        return 0
    return int(Severity.parse(value))
