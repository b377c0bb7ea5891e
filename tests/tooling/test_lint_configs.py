"""The lint configs accept MkDocs/Material syntax, and still catch real mistakes by file and line."""

from __future__ import annotations

import importlib.util
import tomllib

from harness import ROOT, run

LINT = ROOT / "scripts" / "lint"

# Everything the site's Markdown may use: front matter, admonitions (`!!!`, `???`), attribute
# lists, images with attributes, grid cards (`<div markdown>`), definition lists, footnotes,
# tables, abbreviations and fenced code next to an admonition.
MATERIAL_PAGE = """\
---
title: A page using every MkDocs and Material feature
description: For the Markdown lint test.
---

# A page using every feature

!!! note "A note"

    An admonition's text is indented by four spaces, with a [link](about.md).

    - a list inside it

??? info "A collapsed block"

    More text.

## A heading with its own id { #custom-id }

A paragraph with an attribute list.
{ .lead }

![Alt text that says what the image shows](img/example.png){ width="300" loading=lazy }

<div class="grid cards" markdown>

- **A card title**

    The card's text.

- **[A card that links](about.md)**

    More text.

</div>

<figure markdown>
  ![A captioned image](img/example.png)
  <figcaption>The caption.</figcaption>
</figure>

Rome Statute
:   The treaty that created the Court, adopted on 17 July 1998.

A statement with a footnote.[^1]

| Date | Event |
| ---- | ----- |
| 17 July 1998 | Rome Statute adopted |

```yaml
id: rome-statute-adopted
```

The ICC sits in The Hague; the Khmer Rouge and jus cogens are spelled right.

[^1]: The footnote, with its source.

*[ICC]: International Criminal Court
"""


