"""Every bundled lexicon is valid data: the schema, unique ids, patterns a blank pipeline can run."""

import pytest

from factcheck.lexicon import parse_lexicon
from factcheck.resources import lexicon_text

LEXICONS = ["treatments", "conditions", "cues", "promotion", "review"]


@pytest.mark.parametrize("name", LEXICONS)
def test_bundled_lexicon_validates_against_its_schema(name):
    lexicon = parse_lexicon(name, lexicon_text(name), validate=True)
    assert lexicon.concepts or lexicon.cues


def test_unknown_keys_are_rejected_with_a_pointer():
    from factcheck.errors import LexiconError

    text = "label: X\nconcepts:\n  - id: a\n    literal: a\n    patterns: [a]\n    colour: red\n"
    with pytest.raises(LexiconError, match=r"lexicon t: /concepts/0: Additional properties are not allowed \('colour'"):
        parse_lexicon("t", text)


def test_concept_hierarchy():
    from factcheck.lexicon import bundled_lexicon

    treatments = bundled_lexicon("treatments")
    assert treatments.ancestors("ketamine_lozenge") == ("ketamine_lozenge", "ketamine_oral", "ketamine")
    assert treatments.ancestors("esketamine")[-1] == "ketamine"
