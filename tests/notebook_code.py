"""Take a function out of a notebook's code, so tests can call teaching code that lives in the notebook.

Notebooks 06-10 show their "try your own input" functions in a code cell (students read how input is
prepared); tests call the same source with bad inputs. Only the cell's imports and definitions run,
never its other statements (those need the notebook's trained models).
"""
from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any, Callable

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def cell_defining(stem: str, name: str) -> str:
    """The source of the code cell of ``notebooks/{stem}_*.ipynb`` that defines ``name``."""
    (path,) = NOTEBOOKS.glob(f"{stem}_*.ipynb")
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and any(
                isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name
                for node in ast.parse(source).body):
            return source
    raise LookupError(f"no code cell of {path.name} defines {name!r}")


def define(stem: str, name: str, **namespace: Any) -> Callable:
    """Run the imports and definitions of the cell that defines ``name`` (globals from ``namespace``); return it."""
    tree = ast.parse(cell_defining(stem, name))
    tree.body = [node for node in tree.body
                 if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef))
                 or (isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id.isupper()
                                                          for t in node.targets))]
    scope: dict[str, Any] = dict(namespace)
    exec(compile(tree, f"<{stem}: cell defining {name}>", "exec"), scope)
    return scope[name]


def constant(stem: str, name: str) -> Any:
    """The literal value assigned to ``name`` in a code cell of ``notebooks/{stem}_*.ipynb`` (e.g. PREPROCESSING)."""
    (path,) = NOTEBOOKS.glob(f"{stem}_*.ipynb")
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for node in ast.parse("".join(cell["source"])).body if cell["cell_type"] == "code" else []:
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [name]:
                return ast.literal_eval(node.value)
    raise LookupError(f"no code cell of {path.name} assigns {name}")
