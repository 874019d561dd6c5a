"""A newsroom's house style: ``copydesk.toml`` at the workspace root, or ``[tool.copydesk]``
in ``pyproject.toml``. Data only -- the file is parsed as TOML and nothing in it runs.

    spelling = "british"            # british | american
    abbreviations = "undotted"      # undotted (US, UK) | dotted (U.S., U.K.)
    presets = ["ukraine-places"]    # shipped lists in copydesk/data/presets/

    [forms]                         # preferred form = [its variants]
    Kyiv = ["Kiev"]
    "al-Qaeda" = ["Al-Qaeda", "al-Qaida"]

    [[tests]]                       # `copydesk style test` checks these
    text = "He flew to Kiev."
    expected = "He flew to Kyiv."

Problems come back as ``StyleProblem`` records with 1-based line and column
numbers (as editors and tomllib count); the LSP layer shows them as ``style-file``
diagnostics on the file itself.
"""

from __future__ import annotations

import re
try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

STYLE_FILE = "copydesk.toml"
SPELLINGS = ("british", "american")
ABBREVIATIONS = ("undotted", "dotted")
TOP_KEYS = {"spelling", "abbreviations", "presets", "forms", "tests", "exclude"}
# Dotted forms a newsroom on the "dotted" style writes; the undotted style accepts any.
DOTTED_FORMS = {"US": "U.S.", "UK": "U.K.", "UN": "U.N.", "EU": "E.U."}


@dataclass(frozen=True)
class StyleProblem:
    line: int  # 1-based
    column: int  # 1-based
    message: str
    severity: str = "error"  # error | warning


@dataclass(frozen=True)
class StyleTest:
    text: str
    expected: str
    line: int  # 1-based line of its [[tests]] header
    name: str | None = None


@dataclass
class HouseStyle:
    path: str | None = None
    spelling: str | None = None
    abbreviations: str | None = None
    presets: tuple[str, ...] = ()
    preferred: dict[str, str] = field(default_factory=dict)  # variant form -> preferred form
    tests: list[StyleTest] = field(default_factory=list)
    exclude: tuple[str, ...] = ()  # .gitignore-style globs kept out of checks (see exclude.py)

    def preferred_form(self, form: str) -> str | None:
        """The preferred form for ``form`` if the style lists it as a variant (or as preferred)."""
        if form in self.preferred:
            return self.preferred[form]
        if form in self.preferred_forms:
            return form
        if form.isupper():  # a headline in capitals: KIEV
            for variant, target in self.preferred.items():
                if variant.upper() == form:
                    return target.upper()
        return None

    @property
    def preferred_forms(self) -> set[str]:
        return set(self.preferred.values())

    def merged(self, other: "HouseStyle") -> "HouseStyle":
        """``other`` (e.g. the user's own forms) wins over this one (e.g. a preset)."""
        preferred = {k: v for k, v in self.preferred.items() if k not in other.preferred_forms}
        preferred.update(other.preferred)
        return HouseStyle(
            other.path or self.path,
            other.spelling or self.spelling,
            other.abbreviations or self.abbreviations,
            tuple(dict.fromkeys(self.presets + other.presets)),
            preferred,
            self.tests + other.tests,
            exclude=tuple(dict.fromkeys(self.exclude + other.exclude)),
        )


def available_presets() -> list[str]:
    folder = resources.files("copydesk.data").joinpath("presets")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


@lru_cache(maxsize=32)
def load_preset(name: str) -> HouseStyle:
    raw = resources.files("copydesk.data").joinpath("presets").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    style, problems = parse_house_style(raw, allow_presets=False)
    if problems:  # a shipped preset that does not parse is a bug in Copydesk, not in the user's file
        raise ValueError(f"preset {name}: {problems[0].message}")
    return style


def find_style_file(root: str | Path) -> Path | None:
    """``copydesk.toml`` in ``root``, else a ``pyproject.toml`` there with ``[tool.copydesk]``."""
    root = Path(root)
    candidate = root / STYLE_FILE
    if candidate.is_file():
        return candidate
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            if "copydesk" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                return pyproject
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
            return pyproject  # let load_house_style report the problem
    return None


def load_for_root(root: str | Path, filename: str = STYLE_FILE) -> tuple[HouseStyle | None, list[StyleProblem], Path | None]:
    """The workspace's house style: (style, problems, path); (None, [], None) when there is none."""
    root = Path(root)
    path: Path | None = root / filename
    if not path.is_file():
        path = find_style_file(root) if filename == STYLE_FILE else None
        if path is None and (root / "pyproject.toml").is_file():
            path = find_style_file(root)
    if path is None or not path.is_file():
        return None, [], None
    style, problems = load_house_style(path)
    return style, problems, path


