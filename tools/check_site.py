#!/usr/bin/env python
"""Check the built course website (run by ``tools/build_site.py`` after it builds; CI runs that).

    python tools/check_site.py [_site/html]

Checks, with the standard library only:

- every internal link, image, script and stylesheet of every page resolves to a file of the
  site, and a link's ``#fragment`` to an id on the target page (the glossary link included);
- nothing loads from the network when a page opens (scripts, styles, images, fonts): the site
  must render in a classroom without Wi-Fi;
- each notebook has its page, whose ``<h1>`` is the notebook's ``# NN. ...`` title, with an
  Open-in-Colab link to the notebook on GitHub and a download link; the home page links to every
  notebook page; every page links to the glossary; the results page names every notebook;
- no page is larger than it needs to be: figures are files (no inline base64 images), and each
  page stays under measured caps (HTML alone, and HTML plus its images);
- no Korean text ended up inside a formula (the sign of a mis-parsed ``$$`` display equation),
  and every page with formulas loads the site's own MathJax.

Exits 1 and lists the problems if any check fails; prints the site's sizes otherwise.
"""
from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_site  # noqa: E402  (plain Python: repository URL, notebook titles)

ROOT = build_site.ROOT
# Measured on the 11 notebooks of 2026-12: largest HTML 365 KB (06: highlighted code, after its
# Kneser-Ney and stateful sections), largest HTML + figures 0.59 MB (10). The caps leave room to
# grow, not to double.
MAX_PAGE_BYTES = 450_000
MAX_PAGE_WITH_IMAGES_BYTES = 1_500_000
MAX_INLINE_DATA_BYTES = 2_000        # a tiny inline icon is fine; a figure must be a file
GLOSSARY = "notebooks/00_setup.html#glossary"
MATHJAX = "_static/mathjax/tex-chtml.js"
LOADING_TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "embed": "src",
                "video": "src", "audio": "src"}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "shortcut icon", "apple-touch-icon"}
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
TEXT_IN_MATH = re.compile(r"\\(?:text|textrm|mathrm|mbox|operatorname)\s*\{[^{}]*\}")


class Page(HTMLParser):
    """What one HTML page links to and which ids it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []   # (tag, url, rel or class)
        self.h1: list[str] = []
        self.math: list[str] = []
        self._h1_depth = 0
        self._h1_skip = 0
        self._math_depth = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        if tag in ("a", "area") and "href" in a:
            self.refs.append((tag, a["href"], a.get("class", "")))
        elif tag == "link" and "href" in a:
            self.refs.append((tag, a["href"], a.get("rel", "").lower()))
        elif tag in LOADING_TAGS and a.get(LOADING_TAGS[tag]):
            self.refs.append((tag, a[LOADING_TAGS[tag]], a.get("class", "")))
        if tag in ("img", "br", "hr", "meta", "link", "input", "source", "wbr"):
            return  # void elements have no end tag
        self._stack.append(tag)
        if tag == "h1":
            self._h1_depth = len(self._stack)
            self.h1.append("")
        elif self._h1_depth and tag == "a" and "headerlink" in a.get("class", ""):
            self._h1_skip = len(self._stack)
        if not self._math_depth and tag in ("span", "div") and "math" in a.get("class", "").split():
            self._math_depth = len(self._stack)
            self.math.append("")

    def handle_endtag(self, tag):
        if tag not in self._stack:
            return
        while self._stack:
            depth = len(self._stack)
            if depth == self._h1_skip:
                self._h1_skip = 0
            if depth == self._h1_depth:
                self._h1_depth = 0
            if depth == self._math_depth:
                self._math_depth = 0
            if self._stack.pop() == tag:
                break

    def handle_data(self, data):
        if self._h1_depth and not self._h1_skip:
            self.h1[-1] += data
        if self._math_depth:
            self.math[-1] += data


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


_parsed: dict[tuple, Page] = {}


def parse_file(path: Path) -> Page:
    """``parse`` of a file, read once per check run (keyed by path, size and mtime)."""
    st = path.stat()
    key = (path.resolve(), st.st_size, st.st_mtime_ns)
    if key not in _parsed:
        _parsed[key] = parse(path.read_text(encoding="utf-8"))
    return _parsed[key]


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def loads_on_open(tag: str, rel: str) -> bool:
    """Whether the browser fetches this reference when the page opens (not only when clicked)."""
    return tag in LOADING_TAGS or (tag == "link" and rel in LOADING_LINK_RELS)


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def check_links(site: Path) -> list[str]:
    """Broken internal links, images, scripts and styles; missing #fragments; remote loads; inline figures."""
    site = site.resolve()
    problems: list[str] = []
    page_of = parse_file
    for path in html_files(site):
        name = path.relative_to(site).as_posix()
        for tag, url, rel in page_of(path).refs:
            url = url.strip()
            parts = urlsplit(url)
            if parts.scheme == "data":
                if len(url) > MAX_INLINE_DATA_BYTES:
                    problems.append(f"{name}: inline data: URI of {len(url)} bytes in <{tag}> (write it as a file)")
                continue
            if parts.scheme in ("javascript", "mailto", "tel"):
                continue
            if is_external(url):
                if loads_on_open(tag, rel):
                    problems.append(f"{name}: <{tag}> loads {url} from the network (the site must work offline)")
                continue
            if not parts.path:
                if parts.fragment and parts.fragment not in page_of(path).ids:
                    problems.append(f"{name}: link to #{parts.fragment}: no such id on the page")
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            if site not in target.parents:
                problems.append(f"{name}: {url} points outside the site")
            elif not target.is_file():
                problems.append(f"{name}: {url} not found")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page_of(target).ids:
                problems.append(f"{name}: {url}: no id {parts.fragment!r} in {target.relative_to(site).as_posix()}")
    return problems


