"""factcheck: find the health claims in an article and check them against a curated evidence registry.

The package is kept light at import time; the spaCy pipeline and the registry are
built on first use (see :mod:`factcheck.checker`).
"""

__version__ = "0.1.0"
TOOL_NAME = "factcheck"
