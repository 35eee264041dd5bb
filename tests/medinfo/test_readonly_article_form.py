"""The article form when its text may not be changed (issue #13, outside tester).

On the old code a pharmacist reviewer (view-only on articles) saw “Lead: None”,
“Body: None” and “Search description: None” on an article's page; and an editor saw
the form of an article in review fully editable, with Save draft / Submit for review
and autosave running, although every save was refused (“Revision 1 is in review and
can no longer be edited”). Now both read the current revision's text read-only, and
the editor reads the editing rule's reason at the top instead of buttons.
"""

import pytest
from django.urls import reverse

from medinfo.models import ArticleAutosave
from tests.admin_forms import change_url, logged_in, page_text, post_article_form
from tests.factories import draft_article, editor_user, reviewer_user, submitted_revision

pytestmark = pytest.mark.django_db

TEXT = {
    "lead": "Milnacipran can help with fibromyalgia.",
    "body": '<p>Take it twice a day.</p><script>alert("x")</script>',
    "search_description": "What milnacipran is used for.",
}
IN_REVIEW = "Revision 1 is in review and can no longer be edited."
BUTTONS = ('name="_continue"', 'name="_submit"')


def autosave_url(article):
    return reverse("admin:medinfo_article_autosave", args=[article.pk])


@pytest.mark.parametrize("state", ["draft", "in review"])
def test_a_reviewer_reads_the_current_text_not_none(state):
    """View-only: the lead, the sanitised body and the search description, never “None”."""
    article = draft_article(**TEXT) if state == "draft" else submitted_revision(**TEXT).article
    response = logged_in(reviewer_user()).get(change_url(article))
    assert response.status_code == 200
    page = page_text(response)
    assert "None" not in page.split('id="content"')[1].split("<footer")[0].replace(
        "<p>None.</p>", ""
    )  # (an empty references list says “None.”)
    for words in (TEXT["lead"], "<p>Take it twice a day.</p>", TEXT["search_description"]):
        assert words in page, words
    assert "<script>alert" not in page
    assert not any(button in page for button in BUTTONS)
    assert 'name="draft_version"' not in page


def test_an_editor_reads_an_article_in_review_read_only():
    """The rule's reason on top; the text read-only; no save buttons; no autosave."""
    owner = editor_user()
    article = submitted_revision(author=owner, **TEXT).article
    page = page_text(logged_in(owner).get(change_url(article)))
    assert IN_REVIEW in page
    assert TEXT["lead"] in page and "<p>Take it twice a day.</p>" in page
    assert not any(button in page for button in BUTTONS)
    for name in ("title", "lead", "body", "search_description", "draft_version", "slug"):
        assert f'name="{name}"' not in page, name
    assert "data-autosave-url" not in page
    assert "references-TOTAL_FORMS" not in page


def test_autosave_refuses_an_article_in_review():
    """A stray autosave of an article in review: 409 with the rule's reason, nothing stored."""
    owner = editor_user()
    article = submitted_revision(author=owner, **TEXT).article
    response = logged_in(owner).post(
        autosave_url(article), {"title": "T", "search_description": "", **TEXT}
    )
    assert response.status_code == 409
    assert IN_REVIEW in response.json()["errors"]["__all__"][0]
    assert not ArticleAutosave.objects.exists()


def test_a_post_to_an_article_in_review_is_still_refused():
    """The rule stays the workflow's: a hand-made post changes nothing and says why."""
    owner = editor_user()
    article = submitted_revision(author=owner, **TEXT).article
    response = post_article_form(owner, article, lead="Changed.", slug="other")
    assert response.status_code == 200
    assert IN_REVIEW in page_text(response)
    article.refresh_from_db()
    assert article.latest_revision.lead == TEXT["lead"] and article.slug == "uses"


def test_a_draft_stays_editable():
    """Control: the owner's draft has its fields, both buttons and autosave."""
    owner = editor_user()
    article = draft_article(author=owner, **TEXT)
    page = page_text(logged_in(owner).get(change_url(article)))
    assert all(button in page for button in BUTTONS)
    assert 'name="lead"' in page and 'name="draft_version"' in page
    assert "data-autosave-url" in page
    assert IN_REVIEW not in page
