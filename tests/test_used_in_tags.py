"""Each helper's docstring ends with the notebooks that use it ("Used in: 02, 04"); the tags match the notebooks.

A notebook uses a helper when its code imports it (``from helpers.series import mse``) or
calls it through its module (``runtime.by_mode``). Numbers in a tag may form ranges ("06-09");
"all notebooks" means 00-10. A tag may also name helpers, tests or tools (no numbers then).
"""
import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MODULES = sorted(p for p in (ROOT / "helpers").glob("*.py") if p.name != "__init__.py")
TAG = re.compile(r"Used (?:in|by):?\s*(.*)", re.S)


def _code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


CODE = {p.stem[:2]: _code(p) for p in NOTEBOOKS}


def tagged_notebooks(tag: str) -> set[str]:
    """Notebook numbers a tag names: "02, 04", "06-09", "all notebooks"."""
    if re.search(r"\ball notebooks\b|^all\b", tag):
        return set(CODE)
    found = set()
    for a, b in re.findall(r"\b(\d\d)(?:\s*-\s*(\d\d))?\b", tag):
        found.update(f"{n:02d}" for n in range(int(a), int(b or a) + 1))
    return found


def using_notebooks(module: str, name: str) -> set[str]:
    """Notebooks whose code imports ``name`` from ``helpers.<module>`` or calls ``<module>.name``."""
    imported = re.compile(rf"from helpers\.{module} import [^\n]*\b{name}\b")
    attribute = re.compile(rf"\b{module}\.{name}\b")
    return {n for n, code in CODE.items() if imported.search(code) or attribute.search(code)}


def public_helpers():
    for path in MODULES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                yield path.stem, node.name, ast.get_docstring(node) or ""


HELPERS = list(public_helpers())


def test_tag_parser():
    assert tagged_notebooks("02, 04.") == {"02", "04"}
    assert tagged_notebooks("00, 04, 06-09 (through helpers.datasets)") == {"00", "04", "06", "07", "08", "09"}
    assert tagged_notebooks("helpers.datasets, tests.") == set()
    assert len(tagged_notebooks("all notebooks.")) == len(NOTEBOOKS)


@pytest.mark.parametrize("module, name, doc", HELPERS, ids=[f"{m}.{n}" for m, n, _ in HELPERS])
def test_used_in_tag_matches_the_notebooks(module, name, doc):
    tag = TAG.search(doc)
    assert tag, f"helpers/{module}.py: {name}'s docstring has no 'Used in:' tag"
    said, real = tagged_notebooks(tag.group(1).split("\n\n")[0]), using_notebooks(module, name)
    assert said == real, (f"helpers/{module}.py: {name} says 'Used in: {sorted(said)}' but the notebooks "
                          f"that use it are {sorted(real)}; fix the tag (or delete a helper nothing uses)")