def normalize(text: str) -> str:
    return " ".join(text.split())


def check_notebook_pages(site: Path, titles: dict[str, str], repo_url: str) -> list[str]:
    """Each notebook's page exists, carries its title, links to Colab and to the .ipynb download."""
    problems = []
    home = parse_file(site / "index.html") if (site / "index.html").is_file() else None
    if home is None:
        problems.append("index.html: missing")
    home_links = {urlsplit(u).path for _, u, _ in home.refs} if home else set()
    for stem, title in titles.items():
        rel = f"notebooks/{stem}.html"
        path = site / rel
        if not path.is_file():
            problems.append(f"{rel}: missing (notebook notebooks/{stem}.ipynb has no page)")
            continue
        page = parse_file(path)
        h1 = [normalize(h).rstrip("#").strip() for h in page.h1]
        if normalize(title) not in h1:
            problems.append(f"{rel}: no <h1> {title!r} (found {h1})")
        colab = build_site.colab_url(repo_url, f"notebooks/{stem}.ipynb")
        if not any(u == colab and "workbook-colab" in c for t, u, c in page.refs if t == "a"):
            problems.append(f"{rel}: no Open-in-Colab link to {colab}")
        if not any(urlsplit(u).path.endswith(f"_sources/notebooks/{stem}.ipynb") and "workbook-download" in c
                   for t, u, c in page.refs if t == "a"):
            problems.append(f"{rel}: no download link to the notebook")
        if home and rel not in home_links:
            problems.append(f"index.html: no link to {rel}")
    return problems


def links_to(site: Path, page_path: Path, url: str, target: str) -> bool:
    """Whether ``url`` on the page at ``page_path`` points at ``target`` (``path.html#id`` from the site root)."""
    parts, want = urlsplit(url), urlsplit(target)
    if is_external(url) or parts.fragment != want.fragment:
        return False
    resolved = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path.resolve()
    return resolved == (site / want.path).resolve()


def check_every_page_links_glossary(site: Path) -> list[str]:
    problems = []
    for path in html_files(site):
        page = parse_file(path)
        if not any(links_to(site, path, u, GLOSSARY) for t, u, _ in page.refs if t == "a"):
            problems.append(f"{path.relative_to(site).as_posix()}: no link to the glossary ({GLOSSARY})")
    return problems


