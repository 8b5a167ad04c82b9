"""Hygiene of every committed notebook (DESIGN.md, "Testing")."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOISE = re.compile(
    r"(^|\n)(WARNING|W0000|I0000|E0000)|absl::|DeprecationWarning|UserWarning|FutureWarning|"
    r"RuntimeWarning|input_shape. argument|Traceback|\x1b\[A|\r(?!\n)"
)
ABSOLUTE_PATH = re.compile(r"(/work/|/home/|/root/|/Users/|/tmp/|[A-Z]:\\\\)")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"])


def output_text(out: dict) -> str:
    if out["output_type"] == "stream":
        return "".join(out["text"])
    data = out.get("data", {})
    return "".join(data.get("text/plain", "")) + "".join(data.get("text/html", ""))


def test_there_are_notebooks():
    stems = [p.stem for p in NOTEBOOKS]
    assert stems[:3] == ["00_setup", "01_rnn_basics", "02_time_series_forecasting"]


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return request.param, load(request.param)


def test_front_matter(notebook):
    path, nb = notebook
    first = source(nb["cells"][0])
    assert nb["cells"][0]["cell_type"] == "markdown" and first.startswith(f"# {path.stem[:2]}. ")
    assert f"colab.research.google.com/github/" in first and f"notebooks/{path.stem}.ipynb" in first
    assert "학습 목표" in first, "learning goals (학습 목표) missing"
    assert "슬라이드" in first, "slide reference (슬라이드) missing"


def test_setup_cell_names_this_notebook(notebook):
    path, nb = notebook
    setup = source(next(c for c in nb["cells"] if c["cell_type"] == "code"))
    assert "google.colab" in setup and "pip" in setup, "setup cell must install helpers in Colab"
    assert f'runtime.start_notebook("{path.stem}")' in setup


def test_summary_and_exercises_with_solutions(notebook):
    _, nb = notebook
    text = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "## 요약" in text and "## 연습문제" in text and "풀이" in text


def test_executed_in_order_without_errors(notebook):
    path, nb = notebook
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]
    assert None not in counts, f"{path.name}: some code cells were never executed"
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: run it top to bottom (counts {counts})"
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name}: stored error {out.get('ename')}"


def test_outputs_have_no_noise_or_absolute_paths(notebook):
    path, nb = notebook
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                assert out["name"] != "stderr", f"{path.name} cell {i}: stderr output: {output_text(out)[:200]}"
            text = output_text(out)
            assert not NOISE.search(text), f"{path.name} cell {i}: log/warning noise: {text[:200]}"
            assert not ABSOLUTE_PATH.search(text), f"{path.name} cell {i}: absolute path in output"
        assert not ABSOLUTE_PATH.search(source(cell)), f"{path.name} cell {i}: absolute path in source"


def test_saved_as_jupyterlab_saves_it(notebook):
    """Opening a notebook in JupyterLab must not mark it modified (clean diffs)."""
    path, nb = notebook
    assert nb["metadata"]["kernelspec"]["display_name"] == "Python 3 (ipykernel)", path.name
    stamped = [i for i, c in enumerate(nb["cells"]) if "execution" in c.get("metadata", {})]
    assert not stamped, f"{path.name}: cells {stamped[:5]} carry execution timestamps (use tools/run_notebooks.py)"


def test_keras3_idioms_only(notebook):
    path, nb = notebook
    code = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "code")
    assert "input_shape=" not in code, "declare inputs with keras.Input(shape=...)"
    assert "tf_keras" not in code and "from tensorflow import keras" not in code
    assert "tensorflow.keras" not in code


def test_deterministic_cells_are_checked(notebook):
    path, nb = notebook
    checked = [c for c in nb["cells"] if c["cell_type"] == "code" and "# NBVAL_CHECK_OUTPUT" in source(c)]
    assert checked, f"{path.name}: no cell carries # NBVAL_CHECK_OUTPUT"
    for cell in checked:
        assert cell["outputs"], f"{path.name}: a checked cell has no stored output to compare"


def test_readme_lists_every_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"notebooks/{path.stem}.ipynb" in readme, f"README does not link {path.stem}"


# A number the prose quotes from a metric is tagged right after it, invisible once rendered:
#   "검증 MSE는 0.0086<!-- metric:ten_step_vector_mse --> 입니다", or 98.1%<!-- metric:test_accuracy_gru -->
# (a % multiplies the metric by 100; `metric:NN_stem/name` cites another notebook). The quoted
# digits must equal the committed full-mode metric rounded to as many decimals as are shown.
METRIC_TAG = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)(\s*%)?\s*<!--\s*metric:\s*([\w/]+)\s*-->")


def test_quoted_metrics_match_results(notebook):
    path, nb = notebook
    metrics = json.loads((ROOT / "results" / "metrics.json").read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for number, percent, name in METRIC_TAG.findall(source(cell)):
            stem, _, metric = name.rpartition("/")
            stem = stem or path.stem
            assert metric in metrics.get(stem, {}), f"{path.name} cell {i}: no metric {stem}/{metric} recorded"
            value = metrics[stem][metric] * (100 if percent else 1)
            decimals = len(number.split(".")[1]) if "." in number else 0
            quoted = float(number.replace(",", ""))
            assert abs(quoted - value) <= 0.5 * 10 ** -decimals + 1e-12, (
                f"{path.name} cell {i}: text says {number}{percent.strip()} for {metric}, "
                f"but results/metrics.json has {value:.6g}; update the text")


def test_metric_tag_pattern():
    text = "MSE 0.0086<!-- metric:a --> and 1,287 원<!--metric:b--> and 98.1 %<!-- metric:03_x/c -->"
    assert METRIC_TAG.findall(text) == [("0.0086", "", "a"), ("98.1", " %", "03_x/c")]
