"""One article's report page and the index page, as self-contained HTML.

Everything the page needs is inside it (the stylesheet is inlined, there are no scripts,
fonts or images), so a page opens from a file, an e-mail or an archive without a network.
"""

from __future__ import annotations

import html
from collections import Counter
from importlib import resources
from typing import Any

from .. import __version__
from ..findings import Code
from .data import reason_text
from .marks import Insert, Mark, attr, render_marked

LABEL_NAMES = {
    "PERSON": "people", "ORG": "organisations", "GPE": "countries, cities, states", "LOC": "places",
    "NORP": "nationalities, groups", "FAC": "buildings, facilities", "EVENT": "events",
    "PRODUCT": "products", "WORK_OF_ART": "works", "LAW": "laws",
}
QUOTE_KINDS = {"direct", "mixed", "carry-over"}  # the rest are paraphrases
FLAG_CLASS = {Code.UNATTRIBUTED_CLAIM: "claim", Code.VAGUE_ATTRIBUTION: "vague", Code.UNATTRIBUTED_QUOTE: "noquote"}
SEVERITY_NAMES = {1: "error", 2: "warning", 3: "information", 4: "hint"}


def stylesheet() -> str:
    return resources.files("copydesk.data").joinpath("report.css").read_text(encoding="utf-8")


def esc(value: Any) -> str:
    return html.escape(str(value), quote=False)


def page_title(data: dict[str, Any]) -> str:
    for line in data["text"].splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 90 else line[:89] + "…"
    return data["path"]


def counts(data: dict[str, Any]) -> dict[str, int]:
    by_code = Counter(f["code"] for f in data["findings"])
    return {
        "claims": by_code[Code.UNATTRIBUTED_CLAIM],
        "vague": by_code[Code.VAGUE_ATTRIBUTION],
        "noquote": by_code[Code.UNATTRIBUTED_QUOTE],
        "variants": len(data["variants"]),
        "speakers": len(speakers(data)),
        "entities": len(data["entities"]),
    }


