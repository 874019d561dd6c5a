"""Attribution: who said what (issue 5), and what is left unsourced.

The per-paragraph work (cue verbs, sources, contents, quotations, sentence facts) is in
attribution_extract.py and cached by paragraph text. This module does the cheap
document-level step that runs on every edit: offsets into the document, quotations
carried over from one paragraph to the next, pronoun and role sources resolved to entity
clusters, and the findings (unattributed quotes and claims, vague sources).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..article import Article, ParaKind
from ..findings import Code, Finding
from ..nlp import ParsedParagraph
from .attribution_extract import extract_paragraph
from .attribution_records import ParagraphAttributions, RawAttribution
from .claim_findings import (
    Report, ascribed_quote, attributed_sentences, claim_finding, cue_lemma, eyewitness_account, is_report,
    mostly_quoted,
)
from .lexicon import lexicon
from .quote_context import cited_after_colon, cue_follows, is_term, misread_marks
from .quotes import opens_with_speaker_label
from .model import Attribution, EntityCluster, Span

SNIPPET = ", ${1:source} said"
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it", "them"}
_ROLE_STOP = {"the", "a", "an", "of", "top", "senior", "former", "then", "new", "its", "his", "her", "their", "'s", "’s"}
_SPELLING = {"defence": "defense", "organisation": "organization", "programme": "program"}


@dataclass
class _Resolved:
    attribution: Attribution
    paragraph: int
    raw: RawAttribution | None  # None for carry-over


def find_attributions(
    article: Article, parsed: list[ParsedParagraph], clusters: list[EntityCluster]
) -> tuple[list[Attribution], list[Finding]]:
    paras = article.paragraphs
    records = [extract_paragraph(pp) for pp in parsed]
    resolver = _Resolver(clusters)
    out: list[_Resolved] = []
    findings: list[Finding] = []
    last_speaker: _Resolved | None = None  # the speaker a following quotation continues
    pending_colon: _Resolved | None = None  # "X responded:" at the end of the last paragraph
    recent: _Resolved | None = None  # the latest speaker, for "he" and "the minister"
    text = article.text
    eyewitness = eyewitness_account(records)
    last_sourced = -10
    for pi, (para, rec) in enumerate(zip(paras, records)):
        base = para.start
        own: list[_Resolved] = []
        for raw in rec.attributions:
            if raw.nested:
                continue  # a quoted speaker's "I think": part of their quotation, not a new source
            att = _to_document(raw, base, text)
            speaker_id, speaker = resolver.resolve(raw, att, recent)
            att = Attribution(att.content, att.kind, att.source, att.cue, speaker_id, speaker, raw.vague)
            resolved = _Resolved(att, pi, raw)
            if raw.open_colon:
                pending_colon = resolved
                continue
            own.append(resolved)
            if _speaks(raw) and att.source is not None:
                recent = resolved
        if para.kind == ParaKind.BODY and not rec.boilerplate:
            donor = pending_colon if pending_colon is not None and pending_colon.paragraph == pi - 1 else last_speaker
            if donor is not None and (donor.paragraph < pi - 1 or donor.attribution.source is None):
                donor = None
            own.extend(_carry_quotes(rec, own, donor, donor is not None and donor is pending_colon, base, text, pi))
        out.extend(own)
        if rec.boilerplate:
            if last_speaker is not None:
                last_speaker.paragraph = pi  # furniture between two quotes does not break a carry-over
            continue
        speaking = [r for r in own if (r.raw is None or _speaks(r.raw)) and r.attribution.source is not None]
        speaking.sort(key=lambda r: r.attribution.content.end)
        last_speaker = speaking[-1] if speaking else None
        if last_speaker is not None:
            recent = last_speaker if recent is None or last_speaker.attribution.content.end > recent.attribution.content.end else recent
        if pending_colon is not None and pending_colon.paragraph < pi:
            pending_colon = None
        sourced_here = any(r.attribution.source is not None for r in own)
        labelled = bool(rec.quotes) and opens_with_speaker_label(text[base:base + rec.quotes[0].start], rec.quotes)
        if para.kind == ParaKind.BODY:
            nearby = sourced_here or 0 <= pi - last_sourced <= 2
            findings.extend(_paragraph_findings(para.start, rec, own, text, eyewitness, nearby, labelled))
        if sourced_here or labelled:
            last_sourced = pi  # a quotation a paragraph or two later is most likely the same speaker's
    return [r.attribution for r in out], findings


def _speaks(raw: RawAttribution) -> bool:
    """Can a following quote-only paragraph be this source's words?"""
    if raw.nested:
        return False
    if raw.kind == "direct" and raw.source_type != "none" and raw.cue_class in ("speech", "directive", "intention"):
        return True  # '"...," said one confidant. "..."', '"...," Gorka urged. "..."': the quotation's speaker
    return (
        raw.cue_class in ("speech", "according-to", "colon", "belief", "evidence", "stance")
        and (raw.source_type in ("name", "pronoun", "role", "document", "vague")
             or (raw.source_type == "other" and raw.cue_class == "speech" and raw.kind == "mixed"))
    )


