"""Inter-annotator agreement between two directories of gold files for the same articles.

Two measures, each as Cohen's kappa (observed agreement corrected for the agreement the
two annotators' label rates would give by chance):

* claim detection, token by token: every word of the article's visible text (HTML tags,
  ``<script>``, ``<style>`` and comments masked out) is "in a claim" or not for each
  annotator, so a claim one annotator marked and the other did not counts by its length,
  and the many words both left out (navigation, boilerplate, background) count too;
* flagged verdicts, on the claims both annotators found (paired one to one by span
  overlap, as ``factcheck eval`` pairs predictions with gold): ``overstated`` or
  ``unsupported`` versus ``supported`` or ``unverified``.

Also reported, without chance correction: claim-span matching (precision, recall and F1
of the second annotation against the first), exact four-way verdict kappa on the pairs,
the whole-article flags, and promotional spans of the same kind that overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .evaluate import FLAGGED, Score, article_path, load_gold, pair_up, span_problems
from .errors import InputError

WORD = re.compile(r"\w+")
ENTITY = re.compile(r"&#?\w{1,32};")
RAW_TEXT = ("script", "style")


def cohen_kappa(first: list[Any], second: list[Any]) -> float | None:
    """Cohen's kappa of two equally long label sequences; None when chance agreement is total."""
    if len(first) != len(second):
        raise ValueError("label sequences differ in length")
    n = len(first)
    if not n:
        return None
    observed = sum(a == b for a, b in zip(first, second)) / n
    labels = set(first) | set(second)
    expected = sum((first.count(label) / n) * (second.count(label) / n) for label in labels)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def hidden_html(text: str) -> list[tuple[int, int]]:
    """Sorted ranges of HTML markup: tags, comments, ``<script>``/``<style>`` with their content,
    entities. A forward scan with ``str.find`` (no backtracking), so hostile markup stays linear."""
    lower, n, i, hidden = text.lower(), len(text), 0, []
    while (start := text.find("<", i)) >= 0:
        after = text[start + 1:start + 2]
        if not (after.isalpha() or after in "/!?") or not after:
            i = start + 1
            continue
        if text.startswith("<!--", start):
            close = text.find("-->", start + 4)
            end = n if close < 0 else close + 3
        else:
            name = next((t for t in RAW_TEXT if lower.startswith(t, start + 1) and not lower[start + 1 + len(t):start + 2 + len(t)].isalnum()), None)
            close = lower.find(f"</{name}", start) if name else start
            gt = text.find(">", close + 1) if close >= 0 else -1
            end = n if gt < 0 else gt + 1
        hidden.append((start, end))
        i = end
    hidden += [m.span() for m in ENTITY.finditer(text)]
    return sorted(hidden)


def visible_words(text: str, fmt: str) -> list[tuple[int, int]]:
    """Character ranges of the words a reader sees: for HTML, words inside markup are skipped."""
    hidden = hidden_html(text) if fmt == "html" else []
    words, h = [], 0
    for m in WORD.finditer(text):
        while h < len(hidden) and hidden[h][1] <= m.start():
            h += 1
        if h < len(hidden) and hidden[h][0] <= m.start() < hidden[h][1]:
            continue
        words.append(m.span())
    return words


