"""The lint configs accept MkDocs/Material syntax, and still catch real mistakes by file and line."""

from __future__ import annotations

from .conftest import ROOT, run

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
