#!/usr/bin/env python
"""Build the course website from the committed notebooks (they are not executed).

    pip install -r requirements-site.txt        # once, authors only
    python tools/build_site.py                  # build _site/html, then check it
    python tools/build_site.py --no-check       # build only

The site is Sphinx + MyST-NB with the sphinx-book-theme (the engine and look of
Jupyter Book 1, configured in ``site/conf.py``). This script

1. stages the sources in ``_site/src``: the home page (``site/index.md`` with the
   notebook table and the quick-start commands taken from README.md), a results
   page generated from ``results/metrics.json`` and ``results/timings.json``, and
   copies of ``notebooks/NN_*.ipynb`` (so pages live at ``notebooks/NN_*.html``,
   the same paths as in the repository);
2. runs ``sphinx-build`` with warnings treated as errors into ``_site/html``;
3. drops theme files no page loads (source maps, gettext catalogues) and runs
   ``tools/check_site.py``.

It exits non-zero if any step fails. Everything above the ``main`` section is
plain Python (no Sphinx), so ``tests/test_site.py`` runs without the site packages.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"                 # sources and Sphinx configuration (committed)
OUT = ROOT / "_site"                 # everything built (git-ignored)
STAGE = OUT / "src"
HTML = OUT / "html"
NOTEBOOKS = ROOT / "notebooks"
RESULTS = ROOT / "results"
BRANCH = "main"                      # the branch Colab and GitHub links point at
NOTEBOOK_TABLE_MARK = "<!-- notebook-table -->"
QUICK_START_MARK = "<!-- quick-start -->"


# --- where things are -------------------------------------------------------------------------

def repository_url(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """``[project.urls] Repository`` of pyproject.toml: the one place the repository URL is defined."""
    text = pyproject.read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: read just this key
        url = _repository_url_fallback(text)
    else:
        url = tomllib.loads(text).get("project", {}).get("urls", {}).get("Repository")
    if not url:
        raise ValueError(f"{pyproject} has no [project.urls] Repository")
    return url.rstrip("/")


def _repository_url_fallback(text: str) -> str | None:
    """``Repository = "..."`` inside the ``[project.urls]`` table, without a TOML parser."""
    table = re.search(r"^\[project\.urls\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if not table:
        return None
    m = re.search(r"""^\s*["']?Repository["']?\s*=\s*["']([^"']+)["']""", table.group(1), re.M)
    return m.group(1) if m else None


def github_parts(repo_url: str) -> tuple[str, str]:
    """``(org, repo)`` of a GitHub repository URL; anything else is an error (Colab opens GitHub only)."""
    u = urlparse(repo_url)
    parts = [p for p in u.path.split("/") if p]
    if u.scheme != "https" or u.netloc != "github.com" or len(parts) != 2:
        raise ValueError(f"not a GitHub repository URL: {repo_url!r}")
    return parts[0], parts[1].removesuffix(".git")


def colab_url(repo_url: str, path: str, branch: str = BRANCH) -> str:
    """The Colab link that opens ``path`` (relative to the repository root) from GitHub."""
    org, repo = github_parts(repo_url)
    return f"https://colab.research.google.com/github/{org}/{repo}/blob/{branch}/{path}"


def github_blob_url(repo_url: str, path: str, branch: str = BRANCH) -> str:
    return f"{repo_url.rstrip('/')}/blob/{branch}/{path}"


# --- what the notebooks and README say ---------------------------------------------------------

def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The workbook's notebooks in course order (``NN_topic.ipynb``)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def notebook_title(path: Path) -> str:
    """The notebook's title: its first markdown cell's ``# NN. ...`` heading, without the ``#``."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            first = "".join(cell["source"]).lstrip().splitlines()[0]
            if re.match(r"#\s+\d\d\.\s", first):
                return first.lstrip("#").strip()
            break
    raise ValueError(f"{path.name}: the first markdown cell does not start with a '# NN. title' heading")


def readme_section(readme: str, heading: str) -> str:
    """The text under ``## heading`` up to the next ``## `` heading."""
    m = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", readme, re.M | re.S)
    if not m:
        raise ValueError(f"README.md has no '## {heading}' section")
    return m.group(1)


def readme_notebooks(readme: str) -> dict[str, dict]:
    """Rows of the README's notebook table: ``{stem: {"number", "name", "slides", "covers"}}``."""
    rows = {}
    for line in readme_section(readme, "Notebooks").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not re.fullmatch(r"\d\d", cells[0]):
            continue
        link = re.search(r"\]\(notebooks/(\d\d_\w+)\.ipynb\)", cells[1])
        if not link:
            raise ValueError(f"README notebook row without a notebooks/NN_*.ipynb link: {line}")
        name = re.sub(r"\[!\[.*?\]\(.*?\)\]\(.*?\)", "", cells[1])  # the Colab badge
        name = re.sub(r"\[`?[^\]]*?`?\]\(.*?\)", "", name).strip()    # the file link
        rows[link.group(1)] = {"number": cells[0], "name": name, "slides": cells[2], "covers": cells[3]}
    if not rows:
        raise ValueError("README.md's '## Notebooks' section has no table rows")
    return rows


def quick_start_commands(readme: str) -> list[str]:
    """The commands of the README's quick start: each fenced code block's text, in order."""
    blocks = re.findall(r"^```\w*\n(.*?)^```", readme_section(readme, "Quick start"), re.M | re.S)
    if not blocks:
        raise ValueError("README.md's '## Quick start' section has no code blocks")
    return [b.strip() for b in blocks]


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def notebook_table(readme_rows: dict[str, dict], titles: dict[str, str]) -> str:
    """The home page's table: every notebook (in order) linked to its page, with the README's slides and topics."""
    missing = sorted(set(titles) - set(readme_rows))
    if missing:
        raise ValueError(f"README.md's notebook table has no row for {', '.join(missing)}")
    lines = ["| # | 노트북 (notebook) | 슬라이드 (slides) | 다루는 내용 (what it covers) |",
             "|---|---|---|---|"]
    for stem, title in titles.items():
        row = readme_rows[stem]
        short = re.sub(r"^\d\d\.\s*", "", title)
        lines.append(f"| {row['number']} | [{md_cell(short)}](notebooks/{stem}.ipynb) | "
                     f"{md_cell(row['slides'])} | {md_cell(row['covers'])} |")
    return "\n".join(lines)


def quick_start_markdown(commands: list[str]) -> str:
    return "\n\n".join(f"```bash\n{c}\n```" for c in commands)


def render_home(template: str, readme: str, titles: dict[str, str]) -> str:
    """``site/index.md`` with its marks replaced by the README's quick start and notebook table."""
    for mark in (NOTEBOOK_TABLE_MARK, QUICK_START_MARK):
        if template.count(mark) != 1:
            raise ValueError(f"site/index.md must contain {mark} exactly once")
    text = template.replace(QUICK_START_MARK, quick_start_markdown(quick_start_commands(readme)))
    return text.replace(NOTEBOOK_TABLE_MARK, notebook_table(readme_notebooks(readme), titles))


# --- the results page --------------------------------------------------------------------------

def _seconds(t: dict, key: str) -> str:
    return f"{t[key]:.0f} s" if key in t else "—"


def results_markdown(metrics: dict, timings: dict, titles: dict[str, str]) -> str:
    """The results page (MyST Markdown) from ``results/metrics.json`` and ``results/timings.json``."""
    def name(stem: str) -> str:
        return f"[{md_cell(titles[stem])}](notebooks/{stem}.ipynb)" if stem in titles else f"`{stem}`"

    stems = sorted(set(metrics) | set(timings))
    out = [
        "# 결과 (results)",
        "",
        "노트북을 full 모드로 실행해 기록한 지표(metrics)와, full·quick 모드의 실행 시간입니다 "
        "(GPU 없는 2코어 CPU). 이 페이지는 사이트를 만들 때 `results/metrics.json` 과 "
        "`results/timings.json` 에서 생성됩니다: 노트북을 다시 실행하면 "
        "(`python tools/run_notebooks.py`) 다음 빌드에 반영됩니다.",
        "",
        "## 실행 시간 (run times)",
        "",
        "| 노트북 (notebook) | full 실행 (full run) | quick 실행 (quick run) | 지표 수 (metrics) |",
        "|---|---|---|---|",
    ]
    for stem in stems:
        t = timings.get(stem, {})
        out.append(f"| {name(stem)} | {_seconds(t, 'full_s')} | {_seconds(t, 'quick_s')} | "
                   f"{len(metrics.get(stem, {})) or '—'} |")
    total_full = sum(t.get("full_s", 0) for t in timings.values())
    total_quick = sum(t.get("quick_s", 0) for t in timings.values())
    out += ["", f"합계 (total): full {total_full / 60:.0f} 분 (min), quick {total_quick:.0f} s.", "",
            "## 지표 (metrics, full mode)", ""]
    for stem in stems:
        if not metrics.get(stem):
            continue
        out += [f"### {md_cell(titles.get(stem, stem))}", "", f"{name(stem)} 에서 기록한 값입니다.", "",
                "| 지표 (metric) | 값 (value) |", "|---|---|"]
        out += [f"| `{k}` | {v:.4g} |" for k, v in sorted(metrics[stem].items())]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- staging and building ----------------------------------------------------------------------

def stage(dest: Path = STAGE) -> dict[str, str]:
    """Write the Sphinx source folder ``dest``; return ``{stem: title}`` of the staged notebooks."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "notebooks").mkdir(parents=True)
    paths = notebook_paths()
    if not paths:
        raise SystemExit(f"no notebooks in {NOTEBOOKS}")
    titles = {p.stem: notebook_title(p) for p in paths}
    for p in paths:
        shutil.copy2(p, dest / "notebooks" / p.name)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    home = render_home((SITE / "index.md").read_text(encoding="utf-8"), readme, titles)
    (dest / "index.md").write_text(home, encoding="utf-8")
    metrics = json.loads((RESULTS / "metrics.json").read_text(encoding="utf-8"))
    timings = json.loads((RESULTS / "timings.json").read_text(encoding="utf-8"))
    (dest / "results.md").write_text(results_markdown(metrics, timings, titles), encoding="utf-8")
    return titles


def build(jobs: str = "1") -> None:
    """Run Sphinx on the staged sources; warnings are errors (non-zero exit)."""
    if HTML.exists():
        shutil.rmtree(HTML)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(SITE), "-d", str(OUT / "doctrees"),
           "-W", "--keep-going", "-E", "-q", "-j", jobs, str(STAGE), str(HTML)]
    subprocess.run(cmd, check=True)
    # The theme copies files no page loads: source maps (read by a browser's developer tools
    # only) and its gettext catalogues (used by Sphinx while building). 4 MB of the 11.
    for source_map in HTML.glob("_static/**/*.map"):
        source_map.unlink()
    shutil.rmtree(HTML / "_static" / "locales", ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-check", action="store_true", help="build only; skip tools/check_site.py")
    parser.add_argument("-j", "--jobs", default="1", help="Sphinx parallel jobs (default 1)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        stage()
        build(args.jobs)
    except subprocess.CalledProcessError as e:
        print(f"build_site: sphinx-build failed (exit {e.returncode})", file=sys.stderr)
        return 1
    except (ValueError, OSError) as e:
        print(f"build_site: {e}", file=sys.stderr)
        return 1
    print(f"built {HTML.relative_to(ROOT)}/ in {time.perf_counter() - start:.1f} s; "
          f"open {HTML.relative_to(ROOT)}/index.html")
    if args.no_check:
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import check_site
    return check_site.main([str(HTML)])


if __name__ == "__main__":
    sys.exit(main())
