"""For the files left here while other branches change them (test_external_links.py,
test_github.py, test_lint_configs.py): they import `ROOT` and `run` from this module. They
belong in tests/tooling/, importing from `harness`; once moved, delete this folder."""

from harness import ROOT, run

__all__ = ["ROOT", "run"]
