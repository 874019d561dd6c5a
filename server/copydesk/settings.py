"""User settings: one typed object, validated in one place.

Values come from ``initializationOptions`` and ``workspace/didChangeConfiguration``
(section ``copydesk``), or from the CLI. A value of the wrong type or out of
range is reported and replaced by its default; the rest of the settings apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from .findings import DEFAULT_SEVERITY, Code, Severity
from .nlp import DEFAULT_MODEL

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "NORP")
DEFAULT_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")


@dataclass(frozen=True)
class CodeSetting:
    enabled: bool = True
    severity: Severity | None = None  # None: the code's default


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    debounce_ms: int = 250
    entity_hints: bool = True
    entity_labels: tuple[str, ...] = DEFAULT_ENTITY_LABELS
    workspace_variants: bool = True
    workspace_max_files: int = 5000
    workspace_max_file_bytes: int = 2_000_000
    max_document_bytes: int = 20_000_000
    house_style_file: str = "copydesk.toml"
    language_ids: tuple[str, ...] = ("plaintext", "markdown", "text")
    diagnostic_mode: str = "auto"  # auto (pull when the client can) | push | pull
    claims: str = "balanced"  # strict | balanced | all: which unsourced claims are marked
    inlay_hint_speakers: bool = True  # inlayHints.speakers
    rename_workspace: bool = False  # rename.workspace: F2 renames in every article of the workspace
    codes: dict[str, CodeSetting] = field(default_factory=dict)

    def code(self, code: str) -> CodeSetting:
        return self.codes.get(code, CodeSetting())

    def enabled(self, code: str) -> bool:
        if code == Code.ENTITY and not self.entity_hints:
            return False
        return self.code(code).enabled

    def severity(self, code: str, default: Severity | None = None) -> Severity:
        chosen = self.code(code).severity
        if chosen is not None:
            return chosen
        return default if default is not None else DEFAULT_SEVERITY.get(code, Severity.WARNING)


# camelCase (editor settings) -> field name
_KEYS = {
    "model": "model",
    "debounceMs": "debounce_ms",
    "debounce": "debounce_ms",
    "entityHints": "entity_hints",
    "entityLabels": "entity_labels",
    "workspaceVariants": "workspace_variants",
    "workspaceMaxFiles": "workspace_max_files",
    "workspaceMaxFileBytes": "workspace_max_file_bytes",
    "maxDocumentBytes": "max_document_bytes",
    "houseStyleFile": "house_style_file",
    "languageIds": "language_ids",
    "diagnosticMode": "diagnostic_mode",
    "claims": "claims",
    "inlayHints.speakers": "inlay_hint_speakers",
    "rename.workspace": "rename_workspace",
}
_SECTIONS = ("inlayHints", "rename")  # nested objects, read as "section.key"
_CHOICES = {"diagnostic_mode": ("auto", "push", "pull"), "claims": ("strict", "balanced", "all")}
_LIMITS = {
    "debounce_ms": (0, 10_000),
    "workspace_max_files": (0, 1_000_000),
    "workspace_max_file_bytes": (1, 1_000_000_000),
    "max_document_bytes": (1, 1_000_000_000),
}


def _check_value(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("expected an integer")
        low, high = _LIMITS.get(name, (0, 2**31))
        if not low <= value <= high:
            raise ValueError(f"expected a value between {low} and {high}")
        return value
    if isinstance(default, str):
        if not isinstance(value, str) or not value.strip():
            raise ValueError("expected a non-empty string")
        if name in _CHOICES and value.strip() not in _CHOICES[name]:
            raise ValueError(f"expected one of {', '.join(_CHOICES[name])}")
        return value.strip()
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("expected a list of strings")
        if name == "entity_labels":
            unknown = [v for v in value if v not in ENTITY_LABELS]
            if unknown:
                raise ValueError(f"unknown label(s) {', '.join(unknown)}; known: {', '.join(ENTITY_LABELS)}")
        return tuple(value)
    raise ValueError("unsupported setting")  # pragma: no cover


def _parse_codes(value: Any, problems: list[str]) -> dict[str, CodeSetting]:
    out: dict[str, CodeSetting] = {}
    if not isinstance(value, dict):
        problems.append("copydesk.diagnostics: expected an object of code -> {enabled, severity}")
        return out
    for code, conf in value.items():
        if code not in Code.ALL:
            problems.append(f"copydesk.diagnostics.{code}: unknown code; known: {', '.join(Code.ALL)}")
            continue
        if isinstance(conf, bool):
            out[code] = CodeSetting(enabled=conf)
            continue
        if isinstance(conf, str):
            conf = {"severity": conf}
        if not isinstance(conf, dict):
            problems.append(f"copydesk.diagnostics.{code}: expected true/false, a severity, or an object")
            continue
        enabled = conf.get("enabled", True)
        if not isinstance(enabled, bool):
            problems.append(f"copydesk.diagnostics.{code}.enabled: expected true or false")
            enabled = True
        severity = None
        if "severity" in conf and conf["severity"] is not None:
            try:
                severity = Severity.parse(conf["severity"])
            except (KeyError, ValueError):
                problems.append(
                    f"copydesk.diagnostics.{code}.severity: {conf['severity']!r} is not one of error, warning, information, hint"
                )
        out[code] = CodeSetting(enabled=enabled, severity=severity)
    return out


def parse_settings(raw: Any, base: Settings | None = None) -> tuple[Settings, list[str]]:
    """Merge ``raw`` (a dict, camelCase keys) over ``base``; return settings and problems."""
    base = base or Settings()
    problems: list[str] = []
    if raw is None:
        return base, problems
    if isinstance(raw, dict) and isinstance(raw.get("copydesk"), dict):
        raw = raw["copydesk"]
    if not isinstance(raw, dict):
        return base, [f"copydesk settings: expected an object, got {type(raw).__name__}"]
    defaults = Settings()
    changes: dict[str, Any] = {}
    flat = {}
    for key, value in raw.items():
        if key in _SECTIONS and isinstance(value, dict):
            flat.update({f"{key}.{inner}": v for inner, v in value.items()})
        else:
            flat[key] = value
    for key, value in flat.items():
        if key in ("diagnostics", "codes"):
            changes["codes"] = {**base.codes, **_parse_codes(value, problems)}
            continue
        if key in ("trace", "server"):  # client-side settings
            continue
        name = _KEYS.get(key, key if key in {f.name for f in fields(Settings)} else None)
        if name is None or name == "codes":
            problems.append(f"copydesk.{key}: unknown setting (ignored)")
            continue
        try:
            changes[name] = _check_value(name, value, getattr(defaults, name))
        except ValueError as exc:
            problems.append(f"copydesk.{key}: {exc}; using the default {getattr(defaults, name)!r}")
            changes[name] = getattr(defaults, name)
    return replace(base, **changes), problems
