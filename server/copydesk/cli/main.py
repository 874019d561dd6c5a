"""The `copydesk` command line: check, entities, attributions, fix, style test, serve."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..nlp import ModelNotAvailable
from ..settings import Settings, parse_settings
from . import check as check_cmd

# Sub-commands that live in their own modules: each has add_parser(subparsers) and run(args).
_EXTRA_COMMANDS = ("copydesk.cli.attributions", "copydesk.cli.fix", "copydesk.cli.report", "copydesk.cli.scale")


def _settings_from(args: argparse.Namespace) -> Settings:
    raw: dict = {}
    if getattr(args, "config", None):
        try:
            with open(args.config, encoding="utf-8") as handle:
                raw = json.load(handle)
        except (OSError, ValueError) as exc:
            print(f"copydesk: cannot read settings file {args.config}: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
    if getattr(args, "model", None):
        raw = {**raw, "model": args.model}
    if getattr(args, "claims", None):
        raw = {**raw, "claims": args.claims}
    settings, problems = parse_settings(raw)
    for problem in problems:
        print(f"copydesk: {problem}", file=sys.stderr)
    return settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="Marks unattributed claims, named entities and spelling variants in news articles.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check_cmd.add_parsers(sub)

    serve = sub.add_parser("serve", help="run the language server (stdio by default)")
    serve.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP socket instead of stdio")
    serve.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    serve.set_defaults(func=_serve)

    for module_name in _EXTRA_COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue  # TODO(lead): import directly once attributions/fix land
        module.add_parser(sub)
    return parser


def _serve(args: argparse.Namespace) -> int:
    logging.basicConfig(stream=sys.stderr, level=getattr(logging, args.log_level), format="%(levelname)s %(name)s: %(message)s")
    if args.log_level != "DEBUG":
        # pygls logs every message at INFO; keep stderr readable unless asked.
        logging.getLogger("pygls").setLevel(logging.WARNING)
    _one_malloc_arena()
    from ..nlp import preload

    preload()  # the default model loads while the server module imports and the client connects
    from ..lsp.server import start

    return start(tcp=args.tcp)


def _one_malloc_arena() -> None:
    """Let every thread allocate from glibc's main arena (what MALLOC_ARENA_MAX=1 does).

    The server runs spaCy in a worker thread; in a thread arena the same parse costs ~3% more
    CPU than on the main thread (measured, CPU time per 1,000-word article: thread/main 1.02-1.04
    by default, 0.99-1.01 with one arena). The GIL serialises the threads anyway, so they do
    not contend for the arena. Must run before any thread starts; a user's own setting wins.
    """
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-8, 1)  # M_ARENA_MAX (glibc); other libcs ignore or lack it
    except (OSError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    if not hasattr(args, "settings") or args.settings is None:
        args.settings = _settings_from(args) if args.command != "serve" else None
    try:
        return int(args.func(args) or 0)
    except ModelNotAvailable as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
