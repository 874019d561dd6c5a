"""Disable comments: the writer turns marks off where they decide.

    <!-- copydesk-disable unattributed-claim,vague-attribution -->
    … marks of those codes are off here …
    <!-- copydesk-enable -->

    <!-- copydesk-disable-next-line entity -->
    Marks of that code on the next non-blank line are off.

No codes means every code. `copydesk-enable CODE` turns back on only that code. A directive
that turned nothing off, or names a code Copydesk does not have, is reported as a Hint
(`unused-disable`) so stale comments do not pile up. Pure text -> findings; no spaCy.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..findings import Code, Finding

DIRECTIVE = re.compile(
    r"<!--[ \t]*copydesk-(?P<verb>disable-next-line|disable|enable)\b(?P<codes>[^>]*?)[ \t]*-->"
)
# Codes a comment cannot turn off: they are about the input or the comments themselves.
NOT_DISABLED = {Code.INPUT, Code.STYLE_FILE}
ALL = "*"


@dataclass
class Directive:
    start: int  # the comment's span
    end: int
    codes: frozenset[str]  # empty: every code
    scope: tuple[int, int]  # the offsets it covers
    used: set[str] = field(default_factory=set)
    unknown: tuple[str, ...] = ()

    def covers(self, finding: Finding) -> bool:
        return self.scope[0] <= finding.start < self.scope[1] and (not self.codes or finding.code in self.codes)


def comment_for_next_line(code: str) -> str:
    """The comment the "Ignore here" action writes above a line."""
    return f"<!-- copydesk-disable-next-line {code} -->"


def _codes(raw: str) -> tuple[frozenset[str], tuple[str, ...]]:
    names = [c.strip() for c in re.split(r"[,\s]+", raw.strip()) if c.strip()]
    known = frozenset(n for n in names if n in Code.ALL and n not in NOT_DISABLED)
    return known, tuple(n for n in names if n not in known)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]


def directives(text: str) -> list[Directive]:
    if "copydesk-" not in text:
        return []
    out: list[Directive] = []
    open_: dict[str, Directive] = {}  # code (or ALL) -> the disable region still open
    starts: list[int] | None = None
    for m in DIRECTIVE.finditer(text):
        verb = m.group("verb")
        codes, unknown = _codes(m.group("codes"))
        if verb == "enable":
            # Plain `enable` closes every open region; `enable CODE` the regions of those codes.
            for key in list(open_) if not codes else list(codes):
                region = open_.pop(key, None)
                if region is not None:
                    region.scope = (region.scope[0], m.start())
            continue
        if unknown and not codes:
            # Only unknown names: turn nothing off rather than every code by mistake.
            out.append(Directive(m.start(), m.end(), frozenset(), (m.end(), m.end()), unknown=unknown))
            continue
        if verb == "disable":
            region = Directive(m.start(), m.end(), codes, (m.end(), len(text)), unknown=unknown)
            for key in codes or {ALL}:
                open_[key] = region
        else:
            starts = starts or _line_starts(text)
            line = bisect.bisect_right(starts, m.end() - 1)  # the line after the comment's own
            while line < len(starts) and not text[starts[line] : _line_end(starts, line, text)].strip():
                line += 1
            scope = (starts[line], _line_end(starts, line, text)) if line < len(starts) else (len(text), len(text))
            region = Directive(m.start(), m.end(), codes, scope, unknown=unknown)
        out.append(region)
    return out


def _line_end(starts: list[int], line: int, text: str) -> int:
    return starts[line + 1] if line + 1 < len(starts) else len(text)


def apply(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` without those a disable comment turns off, plus a Hint for each unused comment."""
    found = directives(text)
    if not found:
        return findings
    spans = [(d.start, d.end) for d in found]
    kept: list[Finding] = []
    for finding in findings:
        if any(s <= finding.start < e for s, e in spans):
            continue  # in plain text the comment reads as prose: its words are not the article's
        covering = [d for d in found if finding.code not in NOT_DISABLED and d.covers(finding)]
        for d in covering:
            d.used.add(finding.code)
        if not covering:
            kept.append(finding)
    kept.extend(hint for d in found if (hint := _unused(d)) is not None)
    return kept


def _unused(d: Directive) -> Finding | None:
    if d.unknown:
        message = f"Unknown code{'s' if len(d.unknown) > 1 else ''} {', '.join(d.unknown)} in this comment; codes: " + ", ".join(
            c for c in Code.ALL if c not in NOT_DISABLED and c != Code.UNUSED_DISABLE
        )
    elif not d.used:
        what = ", ".join(sorted(d.codes)) if d.codes else "any code"
        message = f"This comment turns nothing off: no mark of {what} where it applies. Remove it."
    elif d.codes - d.used:
        message = f"Nothing of {', '.join(sorted(d.codes - d.used))} to turn off here; keep only {', '.join(sorted(d.used))}."
    else:
        return None
    return Finding(Code.UNUSED_DISABLE, d.start, d.end, message, None, {"unusedDisable": True})
