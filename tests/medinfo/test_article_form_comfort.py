"""The article form's comfort: slug filled in, one action bar, one History (#13 item 5).

On the old code (f9c34b1) a new article posted without a slug failed with “This
field is required”, the buttons sat only below the ~1,800 px form, and “History”
opened Django's admin log while the form carried a second, collapsed “History”.
"""

import pytest
from django.urls import reverse

from medinfo import workflow
from medinfo.models import Article, ArticleKind
from tests.admin_forms import ARTICLE_ADD_URL, change_url, logged_in, page_text
from tests.factories import (
    ad_manager_user,
    draft_article,
    editor_user,
    milnacipran,
    reviewer_user,
)
from tests.public_site import parse

pytestmark = pytest.mark.django_db


def add_form(**fields):
    """What the add form posts when the editor leaves the slug empty (as it starts)."""
    return {
        "title": "What Is Milnacipran Used For?",
        "lead": "Milnacipran is a medicine for fibromyalgia.",
        "body": "<p>Take it with food.</p>",
        "search_description": "",
        "draft_version": "",
        "kind": ArticleKind.USES,
        "drug": "",
        "condition": "",
        "slug": "",
        "ads_enabled": "on",
        "_continue": "Save draft",
        **fields,
    }


# (kind, title, subject, slug the article gets without one typed)
SLUGS_FILLED_IN = [
    (ArticleKind.USES, "What Is Milnacipran Used For?", "drug", "uses"),
    (ArticleKind.SIDE_EFFECTS, "What Are the Side Effects?", "drug", "side-effects"),
    (ArticleKind.SYMPTOMS, "What Are the Symptoms of Fibromyalgia?", "condition", "symptoms"),
    (
        ArticleKind.GENERAL,
        "Living Well With Fibromyalgia",
        "condition",
        "living-well-with-fibromyalgia",
    ),
    (ArticleKind.SITE_PAGE, "Über MedInfo: Who We Are", None, "uber-medinfo-who-we-are"),
]


@pytest.mark.parametrize(("kind", "title", "subject", "slug"), SLUGS_FILLED_IN)
def test_first_save_without_a_slug_fills_it_in(kind, title, subject, slug):
    """Kinds with a fixed address part take it; general articles and site pages take the title's."""
    drug = milnacipran()
    subject_fields = {
        "drug": {"drug": drug.pk},
        "condition": {"condition": drug.uses.first().condition_id},
        None: {},
    }[subject]
    client = logged_in(editor_user())
    response = client.post(ARTICLE_ADD_URL, add_form(kind=kind, title=title, **subject_fields))
    assert response.status_code == 302, page_text(response)
    article = Article.objects.get()
    assert article.slug == slug
    assert article.latest_revision.title == title


def test_a_typed_slug_is_kept():
    """The editor's own slug wins over the suggestion."""
    drug = milnacipran()
    client = logged_in(editor_user())
    client.post(ARTICLE_ADD_URL, add_form(drug=drug.pk, slug="used-for"))
    assert Article.objects.get().slug == "used-for"


@pytest.mark.parametrize("slug", ["Not a slug!", "ünïcode", "a/b"])
def test_a_bad_slug_is_a_form_error(slug):
    """A slug with spaces, capitals-and-punctuation or other letters is refused on the form."""
    drug = milnacipran()
    response = logged_in(editor_user()).post(ARTICLE_ADD_URL, add_form(drug=drug.pk, slug=slug))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_a_title_with_no_letters_asks_for_a_slug():
    """A site page whose title gives no slug says so on the slug field instead of failing."""
    response = logged_in(editor_user()).post(
        ARTICLE_ADD_URL, add_form(kind=ArticleKind.SITE_PAGE, title="???")
    )
    assert response.status_code == 200
    assert "Enter a slug" in str(response.context["adminform"].form.errors["slug"])


def test_the_add_form_tells_the_script_which_kinds_take_the_title():
    """The slug input carries the kinds whose slug follows the title (one list, in forms.py)."""
    page = parse(logged_in(editor_user()).get(ARTICLE_ADD_URL))
    slug = page.find("input", id="id_slug")
    assert slug.attrs["data-title-kinds"] == "general site-page"
    assert "required" not in slug.attrs


def test_one_action_bar_at_the_top_of_the_form():
    """Save draft and Submit for review appear once, in the bar before the first field."""
    article = draft_article(author=editor_user())
    response = logged_in(article.latest_revision.author).get(change_url(article))
    page = parse(response)
    assert len(page.find_all(class_="medinfo-actions")) == 1
    assert len(page.find_all("input", name="_continue")) == 1
    assert len(page.find_all("input", name="_submit")) == 1
    html = response.content.decode()
    assert html.index("medinfo-actions") < html.index('name="title"')


def test_history_is_the_workflows_with_the_admin_log_linked():
    """The History link shows revisions and the review log, and links Django's log from there."""
    editor, reviewer = editor_user(), reviewer_user()
    article = draft_article(author=editor)
    workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    workflow.request_changes(
        revision=article.latest_revision, reviewer_user=reviewer, comment="Name the dose."
    )
    client = logged_in(editor)
    form = parse(client.get(change_url(article)))
    history_links = [a.attrs["href"] for a in form.find_all("a") if a.text == "History"]
    assert history_links == [reverse("admin:medinfo_article_history", args=[article.pk])]
    assert not [h for h in form.find_all("h2") if h.text == "History"]
    history = page_text(client.get(history_links[0]))
    assert "Revisions" in history and "Review log" in history
    assert "“Name the dose.”" in history and "in review → changes requested" in history
    log_url = reverse("admin:medinfo_article_change_log", args=[article.pk])
    assert log_url in history
    assert client.get(log_url).status_code == 200


def test_history_is_refused_to_staff_without_article_rights():
    """An ad manager cannot read an article's history."""
    article = draft_article(author=editor_user())
    url = reverse("admin:medinfo_article_history", args=[article.pk])
    assert logged_in(ad_manager_user()).get(url).status_code == 403
