"""The review desk on the admin index: each person's queues, one click from the work (issue #13).

Every test here failed on the code before the desk: the index had only four counts
in a sidebar ("Editorial queue"), none of them an editor's own work.
"""

import datetime
from unittest import mock

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from medinfo import workflow
from medinfo.models import Article
from tests.admin_forms import logged_in
from tests.factories import (
    ad_manager_user,
    draft_article,
    editor_and_reviewer,
    editor_user,
    fact_editing_reviewer,
    milnacipran,
    published_article,
    reviewer_user,
    revise,
)

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("admin:index")
CHANGELIST_URL = reverse("admin:medinfo_article_changelist")
AWAITING = "Awaiting your review"
CHANGES_REQUESTED = "Changes requested on your articles"
DRAFTS = "Your drafts"
SUBMISSIONS = "Your submissions"
OVERDUE = "Reviews overdue"
FACTS_CHANGED = "Facts changed since review"
SHOWN = 5  # articles a list shows before "see all" (medinfo.desk.SHOWN)


def _text(element):
    return " ".join(element.text_content().split())


def read_desk(client):
    """{heading: list} of the desk on the admin index, as a reader finds it."""
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content.decode())
    desk = {}
    for section in page.xpath("//section[contains(@class, 'desk-list')]"):
        heading = section.xpath("h3")[0]
        items = [
            {
                "title": _text(item.xpath(".//a[contains(@class, 'desk-title')]")[0]),
                "url": item.xpath(".//a[contains(@class, 'desk-title')]/@href")[0],
                "actions": {_text(a): a.get("href") for a in item.xpath(".//a[contains(@class, 'desk-action')]")},
                "text": _text(item),
            }
            for item in section.xpath(".//ul[contains(@class, 'desk-items')]/li")
        ]  # fmt: skip
        see_all = section.xpath(".//p[contains(@class, 'desk-see-all')]/a/@href")
        empty = section.xpath(".//p[contains(@class, 'desk-empty')]")
        desk[_text(heading).rsplit(" ", 1)[0]] = {
            "count": int(heading.xpath(".//span[@class='desk-count']")[0].text),
            "items": items,
            "titles": [item["title"] for item in items],
            "see_all": see_all[0] if see_all else None,
            "empty": _text(empty[0]) if empty else None,
        }
    return desk


def submit(article, submitter):
    return workflow.submit_revision(revision=article.latest_revision, submitter=submitter)


@pytest.fixture
def newsroom():
    """Two editors and two pharmacists, with articles in every state of the workflow."""
    people = {
        "editor": editor_user(),
        "colleague": editor_user(),
        # A pharmacist who writes articles too, as Editors and Pharmacist reviewers.
        "pharmacist": editor_and_reviewer(),
        "other pharmacist": reviewer_user(),
    }
    editor, colleague, pharmacist = people["editor"], people["colleague"], people["pharmacist"]
    draft_article(author=editor, title="Editor's draft?")
    draft_article(author=colleague, title="Colleague's draft?")
    submit(draft_article(author=editor, title="Editor's submission?"), editor)
    submit(draft_article(author=pharmacist, title="Pharmacist's own submission?"), pharmacist)
    sent_back = submit(draft_article(author=editor, title="Sent back?"), editor)
    workflow.request_changes(
        revision=sent_back, reviewer_user=people["other pharmacist"], comment="Cite the label."
    )
    return people


def test_pharmacist_desk_opens_with_what_awaits_their_review(newsroom):
    """A pharmacist's desk starts with colleagues' submissions, each with a Review link."""
    desk = read_desk(logged_in(newsroom["pharmacist"]))
    assert next(iter(desk)) == AWAITING
    awaiting = desk[AWAITING]
    assert awaiting["count"] == 1
    assert awaiting["titles"] == ["Editor's submission?"]
    assert "by " + newsroom["editor"].username in awaiting["items"][0]["text"]


