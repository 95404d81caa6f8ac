"""Rules about the article's characters themselves (HC5xx).

The finding comes from :mod:`factcheck.obfuscation`, which reads what the normaliser
(:mod:`factcheck.characters`) removed or replaced inside words.
"""

from __future__ import annotations

from .rules import Rule

INPUT_RULES = (
    Rule(
        code="HC501",
        name="obfuscated-text",
        kind="obfuscation",
        severity="warning",
        message="Obfuscated text: invisible characters or look-alike letters inside a word",
        why=(
            "A zero-width space, soft hyphen, joiner, direction mark or control character inside a word, or a "
            "Cyrillic or Greek letter that looks Latin, leaves the word looking the same to readers while hiding "
            "it from search, screen readers and checkers such as this one. factcheck reads the word without them "
            "(so the claim is still checked) and reports where they are; an editor should remove them. Joiners "
            "inside words of scripts that need them (Persian, Devanagari), emoji sequences and styled letters "
            "(fullwidth or mathematical bold) are normalised without a finding."
        ),
        standards=(
            "Unicode Technical Standard #39, Unicode Security Mechanisms: mixed-script confusables and invisible characters",
            "Unicode Technical Report #36, Unicode Security Considerations",
        ),
        fire=(
            "Ket\u200bamine rewires the brain.",
            "Ketamine therapy is a game-chang\u00ader for depression.",
            "Ket\u0430mine rewires the brain.",
        ),
        quiet=(
            "Ketamine rewires the brain.",
            "Our team \U0001F469\u200d\u2695\ufe0f answers questions about ketamine.",
            "\U0001D40A\U0001D41E\U0001D42D\U0001D41A\U0001D426\U0001D422\U0001D427\U0001D41E is used as an anaesthetic.",
        ),
    ),
)