def in_spans(words: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    return [any(s <= w0 and w1 <= e for s, e in spans) for w0, w1 in words]


@dataclass
class Comparison:
    """Both annotations of one article, lined up."""

    name: str
    first: dict[str, Any]
    second: dict[str, Any]
    first_tokens: list[bool]
    second_tokens: list[bool]
    pairs: list[tuple[int, int]]
    promo: Score = field(default_factory=Score)

    def unpaired(self) -> tuple[list[int], list[int]]:
        one = {a for a, _ in self.pairs}
        two = {b for _, b in self.pairs}
        return ([i for i in range(len(self.first["claims"])) if i not in one],
                [i for i in range(len(self.second["claims"])) if i not in two])


def compare_article(name: str, first: dict[str, Any], second: dict[str, Any], text: str, fmt: str) -> Comparison:
    words = visible_words(text, fmt)
    spans = [[(c["start"], c["end"]) for c in g["claims"]] for g in (first, second)]
    promo = Score()
    for kind in {p["kind"] for g in (first, second) for p in g["promotional"]}:
        a = [(p["start"], p["end"]) for p in first["promotional"] if p["kind"] == kind]
        b = [(p["start"], p["end"]) for p in second["promotional"] if p["kind"] == kind]
        tp = sum(any(min(x[1], y[1]) > max(x[0], y[0]) for y in b) for x in a)
        promo.add(Score(tp=tp, fn=len(a) - tp, fp=sum(not any(min(x[1], y[1]) > max(x[0], y[0]) for x in a) for y in b)))
    return Comparison(name, first, second, in_spans(words, spans[0]), in_spans(words, spans[1]), pair_up(*spans), promo)


def compare_dirs(first_dir: Path, second_dir: Path, seeds_dir: Path) -> list[Comparison]:
    """Every article annotated in ``second_dir``, compared with its annotation in ``first_dir``."""
    from .source import read_source

    paths = sorted(second_dir.glob("*.gold.json"))
    if not paths:
        raise InputError(str(second_dir), "no *.gold.json files")
    out = []
    for path in paths:
        other = first_dir / path.name
        if not other.is_file():
            raise InputError(str(path), f"no first annotation {other}")
        first, second = load_gold(other), load_gold(path)
        if first["article"] != second["article"]:
            raise InputError(str(path), f"annotates {second['article']}, the first annotation {first['article']}")
        source = read_source(article_path(first, first_dir, seeds_dir))
        for where, gold in ((other, first), (path, second)):
            problems = span_problems(gold, source.text)
            if problems:
                raise InputError(str(where), problems[0])
        out.append(compare_article(path.name[: -len(".gold.json")], first, second, source.text, source.format))
    return out


def summarise(comparisons: list[Comparison]) -> dict[str, Any]:
    def r(x):
        return None if x is None else round(x, 3)

    tokens_a = [t for c in comparisons for t in c.first_tokens]
    tokens_b = [t for c in comparisons for t in c.second_tokens]
    verdicts_a = [c.first["claims"][i]["verdict"] for c in comparisons for i, _ in c.pairs]
    verdicts_b = [c.second["claims"][j]["verdict"] for c in comparisons for _, j in c.pairs]
    spans = Score()
    promo = Score()
    for c in comparisons:
        only_first, only_second = c.unpaired()
        spans.add(Score(tp=len(c.pairs), fn=len(only_first), fp=len(only_second)))
        promo.add(c.promo)
    flags = [(name, c.first["flags"][name], c.second["flags"][name]) for c in comparisons for name in c.first["flags"]]
    return {
        "articles": len(comparisons),
        "claims_first": sum(len(c.first["claims"]) for c in comparisons),
        "claims_second": sum(len(c.second["claims"]) for c in comparisons),
        "claim_tokens": {"words": len(tokens_a), "kappa": r(cohen_kappa(tokens_a, tokens_b)),
                         "agreement": r(sum(a == b for a, b in zip(tokens_a, tokens_b)) / len(tokens_a)) if tokens_a else None},
        "claim_spans": spans.as_dict(),
        "flagged_verdicts": {"pairs": len(verdicts_a),
                             "kappa": r(cohen_kappa([v in FLAGGED for v in verdicts_a], [v in FLAGGED for v in verdicts_b])),
                             "agreement": r(sum((a in FLAGGED) == (b in FLAGGED) for a, b in zip(verdicts_a, verdicts_b)) / len(verdicts_a)) if verdicts_a else None,
                             "flagged_first": sum(v in FLAGGED for v in verdicts_a), "flagged_second": sum(v in FLAGGED for v in verdicts_b)},
        "exact_verdicts": {"kappa": r(cohen_kappa(verdicts_a, verdicts_b)),
                           "agreement": r(sum(a == b for a, b in zip(verdicts_a, verdicts_b)) / len(verdicts_a)) if verdicts_a else None},
        "article_flags": {"agree": sum(a == b for _, a, b in flags), "of": len(flags)},
        "promotional_spans": promo.as_dict(),
        "per_article": [
            {"article": c.name, "claim_tokens_kappa": r(cohen_kappa(c.first_tokens, c.second_tokens)),
             "claims": [len(c.first["claims"]), len(c.second["claims"])], "paired": len(c.pairs)}
            for c in comparisons
        ],
    }


def disagreements(comparisons: list[Comparison]) -> list[dict[str, Any]]:
    """Each place the two annotations differ on a claim, a verdict or an article flag."""
    out = []
    for c in comparisons:
        only_first, only_second = c.unpaired()
        out += [{"article": c.name, "kind": "claim only in first", "quote": c.first["claims"][i]["quote"],
                 "first": c.first["claims"][i]["verdict"], "second": None} for i in only_first]
        out += [{"article": c.name, "kind": "claim only in second", "quote": c.second["claims"][j]["quote"],
                 "first": None, "second": c.second["claims"][j]["verdict"]} for j in only_second]
        for i, j in c.pairs:
            a, b = c.first["claims"][i]["verdict"], c.second["claims"][j]["verdict"]
            if a != b:
                kind = "flagged verdict" if (a in FLAGGED) != (b in FLAGGED) else "verdict"
                out.append({"article": c.name, "kind": kind, "quote": c.first["claims"][i]["quote"], "first": a, "second": b})
        out += [{"article": c.name, "kind": "article flag", "quote": name, "first": c.first["flags"][name], "second": c.second["flags"][name]}
                for name in c.first["flags"] if c.first["flags"][name] != c.second["flags"][name]]
    return out


def render_text(result: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    def fmt(x):
        return "  -  " if x is None else f"{x:.3f}"

    t, s, f, e = result["claim_tokens"], result["claim_spans"], result["flagged_verdicts"], result["exact_verdicts"]
    lines = [
        f"agreement: {result['articles']} articles, claims {result['claims_first']} (first) and {result['claims_second']} (second)",
        f"  claim detection, per word    kappa {fmt(t['kappa'])}  agreement {fmt(t['agreement'])}  ({t['words']} words)",
        f"  claim spans (second vs first) P {fmt(s['precision'])}  R {fmt(s['recall'])}  F1 {fmt(s['f1'])}  ({s['tp']} paired)",
        f"  flagged verdicts, paired     kappa {fmt(f['kappa'])}  agreement {fmt(f['agreement'])}  ({f['pairs']} pairs; flagged {f['flagged_first']} / {f['flagged_second']})",
        f"  exact verdicts, paired       kappa {fmt(e['kappa'])}  agreement {fmt(e['agreement'])}",
        f"  article flags                {result['article_flags']['agree']} of {result['article_flags']['of']} agree",
        f"  promotional spans            P {fmt(result['promotional_spans']['precision'])}  R {fmt(result['promotional_spans']['recall'])}  F1 {fmt(result['promotional_spans']['f1'])}",
        "",
        "  per article:",
    ]
    lines += [f"    {a['article']:<24} word kappa {fmt(a['claim_tokens_kappa'])}  claims {a['claims'][0]}/{a['claims'][1]}  paired {a['paired']}"
              for a in result["per_article"]]
    if rows:
        lines += ["", f"  disagreements ({len(rows)}):"]
        lines += [f"    [{d['article']}] {d['kind']}: first {d['first']}, second {d['second']}: {d['quote'][:110]}" for d in rows]
    return "\n".join(lines) + "\n"
