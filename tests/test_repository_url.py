"""One repository URL: ``[project.urls] Repository`` in pyproject.toml; badges, install cells and README use it."""
import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
URL = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Repository"]
SLUG = URL.removeprefix("https://github.com/")
ANY_REPO = re.compile(r"github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?(?=[/\"'\s)]|$)")


def _sources(path: Path) -> tuple[str, str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = "".join(cells[0]["source"])
    setup = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    return first, setup


def test_the_url_is_a_github_repository():
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", URL), URL


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_badge_and_install_cell_use_the_project_url(path):
    first, setup = _sources(path)
    badge = f"https://colab.research.google.com/github/{SLUG}/blob/main/notebooks/{path.stem}.ipynb"
    assert badge in first, f"{path.name}: the Colab badge must link {badge}"
    assert f'"rnn-workbook @ git+{URL}"' in setup, f"{path.name}: the install cell must use git+{URL}"
    text = path.read_text(encoding="utf-8")
    others = {m for m in ANY_REPO.findall(text) if m.lower() != SLUG.lower() and m.count("/") == 1}
    assert not others, f"{path.name} names other repositories: {others}"


def test_readme_uses_the_project_url():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badges = re.findall(r"colab\.research\.google\.com/github/([\w.-]+/[\w.-]+)/blob/main/notebooks/", readme)
    assert badges and set(badges) == {SLUG}
    others = {m for m in ANY_REPO.findall(readme) if m.lower() != SLUG.lower()}
    assert not others, f"README names other repositories: {others}"


def test_helpers_hold_no_repository_url():
    for path in (ROOT / "helpers").rglob("*.py"):
        assert "github" not in path.read_text(encoding="utf-8").lower(), f"{path}: the URL lives in pyproject.toml"
