"""The article form and the review screen offer only what the person may do, and do it plainly.

On the old code (82195ae): a superuser without a reviewer profile and a reviewer
whose profile is inactive were shown “Unpublish…”, which answered 403; “Submit for
review” on an article sent back with unchanged text ended in “Only a draft can be
submitted”; and a 100,000-character unpublish reason or decision comment was stored.
Those tests failed there; the guards for editors and active reviewers, for the
buttons and for submitting changed text passed.
"""

import html

import pytest
from django.urls import reverse

from medinfo import workflow
from medinfo.models import RevisionStatus
from tests.admin_forms import change_url, form_data, logged_in, review_url
from tests.factories import (
    ReviewerFactory,
    UserFactory,
    editor_user,
    milnacipran,
    published_article,
    reviewer_user,
    revise,
)
from tests.public_site import parse

pytestmark = pytest.mark.django_db

ROLES = {
    "editor": lambda: editor_user(),
    "reviewer": lambda: reviewer_user(),
    "superuser without profile": lambda: UserFactory(username="admin", is_superuser=True),
    "reviewer with inactive profile": lambda: ReviewerFactory(is_active=False).user,
}
TOO_LONG = "x" * 100_000


def live_article_in_review():
    """A live article whose next revision waits for review."""
    editor = editor_user()
    article = published_article(author=editor, drug=milnacipran(), title="What Is It?",
                                lead="A lead.")  # fmt: skip
    revise(article, author=editor)
    article.refresh_from_db()
    return article


def offered_links(response):
    """Every same-site link in the page's content (not the admin's header and menu)."""
    content = parse(response).find("div", id="content")
    hrefs = {link.attrs.get("href", "") for link in content.find_all("a")}
    return sorted(html.unescape(href) for href in hrefs if href.startswith("/"))


def offered_buttons(response):
    """(form action, button name) of every submit button in the page's content."""
    content = parse(response).find("div", id="content")
    return [
        (form.attrs.get("action") or response.request["PATH_INFO"], button.attrs["name"])
        for form in content.find_all("form")
        for button in form.find_all("input", type="submit")
        if button.attrs.get("name")
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_offered_link_opens(role):
    """On the article form and the review screen, no link offered to a role answers 403."""
    article, client = live_article_in_review(), logged_in(ROLES[role]())
    pages = [change_url(article), review_url(article.latest_revision)]
    links = {link for page in pages for link in offered_links(client.get(page))}
    refused = [link for link in sorted(links) if client.get(link).status_code == 403]
    assert refused == []


@pytest.mark.parametrize("role", ROLES)
def test_every_offered_button_is_allowed(role):
    """Pressing any button the two pages offer never ends in 403."""
    article, client = live_article_in_review(), logged_in(ROLES[role]())
    change_page = client.get(change_url(article))
    review_page = client.get(review_url(article.latest_revision))
    for response, data in [
        (change_page, form_data(change_page)),
        (review_page, {"comment": "Ok."}),
    ]:
        for action, button in offered_buttons(response):
            assert client.post(action, {**data, button: "1"}).status_code != 403, button


@pytest.mark.parametrize("role", ["superuser without profile", "reviewer with inactive profile"])
def test_unpublish_is_not_offered_to_those_who_may_not(role):
    """Without an active reviewer profile there is no “Unpublish…” link to be refused by."""
    article = live_article_in_review()
    assert "Unpublish" not in logged_in(ROLES[role]()).get(change_url(article)).text


def test_unpublish_is_offered_to_a_reviewer():
    """A pharmacist with an active profile sees the link, and the page it opens."""
    article, client = live_article_in_review(), logged_in(reviewer_user())
    assert "Unpublish" in client.get(change_url(article)).text
    unpublish = reverse("admin:medinfo_article_unpublish", args=[article.pk])
    assert client.get(unpublish).status_code == 200


# Submitting after “changes requested” ----------------------------------------


@pytest.fixture
def sent_back():
    """An article whose revision 1 a reviewer sent back; its editor logged in."""
    editor = editor_user()
    article = published_article(author=editor, drug=milnacipran(), title="What Is It?",
                                lead="A lead.")  # fmt: skip
    revision = revise(article, author=editor)
    workflow.request_changes(revision=revision, reviewer_user=reviewer_user(), comment="Fix it.")
    article.refresh_from_db()
    client = logged_in(editor)
    return article, client, form_data(client.get(change_url(article)))


def test_submit_with_changed_text_submits_a_new_revision(sent_back):
    """Changed text and “Submit for review”: a new revision is opened with it and submitted."""
    article, client, data = sent_back
    response = client.post(change_url(article), {**data, "lead": "A better lead.", "_submit": "1"})
    assert response.status_code == 302
    article.refresh_from_db()
    latest = article.latest_revision
    assert (latest.number, latest.status, latest.lead) == (3, RevisionStatus.IN_REVIEW,
                                                           "A better lead.")  # fmt: skip


def test_submit_with_unchanged_text_says_what_to_do(sent_back):
    """Unchanged text: a form message names the revision and asks for a change first."""
    article, client, data = sent_back
    response = client.post(change_url(article), {**data, "_submit": "1"})
    assert response.status_code == 200
    text = html.unescape(response.text)
    assert "Revision 2 came back with changes requested: change the text, then submit." in text
    assert "Only a draft can be submitted" not in text
    article.refresh_from_db()
    assert article.latest_revision.number == 2


# Length limits -----------------------------------------------------------------


def test_overlong_unpublish_reason_is_refused_in_the_form():
    """A 100,000-character reason is refused with the limit named; the article stays live."""
    article, client = live_article_in_review(), logged_in(reviewer_user())
    unpublish = reverse("admin:medinfo_article_unpublish", args=[article.pk])
    response = client.post(unpublish, {"reason": TOO_LONG})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.text
    article.refresh_from_db()
    assert article.live_revision_id is not None


def test_overlong_decision_comment_is_refused_in_the_form():
    """A 100,000-character comment on the review screen is refused; the revision stays in review."""
    article, client = live_article_in_review(), logged_in(reviewer_user())
    revision = article.latest_revision
    response = client.post(review_url(revision), {"comment": TOO_LONG, "_approve": "1"})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.text
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW


@pytest.mark.parametrize("decide", [workflow.approve_revision, workflow.request_changes])
def test_overlong_comment_is_refused_by_the_service(decide):
    """Past every form, the workflow itself refuses a comment over the limit."""
    revision = live_article_in_review().latest_revision
    with pytest.raises(workflow.WorkflowError, match="2,000 characters"):
        decide(revision=revision, reviewer_user=reviewer_user(), comment=TOO_LONG)


def test_overlong_unpublish_reason_is_refused_by_the_service():
    """The unpublish service refuses a reason over the limit too."""
    article = live_article_in_review()
    with pytest.raises(workflow.WorkflowError, match="2,000 characters"):
        workflow.unpublish_article(article=article, reviewer_user=reviewer_user(), reason=TOO_LONG)
