"""The search page in Chromium: whatever was typed, the page fits the window."""

from urllib.parse import quote

import pytest

from tests.e2e.conftest import horizontal_scroll
from tests.public_site import publish_milnacipran_uses

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_QUERIES = {
    "one long word": "a" * 200,
    "an address": "https://example.com/" + "b" * 180,
}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("typed", LONG_QUERIES.values(), ids=LONG_QUERIES.keys())
def test_a_long_query_shown_back_never_widens_the_page(page, width, typed):
    """The heading and the "too common" message wrap a query with no spaces.

    Failed before (outside attack): 200 letters made the page 4,649 px wide at 1280 px.
    """
    publish_milnacipran_uses()
    page.set_viewport_size({"width": width, "height": 800})
    assert page.goto(f"/search/?q={quote(typed)}").status == 200
    assert typed in page.locator("h1").inner_text()
    assert horizontal_scroll(page) == []
