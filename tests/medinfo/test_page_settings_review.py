"""“Show ads” and “Related articles” are page settings a pharmacist approves with the revision.

Failed on the old code: saving the article form of a live article changed its
public page within seconds (related articles listed, ad slots gone) without any
review; the snapshot held neither setting, so the reviewer never saw them.
"""

import html

import pytest
from django.core.cache import cache
from django.utils import timezone

from medinfo import workflow
from medinfo.facts import SCHEMA_VERSION, capture_facts, facts_differences, load_facts
from medinfo.models import Article, ArticleKind, ArticleRevision, RevisionStatus
from tests.admin_forms import change_url, logged_in, review_url
from tests.factories import change_form_data, editor_user, reviewer_user
from tests.public_site import committed, parse, publish, publish_milnacipran_uses

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/drugs/milnacipran/uses/"
RELATED_TITLE = "What Is Fibromyalgia?"


@pytest.fixture
def site():
    """The live milnacipran uses article (ads on, nothing related) and a live article to link."""
    article = publish_milnacipran_uses()
    other = publish(
        condition=article.drug.uses.first().condition,
        kind=ArticleKind.SYMPTOMS,
        slug="symptoms",
        title=RELATED_TITLE,
    )
    return {"article": article, "other": other}


def public_page(client):
    """The public page as a visitor gets it once every cached fragment has expired."""
    cache.clear()
    response = client.get(ARTICLE_URL)
    assert response.status_code == 200
    asides = parse(response).find_all("aside", class_="related")
    return {
        "ads": b"ads/ads.js" in response.content,
        "related": [link.text for aside in asides for link in aside.find_all("a")],
    }


def edit_page_settings(editor, article, related, button):
    """Post the article's change form with ads unticked and ``related`` linked."""
    url = change_url(article)
    data = change_form_data(editor, url)
    data.pop("ads_enabled", None)
    data["related_articles"] = [str(other.pk) for other in related]
    with committed():
        response = editor.post(url, {**data, button: "1"})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_page_settings_wait_for_approval(client, site):
    """Saved: the page is unchanged; submitted: the diff shows them; approved: the page changes."""
    article, other = site["article"], site["other"]
    editor = logged_in(editor_user())
    assert public_page(client) == {"ads": True, "related": []}

    edit_page_settings(editor, article, [other], "_save")
    assert public_page(client) == {"ads": True, "related": []}
    article.refresh_from_db()
    assert article.facts_changed is True
    report = html.unescape(editor.get(change_url(article)).content.decode())
    assert "Changes pending review" in report and "+ Page › show ads: no" in report

    edit_page_settings(editor, article, [other], "_submit")
    article.refresh_from_db()
    revision = article.latest_revision
    assert revision.status == RevisionStatus.IN_REVIEW
    assert public_page(client) == {"ads": True, "related": []}
    reviewer = logged_in(reviewer_user())
    screen = html.unescape(reviewer.get(review_url(revision)).content.decode())
    assert "- Page › show ads: yes" in screen and "+ Page › show ads: no" in screen
    assert f"+ Page › related article “{RELATED_TITLE}” › address: /conditions/" in screen

    with committed():
        decided = reviewer.post(review_url(revision), {"comment": "", "_approve": "1"})
    assert decided.status_code == 302
    assert public_page(client) == {"ads": False, "related": [RELATED_TITLE]}
    article.refresh_from_db()
    assert article.facts_changed is False


def test_related_articles_show_with_their_own_live_titles_and_only_while_live(client, site):
    """An approved related article shows its current live title, and disappears when unpublished."""
    from tests.public_site import republish, unpublish

    article, other = site["article"], site["other"]
    article.related_articles.add(other)
    republish(article)
    republish(other, title="What Are the Signs of Fibromyalgia?")
    assert public_page(client)["related"] == ["What Are the Signs of Fibromyalgia?"]
    unpublish(other)
    assert public_page(client)["related"] == []


def test_version_2_snapshot_keeps_the_page_as_it_was(client, site):
    """A live revision stored before page settings were captured shows the article's own settings."""
    article, other = site["article"], site["other"]
    editor = editor_user()
    Article.objects.filter(pk=article.pk).update(ads_enabled=False)
    article.refresh_from_db()
    article.related_articles.add(other)
    v2 = {**capture_facts(article), "schema_version": 2}
    del v2["page"]
    # As an older release stored it: a draft's facts are writable, then it moves on as submitting does.
    draft = workflow.start_revision(article=article, author=editor)
    ArticleRevision.objects.filter(pk=draft.pk).update(facts=v2)
    ArticleRevision.objects.filter(pk=draft.pk).update(
        status=RevisionStatus.IN_REVIEW, submitted_at=timezone.now()
    )
    with committed():
        workflow.approve_revision(
            revision=ArticleRevision.objects.get(pk=draft.pk), reviewer_user=reviewer_user()
        )
    article.refresh_from_db()
    assert "page" not in article.live_revision.facts and article.facts_changed is False
    assert public_page(client) == {"ads": False, "related": [RELATED_TITLE]}
    assert facts_differences(v2, capture_facts(article), article=article) == []
    assert load_facts(v2).page.show_ads is True  # without the article: the defaults
    assert capture_facts(article)["schema_version"] == SCHEMA_VERSION == 4


def test_unpublished_article_leaves_pages_that_list_it_as_approved(client, site):
    """X dropped from A's form but not yet approved: unpublishing X still refreshes A's cached page."""
    from tests.public_site import republish, unpublish

    article, other = site["article"], site["other"]
    article.related_articles.add(other)
    republish(article)
    assert client.get(ARTICLE_URL).status_code == 200  # cached with the link to X
    edit_related = logged_in(editor_user())
    edit_page_settings(edit_related, article, [], "_save")
    unpublish(other)
    asides = parse(client.get(ARTICLE_URL)).find_all("aside", class_="related")
    assert asides == []


def test_first_publication_shows_its_page_settings_in_the_diff(site):
    """An article's first review lists its related articles and ads switch as added.

    Failed before an empty "nothing published" snapshot stopped taking the article's
    own page settings: both sides then matched and the diff hid the related link
    that approval would publish.
    """
    article = site["article"]
    draft = Article.objects.create(kind=ArticleKind.DOSAGE, slug="dosage", drug=article.drug)
    draft.related_articles.add(site["other"])
    changes = facts_differences({}, capture_facts(draft), article=draft)
    assert ("+", "Page › show ads: yes") in changes
    assert any(
        sign == "+" and line.startswith(f"Page › related article “{RELATED_TITLE}”")
        for sign, line in changes
    )
