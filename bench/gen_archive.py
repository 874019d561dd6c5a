"""Generated news articles for archive-scale runs: sentences written for Copydesk's tests and
benchmarks, filled with places (some in two spellings, Kiev/Kyiv), people and organisations.

    python bench/gen_archive.py DIR N [--seed S] [--short]

Names are drawn from a pool that grows with the archive (new people keep appearing, as in
a real one), so the archive-wide reduce meets more distinct names as ``N`` grows.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

OPENERS = [
    "Officials in {place} said the talks on grain exports would resume next week.",
    "Flights out of {place} were cancelled on Tuesday after a storm closed the runway.",
    "The city council of {place} approved a budget that raises bus fares by 10%.",
    "Rescue teams in {place} worked through the night to reach the flooded villages.",
    "A new bridge over the river in {place} opened to traffic on Saturday.",
]
MIDDLES = [
    '"We will not wait for another winter," {name} told reporters outside the {org} offices.',
    "{name}, a spokeswoman for {org}, said the figures would be published in March.",
    "Critics say the scheme will cost far more than the government admits.",
    "The defence ministry declined to comment on the reports.",
    "Prices for bread rose by a third over the summer, according to {org}.",
    '"It is the worst season we have seen," said {name}.',
    "The programme is expected to create 400 jobs, {name} said.",
    "It is widely believed that the deal will collapse before the election.",
]
CLOSERS = [
    "{name} is due to visit {place} again in the spring.",
    "The {org} report will be debated in parliament on Thursday.",
    "More than 2,000 people signed a petition against the closure.",
]
PLACES = ["Kiev", "Kyiv", "Kharkov", "Odessa", "Lviv", "Lisbon", "Glasgow", "Toronto"]
FIRST = ["Ana", "Peter", "Grace", "Tomas", "Leila", "Ruth", "Omar", "Ingrid", "Kofi", "Mei", "Diego", "Hanna"]
LAST = ["Ortiz", "Novak", "Mensah", "Berg", "Haddad", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Kowalski", "Adeyemi", "Rossi"]
ORGS = ["Red Cross", "World Bank", "Transport Ministry", "Harbour Authority", "United Nations"]
SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tor", "vi", "dan", "el", "gu", "har", "zo"]


class Writer:
    """Articles one after another; every 50th article brings a person never seen before."""

    def __init__(self, seed: int = 22) -> None:
        self.rng = random.Random(seed)
        self.people = [f"{f} {l}" for f in FIRST[:3] for l in LAST[:2]]
        self.count = 0

    def _new_person(self) -> str:
        rng = self.rng
        surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        return f"{rng.choice(FIRST)} {surname}"

    def article(self, short: bool = False) -> str:
        rng = self.rng
        self.count += 1
        if self.count % 50 == 0:
            self.people.append(self._new_person())

        def fill(template: str) -> str:
            # Recent people are commoner, as in a news archive.
            name = self.people[-1 - min(int(rng.expovariate(0.2)), len(self.people) - 1)]
            return template.format(place=rng.choice(PLACES), name=name, org=rng.choice(ORGS))

        if short:
            return f"{fill(rng.choice(OPENERS))} {fill(rng.choice(MIDDLES))}\n"
        paragraphs = [fill(rng.choice(OPENERS))]
        for _ in range(rng.randint(1, 3)):
            paragraphs.append(" ".join(fill(s) for s in rng.sample(MIDDLES, rng.randint(1, 2))))
        paragraphs.append(fill(rng.choice(CLOSERS)))
        return "\n\n".join(paragraphs) + "\n"


def write_archive(folder: Path, count: int, seed: int = 22, short: bool = False, per_folder: int = 1000) -> list[Path]:
    """``count`` articles under ``folder``, ``per_folder`` to a sub-folder (as archives file them)."""
    writer = Writer(seed)
    paths = []
    for k in range(count):
        sub = folder / f"{k // per_folder:04d}"
        if k % per_folder == 0:
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"story_{k:06d}.txt"
        path.write_text(writer.article(short), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--short", action="store_true", help="two sentences per article")
    args = parser.parse_args(argv)
    write_archive(args.folder, args.count, args.seed, args.short)
    return 0


if __name__ == "__main__":
    sys.exit(main())
