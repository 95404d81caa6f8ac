"""SARIF 2.1.0 for GitHub code scanning (``github/codeql-action/upload-sarif``).

* ``tool.driver.rules``: every rule, with id, name, short and full descriptions, help
  (text and Markdown), ``helpUri`` (``docs/rules.md#hc101-overstated-claim`` under the
  ``rules-url`` base; on GitHub Actions the workflow's repository by default) and the
  default level.
* ``results``: ``ruleId``/``ruleIndex``, ``level`` (error, warning, note for info),
  the message (with the suggested wording), one location with a repository-relative
  ``artifactLocation.uri`` (relative to the working directory, ``uriBaseId``
  ``%SRCROOT%``) and a 1-based region whose ``endColumn`` is exclusive; findings about
  the whole article (no span) point at line 1.
* ``partialFingerprints["factcheck/v1"]``: a hash of path + rule + normalised quote
  and the occurrence number, the same key as baselines, so alerts survive edits that
  move text.
* ``baselineState`` (new/unchanged) when a baseline was used; suppressed findings are
  included with ``suppressions: [{"kind": "inSource", "justification": reason}]``.
* ``run.columnKind`` is ``unicodeCodePoints``: columns count code points, as in the
  JSON report.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from .. import TOOL_NAME, __version__
from ..baseline import fingerprint
from ..rules import all_rules
from . import shown
from .common import artifact_uri, claim_of, folded, json_list_stream, rule_anchor, rules_doc_url

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule, base: str) -> dict:
    standards = "; ".join(rule.standards)
    help_text = f"{rule.why}\n\nStandards: {standards}" if standards else rule.why
    examples = "".join(f"\n- {e}" for e in rule.fire[:2])
    markdown = f"**{rule.code} {rule.name}** ({rule.severity})\n\n{rule.why}\n\nStandards: {standards}"
    if examples:
        markdown += f"\n\nFires on:{examples}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text, "markdown": markdown},
        "helpUri": f"{base}#{rule_anchor(rule.code)}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["editorial", rule.kind], "kind": rule.kind},
    }


def _message(report: dict, finding: dict) -> str:
    text = finding["message"]
    claim = claim_of(report, finding)
    if claim:
        for evidence in claim["evidence"][:1]:
            text += f"\nEvidence ({evidence['entry']}, {evidence['verdict']}, {evidence['certainty'].replace('_', ' ')} certainty): {folded(evidence['statement'])}"
        if claim.get("suggested_wording"):
            text += f"\nSuggested: {folded(claim['suggested_wording'])}"
    return text


def _region(finding: dict) -> dict:
    span = finding["span"]
    if span is None:
        return {"startLine": 1}
    region = {
        "startLine": span["line"],
        "startColumn": span["column"],
        "endLine": span["end_line"],
        "endColumn": span["end_column"],
    }
    if finding.get("quote"):
        region["snippet"] = {"text": finding["quote"]}
    return region


def _result(report: dict, finding: dict, index: dict, occurrences: Counter, options, suppressed: bool) -> dict:
    uri, relative = artifact_uri(report["input"]["path"])
    location = {"uri": uri}
    if relative:
        location["uriBaseId"] = "%SRCROOT%"
    fp = fingerprint(report["input"]["path"], finding)
    occurrences[fp] += 1
    result = {
        "ruleId": finding["code"],
        "level": LEVELS[finding["severity"]],
        "message": {"text": _message(report, finding)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(finding)}}],
        "partialFingerprints": {"factcheck/v1": f"{fp}:{occurrences[fp]}"},
        "properties": {"kind": finding["kind"], "findingId": finding.get("id", ""), "claimId": finding["claim_id"]},
    }
    if finding["code"] in index:
        result["ruleIndex"] = index[finding["code"]]
    if options.baseline and finding.get("baseline"):
        result["baselineState"] = finding["baseline"]
    if suppressed:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.get("suppression", "")}]
    return result


def _results(reports, index: dict, options):
    """Each report's results in turn (a report's fingerprints count occurrences within it)."""
    for report in reports:
        occurrences: Counter = Counter()
        visible = shown(report["findings"], options)
        hidden = shown(report.get("suppressed", []), options)
        merged = [(f, False) for f in visible] + [(f, True) for f in hidden]
        merged.sort(key=lambda item: (item[0]["span"] is None, (item[0]["span"] or {}).get("start", 0), item[0]["code"]))
        for finding, suppressed in merged:
            yield _result(report, finding, index, occurrences, options, suppressed)


def _log(results: list, rules, base: str) -> dict:
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "semanticVersion": __version__,
                        "version": __version__,
                        **({"informationUri": base} if base.startswith(("https://", "http://")) else {}),
                        "rules": [_rule(r, base) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def to_sarif(reports: list[dict], options) -> dict:
    rules = all_rules()
    return _log(list(_results(reports, {r.code: i for i, r in enumerate(rules)}, options)), rules, rules_doc_url(options.rules_url))


def render_stream(reports, options):
    """The log in pieces: the results of each report as it arrives (nothing for no reports)."""
    iterator = iter(reports)
    first = next(iterator, None)
    if first is None:
        return
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    base = rules_doc_url(options.rules_url)
    yield from json_list_stream(lambda results: _log(results, rules, base), _results(chain((first,), iterator), index, options))


def render(reports: list[dict], options) -> str:
    return "".join(render_stream(reports, options))
