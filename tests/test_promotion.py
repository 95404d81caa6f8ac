"""Promotional language (HC201–HC207): lexicon examples, context decisions, seeds against gold, false alarms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcheck.lexicon import bundled_lexicon
from factcheck.promotion import PROMO_KINDS, promo_hits, resolve_overlaps
from factcheck.source import source_from_bytes

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "corpus" / "gold"
ARTICLES = REPO / "corpus" / "articles"
NEUTRAL = ("balanced-explainer.md", "blog-post.md", "neutral-faq.html")
ITEMS = bundled_lexicon("promotion").cues


def analyse(checker, text: str, path: str = "<text>", fmt: str = "txt"):
    return checker.analyse(source_from_bytes(text.encode("utf-8"), path, fmt))


def analyse_file(checker, path: Path):
    return checker.analyse(source_from_bytes(path.read_bytes(), str(path), path.suffix.lstrip(".")))


def fired(checker, text: str):
    analysis = analyse(checker, text)
    return analysis, resolve_overlaps(promo_hits(analysis), analysis.source.text)


def dev_gold(name: str) -> dict:
    gold = json.loads((GOLD / name).read_text(encoding="utf-8"))
    assert gold["split"] == "dev", f"{name} is held out (split {gold['split']!r}); do not read it"
    return gold


# --- the lexicon is data, and every item carries examples ---------------------------------------

@pytest.mark.parametrize("item", ITEMS, ids=lambda c: c.id)
def test_every_item_has_why_and_examples(item):
    assert item.why.strip(), f"{item.id} has no 'why'"
    assert item.examples.get("fire") and item.examples.get("quiet"), f"{item.id} lacks fire/quiet examples"


@pytest.mark.parametrize("item", ITEMS, ids=lambda c: c.id)
def test_item_examples_fire_and_stay_quiet(checker, item):
    kind = item.label.split(":", 1)[1] if item.label.startswith("promo:") else None
    for text in item.examples["fire"]:
        analysis = analyse(checker, text)
        if kind in PROMO_KINDS:
            hits = [h for h in promo_hits(analysis) if h.cue == item.id]
            assert any(h.fired for h in hits), (item.id, text, [(h.cue, h.reason) for h in hits])
        else:
            assert any(item.id in ids for s in analysis.sentences for ids in s.cues.values()), (item.id, text)
    for text in item.examples["quiet"]:
        analysis = analyse(checker, text)
        if kind in PROMO_KINDS:
            loud = [h for h in promo_hits(analysis) if h.cue == item.id and h.fired]
            assert not loud, (item.id, text, [(h.cue, h.reason) for h in loud])
        else:
            assert not any(item.id in ids for s in analysis.sentences for ids in s.cues.values()), (item.id, text)


def _regexes(pattern):
    if isinstance(pattern, list):
        for spec in pattern:
            for value in spec.values():
                if isinstance(value, dict) and "REGEX" in value:
                    yield value["REGEX"]


def test_regexes_are_short_and_have_no_nested_quantifiers():
    for item in ITEMS:
        for regex in (r for p in (*item.patterns, *item.unless) for r in _regexes(p)):
            assert len(regex) <= 60, (item.id, regex)
            assert not re.search(r"\([^()]*[+*}][^()]*\)[+*{]", regex), (item.id, regex)


def test_no_regex_literals_in_the_promotion_code():
    source = (REPO / "factcheck" / "promotion.py").read_text(encoding="utf-8")
    assert "import re" not in source and "re.compile" not in source


# --- context, not words ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The glutamate findings were a breakthrough in our understanding of depression.",
    "Ketamine may be a breakthrough for some patients, but the evidence is still limited and side effects are common.",
    "Ketamine for Mental Health: A Breakthrough or a Cautionary Trend?",
    'The word "breakthrough" gets attached to many treatments.',
    'Lots of clinic sites say ketamine "rewires your brain".',
    "Claims that ketamine is a miracle cure are misleading.",
    "Ketamine is not a guaranteed fix for depression.",
    "In a 2013 trial published in the American Journal of Psychiatry, researchers hailed ketamine as a breakthrough.",
])
def test_context_silences_promotional_words(checker, text):
    _, hits = fired(checker, text)
    assert not hits, [(h.kind, text[h.start:h.end], h.reason) for h in hits]


def test_finding_span_is_the_phrase_with_exact_offsets(checker):
    text = "Intro line.\n\nKetamine therapy is a groundbreaking treatment. Call (480) 555-0193 today.\n"
    report = checker.check_text(text)
    promo = [f for f in report["findings"] if f["code"].startswith("HC2")]
    assert [(f["code"], f["quote"]) for f in promo] == [("HC201", "groundbreaking"), ("HC206", "Call (480) 555-0193")]
    for f in promo:
        assert text[f["span"]["start"]:f["span"]["end"]] == f["quote"]


def test_vague_authority_with_citation_in_the_next_sentence_is_quiet(checker):
    _, hits = fired(checker, "Studies show ketamine works fast. Zarate et al. (2006) found relief within a day.")
    assert not [h for h in hits if h.kind == "vague_authority"]


# --- the seeds against the independent annotator's gold (dev split only) ---------------------

def _seed_reports(checker, seeds):
    by_prefix = {p.name[:3]: p for p in seeds}
    result = {}
    for n in range(5):
        gold = dev_gold(f"seed-{n:03d}.gold.json")
        path = by_prefix[Path(gold["article"]).name[:3]]
        assert Path(gold["article"]).name == path.name
        analysis = analyse_file(checker, path)
        result[n] = (gold, analysis, resolve_overlaps(promo_hits(analysis), analysis.source.text))
    return result


@pytest.fixture(scope="module")
def seed_results(checker, seeds):
    return _seed_reports(checker, seeds)


def _overlap(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def test_seed_promotion_recall_and_precision_per_kind(seed_results):
    expected: dict[str, int] = {}
    recalled: dict[str, int] = {}
    found = correct = 0
    for gold, _analysis, hits in seed_results.values():
        for g in gold["promotional"]:
            expected[g["kind"]] = expected.get(g["kind"], 0) + 1
            if any(h.kind == g["kind"] and _overlap(h.start, h.end, g["start"], g["end"]) for h in hits):
                recalled[g["kind"]] = recalled.get(g["kind"], 0) + 1
        for h in hits:
            found += 1
            correct += any(_overlap(h.start, h.end, g["start"], g["end"]) for g in gold["promotional"])
    total = sum(expected.values())
    assert sum(recalled.values()) / total >= 0.9, (recalled, expected)
    for kind, n in expected.items():
        assert recalled.get(kind, 0) / n >= 0.75, (kind, recalled.get(kind, 0), n)
    assert correct / found >= 0.9, (correct, found)


def test_seed_calls_to_action_and_places_are_all_found(seed_results):
    for gold, _analysis, hits in seed_results.values():
        for g in gold["promotional"]:
            if g["kind"] in ("call_to_action", "local_seo", "testimonial"):
                assert any(h.kind == g["kind"] and _overlap(h.start, h.end, g["start"], g["end"]) for h in hits), g["quote"]


def test_seed_003_is_clearly_less_promotional_per_claim_than_seed_002(seed_results):
    def rate(n):
        _gold, analysis, hits = seed_results[n]
        return len(hits) / len(analysis.claims)

    assert rate(3) <= 0.8 * rate(2), (rate(3), rate(2))


@pytest.mark.parametrize("name", [
    "clinic-landing", "listicle-7-reasons", "patient-stories", "tms-clinic",
])
def test_own_dev_articles_recall(checker, name):
    gold = dev_gold(f"{name}.gold.json")
    analysis = analyse_file(checker, REPO / "corpus" / gold["article"])
    hits = resolve_overlaps(promo_hits(analysis), analysis.source.text)
    got = sum(any(_overlap(h.start, h.end, g["start"], g["end"]) for h in hits) for g in gold["promotional"])
    assert got / len(gold["promotional"]) >= 0.85, (got, len(gold["promotional"]))


# --- false alarms on neutral explainers -----------------------------------------------------

@pytest.mark.parametrize("name", NEUTRAL)
def test_neutral_explainers_get_no_promotional_findings(checker, name):
    gold = dev_gold(Path(name).stem + ".gold.json")
    assert gold["promotional"] == []
    report = checker.check(source_from_bytes((ARTICLES / name).read_bytes(), name, Path(name).suffix.lstrip(".")))
    promo = [(f["code"], f["quote"]) for f in report["findings"] if f["code"].startswith("HC2")]
    assert promo == []
