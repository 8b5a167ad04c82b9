#!/usr/bin/env python
"""Prove the Colab install path: build the wheel, install it alone, run notebooks from a bare folder.

    python tools/check_wheel.py                 # notebooks 00 and 06, quick mode
    python tools/check_wheel.py 00 06 10        # other notebooks

In Colab the setup cell runs ``pip install "rnn-workbook @ git+..."``, which
builds a wheel: only what the wheel holds reaches the student. This check

1. builds the wheel as pip does (``pip wheel --no-deps``, isolated build);
2. compares its files with the package in the checkout: every module of
   every subpackage and every data file must be in it;
3. installs it without dependencies into a new virtual environment outside
   the checkout that reuses this environment's packages (TensorFlow is not
   installed twice) but not its editable install of ``helpers``;
4. copies the chosen notebooks (and nothing else) into an empty folder and
   runs them there in quick mode; a first injected cell fails unless
   ``helpers`` comes from the wheel, and any output on stderr (TensorFlow's
   start-up lines, a warning) fails the check.

Exits non-zero, naming what is missing or which cell failed. Run by ``.ci/run``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "helpers"
DEFAULT_NOTEBOOKS = ["00", "06"]
GUARD = """# injected by tools/check_wheel.py: helpers must come from the wheel, not from a checkout
import pathlib, helpers
_where = pathlib.Path(helpers.__file__).resolve()
assert {site!r} in str(_where), f"helpers imported from {{_where}}, not from the installed wheel"
assert not (_where.parents[1] / "pyproject.toml").exists(), "a checkout is importable"
"""


def package_files(root: Path = ROOT, package: str = PACKAGE) -> set[str]:
    """Files the wheel must hold: every ``.py`` module and every data file of the package tree."""
    base = root / package
    found = set()
    for path in base.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".lock"):
            found.add(path.relative_to(root).as_posix())
    return found


def missing_from_wheel(wheel: Path, expected: set[str]) -> list[str]:
    """The expected files (``helpers/...`` paths) that the wheel does not contain."""
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    return sorted(expected - names)


def build_wheel(out: Path) -> Path:
    """``pip wheel --no-deps`` of the checkout, as ``pip install git+...`` builds it; returns the file."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True)
    wheels = sorted(out.glob("rnn_workbook-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one rnn_workbook wheel in {out}, found {[w.name for w in wheels]}")
    return wheels[0]


def make_bare_env(where: Path, wheel: Path) -> tuple[Path, Path]:
    """A venv that sees this environment's packages (a .pth line, whose own .pth files, including the
    editable install of helpers, are NOT run) with the wheel installed alone. Returns (python, site-packages)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "workbook_ci_packages.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(site), str(wheel)], check=True)
    return python, site


def run_notebooks(python: Path, site: Path, stems: list[str], folder: Path) -> None:
    """Copy the notebooks into ``folder`` (nothing else) and execute them there with ``python``."""
    folder.mkdir()
    paths = []
    for prefix in stems:
        matches = sorted((ROOT / "notebooks").glob(f"{prefix}*.ipynb"))
        if not matches:
            raise SystemExit(f"no notebook starts with {prefix!r}")
        paths.append(Path(shutil.copy(matches[0], folder)))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(WORKBOOK_MODE="quick", PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}", MPLBACKEND="Agg")
    if env.get("WORKBOOK_DATA_DIR"):
        env["WORKBOOK_DATA_DIR"] = str(Path(env["WORKBOOK_DATA_DIR"]).expanduser().resolve())
    runner = (
        "import sys, time, nbformat\n"
        "from nbclient import NotebookClient\n"
        "guard, paths = sys.argv[1], sys.argv[2:]\n"
        "for p in paths:\n"
        "    nb = nbformat.read(p, as_version=4)\n"
        "    nb.cells.insert(0, nbformat.v4.new_code_cell(guard))\n"
        "    start = time.perf_counter()\n"
        "    NotebookClient(nb, timeout=600, kernel_name='python3', resources={'metadata': {'path': '.'}}).execute()\n"
        "    noise = [(i, ''.join(o['text'])[:200]) for i, c in enumerate(nb.cells) for o in c.get('outputs', [])\n"
        "             if o.get('output_type') == 'stream' and o.get('name') == 'stderr']\n"
        "    if noise:\n"
        "        sys.exit(f'{p}: stderr output (log lines or warnings) in cells {noise}')\n"
        "    print(f'{p}: ran from a bare folder with the wheel in {time.perf_counter() - start:.1f} s, no stderr output',\n"
        "          flush=True)\n"
    )
    subprocess.run([str(python), "-c", runner, GUARD.format(site=str(site)), *[p.name for p in paths]],
                   cwd=folder, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", default=DEFAULT_NOTEBOOKS, help="notebook prefixes (default: 00 06)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wheel-check-") as tmp:
        tmp = Path(tmp)
        wheel = build_wheel(tmp / "dist")
        missing = missing_from_wheel(wheel, package_files())
        if missing:
            print(f"FAIL: the wheel {wheel.name} lacks {len(missing)} file(s) of the package: {missing}",
                  file=sys.stderr)
            return 1
        print(f"wheel {wheel.name}: {len(package_files())} package files, all present")
        python, site = make_bare_env(tmp / "venv", wheel)
        try:
            run_notebooks(python, site, args.notebooks or DEFAULT_NOTEBOOKS, tmp / "class")
        except subprocess.CalledProcessError:
            print("FAIL: a notebook did not run from the wheel install (see the error above)", file=sys.stderr)
            return 1
    print(f"wheel check passed in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
