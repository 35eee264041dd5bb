"""Layout faults the outside tester found on the review desk (issue #13), in Chromium.

On the old code: at 375 px the article's History scrolled sideways (623 px wide) and a
reviewer's read-only view of an article was 429 px wide (a long reference URL did not
wrap); at 1280 px the sticky decision bar covered the “Open the preview in a new tab”
link under the review screen's preview.
"""

import pytest

from tests.e2e.conftest import horizontal_scroll
from tests.e2e.staff import Console
from tests.factories import (
    DEFAULT_SOURCE,
    editor_user,
    milnacipran,
    published_article,
    reviewer_user,
    revise,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_URL = DEFAULT_SOURCE | {
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid="
    "84a6fc8d-1c34-4f6c-9f1b-0123456789abcdef0123456789abcdef&audience=consumer"
}


@pytest.fixture
def article():
    """A live article with a long reference URL and a second revision in review."""
    editor = editor_user()
    article = published_article(drug=milnacipran(), author=editor, references=[LONG_URL])
    revise(article, author=editor, lead="A second lead, awaiting review.")
    return article


def test_history_and_the_reviewers_view_fit_a_phone(article, new_page, log_in):
    """At 375 px neither the History nor the reviewer's article view scrolls sideways."""
    page = log_in(new_page(), reviewer_user())
    console = Console(page)
    page.set_viewport_size({"width": 375, "height": 812})
    problems = []
    for path in (f"/admin/medinfo/article/{article.pk}/history/",
                 f"/admin/medinfo/article/{article.pk}/change/"):  # fmt: skip
        assert page.goto(path, wait_until="networkidle").status == 200
        problems += [f"{path} at 375 px: {box}" for box in horizontal_scroll(page)]
    assert problems + console.messages == []


def test_the_decision_bar_leaves_the_preview_link_in_view(article, new_page, log_in):
    """At 1280 px the link under the preview, scrolled into view, is not under the bar."""
    page = log_in(new_page(), reviewer_user())
    page.set_viewport_size({"width": 1280, "height": 800})
    revision = article.revisions.order_by("-number").first()
    page.goto(f"/admin/medinfo/articlerevision/{revision.pk}/review/", wait_until="networkidle")
    link = page.get_by_role("link", name="Open the preview in a new tab")
    for _ in range(2):  # scrolled to from above and from below
        link.scroll_into_view_if_needed()
        covered = link.evaluate(
            """(link) => { const box = link.getBoundingClientRect();
                 const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
                 return top === link || link.contains(top) ? "" : top.outerHTML.slice(0, 80); }"""
        )
        height = page.locator(".medinfo-decision").bounding_box()["height"]
        assert covered == "", height
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
