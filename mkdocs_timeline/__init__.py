"""MkDocs plugin that renders a validated YAML timeline at build time."""

# The package's version, read by pyproject.toml ([tool.setuptools.dynamic]); CHANGELOG.md
# says what each version changed.
__version__ = "0.1.0"
