"""Adding an article in the admin: ``workflow.create_article`` saves the form's own article.

Before #11 the admin created a second ``Article`` through the workflow and copied its
key into the form's object by patching ``_state``; these tests hold what a user sees.
"""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry

from medinfo import workflow
from medinfo.models import Article, ReviewEvent, RevisionStatus
from tests.admin_forms import ARTICLE_ADD_URL, article_form, change_url, logged_in
from tests.factories import draft_article, editor_user, milnacipran

pytestmark = pytest.mark.django_db

State = ReviewEvent.State


@pytest.fixture
def added():
    """An editor adds an article with ads off and one related article, pressing “Save and continue”."""
    drug, editor = milnacipran(), editor_user()
    related = draft_article(drug=drug, slug="side-effects")
    form = article_form(drug=drug, title="What Is It Used For?", lead="A lead.", _continue="1")
    del form["ads_enabled"]
    response = logged_in(editor).post(ARTICLE_ADD_URL, {**form, "related_articles": [related.pk]})
    article = Article.objects.get(drug=drug, slug="uses")
    return {"response": response, "article": article, "editor": editor, "related": related}


def test_added_article_redirects_to_its_own_change_form(added):
    """“Save and continue” opens the new article's change form."""
    assert added["response"].status_code == 302
    assert added["response"].url == change_url(added["article"])


def test_added_article_is_in_the_admin_log(added):
    """The admin's history records the addition against the new article."""
    entry = LogEntry.objects.get(action_flag=ADDITION, object_id=str(added["article"].pk))
    assert entry.user == added["editor"]
    assert entry.object_repr == str(added["article"])


def test_added_article_has_a_first_draft_logged(added):
    """The workflow created revision 1, a draft by the editor, and logged it."""
    article, editor = added["article"], added["editor"]
    first = article.latest_revision
    assert (first.number, first.status, first.author, first.title) == (
        1, RevisionStatus.DRAFT, editor, "What Is It Used For?"
    )  # fmt: skip
    events = article.events.values_list("from_state", "to_state", "actor")
    assert list(events) == [(State.NONE, State.DRAFT, editor.pk)]


def test_added_article_keeps_the_forms_page_settings(added):
    """“Show ads” off and the related article chosen on the add form are stored."""
    article = added["article"]
    assert article.ads_enabled is False
    assert list(article.related_articles.all()) == [added["related"]]


def test_create_article_refuses_an_article_saved_already():
    """Only a new article gets a first revision; a saved one is a programming error."""
    article = draft_article(drug=milnacipran())
    with pytest.raises(TypeError, match="unsaved article"):
        workflow.create_article(author=editor_user(), article=article, title="T?", lead="L.")
