"""Stage 1: an article's source text to prose blocks, by format."""

from __future__ import annotations

from .html import load_html
from .markdown import load_markdown
from .normalise import normalise_prose
from .prose import Prose, load_plain_text
from .source import Source

LOADERS = {"txt": load_plain_text, "md": load_markdown, "html": load_html}


def load_prose(source: Source) -> Prose:
    """The analysable prose of ``source``: blocks in offsets of ``source.text``, the text the
    checker reads in each block normalised (``prose.offsets`` maps it back)."""
    return normalise_prose(LOADERS[source.format](source.text))