def speakers(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Speakers in order of how much they say: name, vague, and their attributions' indexes."""
    groups: dict[str, dict[str, Any]] = {}
    for k, a in enumerate(data["attributions"]):
        if not a["speaker"]:
            continue
        key = a["speaker_id"] or "name:" + a["speaker"].casefold()
        group = groups.setdefault(key, {"name": a["speaker"], "vague": a["vague"], "items": []})
        group["items"].append(k)
    ordered = sorted(groups.values(), key=lambda g: (-len(g["items"]), g["name"].casefold()))
    for n, group in enumerate(ordered, 1):
        group["anchor"] = f"spk-{n}"
    return ordered


def _text_marks(data: dict[str, Any], speaker_anchor: dict[int, str]) -> tuple[list[Mark], list[Insert]]:
    text = data["text"]
    marks: list[Mark] = []
    inserts: list[Insert] = []
    for n, f in enumerate(data["findings"], 1):
        kind = FLAG_CLASS.get(f["code"])
        if kind is None:
            continue
        marks.append(Mark(f["start"], f["end"], 0, kind, f["message"], anchor=f"f-{n}"))
        label = {"claim": "unsourced", "vague": "vague source", "noquote": "no speaker"}[kind]
        if f["reasons"]:
            label += ": " + reason_text(f["reasons"])
        inserts.append(Insert(f["end"], f'<a class="flag flag-{kind}" href="#find-{n}" title="{attr(f["message"])}">{esc(label)}</a>'))
    for k, a in enumerate(data["attributions"]):
        start, end = a["content"]
        style = "quote" if a["kind"] in QUOTE_KINDS else "paraphrase"
        who = a["speaker"] or "no speaker"
        cue = f" ({a['cue']})" if a["cue"] else ""
        marks.append(Mark(start, end, 1, f"att att-{style}", f"{style.capitalize()} · {who}{cue}", anchor=f"q-{k}"))
        if a["source"]:
            marks.append(Mark(a["source"][0], a["source"][1], 2, "src", f"Source: {who}"))
        if k in speaker_anchor:
            tag = "who who-vague" if a["vague"] else f"who who-{style}"
            inserts.append(Insert(end, f'<a class="{tag}" href="#{speaker_anchor[k]}" title="{attr(style + " · " + who)}">{esc(who)}</a>'))
    flagged = set()
    for n, f in enumerate(data["findings"], 1):
        if f["code"] in (Code.SPELLING_VARIANT, Code.HOUSE_STYLE):
            flagged.add((f["start"], f["end"]))
            marks.append(Mark(f["start"], f["end"], 3, "var var-flagged", f["message"], anchor=f"f-{n}"))
    for g in data["variants"]:
        spelled = ", ".join(f"{form} ({len(spans)}×)" for form, spans in g["forms"].items())
        for spans in g["forms"].values():
            for s, e in spans:
                if (s, e) not in flagged:
                    marks.append(Mark(s, e, 3, "var", f"Spelled: {spelled}; preferred {g['canonical']}"))
    for c in data["entities"]:
        title = f"{c['label']} · {c['canonical']} · {len(c['mentions'])}×"
        for s, e in c["mentions"]:
            marks.append(Mark(s, e, 4, f"ent ent-{c['label'].lower()}", title, attrs=(("data-entity", c["id"]),)))
    return [m for m in marks if m.end <= len(text)], inserts


def _excerpt(text: str, start: int, end: int, limit: int = 110) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= limit else piece[: limit - 1] + "…"


def _side_panel(data: dict[str, Any], groups: list[dict[str, Any]]) -> str:
    text = data["text"]
    out = ["<aside>", "<h2>Speakers</h2>"]
    if not groups:
        out.append('<p class="muted">no attributed speech found</p>')
    out.append("<ul>")
    for g in groups:
        kinds = Counter("quote" if data["attributions"][k]["kind"] in QUOTE_KINDS else "paraphrase" for k in g["items"])
        parts = [f"{kinds[k]} {k}{'s' if kinds[k] != 1 else ''}" for k in ("quote", "paraphrase") if kinds[k]]
        vague = ' <span class="count">(vague)</span>' if g["vague"] else ""
        out.append(f'<li id="{g["anchor"]}"><b>{esc(g["name"])}</b>{vague} <span class="count">{esc(" · ".join(parts))}</span><ul>')
        for k in g["items"]:
            s, e = data["attributions"][k]["content"]
            out.append(f'<li><a href="#q-{k}">{esc(_excerpt(text, s, e, 70))}</a></li>')
        out.append("</ul></li>")
    out.append("</ul><h2>Entities</h2>")
    by_label: dict[str, list[dict[str, Any]]] = {}
    for c in data["entities"]:
        by_label.setdefault(c["label"], []).append(c)
    for label in sorted(by_label, key=lambda lab: -sum(len(c["mentions"]) for c in by_label[lab])):
        out.append(f'<p class="count">{esc(LABEL_NAMES.get(label, label.lower()))}</p><ul>')
        for c in sorted(by_label[label], key=lambda c: (-len(c["mentions"]), c["canonical"].casefold())):
            also = f' <span class="count">also {esc(", ".join(c["variants"]))}</span>' if c["variants"] else ""
            out.append(f'<li><span class="ent ent-{attr(label.lower())}">{esc(c["canonical"])}</span> '
                       f'<span class="count">{len(c["mentions"])}×</span>{also}</li>')
        out.append("</ul>")
    if data["variants"]:
        out.append("<h2>Spelling variants</h2><ul>")
        for g in data["variants"]:
            forms = " / ".join(f"{form} ({len(spans)}×)" for form, spans in g["forms"].items())
            out.append(f'<li><span class="var var-flagged">{esc(forms)}</span> '
                       f'<span class="count">→ {esc(g["canonical"])}{" (house style)" if g["house_style"] else ""}</span></li>')
        out.append("</ul>")
    out.append('<h2>Key</h2><p class="legend"><span class="ent ent-person">person</span><span class="ent ent-org">organisation</span>'
               '<span class="ent ent-gpe">country/city</span><span class="ent ent-loc">place</span>'
               '<span class="att-quote">quotation</span><span class="att-paraphrase">paraphrase</span>'
               '<span class="claim">unsourced claim</span><span class="vague">vague source</span>'
               '<span class="noquote">quote with no speaker</span><span class="var var-flagged">spelling variant</span></p>')
    out.append("</aside>")
    return "\n".join(out)


def _findings_table(data: dict[str, Any]) -> str:
    text = data["text"]
    out = ['<section class="findings" id="findings"><h2>Findings</h2>']
    if not data["findings"]:
        out.append('<p class="muted">none</p></section>')
        return "\n".join(out)
    out.append("<table><thead><tr><th>#</th><th>Where</th><th>Code</th><th>Finding</th><th>Text</th></tr></thead><tbody>")
    for n, f in enumerate(data["findings"], 1):
        sev = f["severity"]
        out.append(
            f'<tr id="find-{n}"><td class="num">{n}</td>'
            f'<td class="num"><a href="#f-{n}">{f["line"]}:{f["column"]}</a></td>'
            f'<td class="sev-{sev}">{esc(f["code"])}<br><span class="count">{esc(SEVERITY_NAMES.get(sev, ""))}</span></td>'
            f'<td>{esc(f["message"])}</td><td class="excerpt">{esc(_excerpt(text, f["start"], f["end"]))}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="copydesk {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _summary_line(c: dict[str, int]) -> str:
    items = [
        (c["claims"], "unsourced claim", "unsourced claims"), (c["vague"], "vague source", "vague sources"),
        (c["noquote"], "quote with no speaker", "quotes with no speaker"), (c["speakers"], "speaker", "speakers"),
        (c["variants"], "name variant", "name variants"), (c["entities"], "entity", "entities"),
    ]
    parts = [f"<span><b>{n}</b> {esc(one if n == 1 else many)}</span>" for n, one, many in items]
    return '<p class="summary">' + "".join(parts) + "</p>"


def article_page(data: dict[str, Any], index_href: str | None = "index.html") -> str:
    groups = speakers(data)
    speaker_anchor = {k: g["anchor"] for g in groups for k in g["items"]}
    marks, inserts = _text_marks(data, speaker_anchor)
    title = page_title(data)
    back = f'<nav class="back"><a href="{attr(index_href)}">← all articles</a></nav>' if index_href else ""
    body = (
        f'<header class="page">{back}<h1>{esc(title)}</h1><div class="path">{esc(data["path"])}</div>'
        f"{_summary_line(counts(data))}</header>\n"
        f'<div class="layout"><main><div class="article">{render_marked(data["text"], marks, inserts)}</div></main>\n'
        f"{_side_panel(data, groups)}</div>\n{_findings_table(data)}"
    )
    return _document(f"{title} — Copydesk report", body)


def index_page(pages: list[tuple[str, dict[str, Any]]], failures: list[tuple[str, str]]) -> str:
    """``pages``: (file name of the page, its data); ``failures``: (path, message)."""
    keys = ("claims", "vague", "noquote", "speakers", "variants", "entities")
    total = Counter()
    rows = []
    for href, data in pages:
        c = counts(data)
        total.update(c)
        cells = "".join(f'<td class="n">{c[k]}</td>' for k in keys)
        rows.append(f'<tr><td><a href="{attr(href)}">{esc(page_title(data))}</a><br>'
                    f'<span class="muted">{esc(data["path"])}</span></td>{cells}</tr>')
    head = ("<tr><th>Article</th><th>Unsourced claims</th><th>Vague sources</th><th>Quotes with no speaker</th>"
            "<th>Speakers</th><th>Name variants</th><th>Entities</th></tr>")
    totals = "".join(f'<td class="n"><b>{total[k]}</b></td>' for k in keys)
    body = [f'<header class="page"><h1>Copydesk report</h1><div class="path">{len(pages)} article'
            f'{"s" if len(pages) != 1 else ""}</div></header><div class="index">',
            f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody>"
            f"<tfoot><tr><td><b>All</b></td>{totals}</tr></tfoot></table>"]
    if failures:
        body.append("<h2>Not read</h2><ul>" + "".join(f"<li>{esc(p)}: {esc(m)}</li>" for p, m in failures) + "</ul>")
    body.append("</div>")
    return _document("Copydesk report", "\n".join(body))
