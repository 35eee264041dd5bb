import pytest

from medinfo import workflow
from tests.factories import editor_user, milnacipran, published_article, reviewer_user

pytestmark = pytest.mark.django_db


def test_published_article_page_shows_approved_text_and_reviewer(client):
    """The public article page shows the approved title, the facts and the reviewer byline."""
    reviewer = reviewer_user(display_name="Kristi Monson", slug="kristi-monson")
    article = published_article(drug=milnacipran(), reviewer=reviewer, title="What Is Milnacipran Used For?")
    response = client.get("/drugs/milnacipran/uses/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What Is Milnacipran Used For?" in html
    assert "Last reviewed by: <a" in html and "Kristi Monson, PharmD" in html
    assert "Savella®" in html and "Morning stiffness" in html
    assert article.get_absolute_url() == "/drugs/milnacipran/uses/"


def test_draft_edit_of_live_article_stays_private(client):
    """Editing a live article leaves the public page on the approved text."""
    editor = editor_user()
    article = published_article(author=editor, drug=milnacipran(), body="<p>Approved words.</p>")
    draft = workflow.start_revision(article=article, author=editor)
    workflow.save_draft(revision=draft, editor=editor, expected_version=draft.version,
                        title="New", lead="New lead", body="<p>Secret draft words.</p>")  # fmt: skip
    html = client.get("/drugs/milnacipran/uses/").content.decode()
    assert "Approved words." in html and "Secret draft words." not in html