def check_results_page(site: Path, metrics: dict, timings: dict) -> list[str]:
    path = site / "results.html"
    if not path.is_file():
        return ["results.html: missing"]
    text = path.read_text(encoding="utf-8")
    return [f"results.html: nothing about {stem}" for stem in sorted(set(metrics) | set(timings))
            if stem not in text] + [f"results.html: metric {k} of {stem} missing"
                                    for stem, m in metrics.items() for k in m if k not in text]


def korean_outside_text(formula: str) -> bool:
    """Hangul in a formula outside ``\\text{...}``: prose swallowed by a mis-parsed ``$$``."""
    return bool(HANGUL.search(TEXT_IN_MATH.sub("", formula)))


def check_math(site: Path) -> list[str]:
    """No Korean prose inside a formula (a mis-parsed ``$$``); formulas are rendered by the local MathJax."""
    problems = []
    for path in html_files(site):
        rel = path.relative_to(site)
        page = parse_file(path)
        for formula in page.math:
            if korean_outside_text(formula):
                problems.append(f"{rel.as_posix()}: Korean text inside a formula: {normalize(formula)[:80]!r}")
        if page.math:
            mathjax = Path(*[".."] * (len(rel.parts) - 1), MATHJAX).as_posix()
            if not any(t == "script" and urlsplit(u).path == mathjax for t, u, _ in page.refs):
                problems.append(f"{rel.as_posix()}: has formulas but does not load {mathjax}")
    return problems


def page_sizes(site: Path) -> dict[str, tuple[int, int]]:
    """``{page: (html bytes, html + local images bytes)}``."""
    sizes = {}
    for path in html_files(site):
        page = parse_file(path)
        images = {(path.parent / unquote(urlsplit(u).path)).resolve()
                  for t, u, _ in page.refs if t == "img" and not is_external(u)}
        html = path.stat().st_size
        sizes[path.relative_to(site).as_posix()] = (html, html + sum(p.stat().st_size for p in images if p.is_file()))
    return sizes


def check_sizes(sizes: dict[str, tuple[int, int]], max_html: int = MAX_PAGE_BYTES,
                max_total: int = MAX_PAGE_WITH_IMAGES_BYTES) -> list[str]:
    problems = []
    for name, (html, total) in sizes.items():
        if html > max_html:
            problems.append(f"{name}: {html / 1e3:.0f} KB of HTML (cap {max_html / 1e3:.0f} KB)")
        if total > max_total:
            problems.append(f"{name}: {total / 1e6:.2f} MB with its images (cap {max_total / 1e6:.2f} MB)")
    return problems


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0]) if args else ROOT / "_site" / "html"
    if not (site / "index.html").is_file():
        print(f"check_site: no site at {site} (build it: python tools/build_site.py)", file=sys.stderr)
        return 1
    titles = {p.stem: build_site.notebook_title(p) for p in build_site.notebook_paths()}
    metrics = json.loads((ROOT / "results" / "metrics.json").read_text(encoding="utf-8"))
    timings = json.loads((ROOT / "results" / "timings.json").read_text(encoding="utf-8"))
    sizes = page_sizes(site)
    problems = (check_links(site)
                + check_notebook_pages(site, titles, build_site.repository_url())
                + check_every_page_links_glossary(site)
                + check_results_page(site, metrics, timings)
                + check_math(site)
                + check_sizes(sizes))
    largest = sorted(sizes.items(), key=lambda kv: -kv[1][0])[:3]
    print(f"site {folder_bytes(site) / 1e6:.1f} MB ({len(sizes)} pages; theme and MathJax "
          f"{folder_bytes(site / '_static') / 1e6:.1f} MB, figures {folder_bytes(site / '_images') / 1e6:.1f} MB, "
          f"notebook downloads {folder_bytes(site / '_sources') / 1e6:.1f} MB); largest pages: "
          + ", ".join(f"{n} {h / 1e3:.0f} KB (+images {(t - h) / 1e3:.0f} KB)" for n, (h, t) in largest))
    if problems:
        print(f"check_site: {len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print(f"check_site: all checks passed ({len(titles)} notebook pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
