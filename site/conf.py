"""Sphinx configuration of the course website.

Build with ``python tools/build_site.py`` (it stages the sources in ``_site/src``
and runs Sphinx with this folder as the configuration directory). Sphinx +
MyST-NB + sphinx-book-theme is what Jupyter Book 1 runs underneath; used
directly, the notebooks stay in ``notebooks/`` (no copy in the repository),
the configuration is Python, and nothing is fetched at build or view time.
"""
from __future__ import annotations

import posixpath
import shutil
import sys
from importlib import metadata
from pathlib import Path

from docutils import nodes

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))
import build_site  # noqa: E402  (plain-Python helpers shared with the build script and tests)

REPOSITORY = build_site.repository_url()  # [project.urls] Repository in pyproject.toml
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"

# -- project ---------------------------------------------------------------------------------
project = "RNN 워크북"
author = "The RNN workbook authors"
copyright = "2026, The RNN workbook authors (MIT License)"
language = "ko"

extensions = ["myst_nb"]
exclude_patterns = ["**/.ipynb_checkpoints"]
templates_path = ["_templates"]
smartquotes = False              # quotes as written in the notebooks (and as JupyterLab shows them)
suppress_warnings = []  # the build runs with -W: every warning is an error, none is silenced

# -- notebooks: shown with their committed outputs, never executed ---------------------------
nb_execution_mode = "off"
nb_merge_streams = True          # consecutive print() outputs form one block, as in JupyterLab
myst_enable_extensions = ["dollarmath"]
# A display equation written as a `$$...$$` line with text directly above and below (notebook 06)
# is display math in JupyterLab; without this MyST reads it as two inline `$` spans.
myst_dmath_double_inline = True

# -- MathJax from the site itself (no CDN): MathJax 3 as packaged by sphinx-mathjax-offline ---
mathjax_path = "mathjax/tex-chtml.js"
MATHJAX_PARTS = ["tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions"]

# -- HTML ------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "RNN 워크북"
html_static_path = ["_static"]
html_css_files = ["workbook.css"]
html_js_files = ["workbook.js"]
html_use_index = False           # no index entries in the notebooks: no empty genindex page
html_favicon = "_static/favicon.svg"
html_copy_source = True          # _sources/notebooks/NN_*.ipynb is the download
html_sourcelink_suffix = ""      # ... under its own name (not .ipynb.txt)
html_show_sourcelink = False
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html", "glossary-link.html",
                        "sbt-sidebar-nav.html"]}
html_context = {"default_mode": "auto"}  # light/dark as the reader's system says (no console error)
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": build_site.BRANCH,
    "path_to_docs": "",          # staged notebooks keep their repository paths (notebooks/NN_*.ipynb)
    "use_repository_button": True,
    "use_download_button": True,
    "launch_buttons": {"colab_url": "https://colab.research.google.com"},  # no thebe, no binder
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}


def copy_mathjax(app, exception) -> None:
    """Copy the parts of MathJax the pages use (the combined TeX→CHTML script, its fonts, and the
    TeX extensions it may autoload) into ``_static/mathjax``; the package holds 24 MB in all."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(metadata.distribution("sphinx-mathjax-offline").locate_file(
        "sphinx-mathjax-offline/static/mathjax"))
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src, dst = source / part, target / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)


def notebook_links(app, doctree, docname: str) -> None:
    """Under each notebook page's title: Open in Colab, download the .ipynb, view on GitHub.

    Also points the notebooks' own Colab badges at a local copy of the badge image, so a
    page opened without network shows no broken image.
    """
    here = posixpath.dirname(docname)
    for image in doctree.findall(nodes.image):
        if image["uri"] == COLAB_BADGE:
            image["uri"] = posixpath.relpath("_static/colab-badge.svg", here)
    if not docname.startswith("notebooks/"):
        return
    path = f"{docname}.ipynb"
    download = posixpath.relpath(f"_sources/{path}", here)
    name = posixpath.basename(path)
    html = (
        '<p class="workbook-links">'
        f'<a class="workbook-colab" href="{build_site.colab_url(REPOSITORY, path)}">Colab에서 열기 (Open in Colab)</a>'
        f'<a class="workbook-download" href="{download}" download="{name}">노트북 내려받기 ({name})</a>'
        f'<a class="workbook-github" href="{build_site.github_blob_url(REPOSITORY, path)}">GitHub에서 보기</a>'
        "</p>"
    )
    section = next(iter(doctree.findall(nodes.section)))
    section.insert(1, nodes.raw("", html, format="html"))


def setup(app):
    app.connect("doctree-resolved", notebook_links)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
