"""The pipeline: built once, blank English plus our components, sentence boundaries."""

from factcheck.nlp import get_pipeline, sentence_starts


def test_pipeline_is_built_once_and_has_our_components():
    nlp = get_pipeline()
    assert get_pipeline() is nlp
    assert nlp.pipe_names[:4] == ["factcheck_sentences", "treatments", "conditions", "cues"]
    assert nlp.meta["lang"] == "en"


def test_sentences_split_on_missing_space_and_not_on_abbreviations(nlp):
    doc = nlp("It works within hours.Ketamine is safe. Zarate et al. (2006) found this. Dr. Smith agrees!")
    assert [s.text for s in doc.sents] == [
        "It works within hours.",
        "Ketamine is safe.",
        "Zarate et al. (2006) found this.",
        "Dr. Smith agrees!",
    ]


def test_sentence_starts_pure_function():
    assert sentence_starts(["a", ".", "”", "B", "c", "?", "d"]) == [True, False, False, True, False, False, False]


def test_concepts_are_recognised_longest_first(nlp):
    doc = nlp("IV ketamine and esketamine (Spravato) beat SSRIs in treatment-resistant depression and PTSD.")
    assert [(s.text, s.id_) for s in doc.spans["treatment"]] == [
        ("IV ketamine", "ketamine_iv"), ("esketamine", "esketamine"), ("Spravato", "esketamine"), ("SSRIs", "ssri"),
    ]
    assert [s.id_ for s in doc.spans["condition"]] == ["trd", "ptsd"]
