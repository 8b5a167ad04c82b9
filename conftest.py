"""Test session set-up: quick mode unless full is asked for explicitly, and an absolute data folder.

An unset or empty ``WORKBOOK_MODE`` means quick mode under pytest, so a test run
never overwrites the committed ``results/metrics.json``. Notebook kernels
started by nbval run inside ``notebooks/``, so ``WORKBOOK_DATA_DIR`` (``~`` or a
relative path such as CI's ``../shared/datasets``) is made absolute here, by the
same function the loaders use.
"""
import os

if not os.environ.get("WORKBOOK_MODE", "").strip():
    os.environ["WORKBOOK_MODE"] = "quick"
os.environ.setdefault("MPLBACKEND", "Agg")

from helpers.runtime import export_absolute_data_dir  # noqa: E402

export_absolute_data_dir()
