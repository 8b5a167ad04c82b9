#!/usr/bin/env python
"""Execute the workbook's notebooks, time them and refresh the README results.

    python tools/run_notebooks.py                 # all notebooks, full mode, outputs saved
    python tools/run_notebooks.py 02 03           # only notebooks whose names start so
    python tools/run_notebooks.py --mode quick    # time a quick run (outputs not saved)

Full runs save the executed notebooks in place: committed outputs come from
here. Saved notebooks carry no per-cell execution timestamps and the kernelspec
JupyterLab writes, so opening one does not mark it modified. Every run writes its wall times to ``results/timings.json``
(``{stem: {"full_s": .., "quick_s": ..}}``) and rewrites the README's results
table from ``results/metrics.json`` and the timings.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers.files import file_lock, update_json_locked  # noqa: E402
from helpers.runtime import export_absolute_data_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
RESULTS = ROOT / "results"
README = ROOT / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def select(prefixes: list[str]) -> list[Path]:
    """Notebooks in order; only those whose names start with one of ``prefixes`` if given."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if prefixes:
        paths = [p for p in paths if any(p.stem.startswith(x) for x in prefixes)]
        if not paths:
            raise SystemExit(f"no notebook in {NOTEBOOKS} starts with any of {prefixes}")
    return paths


def execute(path: Path, save: bool, timeout: int) -> float:
    """Run one notebook top to bottom in its own folder; return the wall time in seconds."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    start = time.perf_counter()
    try:
        client.execute()
    finally:  # a failed run is saved too, so its error can be read in the notebook
        if save:
            nbformat.write(clean(nb), path)
    return time.perf_counter() - start


def merge_streams(outputs: list) -> list:
    """Join consecutive stream outputs of one cell (same stream) into one output.

    The kernel splits printed lines into stream messages by timing, so two runs
    with identical results would otherwise store them differently.
    """
    merged: list = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (last is not None and out.get("output_type") == "stream" == last.get("output_type")
                and out.get("name") == last.get("name")):
            last["text"] = "".join(last["text"]) + "".join(out["text"])
        else:
            merged.append(out)
    return merged


def clean(nb):
    """Drop per-cell execution timestamps, merge split stream outputs and set JupyterLab's kernelspec (clean diffs)."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def update_timings(times: dict[str, float], mode: str) -> dict:
    def change(timings: dict) -> None:
        for stem, seconds in times.items():
            timings.setdefault(stem, {})[f"{mode}_s"] = round(seconds, 1)

    return update_json_locked(RESULTS / "timings.json", change)


def results_table(metrics: dict, timings: dict) -> str:
    """Markdown table: one row per notebook with its run times and recorded metrics."""
    lines = ["| notebook | full run | quick run | metrics (full mode) |", "|---|---|---|---|"]
    for stem in sorted(set(metrics) | set(timings)):
        t = timings.get(stem, {})
        shown = ", ".join(f"`{k}` = {v:.4g}" for k, v in sorted(metrics.get(stem, {}).items())) or "—"
        full = f"{t['full_s']:.0f} s" if "full_s" in t else "—"
        quick = f"{t['quick_s']:.0f} s" if "quick_s" in t else "—"
        lines.append(f"| `{stem}` | {full} | {quick} | {shown} |")
    return "\n".join(lines)


def refresh_readme(timings: dict) -> None:
    metrics_path = RESULTS / "metrics.json"
    metrics = json.loads(metrics_path.read_text()) if metrics_path.exists() else {}
    with file_lock(README):
        text = README.read_text(encoding="utf-8")
        if START not in text or END not in text:
            print(f"README.md has no {START} ... {END} block; table not written")
            return
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        README.write_text(f"{head}{START}\n{results_table(metrics, timings)}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="notebook name prefixes, e.g. 02 or 02_time")
    parser.add_argument("--mode", choices=["full", "quick"], default="full")
    parser.add_argument("--save", action="store_true", help="also save outputs of a quick run (not for commits)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    args = parser.parse_args(argv)

    os.environ["WORKBOOK_MODE"] = args.mode
    # a full run of the tool publishes the trained models the project ships (helpers/data/models/)
    os.environ["WORKBOOK_PUBLISH_MODELS"] = "1" if args.mode == "full" else "0"
    export_absolute_data_dir()
    save = args.mode == "full" or args.save
    times = {}
    for path in select(args.names):
        print(f"{path.stem}: running in {args.mode} mode", flush=True)
        times[path.stem] = execute(path, save, args.timeout)
        print(f"{path.stem}: {times[path.stem]:.1f} s" + (", outputs saved" if save else ""), flush=True)
    refresh_readme(update_timings(times, args.mode))
    return 0


if __name__ == "__main__":
    sys.exit(main())