def test_review_link_opens_the_review_screen_of_the_revision_in_review(newsroom):
    """“Review” goes straight to the review screen, where the decision buttons are."""
    pharmacist = logged_in(newsroom["pharmacist"])
    item = read_desk(pharmacist)[AWAITING]["items"][0]
    response = pharmacist.get(item["actions"]["Review"])
    assert response.status_code == 200
    assert response.context["revision"].title == "Editor's submission?"
    assert response.context["can_decide"]


def test_nobody_is_asked_to_review_their_own_work(newsroom):
    """Four eyes: the pharmacist's own submission is not awaiting their review."""
    desk = read_desk(logged_in(newsroom["pharmacist"]))
    assert "Pharmacist's own submission?" not in desk[AWAITING]["titles"]
    assert desk[SUBMISSIONS]["titles"] == ["Pharmacist's own submission?"]


def test_editor_desk_shows_their_own_work_first(newsroom):
    """An editor sees their articles sent back, drafts and submissions; nothing to review."""
    desk = read_desk(logged_in(newsroom["editor"]))
    assert list(desk)[:3] == [CHANGES_REQUESTED, DRAFTS, SUBMISSIONS]
    assert AWAITING not in desk
    assert desk[CHANGES_REQUESTED]["titles"] == ["Sent back?"]
    assert "Cite the label." in desk[CHANGES_REQUESTED]["items"][0]["text"]
    assert desk[DRAFTS]["titles"] == ["Editor's draft?"]
    assert desk[SUBMISSIONS]["titles"] == ["Editor's submission?"]


def test_drafts_open_the_article_form_that_submits_them(newsroom):
    """A draft on the desk opens its article form, which offers “Submit for review”."""
    editor = logged_in(newsroom["editor"])
    item = read_desk(editor)[DRAFTS]["items"][0]
    response = editor.get(item["url"])
    assert response.status_code == 200
    assert 'name="_submit"' in response.content.decode()


def test_empty_lists_say_so(newsroom):
    """A list with nothing in it says so in a few words, without a “see all” link."""
    desk = read_desk(logged_in(newsroom["colleague"]))
    assert desk[SUBMISSIONS] == {**desk[SUBMISSIONS], "count": 0, "items": [], "see_all": None}
    assert desk[SUBMISSIONS]["empty"] == "Nothing of yours is in review."
    assert desk[OVERDUE]["empty"] == "No review is overdue."


def test_pharmacist_without_writing_sees_no_empty_writing_lists():
    """A pharmacist who has written nothing is not shown three empty lists of their own work."""
    desk = read_desk(logged_in(reviewer_user()))
    assert list(desk) == [AWAITING, OVERDUE, FACTS_CHANGED]


def test_ad_managers_have_no_desk():
    """People outside the editorial work see the model lists only."""
    assert read_desk(logged_in(ad_manager_user())) == {}


def test_model_lists_stay_below_the_desk(newsroom):
    """The admin's app and model lists still follow the desk."""
    text = logged_in(newsroom["editor"]).get(INDEX_URL).content.decode()
    assert text.index('id="desk"') < text.index('class="app-medinfo module')


def test_lists_show_a_few_articles_and_count_them_all():
    """Long lists show the first few articles; the count and “see all” cover the rest."""
    editor = editor_user()
    for number in range(SHOWN + 2):
        draft_article(author=editor, title=f"Draft {number}?")
    drafts = read_desk(logged_in(editor))[DRAFTS]
    assert drafts["count"] == SHOWN + 2
    assert len(drafts["items"]) == SHOWN


# One definition each: a list on the desk and its "see all" changelist hold the same articles.


def changelist_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return sorted(article.latest_revision.title for article in response.context["cl"].result_list)


@pytest.fixture
def everything(newsroom):
    """The newsroom plus an overdue review and a live article whose facts changed."""
    long_ago = timezone.now() - datetime.timedelta(days=800)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        published_article(title="Reviewed long ago?")
    changed = published_article(drug=milnacipran(), title="Facts changed?")
    # As the facts watchers flag it after a drug edit (tested in test_facts).
    Article.objects.filter(pk=changed.pk).update(facts_changed=True)
    newsroom["both"] = editor_and_reviewer()
    return newsroom


