"""Test session set-up: quick mode by default and an absolute data folder.

Notebook kernels started by nbval run inside notebooks/, so a relative
WORKBOOK_DATA_DIR (CI passes ../shared/datasets) is made absolute here.
"""
import os
from pathlib import Path

os.environ.setdefault("WORKBOOK_MODE", "quick")
os.environ.setdefault("MPLBACKEND", "Agg")
_raw = os.environ.get("WORKBOOK_DATA_DIR", "").strip()
if _raw and not Path(_raw).is_absolute():
    os.environ["WORKBOOK_DATA_DIR"] = str((Path(__file__).parent / _raw).resolve())
