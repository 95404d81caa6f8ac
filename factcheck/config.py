"""Configuration: ``--config FILE``, else the nearest ``.factcheck.toml``, ``pyproject.toml``
(``[tool.factcheck]``) or ``setup.cfg`` (``[factcheck]``), then command-line flags.

Discovery walks up from the directory of the checked files (their common parent;
the working directory for standard input) to the file-system root and stops at the
first directory holding one of the three files *with a factcheck section*; in one
directory ``.factcheck.toml`` wins over ``pyproject.toml`` over ``setup.cfg``. Files
are not merged (as in ruff). Relative paths in a file (registry directories) are
relative to that file's directory. Unknown keys and bad values are errors naming the
file. Every resolved value remembers where it came from (``factcheck config``).
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FactcheckError

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - 3.10
    tomllib = None  # type: ignore[assignment]

SEVERITIES = ("info", "warning", "error")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm")
CONFIG_NAMES = (".factcheck.toml", "pyproject.toml", "setup.cfg")


class ConfigError(FactcheckError):
    """A configuration file that cannot be read or holds unknown keys or bad values."""


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # "list", "str", "bool", "table"
    default: Any
    choices: tuple[str, ...] = ()
    help: str = ""


KEYS = {
    k.name: k
    for k in (
        Key("registry", "list", (), help="registry directories added to the bundled one"),
        Key("bundled-registry", "bool", True, help="use the registry shipped with factcheck"),
        Key("select", "list", (), help="rule codes or prefixes to report (default: all)"),
        Key("ignore", "list", (), help="rule codes or prefixes not to report"),
        Key("severity", "table", {}, choices=SEVERITIES, help="per-rule severity, e.g. HC103 = \"warning\""),
        Key("fail-on", "str", "error", choices=FAIL_ON, help="lowest severity that makes the exit code 1"),
        Key("min-severity", "str", "info", choices=SEVERITIES, help="lowest severity shown"),
        Key("include", "list", DEFAULT_INCLUDE, help="file globs searched for in directories"),
        Key("exclude", "list", (), help="path globs never checked"),
        Key("rules-url", "str", "", help="URL of docs/rules.md for SARIF helpUri"),
    )
}


@dataclass
class Config:
    """Resolved settings; ``origins`` maps each key to where its value came from."""

    values: dict[str, Any] = field(default_factory=lambda: {k: v.default for k, v in KEYS.items()})
    origins: dict[str, str] = field(default_factory=lambda: {k: "default" for k in KEYS})
    file: Path | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def root(self) -> Path:
        """The directory relative globs and paths are resolved against."""
        return self.file.parent if self.file else Path.cwd()

    def set(self, key: str, value: Any, origin: str) -> None:
        self.values[key] = value
        self.origins[key] = origin

    def override(self, key: str, value: Any, flag: str) -> None:
        """A command-line flag; ``None`` or an empty tuple means "not given"."""
        if value is None or value == () or value == []:
            return
        self.set(key, tuple(value) if isinstance(value, list) else value, f"command line ({flag})")


def _read_toml(path: Path) -> dict:
    if tomllib is None:  # pragma: no cover
        raise ConfigError(str(path), "reading TOML needs Python 3.11 or later; use setup.cfg [factcheck] instead")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); TOML files are UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"not valid TOML ({exc})") from None


def _read_cfg(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except OSError as exc:
        raise ConfigError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"not a valid INI file ({' '.join(str(exc).split())})") from None
    return parser


def section_of(path: Path) -> tuple[str, dict | None]:
    """(section label, raw table or None when the file has no factcheck section)."""
    name = path.name
    if name == "setup.cfg" or path.suffix in (".cfg", ".ini"):
        parser = _read_cfg(path)
        if not parser.has_section("factcheck"):
            return "[factcheck]", None
        return "[factcheck]", {k: _cfg_value(k, v) for k, v in parser.items("factcheck")}
    data = _read_toml(path)
    if name == "pyproject.toml":
        table = data.get("tool", {}).get("factcheck")
        return "[tool.factcheck]", table
    if "factcheck" in data and isinstance(data["factcheck"], dict) and len(data) == 1:
        return "[factcheck]", data["factcheck"]
    return "(top level)", data


def _cfg_value(key: str, raw: str) -> Any:
    """INI values: lists are comma- or line-separated; severity is ``CODE:level`` items."""
    items = [item.strip() for chunk in raw.splitlines() for item in chunk.split(",") if item.strip()]
    spec = KEYS.get(key)
    if spec is None:
        return raw
    if spec.kind == "list":
        return items
    if spec.kind == "bool":
        lowered = raw.strip().lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0"):
            return False
        return raw
    if spec.kind == "table":
        table = {}
        for item in items:
            code, sep, level = item.replace("=", ":").partition(":")
            table[code.strip()] = level.strip() if sep else ""
        return table
    return raw.strip()


CODE_LISTS = ("select", "ignore")  # keys whose values are rule codes (and the severity table's keys)


def _check_codes(where: str, key: str, codes: list[str]) -> None:
    from .rules import code_problem  # noqa: PLC0415 - the rule catalogue only when a file names codes

    for code in codes:
        problem = code_problem(code)
        if problem:
            raise ConfigError(where, f"{key}: {problem}")


def _check(path: Path, key: str, value: Any) -> Any:
    spec = KEYS.get(key)
    where = str(path)
    if spec is None:
        hint = f" (did you mean {key.replace('_', '-')!r}?)" if key.replace("_", "-") in KEYS else ""
        raise ConfigError(where, f"unknown key {key!r}{hint}; known keys: {', '.join(KEYS)}")
    if spec.kind == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(where, f"{key} must be a list of strings")
        if key in CODE_LISTS:
            _check_codes(where, key, value)
        return tuple(value)
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(where, f"{key} must be true or false")
        return value
    if spec.kind == "table":
        if not isinstance(value, dict):
            raise ConfigError(where, f"{key} must be a table of rule code = severity")
        _check_codes(where, key, list(value))
        for code, level in value.items():
            if level not in SEVERITIES:
                raise ConfigError(where, f"{key}.{code} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        return dict(sorted(value.items()))
    if not isinstance(value, str) or (spec.choices and value not in spec.choices):
        choices = f"one of {', '.join(spec.choices)}" if spec.choices else "a string"
        raise ConfigError(where, f"{key} must be {choices}, not {value!r}")
    return value


def load_file(path: Path, config: Config | None = None, required: bool = True) -> Config | None:
    """Apply the factcheck section of ``path``; ``None`` when it has none and is not required."""
    config = config or Config()
    if not path.is_file():
        raise ConfigError(str(path), "no such configuration file")
    label, table = section_of(path)
    if table is None:
        if required:
            raise ConfigError(str(path), f"has no {label} section")
        return None
    if not isinstance(table, dict):
        raise ConfigError(str(path), f"{label} must be a table")
    config.file = path
    origin = f"{path} {label}"
    for key, raw in table.items():
        value = _check(path, key, raw)
        if key == "registry":
            value = tuple(str((path.parent / v)) if not os.path.isabs(v) else v for v in value)
        config.set(key, value, origin)
    return config


def _real(path: str | Path) -> Path:
    """The absolute path with links resolved as far as they go: a symbolic-link loop
    stays as it is (Path.resolve raises RuntimeError on one), and reading it fails later
    with a one-line error naming it."""
    return Path(os.path.realpath(path))


def discover(start: Path) -> Path | None:
    """The nearest configuration file with a factcheck section, walking up from ``start``."""
    directory = _real(start)
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and section_of(candidate)[1] is not None:
                return candidate
    return None


def start_directory(paths: list[str]) -> Path:
    """Where discovery starts: the common parent of the checked paths (cwd for '-')."""
    folders = []
    for raw in paths:
        if raw == "-" or any(ch in raw for ch in "*?["):
            folders.append(Path.cwd() if raw == "-" else Path.cwd() / Path(raw.split("*")[0].split("?")[0].split("[")[0] or ".").parent)
            continue
        p = _real(raw)
        folders.append(p if p.is_dir() else p.parent)
    if not folders:
        return Path.cwd()
    try:
        return Path(os.path.commonpath([str(f) for f in folders]))
    except ValueError:  # different drives
        return Path.cwd()


def resolve(paths: list[str], config_file: str | None = None, isolated: bool = False) -> Config:
    """The configuration for a run over ``paths`` (before command-line overrides)."""
    config = Config()
    if config_file:
        load_file(Path(config_file), config, required=True)
        return config
    if isolated:
        return config
    found = discover(start_directory(paths))
    if found:
        load_file(found, config, required=True)
    return config


def describe(config: Config) -> str:
    """``factcheck config``: every key, its value and where it came from, as TOML-ish lines."""
    lines = [f"# configuration file: {config.file or '(none found)'}"]
    for key, spec in KEYS.items():
        value = config.values[key]
        if spec.kind == "table":
            shown = "{" + ", ".join(f'{k} = "{v}"' for k, v in value.items()) + "}"
        elif spec.kind == "list":
            shown = "[" + ", ".join(f'"{v}"' for v in value) + "]"
        elif spec.kind == "bool":
            shown = "true" if value else "false"
        else:
            shown = f'"{value}"'
        lines.append(f"{key} = {shown}  # {config.origins[key]}")
    return "\n".join(lines) + "\n"