def _span(text: str, base: int, rng: tuple[int, int] | None) -> Span | None:
    if rng is None:
        return None
    s, e = base + rng[0], base + rng[1]
    return Span(s, e, text[s:e])


def _to_document(raw: RawAttribution, base: int, text: str) -> Attribution:
    content = _span(text, base, raw.content)
    assert content is not None
    return Attribution(content, raw.kind, _span(text, base, raw.source), _span(text, base, raw.cue), vague=raw.vague)


def _carry_quotes(
    rec: ParagraphAttributions, own: list[_Resolved], previous: _Resolved | None, colon: bool, base: int, text: str, pi: int
) -> list[_Resolved]:
    """Quotations that stand alone continue the speaker before them.

    '"...," Ferguson said. "How much they miss him ..."': a sentence that is nothing but a
    quotation, after an attributed one in the same paragraph, is the same speaker's; a
    paragraph that opens with such a quotation continues the last paragraph's speaker.
    """
    out: list[_Resolved] = []
    contents = [(r.attribution.content.start, r.attribution.content.end) for r in own]
    for q in rec.quotes:
        qs, qe = base + q.start, base + q.end
        if _covered(contents, qs, qe):
            continue
        if not _stands_alone(rec, q, text, base):
            _continue_in_sentence(rec, q, own, contents, base, text, pi)
            continue
        before = [
            r for r in [*own, *out]
            if r.attribution.source is not None and (r.raw is None or _speaks(r.raw)) and r.attribution.content.end <= qs
        ]
        donor = max(before, key=lambda r: r.attribution.content.end) if before else None
        direct = False
        if donor is None and not any(ch.isalpha() for ch in text[base:qs]):
            donor, direct = previous, colon
        if donor is None:
            continue
        d = donor.attribution
        if donor.paragraph == pi and donor.raw is not None and qs - d.content.end < 400:
            # the same speaker's quotation goes on after the cue: one attribution, longer content
            lo, hi = d.content.start, qe
            donor.attribution = replace(d, content=Span(lo, hi, text[lo:hi]), kind=_merged_kind(d.kind))
            contents.append((qs, qe))
            continue
        content = Span(qs, qe, text[qs:qe])
        att = Attribution(content, "direct" if direct else "carry-over", d.source, d.cue if direct else None,
                          d.speaker_id, d.speaker, d.vague)
        out.append(_Resolved(att, pi, None))
        contents.append((qs, qe))
    return out


def _continue_in_sentence(
    rec: ParagraphAttributions, q, own: list[_Resolved], contents: list[tuple[int, int]], base: int, text: str, pi: int
) -> None:
    """'"...," Smith said. Instead, "he just acts like a beaten man."': a quotation of three
    words or more in the sentence right after a quoting report, in a sentence with no report of
    its own, goes on with that report's speaker."""
    sent = next((st for st in rec.sentences if st.start <= q.start < st.end), None)
    if sent is None or len(text[base + q.inner[0]:base + q.inner[1]].split()) < 3:
        return  # a term in quotation marks ("golden rule") is not evidence of the speaker's words
    s_lo, s_hi = base + sent.start, base + sent.end
    if _covered(contents, s_lo, s_hi) or any(
        r.attribution.cue is not None and s_lo <= r.attribution.cue.start < s_hi for r in own
    ):
        return
    before = [r for r in own if r.raw is not None and r.attribution.source is not None and r.attribution.content.end <= s_lo]
    if not before:
        return
    donor = max(before, key=lambda r: r.attribution.content.end)
    raw, d = donor.raw, donor.attribution
    if donor.paragraph != pi or raw.kind not in ("direct", "mixed") or not _speaks(raw):
        return
    prev = [st for st in rec.sentences if st.end <= sent.start]
    if not prev or base + prev[-1].start > max(d.content.end, d.cue.end if d.cue else 0):
        return  # only the sentence right after the report's own
    lo, hi = d.content.start, base + q.end
    donor.attribution = replace(d, content=Span(lo, hi, text[lo:hi]), kind=_merged_kind(d.kind))
    contents.append((lo, hi))


