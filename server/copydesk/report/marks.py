"""Overlapping marks on a text -> correctly nested, escaped HTML.

Marks (entities inside quotations inside claims, a variant inside an entity) overlap
freely; HTML elements must nest. The text is cut at every mark boundary and, segment by
segment, the open elements are kept as a stack in a fixed order (outer layers first):
where a mark ends while an inner one continues, the inner one is closed and reopened, so
one mark may become several elements, only the first of which carries its ``id``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    layer: int  # lower layers enclose higher ones
    classes: str
    title: str = ""
    anchor: str = ""  # id of the first piece, for links into the text
    attrs: tuple[tuple[str, str], ...] = ()

    def open_tag(self, first: bool) -> str:
        parts = [f'<span class="{attr(self.classes)}"']
        if first and self.anchor:
            parts.append(f' id="{attr(self.anchor)}"')
        if self.title:
            parts.append(f' title="{attr(self.title)}"')
        parts.extend(f' {name}="{attr(value)}"' for name, value in self.attrs)
        return "".join(parts) + ">"


@dataclass(frozen=True)
class Insert:
    """Markup placed at one offset (a speaker's name after a quotation); already HTML."""

    offset: int
    markup: str


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def render_marked(text: str, marks: list[Mark], inserts: list[Insert] = ()) -> str:
    """``text`` escaped, with ``marks`` as nested spans and ``inserts`` at their offsets."""
    size = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= size]
    inserts = sorted((i for i in inserts if 0 <= i.offset <= size), key=lambda i: i.offset)
    cuts = sorted({0, size, *(m.start for m in marks), *(m.end for m in marks), *(i.offset for i in inserts)})
    order = {id(m): k for k, m in enumerate(sorted(marks, key=lambda m: (m.layer, m.start, -m.end)))}
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    stack: list[Mark] = []
    opened: set[int] = set()
    out: list[str] = []
    ins = 0
    for k, cut in enumerate(cuts):
        active = [m for m in active if m.end > cut] + starts.get(cut, [])
        wanted = sorted(active, key=lambda m: order[id(m)]) if cut < size else []
        common = 0
        while common < min(len(stack), len(wanted)) and stack[common] is wanted[common]:
            common += 1
        for _ in range(len(stack) - common):
            out.append("</span>")
        del stack[common:]
        while ins < len(inserts) and inserts[ins].offset == cut:
            out.append(inserts[ins].markup)
            ins += 1
        for m in wanted[common:]:
            out.append(m.open_tag(id(m) not in opened))
            opened.add(id(m))
            stack.append(m)
        if k + 1 < len(cuts):
            out.append(html.escape(text[cut : cuts[k + 1]], quote=False))
    return "".join(out)
