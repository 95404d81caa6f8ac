"""Validating saved reports: the schema, and the offset rule where the article is at hand."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from .resources import schema


def report_problems(report: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema("report"))
    problems = []
    for error in sorted(validator.iter_errors(report), key=lambda e: list(map(str, e.absolute_path))):
        pointer = "/" + "/".join(str(p) for p in error.absolute_path)
        problems.append(f"{pointer}: {error.message[:200]}")
    return problems


def validate_report_file(path: str) -> list[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"{path}: no such file"]
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}: cannot be read ({exc})"]
    except json.JSONDecodeError as exc:
        return [f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]
    reports = data["reports"] if isinstance(data, dict) and "reports" in data and "claims" not in data else [data]
    problems = []
    for i, report in enumerate(reports):
        prefix = f"{path}: report {i}: " if len(reports) > 1 else f"{path}: "
        problems += [prefix + p for p in report_problems(report)]
    return problems
