"""A static check for regular expressions that can backtrack catastrophically.

Python's ``re`` backtracks. A quantified group whose text can be divided among its
iterations in many ways, such as ``(x|x)*y``, ``(a+)+`` or ``(\\w+\\s?)+``, takes
exponential time on a string that almost matches (a few dozen characters are enough
to hang a run). Registry and lexicon patterns come from data a team writes, and spaCy
applies them to every token, so each one is checked when the data is loaded.

The check works on the parsed pattern (``re._parser``, the parser ``re`` itself uses)
and looks inside every quantifier that repeats many times (``*``, ``+``, ``{n,}``,
``{n,m}`` with ``m`` of 10 or more) for the two shapes that make repetition ambiguous:

* an alternation whose branches can start the same way (or two branches that can both
  match nothing, or one that matches nothing while another starts like what follows);
* a repeated part (``a+`` inside ``(...)+``) whose characters could also begin what
  follows it, including the next iteration of the outer quantifier.

It is conservative: it can reject a pattern that happens to run fast, never the other
way round for these shapes. Atomic groups and possessive quantifiers (Python 3.11+)
do not backtrack and are not inspected.

Measured alternative (google-re2 1.1.20251105, not adopted): RE2 runs ``(x|x)*y`` on
100,000 x's in 0.5 ms where ``re`` needs 3.4 s for 20 of them, but its Python binding
made the 18 bundled token patterns 20 times slower on ordinary tokens (10.6 s against
0.54 s for 180,000 searches, on a loaded machine), rejects lookarounds, back
references and atomic groups, and logs parse errors to standard error; and spaCy's
Matcher evaluates REGEX inside multi-token patterns with ``re`` whatever we do. The
static check costs about 2 ms per pattern, once, when a registry loads.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as sre, _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MANY = 10  # a quantifier with a larger upper bound counts as repeating "many times"
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_CHARS = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_CATEGORY_REGEX = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_LINEBREAK: r"\n", sre.CATEGORY_NOT_LINEBREAK: r"[^\n]",
}
_PROBES = "aZ0 _\n.-é\x00"
_SAME_TEXT = "alternatives inside a repeated group can match the same text (like (x|x)* or (x|xx)*)"


class _Catastrophic(Exception):
    pass


def _category(code, char: str) -> bool:
    return re.fullmatch(_CATEGORY_REGEX.get(code, r"[\s\S]"), char) is not None


def _accepts(atom, char: str) -> bool:
    """Whether one character-matching item accepts ``char``."""
    op, av = atom
    if op is sre.LITERAL:
        return ord(char) == av
    if op is sre.NOT_LITERAL:
        return ord(char) != av
    if op is sre.ANY:
        return char != "\n"
    if op is sre.IN:
        negate = bool(av) and av[0][0] is sre.NEGATE
        hit = False
        for item_op, item_av in av[1:] if negate else av:
            if item_op is sre.LITERAL:
                hit = ord(char) == item_av
            elif item_op is sre.RANGE:
                hit = item_av[0] <= ord(char) <= item_av[1]
            elif item_op is sre.CATEGORY:
                hit = _category(item_av, char)
            else:  # an item this check does not model: assume it can match
                hit = True
            if hit:
                break
        return hit != negate
    return True  # a back reference or anything unmodelled: any character


def _probe_chars(atoms) -> set[str]:
    chars = set(_PROBES)
    for op, av in atoms:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            chars.add(chr(av))
        elif op is sre.IN:
            for item_op, item_av in av:
                if item_op is sre.LITERAL:
                    chars.add(chr(item_av))
                elif item_op is sre.RANGE:
                    chars.update((chr(item_av[0]), chr(item_av[1])))
    return chars


def _overlap(a: tuple, b: tuple) -> bool:
    """Whether some character can start both sets (two ranges that overlap share an endpoint)."""
    if not a or not b:
        return False
    return any(any(_accepts(x, c) for x in a) and any(_accepts(y, c) for y in b) for c in _probe_chars(a + b))


def _nullable(items) -> bool:
    return all(_nullable_item(op, av) for op, av in items)


def _nullable_item(op, av) -> bool:
    if op in _CHARS:
        return False
    if op in _ZERO_WIDTH:
        return True
    if op is sre.SUBPATTERN:
        return _nullable(av[-1])
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _nullable(av)
    if op is sre.BRANCH:
        return any(_nullable(alt) for alt in av[1])
    if op in _REPEATS or op is getattr(sre, "POSSESSIVE_REPEAT", None):
        return av[0] == 0 or _nullable(av[2])
    if op is sre.GROUPREF_EXISTS:
        return _nullable(av[1]) or av[2] is None or _nullable(av[2])
    return True  # back references and the like can match nothing


def _first(items) -> tuple:
    """The character items any non-empty match of ``items`` can start with."""
    found: list = []
    for op, av in items:
        found += _first_item(op, av)
        if not _nullable_item(op, av):
            break
    return tuple(found)


def _first_item(op, av) -> list:
    if op in _CHARS:
        return [(op, av)]
    if op in _ZERO_WIDTH:
        return []
    if op is sre.SUBPATTERN:
        return list(_first(av[-1]))
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return list(_first(av))
    if op is sre.BRANCH:
        return [atom for alt in av[1] for atom in _first(alt)]
    if op in _REPEATS or op is getattr(sre, "POSSESSIVE_REPEAT", None):
        return list(_first(av[2])) if av[1] else []
    if op is sre.GROUPREF_EXISTS:
        return list(_first(av[1])) + list(_first(av[2] or []))
    return [(sre.ANY, None), (sre.LITERAL, 10)]  # a back reference: any character


def _visit(items, follow: tuple, repeated: bool) -> None:
    """Walk a sequence; ``follow`` is what can come after it, ``repeated`` whether it
    sits inside a quantifier that repeats many times."""
    for j, (op, av) in enumerate(items):
        rest = items[j + 1 :]
        after = _first(rest) + (follow if _nullable(rest) else ())
        _visit_item(op, av, after, repeated)


def _visit_item(op, av, follow: tuple, repeated: bool) -> None:
    if op is sre.SUBPATTERN:
        _visit(av[-1], follow, repeated)
    elif op is sre.BRANCH:
        alternatives = av[1]
        if repeated:
            _check_alternatives(alternatives, follow)
        for alt in alternatives:
            _visit(alt, follow, repeated)
    elif op in _REPEATS:
        low, high, body = av
        many = high == sre.MAXREPEAT or high >= MANY
        if repeated and high > 1 and _overlap(_first(body), follow):
            raise _Catastrophic(
                "a quantified part inside a repeated group can share its characters with what follows it "
                "(like (a+)+), so a near miss is tried in exponentially many ways"
            )
        inner_follow = (_first(body) + follow) if high > 1 else follow
        _visit(body, inner_follow, repeated or (many and high > 1))
    elif op is sre.GROUPREF_EXISTS:
        _visit(av[1], follow, repeated)
        if av[2] is not None:
            _visit(av[2], follow, repeated)
    elif op in (sre.ASSERT, sre.ASSERT_NOT):
        _visit(av[1], (), False)
    # atomic groups and possessive quantifiers never backtrack into themselves


def _check_alternatives(alternatives, follow: tuple) -> None:
    nullable = [alt for alt in alternatives if _nullable(alt)]
    if len(nullable) > 1:
        raise _Catastrophic(_SAME_TEXT)
    firsts = [_first(alt) for alt in alternatives]
    for i in range(len(firsts)):
        for k in range(i + 1, len(firsts)):
            if _overlap(firsts[i], firsts[k]):
                raise _Catastrophic(_SAME_TEXT)
    if nullable and any(_overlap(f, follow) for f in firsts):
        raise _Catastrophic(_SAME_TEXT)


@lru_cache(maxsize=4096)
def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` must not be used (it does not compile, or it can backtrack
    catastrophically), or None when it is safe to run on any token."""
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"regular expression {pattern!r} does not compile ({exc})"
    try:
        _visit(list(parsed), (), False)
    except _Catastrophic as exc:
        return f"regular expression {pattern!r} can backtrack catastrophically: {exc}; rewrite it so each text can be matched one way only"
    except RecursionError:
        return f"regular expression {pattern!r} is nested too deeply to check"
    return None


def find_regexes(node, path: tuple = ()):
    """(JSON path, pattern) of every ``REGEX`` value in a loaded YAML or JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "REGEX" and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from find_regexes(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from find_regexes(item, (*path, i))