def load_house_style(path: str | Path) -> tuple[HouseStyle | None, list[StyleProblem]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [StyleProblem(1, 1, f"cannot read {path.name}: {exc}")]
    style, problems = parse_house_style(text, pyproject=path.name == "pyproject.toml")
    style.path = str(path)
    return style, problems


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_house_style(text: str, pyproject: bool = False, allow_presets: bool = True) -> tuple[HouseStyle, list[StyleProblem]]:
    """Parse and validate; a problem never stops the rest of the file from applying."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        msg = getattr(exc, "msg", None) or str(exc)
        m = _TOML_POS.search(str(exc))
        if line is None and m:
            line, col = int(m.group(1)), int(m.group(2))
        msg = _TOML_POS.sub("", msg).strip()
        return HouseStyle(), [StyleProblem(max(line or 1, 1), max(col or 1, 1), f"TOML syntax: {msg}")]
    finder = _LineFinder(text, "tool.copydesk" if pyproject else None)
    if pyproject:
        data = data.get("tool", {}).get("copydesk", {})
        if not isinstance(data, dict):
            return HouseStyle(), [StyleProblem(finder.table(None) + 1, 1, "[tool.copydesk] must be a table")]
    return _validate(data, finder, allow_presets)


def _validate(data: dict[str, Any], finder: "_LineFinder", allow_presets: bool) -> tuple[HouseStyle, list[StyleProblem]]:
    problems: list[StyleProblem] = []
    style = HouseStyle()

    def problem(line: int, message: str, severity: str = "error") -> None:
        problems.append(StyleProblem(line + 1, 1, message, severity))

    for key in data:
        if key not in TOP_KEYS:
            problem(finder.key(key), f"unknown key '{key}' (expected one of: {', '.join(sorted(TOP_KEYS))})", "warning")
    spelling = data.get("spelling")
    if spelling is not None:
        if spelling in SPELLINGS:
            style.spelling = spelling
        else:
            problem(finder.key("spelling"), f"spelling must be one of {', '.join(SPELLINGS)}, not {spelling!r}")
    abbreviations = data.get("abbreviations")
    if abbreviations is not None:
        if abbreviations in ABBREVIATIONS:
            style.abbreviations = abbreviations
        else:
            problem(finder.key("abbreviations"), f"abbreviations must be one of {', '.join(ABBREVIATIONS)}, not {abbreviations!r}")
    exclude = data.get("exclude", [])
    if isinstance(exclude, list) and all(isinstance(p, str) for p in exclude):
        style.exclude = tuple(exclude)
    else:
        problem(finder.key("exclude"), "exclude must be a list of glob strings, e.g. [\"drafts/\", \"*.tmp.md\"]")
    presets = data.get("presets", [])
    base = HouseStyle()
    if not isinstance(presets, list) or not all(isinstance(p, str) for p in presets):
        problem(finder.key("presets"), "presets must be a list of names")
        presets = []
    elif presets and not allow_presets:
        problem(finder.key("presets"), "a preset cannot include other presets")
        presets = []
    known = available_presets() if presets else []
    for name in presets:
        if name not in known:
            problem(finder.value("presets", name), f"unknown preset '{name}' (available: {', '.join(known)})")
        else:
            base = base.merged(load_preset(name))
    style.presets = tuple(p for p in presets if p in known)
    forms = data.get("forms", {})
    if not isinstance(forms, dict):
        problem(finder.key("forms"), "[forms] must be a table: preferred = [variants]")
        forms = {}
    for preferred, variants in forms.items():
        line = finder.form(preferred)
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
            problem(line, f"the variants of '{preferred}' must be a list of non-empty strings")
            continue
        if not preferred.strip():
            problem(line, "a preferred form cannot be empty")
            continue
        for variant in variants:
            if variant == preferred:
                problem(line, f"'{variant}' is listed as a variant of itself", "warning")
            elif variant in style.preferred and style.preferred[variant] != preferred:
                problem(line, f"'{variant}' is already a variant of '{style.preferred[variant]}'")
            elif variant in forms:
                problem(line, f"'{variant}' is both a preferred form and a variant of '{preferred}'")
            else:
                style.preferred[variant] = preferred
    tests = data.get("tests", [])
    if not isinstance(tests, list):
        problem(finder.key("tests"), "tests must be an array of tables: [[tests]]")
        tests = []
    for n, test in enumerate(tests):
        line = finder.array_table("tests", n)
        if not isinstance(test, dict) or not isinstance(test.get("text"), str) or not isinstance(test.get("expected"), str):
            problem(line, "each [[tests]] entry needs text = \"...\" and expected = \"...\"")
            continue
        style.tests.append(StyleTest(test["text"], test["expected"], line + 1, test.get("name")))
    return base.merged(style) if style.presets else style, problems


class _LineFinder:
    """Finds the line of a key in the raw text, for problems tomllib cannot place."""

    def __init__(self, text: str, root_table: str | None):
        self.lines = text.splitlines()
        self.root = root_table

    def _prefix(self, table: str | None) -> str | None:
        if self.root and table:
            return f"{self.root}.{table}"
        return self.root or table

    def table(self, name: str | None) -> int:
        full = self._prefix(name)
        if full is None:
            return 0
        pattern = re.compile(r"^\s*\[\s*" + re.escape(full).replace(r"\.", r"\s*\.\s*") + r"\s*\]")
        return next((i for i, ln in enumerate(self.lines) if pattern.match(ln)), 0)

    def _key_in(self, table: str | None, key: str) -> int | None:
        start = self.table(table) if self._prefix(table) else 0
        pattern = re.compile(r"^\s*(?:\"|')?" + re.escape(key) + r"(?:\"|')?\s*=")
        for i in range(start, len(self.lines)):
            if i > start and self.lines[i].lstrip().startswith("[") and self._prefix(table):
                break
            if pattern.match(self.lines[i]):
                return i
        return None

    def key(self, key: str) -> int:
        line = self._key_in(None, key)
        if line is None:
            line = self.table(key) if any(re.match(r"^\s*\[+\s*" + re.escape(self._prefix(key) or key), ln) for ln in self.lines) else None
        return line if line is not None else self.table(None)

    def value(self, key: str, value: str) -> int:
        for i, ln in enumerate(self.lines):
            if f'"{value}"' in ln or f"'{value}'" in ln:
                return i
        return self.key(key)

    def form(self, preferred: str) -> int:
        line = self._key_in("forms", preferred)
        return line if line is not None else self.key("forms")

    def array_table(self, name: str, n: int) -> int:
        full = self._prefix(name)
        pattern = re.compile(r"^\s*\[\[\s*" + re.escape(full or name) + r"\s*\]\]")
        hits = [i for i, ln in enumerate(self.lines) if pattern.match(ln)]
        return hits[n] if n < len(hits) else self.key(name)
