"""Measured accuracy: the checker's predictions scored against gold annotations.

Predictions are matched to gold by span overlap (each pair at most once; a pair
counts when the shared characters cover at least half of the shorter span).
Scores:

* claim detection — precision, recall, F1 of claim spans;
* flagged verdicts — ``overstated`` or ``unsupported`` versus the rest, over all
  gold and predicted claims (a missed flagged claim is a false negative);
* exact verdict — per verdict label, in the same way, and the accuracy over
  matched claims;
* promotional language — per kind, a predicted finding matching a gold span of the
  same kind that it overlaps;
* whole-article flags — per flag, the positive class being "the article fails to
  disclose it", which is what the checker reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .error_analysis import errors_of, group, render as render_errors
from .errors import InputError

VERDICTS = ("supported", "overstated", "unsupported", "unverified")
FLAGGED = frozenset({"overstated", "unsupported"})
from .promotion import PROMO_KINDS
FLAG_FINDINGS = {
    "risks_disclosed": "missing_risks",
    "regulatory_status_disclosed": "missing_regulatory_status",
    "cost_disclosed": "missing_cost",
    "specific_sources_cited": "no_sources",
}
MIN_OVERLAP = 0.5


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0  # counted only where negatives are units (articles), not spans

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def balanced_accuracy(self) -> float | None:
        """Mean of the recall of each class (0.5 for a constant answer)."""
        positives, negatives = self.tp + self.fn, self.tn + self.fp
        if not positives or not negatives:
            return None
        return (self.tp / positives + self.tn / negatives) / 2

    @property
    def mcc(self) -> float:
        """Matthews correlation coefficient (0 when a row or column of the confusion matrix is empty)."""
        denominator = ((self.tp + self.fp) * (self.tp + self.fn) * (self.tn + self.fp) * (self.tn + self.fn)) ** 0.5
        return (self.tp * self.tn - self.fp * self.fn) / denominator if denominator else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": _round(self.precision), "recall": _round(self.recall),
                "f1": _round(self.f1)}

    def as_binary_dict(self) -> dict[str, Any]:
        """Every figure of a binary decision over units (articles, sentences), true negatives included."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "precision": _round(self.precision),
                "recall": _round(self.recall), "f1": _round(self.f1),
                "balanced_accuracy": _round(self.balanced_accuracy), "mcc": _round(self.mcc)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shortest = min(a[1] - a[0], b[1] - b[0])
    return shared / shortest if shared > 0 and shortest > 0 else 0.0