@pytest.mark.parametrize("who", ["editor", "colleague", "pharmacist", "other pharmacist", "both"])
def test_see_all_lists_exactly_the_desks_articles(everything, who):
    """For every list on every desk, “see all” opens a changelist of the same articles."""
    client = logged_in(everything[who])
    desk = read_desk(client)
    assert desk
    for heading, shown in desk.items():
        if shown["count"] == 0:
            continue
        listed = changelist_titles(client, shown["see_all"])
        assert len(listed) == shown["count"], heading
        assert set(shown["titles"]) <= set(listed), heading


def test_overdue_and_changed_facts_reach_both_roles(everything):
    """Editors and pharmacists alike see the overdue review and the article whose facts changed."""
    for who in ("editor", "pharmacist"):
        desk = read_desk(logged_in(everything[who]))
        assert desk[OVERDUE]["titles"] == ["Reviewed long ago?"], who
        assert desk[FACTS_CHANGED]["titles"] == ["Facts changed?"], who


# Four eyes on facts, and the cost of the index --------------------------------------


def fact_edit_in_review(pharmacist, count, drug):
    """``count`` live articles on ``drug`` in review again after ``pharmacist`` changed the drug."""
    articles = [published_article(drug=drug, slug=f"article-{n}") for n in range(count)]
    drug.official_name = "milnacipran HCl"
    drug._history_user = pharmacist
    drug.save()
    for article in articles:
        revise(article, author=editor_user())
    return articles


def test_awaiting_leaves_out_revisions_that_publish_my_fact_change():
    """A pharmacist who changed a drug is not asked to review the revisions that publish it."""
    pharmacist = fact_editing_reviewer()
    fact_edit_in_review(pharmacist, 2, milnacipran())
    other = published_article(title="Elsewhere?")
    revise(other, author=editor_user())
    desk = read_desk(logged_in(pharmacist))
    assert desk[AWAITING]["titles"] == ["Elsewhere?"]


def count_index_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX_URL).status_code == 200
    return len(queries)


def add_work(editor, pharmacist, start, stop, drug):
    """Articles in every state, numbered ``start`` to ``stop``."""
    for n in range(start, stop):
        draft_article(author=editor, drug=drug, slug=f"draft-{n}", title=f"Draft {n}?")
        submit(draft_article(author=editor, drug=drug, slug=f"in-review-{n}"), editor)
        sent_back = submit(draft_article(author=editor, drug=drug, slug=f"sent-back-{n}"), editor)
        workflow.request_changes(revision=sent_back, reviewer_user=pharmacist, comment="Again.")
        live = published_article(drug=drug, slug=f"live-{n}")
        revise(live, author=editor)


@pytest.mark.parametrize("who", ["editor", "pharmacist", "fact-editing pharmacist"])
def test_index_queries_do_not_grow_with_articles(django_assert_max_num_queries, who):
    """The index costs the same queries with 30 articles in each state as with 3.

    The fact-editing pharmacist's "awaiting your review" used to cost queries for
    every revision in review (four eyes on facts, one revision at a time).
    """
    drug, editor, other_pharmacist = milnacipran(), editor_user(), reviewer_user()
    person = {"editor": editor, "pharmacist": reviewer_user()}.get(who) or fact_editing_reviewer()
    if who == "fact-editing pharmacist":  # new articles' first revisions will publish this
        drug.summary = "Changed by the person looking."
        drug._history_user = person
        drug.save()
    add_work(editor, other_pharmacist, 0, 3, drug)
    client = logged_in(person)
    client.get(INDEX_URL)  # warm per-process caches (content types, permissions)
    few = count_index_queries(client)
    add_work(editor, other_pharmacist, 3, 30, drug)
    with django_assert_max_num_queries(few):
        assert client.get(INDEX_URL).status_code == 200