def _merged_kind(kind: str) -> str:
    return "mixed" if kind == "indirect" else kind


def _stands_alone(rec: ParagraphAttributions, q, text: str, base: int) -> bool:
    """The quotation's sentences hold nothing but the quotation."""
    inner_s, inner_e = q.inner  # a sentence that holds only the opening marks ("... furnaces. ''") does not count
    sents = [st for st in rec.sentences if st.start < inner_e and inner_s < st.end]
    if not sents:
        return False
    lo, hi = min(sents[0].start, q.start), max(sents[-1].end, q.end)
    rest = text[base + lo:base + q.start] + text[base + q.end:base + hi]
    return not any(ch.isalpha() for ch in rest)


# ---------------------------------------------------------------------------------------
# findings


def _covered(ranges: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in ranges)


def _paragraph_findings(
    base: int, rec: ParagraphAttributions, own: list[_Resolved], text: str, eyewitness: bool, speaker_nearby: bool,
    labelled: bool,
) -> list[Finding]:
    out: list[Finding] = []
    outer = [r for r in own if r.raw is None or not r.raw.nested]
    # a passive with no speaker ("was hailed as ...") does not source what it reports
    contents = [(r.attribution.content.start - base, r.attribution.content.end - base) for r in outer if r.attribution.source is not None]
    sourced_sentences = {r.raw.sentence for r in outer if r.raw is not None and r.attribution.source is not None}
    # '..., saying the award "means so much"': a speech verb whose speaker the sentence names elsewhere
    speech_contents = [r.raw.content for r in outer if r.raw is not None and r.raw.cue_class == "speech"]
    quoted_sentences: set[int] = set()
    lex = lexicon()
    paragraph = text[base:base + max([rec.sentences[-1].end if rec.sentences else 0, *(q.end for q in rec.quotes)])]
    ascribed: list = list(rec.quotes) if labelled else []  # quotations the sentence gives to someone
    for q in rec.quotes:
        if labelled:
            break
        inner = q.inner
        words = text[base + inner[0]:base + inner[1]].split()
        if not any(ch.isalpha() for ch in text[base + q.start:base + q.end]) or _title_like(words):
            continue
        if len(words) == 1 and not _stands_alone(rec, q, text, base):
            continue  # a single quoted word inside a sentence is a term being mentioned ("incumbent")
        sis = [i for i, s in enumerate(rec.sentences) if s.start < q.end and q.start < s.end]
        if _covered(contents, q.start, q.end) or any(i in sourced_sentences for i in sis):
            continue
        first = rec.sentences[sis[0]] if sis else None
        if is_term(q, first, paragraph) or misread_marks(q, paragraph) or cited_after_colon(q, first, paragraph):
            continue
        said = _covered(speech_contents, q.start, q.end) and first is not None and first.subject != "other"
        if said or cue_follows(q, paragraph) or (speaker_nearby and _stands_alone(rec, q, text, base)):
            ascribed.append(q)
            continue
        if any(ascribed_quote(rec.sentences[i], q, paragraph, lex) for i in sis):
            ascribed.append(q)
            continue
        if any(rec.sentences[i].boilerplate for i in sis):
            continue
        quoted_sentences.update(sis)
        sent = rec.sentences[sis[-1]] if sis else None
        out.append(Finding(
            Code.UNATTRIBUTED_QUOTE, base + q.start, base + q.end,
            "Quotation with no speaker: say who said it" if len(words) > 1 else "Quoted word with no speaker: say who used it",
            data=_fix_data(text, base, sent.start if sent else q.start, sent.end if sent else q.end, q.end),
        ))
    reports = [
        Report(None if r.attribution.cue is None else (r.attribution.cue.start - base, r.attribution.cue.end - base),
               (r.attribution.content.start - base, r.attribution.content.end - base),
               None if r.raw is None else r.raw.sentence, r.attribution.kind in ("direct", "mixed", "carry-over"))
        for r in outer
        if r.attribution.source is not None and (r.raw is None or is_report(
            r.raw.source_type, r.raw.cue_class, cue_lemma(rec, r.raw.sentence, r.raw.cue), lex))
    ]
    reports += [Report(None, (q.start, q.end), None, True) for q in ascribed]
    attributed = attributed_sentences(rec, reports, lex, paragraph)
    for si, sent in enumerate(rec.sentences):
        if si in attributed or sent.question or sent.boilerplate or sent.scene or si in quoted_sentences:
            continue
        if mostly_quoted(sent, rec.quotes, paragraph):
            continue  # words inside a quotation: the quotation's own finding speaks for them
        out.append(claim_finding(sent, base, text, eyewitness, _fix_data(text, base, sent.start, sent.end, None)))
    seen: set[tuple[int, int]] = set()
    named_contents = [r.raw.content for r in outer if r.raw is not None and r.raw.source_type in ("name", "pronoun")]
    for v in rec.vague:
        if any(q.start < v.start < q.end for q in rec.quotes) or (v.start, v.end) in seen:
            continue  # a quoted speaker's own words are theirs to choose
        if not v.phrase and _covered(named_contents, v.start, v.end):
            continue  # 'He said ... many people thought ...': whom he cites is his to choose
        seen.add((v.start, v.end))
        shown = _vague_phrase(text, base, v.start, v.end, own)
        out.append(Finding(
            Code.VAGUE_ATTRIBUTION, base + v.start, base + v.end,
            f"Vague source “{shown}”: name who says it",
            data={"source": v.text},
        ))
    return out