def pair_up(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best overlaps first."""
    candidates = sorted(
        ((overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if overlap(g, p) >= MIN_OVERLAP),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def label_score(gold_labels: list[str], predicted_labels: list[str], pairs: list[tuple[int, int]], positive) -> Score:
    """Binary score where a claim is positive when ``positive(label)``; unmatched claims count too."""
    score = Score()
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    for g, p in pairs:
        gp, pp = positive(gold_labels[g]), positive(predicted_labels[p])
        score.tp += gp and pp
        score.fp += pp and not gp
        score.fn += gp and not pp
    score.fn += sum(1 for i, label in enumerate(gold_labels) if i not in matched_g and positive(label))
    score.fp += sum(1 for i, label in enumerate(predicted_labels) if i not in matched_p and positive(label))
    return score


@dataclass
class ArticleResult:
    name: str
    split: str
    claims: Score
    flagged: Score
    verdicts: dict[str, Score]
    verdict_agreement: tuple[int, int]
    promo: dict[str, Score]
    flags: dict[str, tuple[bool, bool]]  # flag -> (gold, predicted)
    misses: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    criteria: dict[str, Score] = field(default_factory=dict)  # HealthNewsReview criteria the gold answers


def evaluate_article(name: str, gold: dict[str, Any], report: dict[str, Any]) -> ArticleResult:
    g_claims = gold["claims"]
    p_claims = report["claims"]
    g_spans = [(c["start"], c["end"]) for c in g_claims]
    p_spans = [(c["span"]["start"], c["span"]["end"]) for c in p_claims]
    pairs = pair_up(g_spans, p_spans)
    claims = Score(tp=len(pairs), fp=len(p_spans) - len(pairs), fn=len(g_spans) - len(pairs))
    g_verdicts = [c["verdict"] for c in g_claims]
    p_verdicts = [c["verdict"] for c in p_claims]
    flagged = label_score(g_verdicts, p_verdicts, pairs, lambda v: v in FLAGGED)
    verdicts = {v: label_score(g_verdicts, p_verdicts, pairs, lambda x, v=v: x == v) for v in VERDICTS}
    agree = sum(1 for g, p in pairs if g_verdicts[g] == p_verdicts[p])
    promo: dict[str, Score] = {}
    for kind in PROMO_KINDS:
        g = [(s["start"], s["end"]) for s in gold["promotional"] if s["kind"] == kind]
        p = [(f["span"]["start"], f["span"]["end"]) for f in report["findings"] if f["kind"] == kind and f["span"]]
        matched = _any_overlap_pairs(g, p)
        promo[kind] = Score(tp=len(matched), fp=len(p) - len({pi for _, pi in matched}), fn=len(g) - len(matched))
    kinds = {f["kind"] for f in report["findings"]}
    flags = {flag: (gold["flags"][flag], finding not in kinds) for flag, finding in FLAG_FINDINGS.items()}
    misses = []
    matched_p = dict((g, p) for g, p in pairs)
    for gi, claim in enumerate(g_claims):
        predicted = p_claims[matched_p[gi]]["verdict"] if gi in matched_p else None
        if claim["verdict"] in FLAGGED and predicted not in FLAGGED:
            misses.append({"article": name, "kind": "missed flag", "gold": claim["verdict"], "predicted": predicted or "not a claim", "quote": claim["quote"]})
    gold_of = {p: g for g, p in pairs}
    for pi, claim in enumerate(p_claims):
        gold_verdict = g_verdicts[gold_of[pi]] if pi in gold_of else None
        if claim["verdict"] in FLAGGED and gold_verdict not in FLAGGED:
            misses.append({"article": name, "kind": "false flag", "gold": gold_verdict or "not a claim", "predicted": claim["verdict"], "quote": claim["text"]})
    errors = errors_of(name, g_claims, p_claims, pairs)
    return ArticleResult(name, gold["split"], claims, flagged, verdicts, (agree, len(pairs)), promo, flags, misses, errors,
                         criteria_scores(gold.get("criteria", {}), {f["code"] for f in report["findings"]}))


def criteria_scores(answers: dict[str, str], codes: set[str]) -> dict[str, Score]:
    """One article's HealthNewsReview criteria: positive is ``not_satisfactory`` (the problem is
    there), predicted when the report has a finding of the criterion's rule; not applicable is dropped."""
    from .article_checks import CRITERION_RULES

    scores = {}
    for criterion, answer in answers.items():
        if answer == "not_applicable":
            continue
        gold, predicted = answer == "not_satisfactory", CRITERION_RULES[criterion] in codes
        scores[criterion] = Score(tp=gold and predicted, fp=predicted and not gold, fn=gold and not predicted,
                                  tn=not gold and not predicted)
    return scores


