"""tools/run_notebooks.py: notebook selection and the README results table."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "tools" / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_notebooks)


def test_select_by_prefix():
    assert [p.stem for p in run_notebooks.select(["02"])] == ["02_time_series_forecasting"]
    assert len(run_notebooks.select([])) == len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    with pytest.raises(SystemExit, match="no notebook"):
        run_notebooks.select(["99"])


def test_results_table_rows():
    table = run_notebooks.results_table(
        {"02_demo": {"mse": 0.0027, "naive": 0.02}},
        {"02_demo": {"full_s": 180.2, "quick_s": 27.9}, "00_setup": {"quick_s": 6.4}})
    lines = table.splitlines()
    assert lines[0].startswith("| notebook | full run | quick run |")
    assert lines[2] == "| `00_setup` | — | 6 s | — |"
    assert lines[3] == "| `02_demo` | 180 s | 28 s | `mse` = 0.0027, `naive` = 0.02 |"


def test_refresh_readme_rewrites_only_the_marked_block(tmp_path, monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{run_notebooks.START}\nold\n{run_notebooks.END}\noutro\n", encoding="utf-8")
    (tmp_path / "metrics.json").write_text('{"01_x": {"a": 1.5}}')
    monkeypatch.setattr(run_notebooks, "README", readme)
    monkeypatch.setattr(run_notebooks, "RESULTS", tmp_path)
    run_notebooks.refresh_readme({"01_x": {"full_s": 3.0}})
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("intro\n") and text.endswith("\noutro\n") and "old" not in text
    assert "| `01_x` | 3 s | — | `a` = 1.5 |" in text


def test_saved_notebooks_carry_no_timestamps_and_jupyterlab_kernelspec():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.metadata["execution"] = {"iopub.execute_input": "2026-11-27T10:00:00Z"}
    nb.cells.append(cell)
    cleaned = run_notebooks.clean(nb)
    assert "execution" not in cleaned.cells[0].metadata
    assert cleaned.metadata["kernelspec"]["display_name"] == "Python 3 (ipykernel)"


def test_timings_keep_other_notebooks(tmp_path, monkeypatch):
    monkeypatch.setattr(run_notebooks, "RESULTS", tmp_path)
    (tmp_path / "timings.json").write_text('{"00_setup": {"full_s": 6.0}}')
    timings = run_notebooks.update_timings({"02_x": 12.34}, "quick")
    assert timings == {"00_setup": {"full_s": 6.0}, "02_x": {"quick_s": 12.3}}
    assert run_notebooks.json.loads((tmp_path / "timings.json").read_text()) == timings


def test_consecutive_stream_outputs_are_merged():
    import nbformat

    out = nbformat.v4.new_output
    outputs = [out("stream", name="stdout", text="a\n"), out("stream", name="stdout", text="b\n"),
               out("stream", name="stderr", text="e\n"), out("stream", name="stdout", text="c\n"),
               out("execute_result", data={"text/plain": "1"}, execution_count=1),
               out("stream", name="stdout", text="d\n"), out("stream", name="stdout", text="e\n")]
    merged = run_notebooks.merge_streams(outputs)
    assert [(o["output_type"], o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "e\n"), ("stream", "stdout", "c\n"),
        ("execute_result", None, None), ("stream", "stdout", "d\ne\n")]
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.outputs = [out("stream", name="stdout", text="1\n"), out("stream", name="stdout", text="2\n")]
    nb.cells.append(cell)
    assert run_notebooks.clean(nb).cells[0].outputs[0]["text"] == "1\n2\n"
