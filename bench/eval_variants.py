"""Precision/recall of the spelling-variant pass on real text it was not written for.

Reads the BBC articles in ../shared/corpus/bbc at run time (never copied into the repo) and:

1. untouched: counts spelling-variant findings per article (false alarms, printed for review);
2. injected: rewrites ONE occurrence of a word or name that the article uses at least twice
   into a known variant (transliteration, British/American, abbreviation style, hyphen/accent);
   a case counts as found when a group holds both the original and the injected form;
3. controls: rewrites one occurrence into a near-identical but different name or word
   (Austria/Australia, Iran/Iraq, Russia/Russian, minister/ministers, Jun/Juan ...); any new
   group that contains the control form is a false alarm.
4. the kinds of issue 19 (``variant_cases``): British/American inside names and compounds,
   one person's name spelled two ways, older and current transliterations; with their
   controls (a second person of a near-identical name and another role, a different place
   one letter away, Labour/Labor, the Department of Defense next to the Ministry of Defence).

Precision = found injected groups / all new groups reported on injected and control texts.

    .venv/bin/python bench/eval_variants.py [--corpus DIR] [--limit N] [--show] [--kinds new|old|all]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(ROOT / "bench"))

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS  # noqa: E402

from copydesk.analysis import entities  # noqa: E402
from copydesk.analysis.pipeline import WorkspaceContext  # noqa: E402
from copydesk.analysis.variant_lexical import american  # noqa: E402
from copydesk.analysis.variants import find_variants  # noqa: E402
from copydesk.article import Article  # noqa: E402
from copydesk.nlp import Engine  # noqa: E402

import variant_cases  # noqa: E402

# Known name variants (transliteration) to inject when the article uses the left form.
NAME_PAIRS = {
    "Kiev": "Kyiv", "Sergei": "Sergey", "Gaddafi": "Qaddafi", "Mohammed": "Muhammad",
    "Muhammad": "Mohammed", "Yeltsin": "Eltsin", "Zelensky": "Zelenskyy", "Khodorkovsky": "Khodorkovskiy",
    "Yukos": "Yukos", "Yushchenko": "Yushchenkov", "Yanukovych": "Yanukovich", "Tchaikovsky": "Chaikovsky",
    "Mikhail": "Mikhael", "Alexei": "Alexey", "Dmitry": "Dmitri", "Yuri": "Yury", "Andrei": "Andrey",
    "Hussein": "Husain", "Osama": "Usama", "Qaeda": "Qaida", "Guantanamo": "Guantánamo",
}
ABBREVIATIONS = {"US": "U.S.", "UK": "U.K.", "UN": "U.N.", "EU": "E.U."}
HYPHENS = {"email": "e-mail", "ceasefire": "cease-fire", "cooperation": "co-operation", "online": "on-line",
           "website": "web-site", "coordinate": "co-ordinate", "nonetheless": "none-the-less"}
ACCENTS = {"cafe": "café", "elite": "élite", "naive": "naïve", "role": "rôle", "Jose": "José", "Andre": "André"}
# Near-identical but different: rewriting one occurrence must NOT produce a variant group.
# Given names are tested as a different person: a new sentence names "<variant> Okonkwo".
CONTROLS = {
    "Australia": "Austria", "Austria": "Australia", "Iran": "Iraq", "Iraq": "Iran", "Russia": "Russian",
    "Sweden": "Swedish", "Spain": "Spanish", "minister": "ministers", "ministers": "minister",
    "Gordon": "Gorton", "Blair": "Blain", "Ireland": "Iceland", "Nigeria": "Niger",
    "Slovakia": "Slovenia", "Slovenia": "Slovakia", "Georgia": "George", "Paul": "Saul", "Jordan": "Jordon",
    "Dutch": "Danish", "China": "Chinese", "India": "Indian", "Britain": "British",
}
GIVEN_NAMES = {"Juan": "Jun", "Jun": "Juan", "Brian": "Bryan", "Mark": "Marc", "Peter": "Petar", "John": "Joan",
               "Jon": "John", "Chris": "Kris", "Lee": "Li", "Allen": "Alan", "Steven": "Stephen", "Sara": "Sarah",
               "Philip": "Phillip", "Michael": "Mikhail", "Tony": "Toni", "David": "Davide", "Paul": "Pablo"}


def _swap_ending(name: str) -> str | None:
    """A plausible transliteration of a name: Sergei -> Sergey, Andrey -> Andrei, Kasyanov -> Kasianov."""
    rules = [(r"ei$", "ey"), (r"ey$", "ei"), (r"y$", "i"), (r"ii$", "iy"), (r"iy$", "ii"),
             (r"ya", "ia"), (r"ia$", "iya"), (r"kh", "h"), (r"([bdgklmnprst])\1", r"\1"), (r"ph", "f")]
    for pattern, repl in rules:
        if re.search(pattern, name):
            out = re.sub(pattern, repl, name, count=1)
            if out != name:
                return out
    return None


def _candidates(text: str, names: set[str], rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, original, variant) options for one article; the original occurs at least twice."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    twice = [w for w, n in counts.items() if n >= 2]
    out: list[tuple[str, str, str]] = []
    for w in twice:
        lw = w.lower()
        if w in NAME_PAIRS and NAME_PAIRS[w] != w:
            out.append(("transliteration", w, NAME_PAIRS[w]))
        if w in ABBREVIATIONS:
            out.append(("abbreviation", w, ABBREVIATIONS[w]))
        if lw in HYPHENS:
            out.append(("orthography", w, _case_as(w, HYPHENS[lw])))
        if w in ACCENTS or lw in ACCENTS:
            out.append(("orthography", w, _case_as(w, ACCENTS.get(w) or ACCENTS[lw])))
        if american(lw) and not w[:1].isupper():
            other = BRITISH_ENGLISH_SPELLINGS.get(lw) or AMERICAN_ENGLISH_SPELLINGS.get(lw)
            if other and other != lw:
                out.append(("british-american", w, _case_as(w, other)))
        if w in names and not w.isupper() and len(w) >= 5 and not w.lower() in counts:
            variant = _swap_ending(w)
            if variant:
                out.append(("transliteration", w, variant))
    rng.shuffle(out)
    return out


def _controls(text: str) -> list[tuple[str, str, str]]:
    counts: dict[str, int] = {}
    for w in re.findall(r"[^\W\d_]+", text):
        counts[w] = counts.get(w, 0) + 1
    out = [("control", w, v) for w, v in CONTROLS.items() if counts.get(w, 0) >= 2]
    out += [("person", w, v) for w, v in GIVEN_NAMES.items() if counts.get(w, 0) >= 1]
    return out


def _case_as(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _rewrite_one(text: str, original: str, variant: str, rng: random.Random) -> tuple[str, int] | None:
    """Replace one occurrence (not the first, so the original form stays the majority or tie)."""
    spots = [m.start() for m in re.finditer(r"(?<![\w.-])" + re.escape(original) + r"(?![\w-])", text)]
    if len(spots) < 2:
        return None
    at = rng.choice(spots[1:])
    return text[:at] + variant + text[at + len(original):], at


def _names(engine: Engine, text: str) -> set[str]:
    """Single-word names in entities (PERSON, places, organisations) -- where transliteration happens."""
    article = Article(text)
    out = set()
    for pp in engine.parse([p.text for p in article.paragraphs]):
        out |= {t.text for t in pp.tokens if t.pos == "PROPN" and t.ent_type in ("PERSON", "GPE", "LOC", "ORG")}
    return out


def _people_and_places(engine: Engine, text: str) -> tuple[list[tuple[str, list[str]]], set[str], set[str]]:
    """Person clusters as (full name, roles); one-word place names; one-word person name parts."""
    article = Article(text)
    parsed = engine.parse([p.text for p in article.paragraphs])
    persons, places, parts = [], set(), set()
    for cluster in entities.find_entities(article, parsed, None):
        if cluster.label == "PERSON":
            full = max((m.text for m in cluster.mentions), key=lambda t: len(t.split()))
            if len(full.split()) >= 2:
                persons.append((full, list(cluster.roles)))
                parts |= set(full.split())
        elif cluster.label in ("GPE", "LOC"):
            places |= {m.text for m in cluster.mentions if len(m.text.split()) == 1}
    return persons, places, parts


def _new_kind_cases(engine: Engine, text: str, rng: random.Random) -> tuple[list, list]:
    """Injected (kind, original, variant, offset) and control (description, text) cases."""
    persons, places, parts = _people_and_places(engine, text)
    injected = variant_cases.templated_ukus(text, rng) + variant_cases.templated_transliteration(text, rng)
    for pool, n in (
        (variant_cases.ukus_in_names(text), 2),
        (variant_cases.person_cases(text, persons), 2),
        (variant_cases.transliteration_cases(text, places, parts), 3),
    ):
        rng.shuffle(pool)
        injected += pool[:n]
    controls = (variant_cases.person_controls(text, persons, rng)[:2] + variant_cases.place_controls(text, places)[:1]
                + variant_cases.ukus_controls(text))
    return injected, controls


def _groups(engine: Engine, text: str) -> list[dict[str, int]]:
    article = Article(text)
    parsed = engine.parse([p.text for p in article.paragraphs])
    clusters = entities.find_entities(article, parsed, None)
    groups, findings = find_variants(article, parsed, clusters, WorkspaceContext())
    flagged = {f.data["group"] for f in findings if f.code == "spelling-variant"}
    return [{form.lower(): len(spans) for form, spans in g.forms.items()} | {"#id": g.id} for g in groups if g.id in flagged]


def _key(group: dict) -> frozenset[str]:
    return frozenset(k for k in group if k != "#id")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--show", action="store_true", help="print every false alarm and miss")
    ap.add_argument("--kinds", choices=("all", "old", "new"), default="all",
                    help="the first cases (old), the kinds of issue 19 (new), or both")
    ap.add_argument("--files", default="*.txt", help="glob of the corpus files to read")
    args = ap.parse_args()
    files = sorted(Path(args.corpus).glob(args.files))
    if args.limit:
        files = files[: args.limit]
    rng = random.Random(args.seed)
    engine = Engine()
    t0 = time.time()
    baseline_alarms = 0
    alarm_articles = 0
    found = missed = false_alarms = control_cases = control_alarms = 0
    by_kind: dict[str, list[int]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        base = _groups(engine, text)
        base_keys = {_key(g) for g in base}
        if base:
            alarm_articles += 1
            baseline_alarms += len(base)
            if args.show:
                for g in base:
                    print(f"BASELINE {path.name}: {g}")
        cases = []
        if args.kinds != "new":
            cases += _candidates(text, _names(engine, text), rng)[:2] + _controls(text)[:2]
        if args.kinds != "old":
            injected, controls = _new_kind_cases(engine, text, rng)
            cases += injected + [("control", label, changed) for label, changed in controls]
        for kind, original, variant, *at in cases:
            if kind == "person":  # a different person with a near-identical given name
                surname = "Okonkwo"
                rewritten = (text.rstrip("\n") + f"\n\n{variant} {surname}, a spokesperson, did not comment.\n", 0)
                kind = "control"
            elif at:  # a new-kind case: the part at this offset is rewritten (in a text with added sentences)
                base_text = at[1] if len(at) > 1 else text
                rewritten = (base_text[: at[0]] + variant + base_text[at[0] + len(original) :], at[0])
            elif kind == "control" and "\n" in variant:  # a new-kind control: the whole text
                rewritten = (variant, 0)
                original, variant = original.split(" / ")[0], original.split(" / ")[-1].split()[0]
            else:
                rewritten = _rewrite_one(text, original, variant, rng)
            if rewritten is None:
                continue
            new_text, _ = rewritten
            new = [g for g in _groups(engine, new_text) if _key(g) not in base_keys]
            hit = [g for g in new if original.lower() in g and variant.lower() in g]
            others = [g for g in new if g not in hit]
            if kind == "control":
                control_cases += 1
                control_alarms += len(new)
                false_alarms += len(new)
                if new and args.show:
                    print(f"CONTROL ALARM {path.name}: {original}->{variant}: {new}")
                continue
            stats = by_kind.setdefault(kind, [0, 0])
            stats[1] += 1
            if hit:
                found += 1
                stats[0] += 1
            else:
                missed += 1
                if args.show:
                    print(f"MISSED {path.name}: {kind} {original}->{variant}")
            false_alarms += len(others)
            if others and args.show:
                print(f"EXTRA {path.name}: {original}->{variant}: {others}")
    injected = found + missed
    precision = found / (found + false_alarms) if found + false_alarms else 1.0
    recall = found / injected if injected else 0.0
    print(f"articles: {len(files)}  time: {time.time() - t0:.1f}s")
    print(f"untouched articles: {baseline_alarms} variant groups in {alarm_articles} articles "
          f"({baseline_alarms / max(len(files), 1):.3f} per article)")
    print(f"injected: {injected}  found: {found}  recall: {recall:.3f}")
    for kind, (hit, total) in sorted(by_kind.items()):
        print(f"  {kind:22} {hit}/{total}  recall {hit / total:.3f}")
    print(f"controls: {control_cases} texts, {control_alarms} false groups")
    print(f"precision (injected + controls): {precision:.3f}  false groups: {false_alarms}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