def test_material_syntax_passes_markdown_lint(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(MATERIAL_PAGE, encoding="utf-8")
    result = run(LINT, "markdown", page)
    assert result.returncode == 0, result
    assert "Markdown OK" in result.output, result


def test_markdown_lint_names_file_line_and_rule(tmp_path):
    page = tmp_path / "page.md"
    # A heading that skips a level (MD001) and a second top-level heading (MD025).
    page.write_text(
        MATERIAL_PAGE.replace("## A heading with its own id", "#### Skipped levels")
        + "\n# A second title\n",
        encoding="utf-8",
    )
    result = run(LINT, "markdown", page)
    assert result.returncode == 1, result
    lines = page.read_text(encoding="utf-8").splitlines()
    skipped = lines.index("#### Skipped levels { #custom-id }") + 1
    second = lines.index("# A second title") + 1
    assert f"{page}:{skipped}:1: MD001" in result.output, result
    assert f"{page}:{second}:1: MD025" in result.output, result
    assert "https://pymarkdown.readthedocs.io" in result.output, result


def test_snippets_in_includes_need_no_heading():
    result = run(LINT, "markdown", "includes/abbreviations.md", cwd=ROOT)
    assert result.returncode == 0, result


def test_yaml_lint_accepts_env_tags_and_names_mistakes(tmp_path):
    good = run(LINT, "yaml", "mkdocs.yml")
    assert good.returncode == 0, good  # mkdocs.yml uses !ENV tags
    bad = tmp_path / "timeline.yml"
    bad.write_text("events:\n  - id: a\n    id: b\n    title:   x\n", encoding="utf-8")
    result = run(LINT, "yaml", bad)
    assert result.returncode == 1, result
    assert (
        f'{bad}:3:5: [error] duplication of key "id" in mapping (key-duplicates)' in result.output
    ), result
    assert f"{bad}:4:13: [error] too many spaces after colon (colons)" in result.output, result


def test_spelling_names_the_word_and_keeps_the_word_list(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\nThe Khmer Rouge; jus cogens.\n\nThe Court will recieve it.\n", encoding="utf-8"
    )
    result = run(LINT, "spelling", page)
    assert result.returncode == 1, result
    assert f"{page}:5: recieve ==> receive" in result.output, result
    assert "Rouge" not in result.output and "jus" not in result.output, result
    assert ".codespell-words.txt" in result.output, result


def test_every_disabled_rule_is_explained():
    """Each rule switched off in a lint config has a comment right above it."""
    config = (ROOT / ".pymarkdown.json").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(config):
        if '"enabled": false' in line and '"md' in line:
            assert config[n - 1].strip().startswith("//"), (
                f".pymarkdown.json:{n + 1} has no comment"
            )
    yamllint = (ROOT / ".yamllint.yml").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(yamllint):
        if line.strip().endswith(": disable"):
            assert yamllint[n - 1].strip().startswith("#"), f".yamllint.yml:{n + 1} has no comment"
    words = (ROOT / ".codespell-words.txt").read_text(encoding="utf-8").split()
    rc = (ROOT / ".codespellrc").read_text(encoding="utf-8")
    for word in words:
        assert f"#   {word} " in rc, (
            f"{word!r} is in .codespell-words.txt without a reason in .codespellrc"
        )


# ---- Python, shell scripts and HTML ---------------------------------------------------------


def test_python_lint_names_file_line_and_rule(tmp_path):
    source = tmp_path / "planted.py"
    source.write_text('import os\n\n\ndef greet(name):\n    return "hi "+name\n', encoding="utf-8")
    result = run(LINT, "python", source)
    assert result.returncode == 1, result
    assert f"{source}:1:8: F401" in result.output, result  # `os` imported but not used
    assert "not formatted as ruff formats them" in result.output, result
    assert '+    return "hi " + name' in result.output, result  # the diff of the fix


def test_every_python_script_is_linted():
    """An extension-less Python script in scripts/ must be in ruff's extend-include."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = set(config["tool"]["ruff"]["extend-include"])
    for path in sorted((ROOT / "scripts").iterdir()):
        if path.is_file() and not path.suffix:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            if "python" in first:
                assert f"scripts/{path.name}" in included, f"{path} is not linted by ruff"


def test_types_are_strict(tmp_path):
    """mypy with the project's settings rejects a function without annotations."""
    source = tmp_path / "untyped.py"
    # The first line makes each run's file new to mypy's cache, which would otherwise repeat
    # what it found in an earlier run's file of the same name, under that file's path.
    source.write_text(f"# {tmp_path}\ndef double(x):\n    return x * 2\n", encoding="utf-8")
    result = run(ROOT / ".venv" / "bin" / "mypy", "--config-file", ROOT / "pyproject.toml", source)
    assert result.returncode == 1, result
    assert f"{source}:2: error: Function is missing a type annotation" in result.output, result


def test_the_plugin_ships_its_types():
    assert (ROOT / "mkdocs_timeline" / "py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["mkdocs_timeline"]


def test_shell_lint_names_file_line_and_code(tmp_path):
    script = tmp_path / "planted"
    script.write_text("#!/usr/bin/env bash\nfolder=$1\nrm -rf $folder/build\n", encoding="utf-8")
    result = run(LINT, "shell", script)
    assert result.returncode == 1, result
    assert f"In {script} line 3:" in result.output and "SC2086" in result.output, result


def test_html_check_names_page_line_and_error(tmp_path):
    site = tmp_path / "site"
    (site / "about").mkdir(parents=True)
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page</title></head>'
    (site / "index.html").write_text(f"{head}<body><p>Valid.</p></body></html>", "utf-8")
    (site / "about" / "index.html").write_text(
        f'{head}<body>\n<p>An image:</p>\n<img src="a.png">\n</body></html>', "utf-8"
    )
    result = run(LINT, "html", site)
    assert result.returncode == 1, result
    # Pages are named by their address in the site, with the HTML line and column.
    assert "\nabout/index.html:3.1-3.17: error: An “img” element must have an “alt”" in (
        result.output
    ), result
    assert "\nindex.html:" not in result.output, result  # the valid page
    # (that the real site passes is a step of ./scripts/check)


# Material's markup, as its base.html and partials/nav-item.html write it.
MATERIAL_MARKUP = """\
<body dir="ltr">
    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
    <label class="md-overlay" for="__drawer"></label>
    <form class="md-search__form" name="search">
      <input type="text" class="md-search__input" name="query" autocomplete="off" required>
    </form>
    <label class="md-nav__link" for="__nav_7" id="__nav_7_label" tabindex="">
    <label class="md-nav__link" for="__nav_8" id="__nav_8_label" tabindex="0">
</body>"""


def test_valid_html_hook_keeps_what_material_meant():
    spec = importlib.util.spec_from_file_location("valid_html", ROOT / "hooks" / "valid_html.py")
    valid_html = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(valid_html)
    fixed = valid_html.make_valid(MATERIAL_MARKUP)
    form = valid_html.TOGGLE_FORM
    # The toggles keep their place (Material's CSS selects what follows them) and get their
    # autocomplete="off" from the form they now belong to.
    assert fixed.count(f'<form id="{form}" autocomplete="off" hidden></form>') == 1
    assert fixed.index(f'<form id="{form}"') < fixed.index('id="__drawer"')
    assert f'id="__drawer" form="{form}">\n    <input' in fixed
    assert f'id="__search" form="{form}">\n    <label class="md-overlay"' in fixed
    assert 'type="checkbox" id="__drawer" autocomplete' not in fixed
    # The search box's own autocomplete="off" is valid and stays; so does a real tabindex.
    assert 'name="query" autocomplete="off" required' in fixed
    assert 'id="__nav_7_label">' in fixed and 'id="__nav_8_label" tabindex="0">' in fixed
    assert valid_html.make_valid(fixed) == fixed, "running twice changes nothing"