def _title_like(words: list[str]) -> bool:
    """"Million Dollar Baby", "Axis of Evil": a name or title in quotes, not a quotation."""
    letters = [w for w in words if any(ch.isalpha() for ch in w)]
    if not letters or len(letters) > 8:
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or", "from", "by"}
    caps = [w for w in letters if w.lower() not in small]
    return bool(caps) and all(w.lstrip("\"'“‘(")[:1].isupper() for w in caps) and len(letters) >= 2


def _vague_phrase(text: str, base: int, s: int, e: int, own: list[_Resolved]) -> str:
    for r in own:
        a = r.attribution
        if a.source is not None and a.cue is not None and a.source.start == base + s and 0 <= a.cue.start - a.source.end <= 2:
            return text[a.source.start:a.cue.end]
    return text[base + s:base + e]


def _fix_data(text: str, base: int, s_start: int, s_end: int, quote_end: int | None) -> dict:
    """Where a `, source said` snippet goes: before the sentence's final full stop."""
    end = base + s_end
    chunk = text[base + s_start:end]
    at = end
    stripped = chunk.rstrip()
    if stripped and stripped[-1] in ".!?…" and not (quote_end is not None and base + quote_end >= end):
        at = base + s_start + len(stripped) - 1
    return {"insertAt": at, "snippet": SNIPPET, "sentence": [base + s_start, end]}


# ---------------------------------------------------------------------------------------
# who is "he", "the minister"?


def _norm(word: str) -> str:
    w = word.lower().strip(".,'’")
    return _SPELLING.get(w, w)


