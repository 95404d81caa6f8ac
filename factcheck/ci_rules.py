"""Rules about factcheck's own suppression comments (HC4xx).

These findings are produced by :mod:`factcheck.suppress` after an article has been
checked, not by the checker itself: a suppression is a reviewer's decision about a
finding, so it is audited like one. Their examples are whole articles in plain text
(``factcheck:`` marker lines); run them through :func:`factcheck.suppress.check_source`.
"""

from __future__ import annotations

from .rules import Rule

SUPPRESSION_KIND = "suppression"

CI_RULES = (
    Rule(
        code="HC401",
        name="missing-suppression-reason",
        kind=SUPPRESSION_KIND,
        severity="warning",
        message="Suppression without a reason: add reason=\"…\" saying why the finding does not apply",
        why=(
            "A suppression hides a finding from every later review. Without a reason, the next editor cannot tell "
            "a considered decision from a way to make the check pass, so a suppression without a reason does not "
            "take effect."
        ),
        standards=("Editorial accountability: decisions about corrections are recorded",),
        fire=("factcheck: ignore HC102\nKetamine rewires the brain.\n",),
        quiet=('factcheck: ignore HC102 reason="quoted to rebut it"\nKetamine rewires the brain.\n',),
    ),
    Rule(
        code="HC402",
        name="unused-suppression",
        kind=SUPPRESSION_KIND,
        severity="warning",
        message="Unused suppression: no finding here matches it; remove it",
        why=(
            "A suppression that no longer matches anything (the text was rewritten, or the rule no longer fires) "
            "would silently hide a future finding in the same place. Remove it once it is not needed."
        ),
        standards=("Editorial accountability: decisions about corrections are recorded",),
        fire=('factcheck: ignore HC102 reason="stale"\nKetamine was first approved by the FDA in 1970 as an anaesthetic.\n',),
        quiet=('factcheck: ignore HC102 reason="quoted to rebut it"\nKetamine rewires the brain.\n',),
    ),
    Rule(
        code="HC403",
        name="invalid-suppression",
        kind=SUPPRESSION_KIND,
        severity="warning",
        message="Invalid suppression comment: it is ignored",
        why=(
            "A misspelt action or rule code in a suppression comment suppresses nothing, while its author "
            "believes it does. Saying so avoids a silent no-op."
        ),
        standards=("Editorial accountability: decisions about corrections are recorded",),
        fire=('factcheck: ignroe HC102 reason="typo"\nKetamine rewires the brain.\n',),
        quiet=('factcheck: ignore HC102 reason="quoted to rebut it"\nKetamine rewires the brain.\n',),
    ),
)
