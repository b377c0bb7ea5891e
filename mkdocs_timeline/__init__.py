"""MkDocs plugin that renders a validated YAML timeline at build time."""
