"""tools/check_wheel.py: a wheel that lacks a subpackage or a data file is caught."""
import importlib.util
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check_wheel", ROOT / "tools" / "check_wheel.py")
check_wheel = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_wheel)


def _wheel(tmp_path: Path, names: set[str]) -> Path:
    path = tmp_path / "rnn_workbook-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for name in sorted(names):
            zf.writestr(name, "")
    return path


def test_the_package_holds_subpackages_and_data():
    files = check_wheel.package_files()
    assert "helpers/exercises/__init__.py" in files and "helpers/exercises/ch01.py" in files
    assert "helpers/data/sixpence.txt" in files
    assert not any("__pycache__" in f for f in files)


def test_a_wheel_without_the_exercises_subpackage_fails(tmp_path):
    expected = check_wheel.package_files()
    flat_only = {f for f in expected if f.count("/") == 1}          # what packages = ["helpers"] used to ship
    missing = check_wheel.missing_from_wheel(_wheel(tmp_path, flat_only), expected)
    assert "helpers/exercises/ch06.py" in missing and "helpers/data/sixpence.txt" in missing
    assert check_wheel.missing_from_wheel(_wheel(tmp_path, expected | {"x.dist-info/RECORD"}), expected) == []


def test_the_guard_cell_is_valid_python():
    compile(check_wheel.GUARD.format(site="/tmp/site"), "<guard>", "exec")