class _Resolver:
    def __init__(self, clusters: list[EntityCluster]) -> None:
        self.clusters = {c.id: c for c in clusters}
        mentions = sorted((m.start, m.end, c.id) for c in clusters for m in c.mentions)
        self.starts = [m[0] for m in mentions]
        self.mentions = mentions
        self.unnamed: dict[str, int] = {}  # role head -> where an unnamed "a spokesman" last spoke
        self.by_text: dict[str, EntityCluster] = {}
        for c in sorted(clusters, key=lambda c: c.label != "PERSON", reverse=True):
            for m in c.mentions:
                self.by_text[m.text] = c  # people last, so a name shared with a place means the person
        surnames: dict[str, set[str]] = {}
        for c in clusters:
            if c.label == "PERSON":
                for m in c.mentions:
                    if " " in m.text:
                        surnames.setdefault(m.text.rsplit(None, 1)[1], set()).add(c.id)
        for name, ids in surnames.items():
            if len(ids) == 1 and name not in self.by_text:
                self.by_text[name] = self.clusters[next(iter(ids))]  # "Dunn" the recogniser missed: Mark Dunn
        self.roles = {
            c.id: {_norm(w) for r in c.roles for w in re.findall(r"[\w.-]+", r)} - _ROLE_STOP for c in clusters
        }

    def _at(self, s: int, e: int) -> EntityCluster | None:
        i = bisect.bisect_right(self.starts, e) - 1
        best = None
        while i >= 0 and self.mentions[i][1] > s - 200:
            ms, me, cid = self.mentions[i]
            if ms < e and s < me:
                best = self.clusters[cid]
                if best.label == "PERSON":
                    return best
            i -= 1
        return best

    def _before(self, offset: int, labels: set[str]) -> EntityCluster | None:
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0:
            cid = self.mentions[i][2]
            if self.clusters[cid].label in labels:
                return self.clusters[cid]
            i -= 1
        return None

    def _may_hold(self, cid: str, title: str) -> bool:
        """A speaker known only as a mayor is not "the senator" of the next paragraph."""
        titles = self.roles.get(cid, set()) & _SELF_ROLES
        return not titles or _norm(title) in titles

    def resolve(self, raw: RawAttribution, att: Attribution, last: _Resolved | None) -> tuple[str | None, str | None]:
        src = att.source
        if src is None:
            return None, None
        found = self._at(src.start, src.end) if raw.source_type in ("name", "role") else None
        if found is not None and (raw.source_type == "name" or found.label in ("PERSON", "ORG")):
            return found.id, found.canonical
        if found is None and raw.source_type == "name" and src.text in self.by_text:
            found = self.by_text[src.text]  # "Continued Dale:": a name the recogniser missed here, known elsewhere
            return found.id, found.canonical
        head = raw.source_head
        prev = last.attribution if last is not None else None
        if raw.source_type == "pronoun" and head in PERSON_PRONOUNS:
            if prev is not None and prev.speaker_id and self.clusters[prev.speaker_id].label == "PERSON":
                return prev.speaker_id, prev.speaker
            if prev is not None and not prev.speaker_id and last.raw is not None and last.raw.source_type == "role":
                return None, prev.speaker  # "A Republican strategist said ... He added": still the unnamed one
            c = self._before(src.start, {"PERSON"})
            return (c.id, c.canonical) if c else (None, src.text)
        if raw.source_type == "pronoun" and head in GROUP_PRONOUNS:
            if prev is not None and prev.speaker_id and self.clusters[prev.speaker_id].label != "PERSON":
                return prev.speaker_id, prev.speaker
            c = self._before(src.start, {"ORG", "GPE", "NORP"})
            return (c.id, c.canonical) if c else (None, src.text)
        if raw.source_type == "role":
            if raw.source_words[:1] and raw.source_words[0] in _INDEFINITE:
                self.unnamed[raw.source_head] = src.start
                return None, src.text  # "a Republican strategist said": someone new, not the strategist named before
            words = {_norm(w) for w in raw.source_words} - _ROLE_STOP
            best, best_score, best_at = None, 0.0, -1
            for pos in range(bisect.bisect_left(self.starts, src.start) - 1, -1, -1):
                cid = self.mentions[pos][2]
                shared = len(words & self.roles.get(cid, set()))
                if shared:
                    score = shared + 1.0 / (1 + (src.start - self.mentions[pos][0]) / 1000)
                    if score > best_score:
                        best, best_score, best_at = self.clusters[cid], score, self.mentions[pos][0]
            if self.unnamed.get(raw.source_head, -1) > best_at:
                return None, src.text  # "A strategist said ... The strategist said": the unnamed one again
            if best is not None:
                return best.id, best.canonical
            if prev is not None and prev.speaker_id and raw.source_head in _SELF_ROLES and self._may_hold(prev.speaker_id, raw.source_head):
                return prev.speaker_id, prev.speaker
        return None, src.text


_INDEFINITE = frozenset({"a", "an", "one", "another"})
# Role nouns a writer uses to refer back to the person just quoted ("the minister said").
_SELF_ROLES = {
    "minister", "president", "official", "chief", "diplomat", "leader", "secretary", "head",
    "chancellor", "premier", "governor", "senator", "mayor", "envoy", "ambassador", "general",
    "commander", "director", "chairman", "chairwoman", "executive", "boss", "prime", "king", "queen",
}
