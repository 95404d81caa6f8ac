"""The README's section on the library, records, the cache and Dask: every code block runs.

Blocks run in README order in one scratch folder holding a copy of corpus/articles as
content/: ``sh`` blocks with ``bash -e``, ``python`` blocks in one shared namespace.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SECTION = "## At scale: the library, records, the cache and a Dask cluster"


def blocks() -> list[tuple[str, str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(SECTION)
    end = readme.find("\n## ", start + len(SECTION))
    section = readme[start:end if end != -1 else None]
    return re.findall(r"```(python|sh)\n(.*?)```", section, re.DOTALL)


def test_the_section_has_examples_of_each_kind():
    kinds = [kind for kind, _ in blocks()]
    assert kinds.count("python") >= 2 and kinds.count("sh") >= 2


def test_readme_examples_run(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    shutil.copytree(REPO / "corpus" / "articles", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    namespace: dict = {"__name__": "readme"}
    for number, (kind, code) in enumerate(blocks(), 1):
        if kind == "sh":
            done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
            assert done.returncode == 0, f"README block {number} (sh) failed:\n{code}\n{done.stderr}"
        else:
            exec(compile(code, f"README.md block {number}", "exec"), namespace)  # noqa: S102 - our own README
    assert (tmp_path / "out" / "manifest.json").is_file()
    assert not (tmp_path / ".factcheck_cache").exists()  # `factcheck cache clean` ran last