def _any_overlap_pairs(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each gold span matched to at most one overlapping predicted span (any overlap)."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if pi not in used and min(g[1], p[1]) > max(g[0], p[0]):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def load_gold(path: Path) -> dict[str, Any]:
    import jsonschema

    from .resources import schema

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read gold file ({exc})") from None
    errors = list(jsonschema.Draft202012Validator(schema("gold")).iter_errors(data))
    if errors:
        pointer = "/" + "/".join(str(p) for p in errors[0].absolute_path)
        raise InputError(str(path), f"{pointer}: {errors[0].message[:160]}")
    return data


def article_path(gold: dict[str, Any], gold_dir: Path, seeds_dir: Path) -> Path:
    kind, name = gold["article"].split("/", 1)
    return seeds_dir / name if kind == "seeds" else gold_dir.parent / gold["article"]


def gold_files(gold_dir: Path, split: str, topics: Iterable[str] | None = None) -> Iterable[tuple[Path, dict[str, Any]]]:
    """The gold files of ``split`` (or ``all``), restricted to ``topics`` when given."""
    paths = sorted(gold_dir.glob("*.gold.json"))
    if not paths:
        raise InputError(str(gold_dir), "no *.gold.json files")
    wanted = set(topics) if topics else None
    for path in paths:
        gold = load_gold(path)
        if (split == "all" or gold["split"] == split) and (wanted is None or gold["topic"] in wanted):
            yield path, gold


def span_problems(gold: dict[str, Any], text: str) -> list[str]:
    """What breaks the gold format's span rules against the article text: a quote that is not
    ``text[start:end]``, a claim quote with surrounding whitespace, claims or promotional spans
    out of order, claims that overlap one another."""
    problems = [
        f"gold span {item['start']}:{item['end']} does not match its quote"
        for item in gold["claims"] + gold["promotional"]
        if text[item["start"]:item["end"]] != item["quote"]
    ]
    problems += [f"claim {c['start']}:{c['end']} has surrounding whitespace" for c in gold["claims"] if c["quote"] != c["quote"].strip()]
    for layer in ("claims", "promotional"):
        starts = [item["start"] for item in gold[layer]]
        if starts != sorted(starts):
            problems.append(f"{layer} are not sorted by start")
    claims = sorted(gold["claims"], key=lambda c: c["start"])
    problems += [f"claims {a['start']}:{a['end']} and {b['start']}:{b['end']} overlap" for a, b in zip(claims, claims[1:]) if a["end"] > b["start"]]
    return problems


def evaluate(checker, gold_dir: Path, seeds_dir: Path, split: str, topics: Iterable[str] | None = None) -> dict[str, Any]:
    """Score ``checker`` on the gold files of ``split``; ``topics`` restricts the articles to those topics."""
    from .source import read_source

    results = []
    for path, gold in gold_files(gold_dir, split, topics):
        source = read_source(article_path(gold, gold_dir, seeds_dir))
        problems = span_problems(gold, source.text)
        if problems:
            raise InputError(str(path), problems[0])
        results.append(evaluate_article(path.name[: -len(".gold.json")], gold, checker.check(source)))
    if not results and topics:
        raise InputError(str(gold_dir), f"no {split} gold file has topic {', '.join(sorted(set(topics)))}")
    return summarise(results, split, sorted(set(topics)) if topics else None)


def summarise(results: list[ArticleResult], split: str, topics: list[str] | None = None) -> dict[str, Any]:
    claims, flagged = Score(), Score()
    verdicts = {v: Score() for v in VERDICTS}
    promo = {k: Score() for k in PROMO_KINDS}
    agree = total = 0
    flags: dict[str, Score] = {f: Score() for f in FLAG_FINDINGS}
    flag_right = {f: 0 for f in FLAG_FINDINGS}
    for r in results:
        claims.add(r.claims)
        flagged.add(r.flagged)
        for v in VERDICTS:
            verdicts[v].add(r.verdicts[v])
        for k in PROMO_KINDS:
            promo[k].add(r.promo[k])
        agree += r.verdict_agreement[0]
        total += r.verdict_agreement[1]
        for flag, (gold_value, predicted) in r.flags.items():
            missing_gold, missing_pred = not gold_value, not predicted
            flags[flag].add(Score(tp=missing_gold and missing_pred, fp=missing_pred and not missing_gold, fn=missing_gold and not missing_pred))
            flag_right[flag] += gold_value == predicted
    criteria: dict[str, Score] = {}
    for r in results:
        for criterion, score in r.criteria.items():
            criteria.setdefault(criterion, Score()).add(score)
    misses = sorted(
        (m for r in results for m in r.misses),
        key=lambda m: (m["kind"] != "missed flag", m["gold"] != "unsupported", m["article"], m["quote"]),
    )
    return {
        "split": split,
        "topics": topics,
        "articles": len(results),
        "claims": claims.as_dict(),
        "flagged_verdicts": flagged.as_dict(),
        "verdict_accuracy_on_matched": round(agree / total, 3) if total else None,
        "verdicts": {v: s.as_dict() for v, s in verdicts.items()},
        "promotional": {k: s.as_dict() for k, s in promo.items()},
        "article_flags": {
            f: {**flags[f].as_dict(), "accuracy": round(flag_right[f] / len(results), 3) if results else None}
            for f in FLAG_FINDINGS
        },
        "criteria": {c: criteria[c].as_binary_dict() for c in sorted(criteria)},
        "per_article": [
            {
                "article": r.name,
                "split": r.split,
                "claims": r.claims.as_dict(),
                "flagged_verdicts": r.flagged.as_dict(),
                "promotional": _sum_scores(r.promo.values()).as_dict(),
                "flags_right": sum(g == p for g, p in r.flags.values()),
            }
            for r in results
        ],
        "worst_misses": misses[:25],
        "errors_by_cause": group(e for r in results for e in r.errors),
    }


def _sum_scores(scores) -> Score:
    total = Score()
    for s in scores:
        total.add(s)
    return total


def render_text(result: dict[str, Any], errors: bool = False) -> str:
    def fmt(x):
        return "  -  " if x is None else f"{x:.3f}"

    def row(name, s):
        return f"  {name:<28} P {fmt(s['precision'])}  R {fmt(s['recall'])}  F1 {fmt(s['f1'])}   (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"

    scope = f", topics {', '.join(result['topics'])}" if result.get("topics") else ""
    out = [f"factcheck eval: split {result['split']}{scope}, {result['articles']} articles", ""]
    out.append(row("claim detection", result["claims"]))
    out.append(row("flagged verdicts", result["flagged_verdicts"]))
    out.append(f"  {'exact verdict (matched)':<28} accuracy {fmt(result['verdict_accuracy_on_matched'])}")
    for v, s in result["verdicts"].items():
        out.append(row(f"  verdict {v}", s))
    out.append("  promotional language")
    for k, s in result["promotional"].items():
        out.append(row(f"  {k}", s))
    out.append("  whole-article flags (positive: not disclosed)")
    for f, s in result["article_flags"].items():
        out.append(row(f"  {f}", s) + f"  accuracy {fmt(s['accuracy'])}")
    if result.get("criteria"):
        out.append("  HealthNewsReview criteria (positive: not satisfactory; articles with an answer)")
        for c, s in result["criteria"].items():
            out.append(row(f"  {c}", s) + f"  BA {fmt(s['balanced_accuracy'])}  (tn {s['tn']})")
    out += ["", "  per article:"]
    for a in result["per_article"]:
        out.append(
            f"    {a['article']:<24} {a['split']:<4} claims P {fmt(a['claims']['precision'])} R {fmt(a['claims']['recall'])}"
            f"  flagged F1 {fmt(a['flagged_verdicts']['f1'])}  promo F1 {fmt(a['promotional']['f1'])}  flags {a['flags_right']}/4"
        )
    if result["worst_misses"]:
        out += ["", "  worst misses:"]
        for m in result["worst_misses"]:
            quote = m["quote"] if len(m["quote"]) < 110 else m["quote"][:107] + "..."
            out.append(f"    [{m['article']}] {m['kind']}: gold {m['gold']}, predicted {m['predicted']}: {quote}")
    if errors:
        out += render_errors(result["errors_by_cause"])
    return "\n".join(out) + "\n"
