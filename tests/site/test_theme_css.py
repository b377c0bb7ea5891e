"""Material's stylesheets trimmed to what the site can use (hooks/theme_css.py).

The rules on small stylesheets here; the real site in Chromium (every element's computed
style unchanged) in tests/browser/test_trimmed_css.py.
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest
from harness import ROOT

spec = importlib.util.spec_from_file_location("theme_css", ROOT / "hooks" / "theme_css.py")
theme_css = importlib.util.module_from_spec(spec)
spec.loader.exec_module(theme_css)

INDIGO = {"primary": {"indigo"}, "accent": {"indigo"}}


def needs(*classes: str, colours=INDIGO, versioned=False):
    return theme_css.Needs(set(classes), colours, versioned)


@pytest.mark.parametrize(
    ("css", "used", "expected"),
    # each case: a stylesheet, the classes the built pages use, what is left
    [
        # a feature class no page uses: the rule goes
        (".md-typeset .tabbed-set{display:flex}p{margin:0}", (), "p{margin:0}"),
        # ...but stays when a page uses it
        (
            ".md-typeset .tabbed-set{display:flex}",
            ("tabbed-set",),
            ".md-typeset .tabbed-set{display:flex}",
        ),
        # only the selectors of a list that cannot match go
        (
            ".md-typeset .grid,.md-typeset .admonition{gap:1px}",
            (),
            ".md-typeset .admonition{gap:1px}",
        ),
        # admonition types: `.bug` next to an admonition is a feature class
        (
            ".md-typeset .bug>summary{color:red}.md-typeset .note>summary{color:blue}",
            ("note",),
            ".md-typeset .note>summary{color:blue}",
        ),
        # ...and an ordinary class anywhere else (no admonition around it)
        (".error{color:red}", (), ".error{color:red}"),
        # classes that Material's scripts add are never feature classes
        (".md-search-result__item{color:red}", (), ".md-search-result__item{color:red}"),
        (".md-typeset .md-tag{color:red}", (), ".md-typeset .md-tag{color:red}"),
        # :not(), :is(), :where(), :has() never make a selector need a class
        (".md-typeset :not(.keys)>code{color:red}", (), ".md-typeset :not(.keys)>code{color:red}"),
        (":is(.tabbed-set,.highlight) pre{x:1}", (), ":is(.tabbed-set,.highlight) pre{x:1}"),
        # grouping rules are trimmed inside and dropped when empty
        (
            "@media screen{.md-post{a:1}.md-nav{b:2}}@media print{.md-banner{c:3}}",
            (),
            "@media screen{.md-nav{b:2}}",
        ),
        # other at-rules are kept as they are
        (
            "@keyframes x{0%{opacity:0}}@font-face{font-family:f}",
            (),
            "@keyframes x{0%{opacity:0}}@font-face{font-family:f}",
        ),
        # the version selector only when extra.version is set
        (".md-version__list{a:1}", (), ""),
    ],
)
def test_trims_what_no_page_can_use(css, used, expected):
    assert theme_css.trim(css, needs(*used)) == expected


def test_keeps_the_version_selector_when_the_site_is_versioned():
    assert theme_css.trim(".md-version{a:1}", needs(versioned=True)) == ".md-version{a:1}"


def test_keeps_only_the_palette_colours_in_use():
    css = (
        "[data-md-color-primary=red]{--c:red}"
        '[data-md-color-primary="indigo"]{--c:indigo}'
        "[data-md-color-accent=indigo]{--a:indigo}"
        "[data-md-color-accent=teal]{--a:teal}"
        "[data-md-color-scheme=slate][data-md-color-primary=pink]{--c:pink}"
        "[data-md-color-scheme=slate]{--bg:black}"
    )
    assert theme_css.trim(css, needs()) == (
        '[data-md-color-primary="indigo"]{--c:indigo}'
        "[data-md-color-accent=indigo]{--a:indigo}"
        "[data-md-color-scheme=slate]{--bg:black}"
    )


def test_drops_icons_nothing_refers_to_any_more():
    css = (
        ':root{--md-tabbed-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");'
        '--md-details-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--keep:1}'
        ".md-typeset .tabbed-set:before{mask-image:var(--md-tabbed-icon)}"
        ".md-typeset details:before{mask-image:var(--md-details-icon)}"
    )
    assert theme_css.trim(css, needs("tabbed-set")) == css
    assert theme_css.trim(css, needs()) == (
        ':root{--md-details-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--keep:1}'
        ".md-typeset details:before{mask-image:var(--md-details-icon)}"
    )


def test_an_icon_the_site_css_uses_stays():
    css = ':root{--md-tag-icon:url("data:x")}'
    assert theme_css.trim(css, needs(), also_used_in=".x{mask:var(--md-tag-icon)}") == css
    assert theme_css.trim(css, needs()) == ":root{}"


def test_unreadable_css_is_an_error_not_a_silent_drop():
    with pytest.raises(ValueError, match="unreadable CSS"):
        theme_css.trim("p{color:red}}", needs())


def test_palette_colours_named_in_the_pages_count_as_used():
    found = theme_css.scan_pages(
        ['<input data-md-color-primary="teal" data-md-color-accent="lime">']
    )
    assert found.colours == {"primary": {"teal"}, "accent": {"lime"}}


def test_scan_pages_reads_every_class_attribute():
    html = ['<div class="a  b"><p class=c>x</p></div>', "<span class='d'></span><i class></i>"]
    assert theme_css.scan_pages(html).classes == {"a", "b", "c", "d"}


def material_stylesheet(name: str) -> Path:
    """Material's own copy of one of its stylesheets."""
    import material

    return Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / name


def test_the_built_site_gets_smaller_stylesheets_and_no_stale_source_maps(built_site):
    stylesheets = built_site / "assets" / "stylesheets"
    for pattern in ("main.*.min.css", "palette.*.min.css"):
        (built,) = stylesheets.glob(pattern)
        original = material_stylesheet(built.name).read_bytes()
        assert len(gzip.compress(built.read_bytes())) < 0.8 * len(gzip.compress(original))
        assert not built.with_name(built.name + ".map").exists()
        assert "sourceMappingURL" not in built.read_text(encoding="utf-8")


def test_a_page_that_starts_using_a_feature_gets_its_styles_back(site_copy, build_site):
    page = site_copy / "docs" / "about.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n!!! danger "Planted"\n\n    A danger admonition.\n',
        encoding="utf-8",
    )
    site = build_site(site_copy / "mkdocs.yml").site_dir
    (main,) = (site / "assets" / "stylesheets").glob("main.*.min.css")
    css = main.read_text(encoding="utf-8")
    assert ".md-typeset .admonition.danger" in css
    assert "--md-admonition-icon--danger:" in css
    assert ".md-typeset .admonition.bug" not in css
