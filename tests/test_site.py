"""The course website's pure helpers: tools/build_site.py and tools/check_site.py.

Fast and without the site packages (Sphinx is never imported): no test builds the site.
The build and its checks run in CI with ``python tools/build_site.py``.
"""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_site = load("build_site")
check_site = load("check_site")
README = (ROOT / "README.md").read_text(encoding="utf-8")
TITLES = {p.stem: build_site.notebook_title(p) for p in build_site.notebook_paths()}


def test_the_tools_import_without_sphinx():
    code = ("import sys; sys.path.insert(0, 'tools'); import build_site, check_site; "
            "assert not {'sphinx', 'myst_nb', 'docutils'} & set(sys.modules), 'imports Sphinx'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# --- where things are -----------------------------------------------------------------------

def test_repository_url_is_read_from_pyproject(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n\n[project.urls]\nHomepage = "https://a.b"\n'
                         'Repository = "https://github.com/org/repo/"\n\n[tool.x]\nRepository = "no"\n')
    assert build_site.repository_url(pyproject) == "https://github.com/org/repo"
    assert build_site._repository_url_fallback(pyproject.read_text()) == "https://github.com/org/repo/"
    pyproject.write_text('[project]\nname = "x"\n')
    with pytest.raises(ValueError, match="Repository"):
        build_site.repository_url(pyproject)
    assert build_site._repository_url_fallback(pyproject.read_text()) is None


def test_the_real_repository_url_is_a_github_url():
    org, repo = build_site.github_parts(build_site.repository_url())
    assert org and repo


def test_colab_and_github_urls():
    url = "https://github.com/org/repo"
    assert (build_site.colab_url(url, "notebooks/01_x.ipynb")
            == "https://colab.research.google.com/github/org/repo/blob/main/notebooks/01_x.ipynb")
    assert build_site.github_blob_url(url + "/", "a.ipynb") == "https://github.com/org/repo/blob/main/a.ipynb"
    for bad in ("https://gitlab.com/org/repo", "https://github.com/org", "http://github.com/org/repo"):
        with pytest.raises(ValueError, match="GitHub"):
            build_site.colab_url(bad, "a.ipynb")


# --- what the notebooks and README say ------------------------------------------------------

def test_every_notebook_has_a_title():
    assert TITLES and all(t[:2] == s[:2] and t[2:4] == ". " for s, t in TITLES.items())


def test_notebook_title_needs_the_heading(tmp_path):
    nb = tmp_path / "01_x.ipynb"
    nb.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": ["Intro\n"]}]}))
    with pytest.raises(ValueError, match="NN. title"):
        build_site.notebook_title(nb)
    nb.write_text(json.dumps({"cells": [{"cell_type": "code", "source": []},
                                        {"cell_type": "markdown", "source": ["# 01. 제목 (Title)\n", "text"]}]}))
    assert build_site.notebook_title(nb) == "01. 제목 (Title)"


def test_readme_table_and_quick_start_are_parsed():
    rows = build_site.readme_notebooks(README)
    assert set(rows) == set(TITLES)
    assert rows["00_setup"]["slides"] == "—" and rows["00_setup"]["name"] == "설정 · setup"
    assert build_site.quick_start_commands(README) == [
        "pip install -r requirements.txt && jupyter lab notebooks/", "pytest"]


def test_home_page_table_links_every_notebook_in_order():
    table = build_site.notebook_table(build_site.readme_notebooks(README), TITLES)
    rows = table.splitlines()[2:]
    assert [r.split("|")[1].strip() for r in rows] == [s[:2] for s in TITLES]
    assert all(f"](notebooks/{stem}.ipynb)" in row for stem, row in zip(TITLES, rows))
    with pytest.raises(ValueError, match="99_new"):
        build_site.notebook_table({}, {"99_new": "99. New"})


def test_render_home_fills_both_marks():
    template = f"# Home\n\n{build_site.QUICK_START_MARK}\n\n{build_site.NOTEBOOK_TABLE_MARK}\n"
    text = build_site.render_home(template, README, TITLES)
    assert "<!--" not in text and "```bash\npytest\n```" in text and "notebooks/10_" in text
    with pytest.raises(ValueError, match="exactly once"):
        build_site.render_home("# Home\n", README, TITLES)


def test_table_cells_escape_pipes():
    assert build_site.md_cell("a | b\nc") == "a \\| b c"


# --- the results page -----------------------------------------------------------------------

def test_results_page_from_metrics_and_timings():
    metrics = {"02_demo": {"naive_mse": 0.0207447, "mse": 0.00274156}}
    timings = {"00_setup": {"full_s": 12.1, "quick_s": 12.0}, "02_demo": {"full_s": 469.4, "quick_s": 41.1}}
    text = build_site.results_markdown(metrics, timings, {"02_demo": "02. 데모 (Demo)"})
    lines = text.splitlines()
    assert lines[0] == "# 결과 (results)"
    assert "| `00_setup` | 12 s | 12 s | — |" in lines
    assert "| [02. 데모 (Demo)](notebooks/02_demo.ipynb) | 469 s | 41 s | 2 |" in lines
    assert "### 02. 데모 (Demo)" in lines
    assert lines.index("| `mse` | 0.002742 |") < lines.index("| `naive_mse` | 0.02074 |")
    assert "합계 (total): full 8 분 (min), quick 53 s." in lines


def test_results_page_covers_the_committed_results():
    metrics = json.loads((ROOT / "results" / "metrics.json").read_text())
    timings = json.loads((ROOT / "results" / "timings.json").read_text())
    text = build_site.results_markdown(metrics, timings, TITLES)
    assert all(name in text for m in metrics.values() for name in m)
    assert all(f"notebooks/{stem}.ipynb" in text for stem in timings if stem in TITLES)


# --- the checks of the built site -----------------------------------------------------------

def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_collects_ids_refs_title_and_math():
    page = check_site.parse(
        '<html><head><link rel="stylesheet" href="_static/a.css"><script src="x.js"></script></head>'
        '<body><section id="s"><h1>01. 제목 <code>x</code><a class="headerlink" href="#s">#</a></h1>'
        '<img src="_images/f.png" alt=""><a name="old"></a>'
        '<p>text <span class="math notranslate nohighlight">\\(a &lt; b\\)</span> after</p></section></body></html>')
    assert {"s", "old"} <= page.ids
    assert ("link", "_static/a.css", "stylesheet") in page.refs and ("img", "_images/f.png", "") in page.refs
    assert [check_site.normalize(h) for h in page.h1] == ["01. 제목 x"]
    assert page.math == ["\\(a < b\\)"]


def test_link_checker_finds_broken_links_fragments_and_remote_loads(tmp_path):
    write(tmp_path / "_static" / "a.css", "")
    write(tmp_path / "_images" / "f.png", "png")
    write(tmp_path / "index.html",
          '<link rel="stylesheet" href="_static/a.css"><img src="_images/f.png">'
          '<a href="notebooks/01.html#sec">ok</a><a href="#top" id="top">top</a>'
          '<a href="https://example.com/">external link: fine</a><a href="mailto:a@b.c">mail</a>'
          '<a href="notebooks/02.html">missing page</a><a href="notebooks/01.html#nope">missing id</a>'
          '<img src="_images/missing.png"><script src="https://cdn.example.com/m.js"></script>'
          '<img src="https://colab.research.google.com/assets/colab-badge.svg">'
          f'<img src="data:image/png;base64,{"A" * 3000}"><img src="data:image/gif;base64,R0lGOD">'
          '<a href="../outside.html">outside</a><a href="#gone">gone</a>')
    write(tmp_path / "notebooks" / "01.html", '<section id="sec"><a href="../index.html">home</a></section>')
    problems = "\n".join(check_site.check_links(tmp_path))
    assert "notebooks/02.html not found" in problems
    assert "no id 'nope' in notebooks/01.html" in problems
    assert "_images/missing.png not found" in problems
    assert "cdn.example.com/m.js from the network" in problems
    assert "colab-badge.svg from the network" in problems
    assert "inline data: URI of" in problems and "R0lGOD" not in problems
    assert "points outside the site" in problems
    assert "#gone: no such id" in problems
    assert "https://example.com/" not in problems and "mailto" not in problems and "a.css" not in problems
    assert len(problems.splitlines()) == 8


def test_a_clean_site_passes_the_link_checker(tmp_path):
    write(tmp_path / "index.html", '<a href="sub/p.html#x">p</a><a href="#">top</a>')
    write(tmp_path / "sub" / "p.html", '<p id="x"><a href="../index.html">back</a></p>')
    write(tmp_path / "_static" / "ignored.html", '<a href="missing.html">theme template</a>')
    assert check_site.check_links(tmp_path) == []


def test_links_to_resolves_relative_and_same_page_links(tmp_path):
    page = tmp_path / "notebooks" / "03.html"
    glossary = "notebooks/00_setup.html#glossary"
    assert check_site.links_to(tmp_path, page, "00_setup.html#glossary", glossary)
    assert check_site.links_to(tmp_path, tmp_path / "index.html", "notebooks/00_setup.html#glossary", glossary)
    assert check_site.links_to(tmp_path, tmp_path / "notebooks" / "00_setup.html", "#glossary", glossary)
    assert not check_site.links_to(tmp_path, page, "00_setup.html", glossary)
    assert not check_site.links_to(tmp_path, page, "https://x/notebooks/00_setup.html#glossary", glossary)


def test_notebook_page_checks(tmp_path):
    repo = "https://github.com/org/repo"
    colab = build_site.colab_url(repo, "notebooks/01_x.ipynb")
    write(tmp_path / "index.html", '<a href="notebooks/01_x.html">01</a>')
    write(tmp_path / "notebooks" / "01_x.html",
          '<h1>01. 제목 (Title)<a class="headerlink" href="#t">#</a></h1>'
          f'<a class="workbook-colab" href="{colab}">Colab</a>'
          '<a class="workbook-download" href="../_sources/notebooks/01_x.ipynb" download>받기</a>')
    titles = {"01_x": "01. 제목 (Title)"}
    assert check_site.check_notebook_pages(tmp_path, titles, repo) == []
    problems = "\n".join(check_site.check_notebook_pages(
        tmp_path, {"01_x": "01. Other", "02_y": "02. Y"}, repo))
    assert "no <h1> '01. Other'" in problems and "notebooks/02_y.html: missing" in problems
    write(tmp_path / "notebooks" / "01_x.html", "<h1>01. 제목 (Title)</h1>")
    problems = "\n".join(check_site.check_notebook_pages(tmp_path, titles, repo))
    assert "no Open-in-Colab link" in problems and "no download link" in problems


def test_glossary_and_results_checks(tmp_path):
    write(tmp_path / "index.html", '<a href="notebooks/00_setup.html#glossary">용어집</a>')
    write(tmp_path / "notebooks" / "00_setup.html", '<h2 id="glossary"></h2><a href="#glossary">용어집</a>')
    write(tmp_path / "notebooks" / "01_x.html", '<a href="00_setup.html">no anchor</a>')
    assert check_site.check_every_page_links_glossary(tmp_path) == [
        "notebooks/01_x.html: no link to the glossary (notebooks/00_setup.html#glossary)"]
    write(tmp_path / "results.html", "<td>01_x</td><td>mse</td>")
    assert check_site.check_results_page(tmp_path, {"01_x": {"mse": 1.0}}, {"01_x": {}}) == []
    assert check_site.check_results_page(tmp_path, {"02_y": {"acc": 1.0}}, {}) == [
        "results.html: nothing about 02_y", "results.html: metric acc of 02_y missing"]


def test_math_check_catches_prose_swallowed_by_a_formula(tmp_path):
    assert not check_site.korean_outside_text(r"h_t = \tanh(x) \quad \text{은닉 상태 (hidden state)}")
    assert check_site.korean_outside_text(r"L = -\log p 퍼플렉서티는 모델이")
    write(tmp_path / "_static" / "mathjax" / "tex-chtml.js", "")
    write(tmp_path / "ok.html", '<script defer src="_static/mathjax/tex-chtml.js"></script>'
                                '<div class="math notranslate nohighlight">\\[x \\text{값}\\]</div>')
    write(tmp_path / "bad.html", '<span class="math notranslate nohighlight">\\(x\\) 다음 문장\\(y\\)</span>')
    assert check_site.check_math(tmp_path) == [
        "bad.html: Korean text inside a formula: '\\\\(x\\\\) 다음 문장\\\\(y\\\\)'",
        "bad.html: has formulas but does not load _static/mathjax/tex-chtml.js"]


def test_page_size_caps(tmp_path):
    write(tmp_path / "_images" / "big.png", "x" * 5000)
    write(tmp_path / "p.html", '<img src="_images/big.png"><img src="_images/big.png">' + "y" * 1000)
    sizes = check_site.page_sizes(tmp_path)
    html = (tmp_path / "p.html").stat().st_size
    assert sizes == {"p.html": (html, html + 5000)}  # an image counts once per page
    assert check_site.check_sizes(sizes, max_html=10_000, max_total=10_000) == []
    problems = check_site.check_sizes(sizes, max_html=1000, max_total=2000)
    assert len(problems) == 2 and "KB of HTML" in problems[0] and "with its images" in problems[1]


def test_main_reports_a_missing_site(tmp_path, capsys):
    assert check_site.main([str(tmp_path)]) == 1
    assert "build it: python tools/build_site.py" in capsys.readouterr().err
