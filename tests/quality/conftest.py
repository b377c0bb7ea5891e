"""For test_external_links.py, left here while another branch changes it: it takes
`open_site_page` and imports `page_id` from this module. It belongs in tests/browser/,
using `open_page` and importing from `harness`; once moved, delete this folder."""

import pytest
from harness import page_id

__all__ = ["page_id"]


@pytest.fixture
def open_site_page(open_page):
    return open_page
