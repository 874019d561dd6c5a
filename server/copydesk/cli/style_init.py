"""`copydesk style init [FILE] [--force]`: write a commented example house style.

The example uses the Ukrainian place-name preset and carries two [[tests]], so
`copydesk style test` passes straight after `init` and shows how the file works.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from ..house_style import STYLE_FILE

EXAMPLE = "copydesk.example.toml"


def example_style() -> str:
    return resources.files("copydesk.data").joinpath(EXAMPLE).read_text(encoding="utf-8")


def add_parser(style_actions: Any) -> argparse.ArgumentParser:
    init = style_actions.add_parser("init", help=f"write a commented example {STYLE_FILE}")
    init.add_argument("file", nargs="?", default=STYLE_FILE, metavar="FILE", help=f"where to write it (default ./{STYLE_FILE})")
    init.add_argument("--force", action="store_true", help="replace the file if it exists")
    init.set_defaults(func=run_init, settings=None)
    return init


def run_init(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.is_dir():
        target = target / STYLE_FILE
    if target.exists() and not args.force:
        print(f"copydesk: {target} already exists; not replacing it (use --force)", file=sys.stderr)
        return 2
    try:
        target.write_text(example_style(), encoding="utf-8")
    except OSError as exc:
        print(f"copydesk: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"copydesk: wrote {target} (Ukrainian place names preset, two [[tests]]); "
          f"check it with `copydesk style test{'' if target.name == STYLE_FILE and target.parent == Path('.') else ' --style ' + str(target)}`",
          file=sys.stderr)
    return 0
