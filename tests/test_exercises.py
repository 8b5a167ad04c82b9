"""Every self-checking exercise: its solution passes its check, wrong answers fail it.

A notebook's check cell calls ``exercises.check("NN.k", name)``; the solution
is the ```python block inside the next ``<details>`` markdown cell and assigns
``name``. The block is run here on its own (after the chapter module's optional
``CONTEXT`` code), so solutions must be self-contained.
"""
import json
import re
from pathlib import Path

import pytest

from helpers import exercises

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECK = re.compile(r'exercises\.check\("(\d\d\.\d+)",\s*(\w+)\)')
FENCE = re.compile(r"```python\n(.*?)```", re.S)


def _exercise_cases():
    cases = []
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            src = "".join(cell["source"])
            if cell["cell_type"] != "code":
                continue
            for key, name in CHECK.findall(src):
                details = next((("".join(c["source"])) for c in cells[i + 1:]
                                if c["cell_type"] == "markdown" and "<details>" in "".join(c["source"])), "")
                cases.append(pytest.param(path.stem, key, name, details, id=key))
    return cases


CASES = _exercise_cases()


# Notebooks whose exercises are self-checking. Every notebook listed needs two or more.
CHECKED_CHAPTERS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"]


def test_notebooks_have_two_checked_exercises_each():
    present = {p.stem[:2] for p in NOTEBOOKS}
    for chapter in [c for c in CHECKED_CHAPTERS if c in present]:
        keys = {case.values[1] for case in CASES if case.values[0].startswith(chapter)}
        assert len(keys) >= 2, f"notebook {chapter} has {len(keys)} checked exercise(s); it needs at least 2"


@pytest.mark.parametrize("stem,key,name,details", CASES)
def test_solution_passes_and_wrong_answers_fail(stem, key, name, details):
    block = next((code for code in FENCE.findall(details) if re.search(rf"^{name}\s*=", code, re.M)), None)
    assert block, f"{stem}: no ```python solution assigning {name} in the <details> after check {key}"
    module = __import__(f"helpers.exercises.ch{key[:2]}", fromlist=["CONTEXT"])
    namespace: dict = {}
    exec(getattr(module, "CONTEXT", ""), namespace)
    exec(block, namespace)
    status, message = exercises.evaluate(key, namespace[name])
    assert status == exercises.RIGHT, f"{stem} {key}: the shown solution fails its own check: {message}"
    wrong = exercises.get(key).wrong()
    assert wrong, f"{key}: register at least one wrong answer"
    for answer in wrong:
        status, message = exercises.evaluate(key, answer)
        assert status == exercises.WRONG, f"{key}: the check accepts a wrong answer {answer!r}"
        assert "힌트" in message
    assert exercises.evaluate(key, ...)[0] == exercises.UNANSWERED


def test_unanswered_and_unknown_keys(capsys):
    with pytest.raises(ValueError, match="no exercise"):
        exercises.evaluate("99.9", 1)
    with pytest.raises(ValueError, match="keys look like"):
        exercises.evaluate("nine", 1)
